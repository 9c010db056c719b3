/* teikit reading edition: the reader's remembered settings (theme, text size, entity
   links, scans beside the text) applied to <html> before the page is drawn, so it never flashes in the wrong
   ones. Loaded without defer from <head>; reader.js offers the controls. */
(function () {
  "use strict";
  var root = document.documentElement;
  function get(name) {
    try { return window.localStorage.getItem("teikit." + name); } catch (e) { return null; }
  }
  var theme = get("theme");
  if (theme === "light" || theme === "dark") { root.setAttribute("data-theme", theme); }
  var size = get("size");
  if (size && /^(s|m|l|xl)$/.test(size)) { root.setAttribute("data-size", size); }
  var links = get("links");
  root.setAttribute("data-links", links === "all" || links === "none" ? links : "first");
  if (get("scans") === "on") { root.setAttribute("data-scans", "on"); }
  root.classList.add("js");
})();
