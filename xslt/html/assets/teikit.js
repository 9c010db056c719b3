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

  /* A query as clauses: "a phrase" (words in a row), a word, a word* (words that begin so).
     A word the index cuts in two ("Stalin's") is a phrase of its parts. */
  function parseQuery(q) {
    var clauses = [];
    var re = /"([^"]*)"?|(\S+)/g;
    var m;
    while ((m = re.exec(q)) !== null) {
      if (m[1] !== undefined) {
        var ws = words(m[1]);
        if (ws.length) { clauses.push({ words: ws, phrase: ws.length > 1, prefix: false }); }
      } else {
        var prefix = /\*$/.test(m[2]);
        var w = words(m[2]);
        if (w.length) { clauses.push({ words: w, phrase: w.length > 1, prefix: prefix && w.length === 1 }); }
      }
    }
    return clauses;
  }

  /* Does a folded word match a clause word (exactly, or by its beginning for word*)? */
  function wordMatches(word, clauseWord, prefix) {
    return prefix ? word.lastIndexOf(clauseWord, 0) === 0 : word === clauseWord;
  }

  /* The words of a text with where they stand: [{w: folded word, start, end}]. A word
     with an accent NFD cannot strip is cut where the index cuts it. */
  var RAW_WORD = /[\p{L}\p{N}\p{M}]+/gu;
  function positions(s) {
    var out = [];
    var m;
    RAW_WORD.lastIndex = 0;
    while ((m = RAW_WORD.exec(s)) !== null) {
      var parts = words(m[0]);
      if (parts.length === 1) { out.push({ w: parts[0], start: m.index, end: m.index + m[0].length }); }
      else { parts.forEach(function (p) { out.push({ w: p, start: m.index, end: m.index + m[0].length }); }); }
    }
    return out;
  }

  /* Where the clauses match in a text: merged [start, end] ranges. `extra` are further
     phrases to mark (the words of names a query found a person by). */
  function hitRanges(s, clauses, extra) {
    var pos = positions(s);
    var ranges = [];
    var all = clauses.concat((extra || []).map(function (ws) { return { words: ws, phrase: ws.length > 1, prefix: false }; }));
    all.forEach(function (c) {
      for (var i = 0; i + c.words.length <= pos.length; i++) {
        var ok = true;
        for (var j = 0; j < c.words.length && ok; j++) {
          ok = wordMatches(pos[i + j].w, c.words[j], c.prefix && j === c.words.length - 1);
        }
        if (ok) { ranges.push([pos[i].start, pos[i + c.words.length - 1].end]); }
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push([r[0], r[1]]); }
    });
    return merged;
  }

  /* ---- a page opened from a search result: every hit marked, the hit in view ----
     search.html links to page.html?hl=QUERY&he=ENTITY-PAGE#BLOCK. */
  function markHits() {
    var params = new URLSearchParams(window.location.search);
    var query = params.get("hl");
    if (!query) { return; }
    var clauses = parseQuery(query);
    var entityPages = params.getAll("he");
    var main = document.getElementById("main");
    if (!main || (!clauses.length && !entityPages.length)) { return; }
    var nodes = [];
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("[hidden], script, .pb, a.noteref") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    var count = 0;
    nodes.forEach(function (node) {
      var ranges = hitRanges(node.nodeValue, clauses);
      for (var i = ranges.length - 1; i >= 0; i--) {
        var hit = node.splitText(ranges[i][0]);
        hit.splitText(ranges[i][1] - ranges[i][0]);
        var mark = document.createElement("mark");
        mark.className = "tk-hit";
        hit.parentNode.replaceChild(mark, hit);
        mark.appendChild(hit);
        count++;
      }
    });
    // names that the query found by another of their names
    entityPages.forEach(function (href) {
      main.querySelectorAll("a.entity").forEach(function (a) {
        if (a.getAttribute("href") === href && !a.querySelector("mark")) {
          var mark = document.createElement("mark");
          mark.className = "tk-hit";
          while (a.firstChild) { mark.appendChild(a.firstChild); }
          a.appendChild(mark);
          count++;
        }
      });
    });
    if (!count) { return; }
    var block = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    // the first hit in the block the result named (or after it: a printed page's anchor)
    var marks = Array.prototype.slice.call(main.querySelectorAll("mark.tk-hit"));
    var first = (block && marks.filter(function (m) {
      return block.contains(m) || (block.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
    })[0]) || marks[0];
    first.classList.add("tk-hit-current");
    var bar = document.createElement("p");
    bar.className = "hits-bar";
    bar.setAttribute("role", "status");
    bar.textContent = text("hits", "Search hits") + ": " + count + " ";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = text("clearHits", "Clear the highlighting");
    clear.addEventListener("click", function () {
      main.querySelectorAll("mark.tk-hit").forEach(function (m) {
        m.replaceWith.apply(m, Array.prototype.slice.call(m.childNodes));
      });
      bar.remove();
    });
    bar.appendChild(clear);
    main.insertBefore(bar, main.firstChild);
    first.scrollIntoView({ block: "center" });
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
    if (params.has("page") && document.body.classList.contains("kind-pages")) {
      var href = pageHref(params.get("page"));
      if (href) { window.location.replace(href); }
    }
  }

  /* The language of the interface's words when it is not the page's (the stylesheet marks
     the site's navigation with it): what the scripts add (a note's "Close", the Cite
     dialog's buttons) says it too, so a screen reader reads them in their own language. */
  function interfaceLang() {
    var nav = document.querySelector("nav.site-nav[lang]");
    return nav ? nav.getAttribute("lang") : "";
  }

  window.teikit = {
    text: text, getSetting: getSetting, setSetting: setSetting, interfaceLang: interfaceLang,
    fold: fold, words: words, readText: readText,
    parseQuery: parseQuery, wordMatches: wordMatches, hitRanges: hitRanges
  };
  setupGoto();
  markHits();
})();
