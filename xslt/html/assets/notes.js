/* teikit reading edition: a note marker opens its note in place.
   - The popover never leaves the screen: its body scrolls, its actions ("Go to the note",
     "Close") stay visible below it.
   - Narrow screens (phones): a sheet along the bottom of the screen.
   - Wide screens: a short note opens beside its marker; a long one as a panel on the right,
     beside the text.
   - Keyboard: Enter on a marker opens, Escape closes, focus goes back to the marker.
     Touch and mouse: a tap outside closes (the popover API's light dismiss). */
(function () {
  "use strict";
  var tk = window.teikit;
  var popover = null;
  var lastMarker = null;
  var NARROW = 640;        // px: below this the note is a bottom sheet
  var WIDE = 1100;         // px: from this a long note is a side panel
  var LONG = 700;          // characters: a note longer than this is "long"

  function makePopover() {
    var el = document.createElement("div");
    el.id = "tk-note-popover";
    el.setAttribute("popover", "auto");
    el.setAttribute("role", "dialog");
    el.tabIndex = -1;
    el.addEventListener("toggle", function (ev) {
      if (ev.newState !== "closed") { return; }
      document.body.classList.remove("note-panel-open");
      var active = document.activeElement;
      // back to the marker, unless the reader has moved on to something else
      if (lastMarker && (!active || active === document.body || el.contains(active))) {
        lastMarker.focus({ preventScroll: true });
      }
    });
    document.body.appendChild(el);
    return el;
  }

  function fill(el, marker, note) {
    var label = marker.getAttribute("aria-label") || "Note";
    el.setAttribute("aria-label", label);
    el.textContent = "";
    var body = note.querySelector(".note-body");
    var content = (body || note).cloneNode(true);
    content.removeAttribute("id");
    content.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    content.className = "popover-body";
    // a scrolling region must be reachable from the keyboard
    content.tabIndex = 0;
    content.setAttribute("role", "region");
    content.setAttribute("aria-label", label);
    el.appendChild(content);
    var actions = document.createElement("p");
    actions.className = "popover-actions";
    if (tk.interfaceLang()) { actions.lang = tk.interfaceLang(); }
    var go = document.createElement("a");
    go.href = "#" + note.id;
    go.textContent = tk.text("goToNote", "Go to the note");
    go.addEventListener("click", function () { el.hidePopover(); });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "popover-close";
    close.textContent = tk.text("close", "Close");
    close.addEventListener("click", function () { el.hidePopover(); });
    actions.appendChild(go);
    actions.appendChild(close);
    el.appendChild(actions);
    return content.textContent.length;
  }

  /* Where the note goes: a sheet, a side panel, or beside the marker (above or below,
     whichever has more room), never taller than the room it has. */
  function place(el, marker, length) {
    var w = window.innerWidth;
    var h = window.innerHeight;
    el.classList.remove("sheet", "side", "anchored");
    document.body.classList.remove("note-panel-open");
    el.style.left = el.style.top = el.style.bottom = el.style.maxHeight = el.style.width = "";
    if (w < NARROW) {
      el.classList.add("sheet");
      return;
    }
    if (w >= WIDE && length > LONG) {
      el.classList.add("side");
      document.body.classList.add("note-panel-open");
      return;
    }
    el.classList.add("anchored");
    var r = marker.getBoundingClientRect();
    var width = Math.min(480, w - 16);
    el.style.width = width + "px";
    el.style.left = Math.max(8, Math.min(r.left - 16, w - width - 8)) + "px";
    var below = h - r.bottom - 14;
    var above = r.top - 14;
    if (below >= 240 || below >= above) {
      el.style.top = (r.bottom + 6) + "px";
      el.style.maxHeight = Math.max(160, below) + "px";
    } else {
      el.style.bottom = (h - r.top + 6) + "px";
      el.style.maxHeight = Math.max(160, above) + "px";
    }
  }

  function openNote(marker, note) {
    if (!popover) { popover = makePopover(); }
    if (typeof popover.showPopover !== "function") { return false; }
    if (popover.matches(":popover-open")) { popover.hidePopover(); }
    var length = fill(popover, marker, note);
    lastMarker = marker;
    place(popover, marker, length);
    popover.showPopover();
    popover.focus();
    return true;
  }

  document.addEventListener("click", function (ev) {
    var marker = ev.target.closest && ev.target.closest("a.noteref");
    if (!marker) { return; }
    var note = document.getElementById(decodeURIComponent(marker.hash.slice(1)));
    if (note && openNote(marker, note)) { ev.preventDefault(); }
  });

  window.addEventListener("resize", function () {
    if (popover && lastMarker && popover.matches(":popover-open")) {
      place(popover, lastMarker, popover.querySelector(".popover-body").textContent.length);
    }
  });
})();
