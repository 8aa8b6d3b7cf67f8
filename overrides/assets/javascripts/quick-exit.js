/* The quick exit. Without this script the button is still a plain link away.
   With it: the page is blanked in the same frame as the click, key press or
   third Shift, then location.replace() leaves, so Back does not come here. */
(function () {
  "use strict";

  var area = document.querySelector("[data-sg-quick-exit]");
  if (!area) return;
  var link = area.querySelector(".sg-quick-exit__link");
  var status = area.querySelector(".sg-quick-exit__status");
  var PRESSES_TO_LEAVE = 3;
  var PRESS_WINDOW_MS = 5000;
  var shownTitle = document.title;
  var overlay = null;

  function blankThePage() {
    if (overlay) return;
    overlay = document.createElement("div");
    overlay.className = "sg-exit-overlay";
    // Inline as well as in quick-exit.css, so it holds even if the stylesheet failed.
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;visibility:visible;" +
      "background-color:var(--md-default-bg-color,Canvas)";
    document.body.appendChild(overlay);
    document.documentElement.classList.add("sg-leaving");
    document.title = area.getAttribute("data-leaving") || "";
  }

  function restoreThePage() {
    if (overlay) overlay.remove();
    overlay = null;
    document.documentElement.classList.remove("sg-leaving");
    document.title = shownTitle;
  }

  function leave() {
    blankThePage();
    window.location.replace(link.href);
  }

  // Any click, Enter on the focused link, or a tap. A modified click would
  // open a new tab and leave this page on screen, so it leaves too.
  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  // Shift pressed on its own three times, each within 5 seconds of the last.
  // A Shift held for another key (Shift+A) does not count and starts over.
  var presses = 0;
  var shiftAlone = false;
  var timer = 0;

  function say(text) {
    if (status) status.textContent = text;
  }

  function startOver() {
    presses = 0;
    window.clearTimeout(timer);
  }

  window.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) shiftAlone = true;
      return;
    }
    shiftAlone = false;
    if (presses) {
      startOver();
      say("");
    }
  }, true);

  window.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) return;
    shiftAlone = false;
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= PRESSES_TO_LEAVE) {
      startOver();
      leave();
      return;
    }
    var left = PRESSES_TO_LEAVE - presses;
    say(area.getAttribute(left === 1 ? "data-shift-one-more" : "data-shift-two-more"));
    timer = window.setTimeout(function () {
      presses = 0;
      say(area.getAttribute("data-shift-expired"));
    }, PRESS_WINDOW_MS);
  }, true);

  // Shift held for a click (select text, open in a new window) is a modifier too.
  function notAlone() {
    shiftAlone = false;
  }
  window.addEventListener("pointerdown", notAlone, true);
  window.addEventListener("blur", notAlone);

  // Coming back through the back/forward cache: show a usable page, not a blank one.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      startOver();
      restoreThePage();
    }
  });
})();
