/* teikit reading edition: the search page. Queries the prebuilt index window.TK_SEARCH
   (search-index.js, written by teikit.build.search_index) in the browser; nothing is
   fetched. A query is clauses (teikit.parseQuery): every clause must match a passage, in
   its text or, for a name, by any name of the person, place or organisation it mentions.
   Passages are ranked by BM25; results come 20 to a page, every hit marked. */
(function () {
  "use strict";
  var tk = window.teikit;
  var data = window.TK_SEARCH;
  var PER_PAGE = 20;
  var K1 = 1.2, B = 0.75;

  var entityDocs = null;  // entity number -> {doc number: mentions}
  var avgLen = 1;

  function prepare() {
    if (entityDocs) { return; }
    entityDocs = data.entities.map(function () { return {}; });
    data.mentions.forEach(function (ms, d) {
      ms.forEach(function (m) { entityDocs[m[0]][d] = (entityDocs[m[0]][d] || 0) + 1; });
    });
    var total = 0;
    data.lens.forEach(function (n) { total += n; });
    avgLen = Math.max(1, total / Math.max(1, data.lens.length));
  }

  function bm25(tf, df, len) {
    var n = data.docs.length;
    var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return idf * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * len / avgLen));
  }

  /* Postings of one word (or of every word it begins, for word*): {doc: tf}. */
  function postings(word, prefix) {
    var out = {};
    var lists = [];
    if (prefix) {
      for (var t in data.terms) {
        if (t.lastIndexOf(word, 0) === 0) { lists.push(data.terms[t]); }
      }
    } else if (Object.prototype.hasOwnProperty.call(data.terms, word)) {
      lists.push(data.terms[word]);
    }
    lists.forEach(function (list) {
      for (var i = 0; i < list.length; i += 2) { out[list[i]] = (out[list[i]] || 0) + list[i + 1]; }
    });
    return out;
  }

  /* Entities one of whose names holds every word of the clause. */
  function entitiesFor(words, prefix) {
    var found = [];
    data.entities.forEach(function (e, i) {
      var ok = e[5].some(function (nameWords) {
        return words.every(function (w, j) {
          var last = prefix && j === words.length - 1;
          return nameWords.some(function (nw) { return tk.wordMatches(nw, w, last); });
        });
      });
      if (ok) { found.push(i); }
    });
    return found;
  }

  /* {doc: score} for one clause: its words in the text, else a mention of an entity it names. */
  function clauseScores(c) {
    var scores = {};
    var lists = c.words.map(function (w, j) { return postings(w, c.prefix && j === c.words.length - 1); });
    var dfs = lists.map(function (l) { return Object.keys(l).length; });
    var first = lists[0];
    Object.keys(first).forEach(function (d) {
      var tf = first[d];
      if (c.phrase) {
        if (!lists.every(function (l) { return l[d]; })) { return; }
        tf = tk.hitRanges(data.docs[d][2], [c]).length;
        if (!tf) { return; }
      }
      var s = 0;
      lists.forEach(function (l, j) { s += bm25(c.phrase ? tf : l[d], dfs[j], data.lens[d]); });
      scores[d] = s * (c.phrase ? 1.5 : 1);
    });
    var found = entitiesFor(c.words, c.prefix);
    found.forEach(function (e) {
      var docs = entityDocs[e];
      var df = Object.keys(docs).length;
      Object.keys(docs).forEach(function (d) {
        scores[d] = (scores[d] || 0) + bm25(docs[d], df, data.lens[d]);
      });
    });
    return { scores: scores, entities: found };
  }

  function search(query, unit) {
    prepare();
    var clauses = tk.parseQuery(query);
    if (!clauses.length) { return null; }
    var total = null;
    var entities = [];
    clauses.forEach(function (c) {
      var r = clauseScores(c);
      entities = entities.concat(r.entities);
      if (total === null) { total = r.scores; return; }
      var next = {};
      Object.keys(total).forEach(function (d) { if (r.scores[d]) { next[d] = total[d] + r.scores[d]; } });
      total = next;
    });
    var hits = Object.keys(total).map(Number).filter(function (d) {
      return !unit || data.units[data.docs[d][3]][0] === unit;
    });
    hits.sort(function (a, b) { return total[b] - total[a] || a - b; });
    return { clauses: clauses, hits: hits, entities: entities.filter(function (e, i) { return entities.indexOf(e) === i; }) };
  }

  /* The names to mark in a passage found through an entity: how the text names it there. */
  function mentionPhrases(d, entities) {
    var out = [];
    data.mentions[d].forEach(function (m) {
      if (entities.indexOf(m[0]) >= 0) { out.push(tk.words(m[1])); }
    });
    return out.filter(function (ws) { return ws.length; });
  }

  /* A snippet: the passage around its hits (all of them marked), at most about 360 characters. */
  function snippet(text, ranges) {
    var frag = document.createDocumentFragment();
    if (!ranges.length) {
      frag.appendChild(document.createTextNode(text.length > 240 ? text.slice(0, 240) + "…" : text));
      return frag;
    }
    // windows of text around the hits: [start, end, where the first hit in it starts]
    var windows = [];
    ranges.forEach(function (r) {
      var start = Math.max(0, r[0] - 70), end = Math.min(text.length, r[1] + 70);
      var last = windows[windows.length - 1];
      if (last && start <= last[1]) { last[1] = end; } else { windows.push([start, end, r[0]]); }
    });
    var budget = 360;
    windows.forEach(function (w, i) {
      if (budget <= 0) { return; }
      var start = w[0], end = Math.min(w[1], start + Math.max(budget, 80));
      ranges.forEach(function (r) { if (r[0] < end && r[1] > end) { end = r[1]; } });
      // cut at word boundaries, never into a hit
      if (start > 0) { var sp = text.indexOf(" ", start); if (sp >= 0 && sp < w[2]) { start = sp + 1; } }
      var lastHit = 0;
      ranges.forEach(function (r) { if (r[1] <= end) { lastHit = Math.max(lastHit, r[1]); } });
      if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > Math.max(start, lastHit)) { end = back; } }
      budget -= end - start;
      frag.appendChild(document.createTextNode(start > 0 || i > 0 ? "… " : ""));
      var at = start;
      ranges.forEach(function (r) {
        if (r[0] < start || r[1] > end) { return; }
        frag.appendChild(document.createTextNode(text.slice(at, r[0])));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(r[0], r[1]);
        frag.appendChild(mark);
        at = r[1];
      });
      frag.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " " : "")));
    });
    // text left out after the last window
    var tail = frag.lastChild;
    if (tail && tail.nodeType === 3 && / $/.test(tail.nodeValue)) { tail.nodeValue += "…"; }
    return frag;
  }

  /* The landing link: the page with the query to mark (?hl=) before the block's #anchor. */
  function landing(href, query, entityPages) {
    var hash = href.indexOf("#");
    var path = hash >= 0 ? href.slice(0, hash) : href;
    var params = new URLSearchParams();
    params.set("hl", query);
    entityPages.forEach(function (p) { params.append("he", p); });
    return path + "?" + params.toString() + (hash >= 0 ? href.slice(hash) : "");
  }

  function pageUrl(query, unit, n) {
    var params = new URLSearchParams();
    params.set("q", query);
    if (unit) { params.set("in", unit); }
    if (n > 1) { params.set("page", String(n)); }
    return "search.html?" + params.toString();
  }

  function showEntities(box, result) {
    box.textContent = "";
    if (!result || !result.entities.length) { return; }
    var list = document.createElement("ul");
    result.entities.slice(0, 8).forEach(function (e) {
      var ent = data.entities[e];
      var li = document.createElement("li");
      // which of its names the query found
      var matched = ent[4].filter(function (name, i) {
        return result.clauses.every(function (c) {
          return c.words.every(function (w, j) {
            return ent[5][i].some(function (nw) { return tk.wordMatches(nw, w, c.prefix && j === c.words.length - 1); });
          });
        });
      })[0];
      if (matched && matched !== ent[1]) {
        li.appendChild(document.createTextNode(matched + ": " + tk.text("otherNameOf", "another name of") + " "));
      }
      var a = document.createElement("a");
      a.href = ent[2];
      a.textContent = ent[1];
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function render(query, unit, n) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var pager = document.getElementById("search-pager");
    list.textContent = "";
    pager.textContent = "";
    pager.hidden = true;
    var result = search(query, unit);
    showEntities(document.getElementById("search-entities"), result);
    if (!result) { status.textContent = ""; return; }
    var hits = result.hits;
    if (!hits.length) { status.textContent = tk.text("noResults", "Nothing found."); return; }
    var pages = Math.ceil(hits.length / PER_PAGE);
    n = Math.min(Math.max(1, n || 1), pages);
    var from = (n - 1) * PER_PAGE;
    var shown = hits.slice(from, from + PER_PAGE);
    status.textContent = hits.length + " " + tk.text("results", "results") +
      (pages > 1 ? " (" + tk.text("showing", "showing") + " " + (from + 1) + "–" + (from + shown.length) + ")" : "");
    var entityPages = result.entities.map(function (e) { return data.entities[e][2]; });
    list.start = from + 1;
    shown.forEach(function (d) {
      var doc = data.docs[d];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = landing(doc[0], query, entityPages);
      a.className = "where";
      a.textContent = doc[1];
      li.appendChild(a);
      var p = document.createElement("span");
      p.className = "snippet";
      p.appendChild(snippet(doc[2], tk.hitRanges(doc[2], result.clauses, mentionPhrases(d, result.entities))));
      li.appendChild(p);
      list.appendChild(li);
    });
    if (pages > 1) { renderPager(pager, query, unit, n, pages); }
  }

  function renderPager(pager, query, unit, n, pages) {
    pager.hidden = false;
    var ul = document.createElement("ul");
    function item(label, page, rel, current) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = pageUrl(query, unit, page);
      a.textContent = label;
      a.dataset.page = String(page);
      if (rel) { a.rel = rel; }
      if (current) { a.setAttribute("aria-current", "page"); }
      li.appendChild(a);
      ul.appendChild(li);
    }
    if (n > 1) { item(tk.text("previous", "Previous"), n - 1, "prev", false); }
    for (var i = 1; i <= pages; i++) {
      if (i === 1 || i === pages || Math.abs(i - n) <= 2) { item(String(i), i, "", i === n); }
      else if (Math.abs(i - n) === 3) {
        var gap = document.createElement("li");
        gap.textContent = "…";
        gap.setAttribute("aria-hidden", "true");
        ul.appendChild(gap);
      }
    }
    if (n < pages) { item(tk.text("next", "Next"), n + 1, "next", false); }
    pager.appendChild(ul);
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    return { q: params.get("q") || "", unit: params.get("in") || "", page: parseInt(params.get("page") || "1", 10) || 1 };
  }

  function setup() {
    var form = document.getElementById("search-form");
    if (!form || !data) { return; }
    var input = document.getElementById("search-input");
    var select = document.getElementById("search-unit");
    function go(q, unit, n, push) {
      if (push) { history.pushState(null, "", pageUrl(q, unit, n)); }
      input.value = q;
      if (select) { select.value = unit; }
      render(q, unit, n);
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      go(input.value, select ? select.value : "", 1, true);
    });
    document.getElementById("search-pager").addEventListener("click", function (ev) {
      var a = ev.target.closest("a[data-page]");
      if (!a) { return; }
      ev.preventDefault();
      go(input.value, select ? select.value : "", parseInt(a.dataset.page, 10), true);
      document.getElementById("search-status").scrollIntoView();
    });
    window.addEventListener("popstate", function () {
      var s = fromUrl();
      go(s.q, s.unit, s.page, false);
    });
    var s = fromUrl();
    if (s.q) { go(s.q, s.unit, s.page, false); }
  }

  setup();
})();
