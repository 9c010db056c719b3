/* teikit reading edition: links on names of people, places, organisations and events.
   - The reader chooses (reader.js, remembered): a link on every name, on the first name of
     each entity in a paragraph (the default; none in headings), or none. A name whose link
     is off keeps its text and its anchor and is no longer a link (no tab stop).
   - A card on hover and on keyboard focus: name, dates, a one-line description, how often
     the text mentions it, and a link to its page; from window.TK_ENTITIES
     (entities-data.js). Escape hides it; the pointer can move onto it. */
(function () {
  "use strict";
  var tk = window.teikit;
  var data = window.TK_ENTITIES || {};
  var BLOCKS = "p, li, dd, td, th, blockquote, figcaption, h1, h2, h3, h4, h5, h6, .tei-l, .p, .note-body";

  /* ---- which names are links ---- */
  function applyLinks(mode) {
    var main = document.getElementById("main");
    if (!main) { return; }
    var seen = new Map();
    main.querySelectorAll("a.entity, span.entity-off").forEach(function (el) {
      var href = el.getAttribute("href") || el.dataset.href;
      var block = el.closest(BLOCKS) || main;
      var inHeading = /^H[1-6]$/.test(block.tagName);
      var first = !seen.has(block) || seen.get(block).indexOf(href) < 0;
      if (!seen.has(block)) { seen.set(block, []); }
      seen.get(block).push(href);
      var on = mode === "all" || (mode === "first" && first && !inHeading);
      setLink(el, on);
    });
  }

  /* A name whose link is off becomes a span (same text, id, classes), and back. */
  function setLink(el, on) {
    var isLink = el.tagName === "A";
    if (on === isLink) { return; }
    var other = document.createElement(on ? "a" : "span");
    Array.prototype.forEach.call(el.attributes, function (a) {
      if (a.name !== "href" && a.name !== "data-href") { other.setAttribute(a.name, a.value); }
    });
    if (on) {
      other.setAttribute("href", el.dataset.href);
      other.classList.remove("entity-off");
      other.classList.add("entity");
    } else {
      other.dataset.href = el.getAttribute("href");
      other.classList.remove("entity");
      other.classList.add("entity-off");
    }
    while (el.firstChild) { other.appendChild(el.firstChild); }
    el.replaceWith(other);
  }

  /* ---- cards ---- */
  var card = null;
  var cardFor = null;
  var showTimer = 0;
  var hideTimer = 0;

  function makeCard() {
    var el = document.createElement("div");
    el.id = "tk-entity-card";
    el.className = "entity-card";
    el.hidden = true;
    el.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    el.addEventListener("mouseleave", function () { scheduleHide(); });
    // inside <main>, so that all of the page stays within landmarks
    (document.getElementById("main") || document.body).appendChild(el);
    return el;
  }

  function fillCard(info, href) {
    card.textContent = "";
    var text = document.createElement("div");
    text.id = "tk-entity-card-text";
    var name = document.createElement("p");
    name.className = "card-name";
    name.textContent = info[0];
    text.appendChild(name);
    var facts = [info[1], info[2]].filter(Boolean).join(". ");
    if (facts) {
      var p = document.createElement("p");
      p.className = "card-facts";
      p.textContent = facts;
      text.appendChild(p);
    }
    var meta = document.createElement("p");
    meta.className = "card-meta";
    meta.textContent = info[3] + " · " + tk.text("mentioned", "mentioned") + " " + info[4] + " " + tk.text("times", "times");
    text.appendChild(meta);
    card.appendChild(text);
    var open = document.createElement("a");
    open.href = href;
    open.className = "card-open";
    open.textContent = tk.text("openPage", "Open the page") + " →";
    card.appendChild(open);
  }

  function showCard(link) {
    var href = link.getAttribute("href");
    var info = data[href];
    if (!info) { return; }
    if (!card) { card = makeCard(); }
    clearTimeout(hideTimer);
    if (cardFor !== link) {
      hideCard();
      fillCard(info, href);
    }
    cardFor = link;
    link.setAttribute("aria-describedby", "tk-entity-card-text");
    card.hidden = false;
    var r = link.getBoundingClientRect();
    var w = Math.min(340, window.innerWidth - 16);
    card.style.width = w + "px";
    card.style.left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8)) + "px";
    var h = card.offsetHeight;
    card.style.top = (r.bottom + 6 + h < window.innerHeight || r.top < h + 12 ? r.bottom + 6 : r.top - h - 6) + "px";
  }

  function hideCard() {
    clearTimeout(showTimer);
    if (card) { card.hidden = true; }
    if (cardFor) { cardFor.removeAttribute("aria-describedby"); }
    cardFor = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideCard, 250);
  }

  function entityLink(target) {
    return target && target.closest ? target.closest("#main a.entity") : null;
  }

  document.addEventListener("mouseover", function (ev) {
    var link = entityLink(ev.target);
    if (!link) { return; }
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    showTimer = setTimeout(function () { showCard(link); }, 200);
  });
  document.addEventListener("mouseout", function (ev) {
    var link = entityLink(ev.target);
    if (link && !link.contains(ev.relatedTarget)) { clearTimeout(showTimer); scheduleHide(); }
  });
  document.addEventListener("focusin", function (ev) {
    var link = entityLink(ev.target);
    if (link) { showCard(link); }
    else if (card && !card.contains(ev.target)) { hideCard(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && card && !card.hidden) { hideCard(); }
  });
  window.addEventListener("scroll", function () { if (card && !card.hidden && cardFor && !card.matches(":hover")) { hideCard(); } }, { passive: true });

  window.teikit.applyLinks = function (mode) {
    hideCard();
    applyLinks(mode);
  };
  applyLinks(document.documentElement.getAttribute("data-links") || "first");
})();
