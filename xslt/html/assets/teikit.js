/* teikit reading edition: notes in place, "go to printed page", static search.
   Local only: reads window.TK_PAGES (pages-data.js) and window.TK_SEARCH (search-data.js),
   never the network. Without JavaScript every feature degrades to plain links and forms. */
(function () {
  "use strict";

  /* Interface strings come from the page (the stylesheet's $labels), English as a fallback. */
  function uiText(name, fallback) {
    return (document.body && document.body.dataset[name]) || fallback;
  }

  /* ---- notes: a marker opens its note in a popover; Escape or a click outside closes it ---- */
  var popover = null;
  var lastMarker = null;

  function makePopover() {
    var el = document.createElement("div");
    el.id = "tk-note-popover";
    el.setAttribute("popover", "auto");
    el.setAttribute("role", "dialog");
    el.tabIndex = -1;
    el.addEventListener("toggle", function (ev) {
      if (ev.newState === "closed" && lastMarker) { lastMarker.focus(); }
    });
    document.body.appendChild(el);
    return el;
  }

  function place(el, marker) {
    var r = marker.getBoundingClientRect();
    var width = Math.min(480, window.innerWidth * 0.9);
    var left = Math.max(8, Math.min(r.left - 16, window.innerWidth - width - 8));
    el.style.left = left + "px";
    el.style.top = "auto";
    el.style.bottom = "auto";
    if (r.bottom + 200 < window.innerHeight || r.top < window.innerHeight / 2) {
      el.style.top = (r.bottom + 6) + "px";
    } else {
      el.style.bottom = (window.innerHeight - r.top + 6) + "px";
    }
  }

  function openNote(marker, note) {
    if (!popover) { popover = makePopover(); }
    if (typeof popover.showPopover !== "function") { return false; }
    var label = marker.getAttribute("aria-label") || "Note";
    popover.setAttribute("aria-label", label);
    popover.textContent = "";
    var body = note.querySelector(".note-body");
    var content = (body || note).cloneNode(true);
    content.removeAttribute("id");
    content.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    content.classList.add("popover-body");
    popover.appendChild(content);
    var actions = document.createElement("p");
    actions.className = "popover-actions";
    var go = document.createElement("a");
    go.href = "#" + note.id;
    go.textContent = uiText("goToNote", "Go to the note");
    go.addEventListener("click", function () { popover.hidePopover(); });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = uiText("close", "Close");
    close.addEventListener("click", function () { popover.hidePopover(); });
    actions.appendChild(go);
    actions.appendChild(close);
    popover.appendChild(actions);
    lastMarker = marker;
    if (popover.matches(":popover-open")) { popover.hidePopover(); }
    place(popover, marker);
    popover.showPopover();
    popover.focus();
    return true;
  }

  document.addEventListener("click", function (ev) {
    var marker = ev.target.closest && ev.target.closest("a.noteref");
    if (!marker) { return; }
    var id = decodeURIComponent(marker.hash.slice(1));
    var note = document.getElementById(id);
    if (note && openNote(marker, note)) { ev.preventDefault(); }
  });

  /* ---- go to printed page ---- */
  function pageHref(n) {
    var key = String(n).trim().toLowerCase().replace(/^p(age)?\.?\s*/, "");
    var pages = window.TK_PAGES || [];
    for (var i = 0; i < pages.length; i++) {
      if (pages[i][0] === key) { return pages[i][1]; }
    }
    return null;
  }

  function setupGoto() {
    document.querySelectorAll("form.goto-page").forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var value = form.querySelector("input").value;
        var href = pageHref(value);
        var status = form.querySelector(".goto-status");
        if (href) { window.location.href = href; }
        else if (status) { status.textContent = uiText("noPage", "No printed page") + " " + value; }
      });
    });
    // pages.html?page=45 (the form without JavaScript lands here): jump when possible.
    var params = new URLSearchParams(window.location.search);
    if (params.has("page")) {
      var href = pageHref(params.get("page"));
      if (href) { window.location.replace(href); }
    }
  }

  /* ---- search ---- */
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var folded = null;

  function snippet(text, q) {
    var i = fold(text).indexOf(q);
    var start = Math.max(0, i - 80);
    var end = Math.min(text.length, i + q.length + 80);
    var frag = document.createDocumentFragment();
    frag.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, i)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(i, i + q.length);
    frag.appendChild(mark);
    frag.appendChild(document.createTextNode(text.slice(i + q.length, end) + (end < text.length ? "…" : "")));
    return frag;
  }

  function runSearch(query) {
    var data = window.TK_SEARCH || [];
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    list.textContent = "";
    var q = fold(query.trim().replace(/\s+/g, " "));
    if (!q) { status.textContent = ""; return; }
    if (!folded) { folded = data.map(function (e) { return fold(e[2]); }); }
    var hits = 0;
    for (var i = 0; i < data.length; i++) {
      if (folded[i].indexOf(q) < 0) { continue; }
      hits++;
      if (hits > 200) { continue; }
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = data[i][0];
      a.className = "where";
      a.textContent = data[i][1];
      li.appendChild(a);
      li.appendChild(snippet(data[i][2], q));
      list.appendChild(li);
    }
    status.textContent = hits === 0 ? uiText("noResults", "Nothing found.") :
      hits + " " + uiText("results", "results") + (hits > 200 ? " (1–200)" : "");
  }

  function setupSearch() {
    var form = document.getElementById("search-form");
    if (!form) { return; }
    var input = document.getElementById("search-input");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      runSearch(input.value);
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; runSearch(q); }
  }

  setupGoto();
  setupSearch();
})();
