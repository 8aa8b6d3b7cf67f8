/* Keep the guide out of the tab's Back history. Moving between pages of this
   site replaces the current history entry instead of adding one, so a whole
   visit leaves at most one entry, and the quick exit (location.replace) swaps
   even that one for the neutral site. Back then leads to what was open before.
   Organizations turn this off with quick_exit.keep_out_of_history: false. */
(function () {
  "use strict";

  var area = document.querySelector("[data-sg-quick-exit]");
  if (!area || area.getAttribute("data-keep-out-of-history") !== "true") return;

  function sameSite(url) {
    return url.origin === window.location.origin && /^https?:$/.test(url.protocol);
  }

  // Links: page to page, menu, search results, previous/next, in-page anchors.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    // Ctrl/Cmd/Shift/Alt ask for a new tab, window or download: leave those alone.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download")) return;
    var target = link.getAttribute("target");
    if (target && target.toLowerCase() !== "_self") return;
    var url = new URL(link.href);
    if (!sameSite(url)) return;
    event.preventDefault();
    window.location.replace(url.href);
  });

  // The theme's keyboard shortcuts for previous/next page (p , n .) would add
  // entries with location.href: do the same move with replace instead.
  var SHORTCUTS = { "p": "prev", ",": "prev", "n": "next", ".": "next" };
  window.addEventListener("keydown", function (event) {
    var rel = SHORTCUTS[event.key];
    if (!rel || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var search = document.getElementById("__search");
    if (search && search.checked) return;
    var focused = event.target;
    if (focused instanceof Element &&
        focused.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])")) return;
    var link = document.querySelector("link[rel='" + rel + "'][href]");
    if (!link) return;
    var url = new URL(link.href);
    if (!sameSite(url)) return;
    event.preventDefault();
    event.stopPropagation();
    window.location.replace(url.href);
  }, true);
})();
