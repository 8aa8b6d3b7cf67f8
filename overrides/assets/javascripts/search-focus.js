/* Closing the search with Escape puts keyboard focus back where it was, and
   focus that moved while the search was open stays on screen.

   The theme closes its search dialog on Escape and drops focus on the page
   body, so a keyboard or screen reader user loses their place. This remembers
   what had focus when the search box received it, and returns focus there.
   The search form's submit button opens the best match, like Enter. */
(function () {
  "use strict";

  var returnTo = null;

  function inSearch(element) {
    return Boolean(element && element.closest && element.closest(".md-search"));
  }

  function canTakeFocus(element) {
    return Boolean(element && element.isConnected && element.getClientRects().length > 0);
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input") && !inSearch(event.relatedTarget)) {
      returnTo = event.relatedTarget;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !inSearch(event.target)) {
      return;
    }
    // After the theme has closed the dialog.
    window.setTimeout(function () {
      var active = document.activeElement;
      if (active && active !== document.body && !inSearch(active)) {
        return;
      }
      if (canTakeFocus(returnTo)) {
        returnTo.focus();
      } else if (active && active !== document.body) {
        active.blur();
      }
      returnTo = null;
    }, 0);
  });

  // The search form's submit button (for readers who cannot press Enter) does
  // what Enter does in the theme's search box: it opens the best match. The form
  // itself is never sent, so the words typed never reach the address bar.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches(".md-search__form")) {
      return;
    }
    event.preventDefault();
    var query = form.querySelector(".md-search__input");
    query.focus();
    query.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  });

  // On small screens the theme freezes the page while the search is open and,
  // a moment after it closes, scrolls back to where the reader was. If Tab or
  // Shift+Tab moved focus out of the search (to the notice at the top, say), that
  // scroll would leave the focused link out of sight: bring it back into view.
  new MutationObserver(function () {
    if (document.body.hasAttribute("data-md-scrolllock")) {
      return;
    }
    var active = document.activeElement;
    if (!active || active === document.body || inSearch(active)) {
      return;
    }
    var box = active.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= window.innerHeight) {
      active.scrollIntoView({ block: "nearest" });
    }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });
})();
