/* teikit reading edition: the reader's settings and keys.
   - Settings (the "Reading settings" panel in the header; remembered in localStorage,
     applied before paint by prefs.js): theme (as the system, light, dark), text size, links
     on names (every name, the first in each paragraph, none).
   - Keys: ← or k goes to the previous section, → or j to the next (not while typing, nor
     with a modifier key held). */
(function () {
  "use strict";
  var tk = window.teikit;
  var root = document.documentElement;

  function setupSettings() {
    var button = document.getElementById("tk-settings-button");
    var panel = document.getElementById("tk-settings");
    if (!button || !panel) { return; }
    button.hidden = false;
    function setOpen(open) {
      panel.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () { setOpen(panel.hidden); });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !panel.hidden) { setOpen(false); button.focus(); }
    });
    document.addEventListener("click", function (ev) {
      if (!panel.hidden && !panel.contains(ev.target) && !button.contains(ev.target)) { setOpen(false); }
    });
    // the current values
    var current = {
      theme: root.getAttribute("data-theme") || "auto",
      size: root.getAttribute("data-size") || "m",
      links: root.getAttribute("data-links") || "first"
    };
    panel.querySelectorAll("input[type=radio]").forEach(function (input) {
      input.checked = current[input.name] === input.value;
    });
    panel.addEventListener("change", function (ev) {
      var input = ev.target;
      if (!input.name) { return; }
      tk.setSetting(input.name, input.value);
      if (input.name === "theme") {
        if (input.value === "auto") { root.removeAttribute("data-theme"); } else { root.setAttribute("data-theme", input.value); }
      } else if (input.name === "size") {
        root.setAttribute("data-size", input.value);
      } else if (input.name === "links") {
        root.setAttribute("data-links", input.value);
        if (tk.applyLinks) { tk.applyLinks(input.value); }
      }
    });
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function setupKeys() {
    document.addEventListener("keydown", function (ev) {
      if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey || typing(ev.target)) { return; }
      if (document.querySelector(":popover-open, dialog[open]")) { return; }
      var rel = { ArrowLeft: "prev", k: "prev", ArrowRight: "next", j: "next" }[ev.key];
      if (!rel) { return; }
      var link = document.querySelector("nav.prevnext a[rel=" + rel + "]");
      if (link) {
        ev.preventDefault();
        window.location.href = link.href;
      }
    });
  }

  /* The scans beside the text (a facsimile edition: .pb-scan after each page break with a
     copied scan, hidden until asked for; its image is lazy, so none is fetched before). A
     toggle button, remembered like the settings. */
  function setupScans() {
    var button = document.getElementById("tk-scans-button");
    if (!button || !document.querySelector(".pb-scan")) { return; }
    button.hidden = false;
    function show(on) {
      if (on) { root.setAttribute("data-scans", "on"); } else { root.removeAttribute("data-scans"); }
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    show(root.getAttribute("data-scans") === "on");
    button.addEventListener("click", function () {
      var on = root.getAttribute("data-scans") !== "on";
      show(on);
      tk.setSetting("scans", on ? "on" : "off");
    });
  }

  setupSettings();
  setupScans();
  setupKeys();
})();
