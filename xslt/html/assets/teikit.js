/* teikit reading edition: what every page shares (interface strings, reader settings
   stored in localStorage, accent/case folding) and "go to printed page".
   Local only: reads window.TK_PAGES (pages-data.js), never the network. Without
   JavaScript every feature degrades to plain links and forms. The other scripts
   (notes.js, entities.js, cite.js, reader.js, search.js) use window.teikit. */
(function () {
  "use strict";

  /* Interface strings come from the page (the stylesheet's $labels), English as a fallback. */
  function text(name, fallback) {
    return (document.body && document.body.dataset[name]) || fallback;
  }

  /* Reader settings: kept in localStorage (a private window or a blocked storage just
     forgets them). prefs.js applies them to <html> before the page is drawn. */
  var PREFIX = "teikit.";
  function getSetting(name, fallback) {
    try { return window.localStorage.getItem(PREFIX + name) || fallback; } catch (e) { return fallback; }
  }
  function setSetting(name, value) {
    try { window.localStorage.setItem(PREFIX + name, value); } catch (e) { /* not remembered */ }
  }

  /* Case and accent folding, the same as the search index's (src/teikit/build/search_index.py):
     NFD, combining marks removed, lower case; ß and ligatures spelled out. */
  var SPELLED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ﬁ": "fi", "ﬂ": "fl" };
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[ßæœøđłıﬁﬂ]/g, function (c) { return SPELLED[c]; });
  }

  /* Words of a text as the index cuts them: runs of letters and digits (apostrophes
     inside a word kept out, so "Stalin's" gives "stalin", "s"). */
  var WORD = /[\p{L}\p{N}]+/gu;
  function words(s) {
    return fold(s).match(WORD) || [];
  }

  /* The element's text as read: hidden readings (sic, orig) and note markers left out. */
  function readText(el) {
    var out = "";
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("[hidden], a.noteref, .pb, .cite-btn") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) { out += walker.currentNode.nodeValue; }
    return out.replace(/\s+/g, " ").trim();
  }

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
        else if (status) { status.textContent = text("noPage", "No printed page") + " " + value; }
      });
    });
    // pages.html?page=45 (the form without JavaScript lands here): jump when possible.
    var params = new URLSearchParams(window.location.search);
    if (params.has("page")) {
      var href = pageHref(params.get("page"));
      if (href) { window.location.replace(href); }
    }
  }

  window.teikit = {
    text: text, getSetting: getSetting, setSetting: setSetting,
    fold: fold, words: words, readText: readText
  };
  setupGoto();
})();
