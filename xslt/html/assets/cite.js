/* teikit reading edition: "Cite this passage".
   Every paragraph, verse line, heading and list item of the text has a stable anchor (its
   xml:id, else a path from the TEI: xslt/html/anchors.xsl). The Cite button in the header
   (keyboard and touch) cites the passage the reader is at: the one the address names, else
   the first one on screen; with a mouse, a button beside the paragraph under the pointer
   cites that one. The dialog gives a formatted citation with the printed page and the URL
   of the passage, and the same as BibTeX (BibLaTeX), RIS and CSL-JSON to copy. The data
   is the page's citation item (<script id="tk-citation">, the same CSL-JSON as the
   edition's citation files) and the printed pages (pages-data.js). */
(function () {
  "use strict";
  var tk = window.teikit;
  var dataEl = document.getElementById("tk-citation");
  var main = document.getElementById("main");
  if (!dataEl || !main) { return; }
  var data = JSON.parse(dataEl.textContent);
  var BLOCKS = "p[id], div.p[id], .tei-l[id], li[id], h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]";
  var isText = document.body.classList.contains("kind-unit") || document.body.classList.contains("kind-all-units");

  /* ---- which passage, on which printed page ---- */
  function blocks() {
    return Array.prototype.filter.call(main.querySelectorAll(BLOCKS), function (b) {
      return !b.closest(".hits-bar") && b.textContent.trim();
    });
  }

  function blockAt(node) {
    var b = node && node.closest ? node.closest(BLOCKS) : null;
    return b && main.contains(b) ? b : null;
  }

  /* The passage the reader is at: the one the address names if it is on screen, else the
     first one whose top is on screen. */
  function currentBlock() {
    var named = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    named = named ? blockAt(named) : null;
    var top = 0;
    var header = document.querySelector(".site-header");
    if (header) { top = Math.max(0, header.getBoundingClientRect().bottom); }
    if (named) {
      var r = named.getBoundingClientRect();
      if (r.bottom > top && r.top < window.innerHeight) { return named; }
    }
    var list = blocks();
    for (var i = 0; i < list.length; i++) {
      if (list[i].getBoundingClientRect().top >= top - 2) { return list[i]; }
    }
    return list[0] || null;
  }

  function pageNumber(pb) {
    var pages = window.TK_PAGES || [];
    for (var i = 0; i < pages.length; i++) {
      if (pages[i][1].split("#")[1] === pb.id) { return pages[i][2] || pages[i][0]; }
    }
    return null;
  }

  /* The printed page(s) of a block: "47", or "47–48" when it runs over a page. */
  function pagesOf(block) {
    var start = null;
    var end = null;
    var before = true;
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    var node;
    var textSeen = false;
    while ((node = walker.nextNode())) {
      var inside = block.contains(node);
      if (before && inside) { before = false; }
      if (!before && !inside) { break; }
      if (node.nodeType === 1 && node.classList.contains("pb") && node.id) {
        var n = pageNumber(node);
        if (!n) { continue; }
        if (before || !textSeen) { start = n; } else { end = n; }
      } else if (!before && node.nodeType === 3 && node.nodeValue.trim() && !node.parentElement.closest(".pb")) {
        textSeen = true;
      }
    }
    return start && end && end !== start ? start + "–" + end : start || end || "";
  }

  function passageUrl(block) {
    var base = window.location.href.split("#")[0].split("?")[0];
    return block ? base + "#" + block.id : base;
  }

  /* ---- the formats ---- */
  function personName(n, inverted) {
    if (n.literal) { return n.literal; }
    return inverted ? [n.family, n.given].filter(Boolean).join(", ") : [n.given, n.family].filter(Boolean).join(" ");
  }

  function nameList(names, invertFirst) {
    var out = (names || []).map(function (n, i) { return personName(n, invertFirst && i === 0); });
    if (out.length < 2) { return out.join(""); }
    return out.slice(0, -1).join(", ") + " and " + out[out.length - 1];
  }

  /* The issued date's parts: one date, or the two ends of a range (CSL's date-parts). */
  function issued(item) {
    var parts = item.issued && item.issued["date-parts"];
    return parts && parts.length && parts[0] && parts[0].length ? parts : null;
  }

  /* The year as printed: "1795", a range "1795–1797", "c. 1795" when the date is approximate. */
  function year(item) {
    var d = issued(item);
    if (!d) { return ""; }
    var first = String(d[0][0]), last = d[1] && d[1].length ? String(d[1][0]) : first;
    return (item.issued.circa ? "c. " : "") + (first === last ? first : first + "\u2013" + last);
  }

  /* The first year alone (RIS's PY holds one date). */
  function firstYear(item) {
    var d = issued(item);
    return d ? String(d[0][0]) : "";
  }

  function iso(parts) {
    return parts.map(function (p, i) { return i ? String(p).padStart(2, "0") : String(p); }).join("-");
  }

  /* BibLaTeX's date: one ISO date, or a range "1795-07/1797" (its own syntax). */
  function isoDate(item) {
    var d = issued(item);
    if (!d) { return ""; }
    return d[1] && d[1].length ? iso(d[0]) + "/" + iso(d[1]) : iso(d[0]);
  }

  function today() {
    var d = new Date();
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  }

  /* A citation in the usual humanities form, as text and as HTML (the title in italics). */
  function formatted(item, page, url) {
    var chapter = item.type === "chapter";
    var parts = [];
    var authors = nameList(item.author, true);
    var book = chapter ? item["container-title"] : item.title;
    var head = (authors ? authors + ". " : "") + (chapter ? "\u201c" + item.title + ".\u201d In " : "");
    var translators = nameList(item.translator, false);
    var editors = nameList(item.editor, false);
    var imprint = [item["publisher-place"], item.publisher].filter(Boolean).join(": ");
    var tail = "";
    if (editors) { tail += ". Edited by " + editors; }
    if (translators) { tail += ". Translated by " + translators; }
    if (imprint || year(item)) { tail += ". " + [imprint, year(item)].filter(Boolean).join(", "); }
    if (page) { tail += ", p. " + page; }
    tail += ". " + url + ".";
    parts.push(head, book, tail);
    return { text: parts.join(""), head: head, book: book, tail: tail };
  }

  function cslItem(item, page, url, anchor) {
    var copy = JSON.parse(JSON.stringify(item));
    copy.id = item.id + (anchor ? "-" + anchor.replace(/[^A-Za-z0-9_.-]/g, "-") : "");
    if (page) { copy.page = page; } else { delete copy.page; }
    copy.URL = url;
    copy.accessed = { "date-parts": [today()] };
    return copy;
  }

  var LATEX = { "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "%": "\\%", "&": "\\&", "$": "\\$",
                "#": "\\#", "_": "\\_", "^": "\\^{}", "~": "\\~{}" };
  function tex(s) { return String(s).replace(/[\\{}%&$#_^~]/g, function (c) { return LATEX[c]; }); }
  function texNames(names) {
    return (names || []).map(function (n) {
      if (n.literal) { return "{" + tex(n.literal) + "}"; }
      var family = tex(n.family || "");
      if (/,| and /.test(family)) { family = "{" + family + "}"; }
      return n.given ? family + ", " + tex(n.given) : family;
    }).join(" and ");
  }
  var LANGIDS = { en: "english", fr: "french", de: "german", ru: "russian", it: "italian", es: "spanish", nl: "dutch" };

  /* BibLaTeX (UTF-8), the dialect of the edition's citation files (teikit.cite.biblatex). */
  function bibtex(c) {
    var fields = [];
    function put(name, value) { if (value) { fields.push("  " + name + " = {" + value + "}"); } }
    put("author", texNames(c.author));
    put("translator", texNames(c.translator));
    put("editor", texNames(c.editor));
    put("title", tex(c.title || ""));
    if (c.type === "chapter") { put("booktitle", tex(c["container-title"] || "")); }
    put("publisher", tex(c.publisher || ""));
    put("location", tex(c["publisher-place"] || ""));
    put("date", isoDate(c));
    put("pages", (c.page || "").replace(/[–-]/, "--"));
    put("isbn", tex(c.ISBN || ""));
    put("url", c.URL);
    put("urldate", c.accessed["date-parts"][0].map(function (p, i) { return i ? String(p).padStart(2, "0") : String(p); }).join("-"));
    put("langid", LANGIDS[(c.language || "").split("-")[0]] || "");
    var type = c.type === "chapter" ? "inbook" : "book";
    return "@" + type + "{" + c.id.replace(/[^A-Za-z0-9_.:-]/g, "-") + ",\n" + fields.join(",\n") + "\n}\n";
  }

  var RIS_TYPES = { book: "BOOK", chapter: "CHAP" };
  /* RIS as Zotero reads it (the same tags as teikit.cite.ris). */
  function ris(c) {
    var lines = [["TY", RIS_TYPES[c.type] || "GEN"], ["ID", c.id]];
    (c.author || []).forEach(function (n) { lines.push(["AU", personName(n, true)]); });
    (c.editor || []).forEach(function (n) { lines.push(["A2", personName(n, true)]); });
    (c.translator || []).forEach(function (n) { lines.push(["A4", personName(n, true)]); });
    lines.push(["TI", c.title || ""]);
    if (c["container-title"]) { lines.push(["T2", c["container-title"]]); }
    if (firstYear(c)) { lines.push(["PY", firstYear(c)]); }
    [["publisher", "PB"], ["publisher-place", "CY"], ["ISBN", "SN"], ["language", "LA"], ["URL", "UR"]].forEach(function (f) {
      if (c[f[0]]) { lines.push([f[1], c[f[0]]]); }
    });
    if (c.page) {
      var p = c.page.split(/[–-]/);
      lines.push(["SP", p[0]]);
      if (p[1]) { lines.push(["EP", p[1]]); }
    }
    lines.push(["Y2", c.accessed["date-parts"][0].join("/")]);
    lines.push(["ER", ""]);
    return lines.map(function (l) {
      return l[0] === "ER" ? "ER  -" : l[0] + "  - " + String(l[1]).replace(/\s+/g, " ").trim();
    }).join("\r\n") + "\r\n";
  }

  /* ---- copying ---- */
  function copy(text, status) {
    function done() { status.textContent = tk.text("copied", "Copied"); }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (e) { /* the text is shown: select it by hand */ }
      area.remove();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  /* ---- the dialog ---- */
  var dialog = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }

  function makeDialog() {
    var d = el("dialog", { id: "tk-cite-dialog", "aria-labelledby": "tk-cite-title", class: "cite-dialog" });
    d.appendChild(el("h2", { id: "tk-cite-title" }));
    d.appendChild(el("blockquote", { id: "tk-cite-quote", class: "cite-quote" }));
    var p = el("p", { id: "tk-cite-text", class: "cite-text" });
    d.appendChild(p);
    var row = el("p", { class: "cite-actions" });
    var copyText = el("button", { type: "button", "data-format": "text" }, tk.text("copy", "Copy"));
    row.appendChild(copyText);
    row.appendChild(el("span", { class: "cite-status", role: "status" }));
    d.appendChild(row);
    [["bibtex", "BibTeX"], ["ris", "RIS"], ["csl", "CSL-JSON"]].forEach(function (f) {
      var details = el("details", { class: "cite-format" });
      details.appendChild(el("summary", {}, f[1]));
      var pre = el("pre", { id: "tk-cite-" + f[0], tabindex: "0" });
      details.appendChild(pre);
      var b = el("button", { type: "button", "data-format": f[0] }, tk.text("copy", "Copy") + " " + f[1]);
      details.appendChild(b);
      d.appendChild(details);
    });
    var close = el("button", { type: "button", class: "cite-close" }, tk.text("close", "Close"));
    close.addEventListener("click", function () { d.close(); });
    d.appendChild(close);
    d.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-format]");
      if (!b) { return; }
      var f = b.getAttribute("data-format");
      var text = f === "text" ? document.getElementById("tk-cite-text").textContent
        : document.getElementById("tk-cite-" + f).textContent;
      copy(text, d.querySelector(".cite-status"));
    });
    // the dialog's own words in the interface's language (the passage keeps the page's)
    if (tk.interfaceLang()) {
      d.querySelectorAll("h2, .cite-actions, summary, .cite-format button, .cite-close").forEach(function (n) {
        n.lang = tk.interfaceLang();
      });
    }
    document.body.appendChild(d);
    return d;
  }

  function openCite(block, opener) {
    if (!dialog) { dialog = makeDialog(); }
    var item = data.item;
    var page = block ? pagesOf(block) : "";
    var url = passageUrl(block);
    var anchor = block ? block.id : "";
    document.getElementById("tk-cite-title").textContent = block ? tk.text("citePassage", "Cite this passage") : tk.text("cite", "Cite");
    var quote = document.getElementById("tk-cite-quote");
    var said = block ? tk.readText(block) : "";
    quote.textContent = said.length > 200 ? said.slice(0, 200).replace(/\s+\S*$/, "") + " …" : said;
    quote.hidden = !said;
    var f = formatted(item, page, url);
    var p = document.getElementById("tk-cite-text");
    p.textContent = "";
    p.appendChild(document.createTextNode(f.head));
    p.appendChild(el("i", {}, f.book));
    p.appendChild(document.createTextNode(f.tail));
    var csl = cslItem(item, page, url, anchor);
    document.getElementById("tk-cite-bibtex").textContent = bibtex(csl);
    document.getElementById("tk-cite-ris").textContent = ris(csl);
    document.getElementById("tk-cite-csl").textContent = JSON.stringify([csl], null, 2);
    dialog.querySelector(".cite-status").textContent = "";
    if (block) { history.replaceState(null, "", "#" + block.id); }
    dialog.addEventListener("close", function back() {
      dialog.removeEventListener("close", back);
      if (opener) { opener.focus(); }
    });
    dialog.showModal();
  }

  /* ---- the buttons ---- */
  var headerButton = document.getElementById("tk-cite-button");
  if (headerButton) {
    headerButton.hidden = false;
    headerButton.addEventListener("click", function () { openCite(isText ? currentBlock() : null, headerButton); });
  }

  if (isText) {
    // with a mouse: a button beside the paragraph under the pointer
    var hover = el("button", { type: "button", class: "cite-btn", tabindex: "-1", "aria-hidden": "true" }, "\u275d");
    hover.title = tk.text("citePassage", "Cite this passage");
    hover.hidden = true;
    document.body.appendChild(hover);
    var hovered = null;
    main.addEventListener("mouseover", function (ev) {
      var b = blockAt(ev.target);
      if (!b || b === hovered || b.closest(".notes")) { return; }
      hovered = b;
      var r = b.getBoundingClientRect();
      hover.style.top = (r.top + window.scrollY) + "px";
      hover.style.left = Math.max(0, r.left + window.scrollX - 34) + "px";
      hover.hidden = false;
    });
    hover.addEventListener("click", function () { if (hovered) { openCite(hovered, null); } });
  }

  window.teikit.cite = { formatted: formatted, bibtex: bibtex, ris: ris, pagesOf: pagesOf };
})();
