/* Focus and jumps to a part of the page stop below the top bar, however tall it is.

   The bar sticks to the top of the screen, and on a phone it has a second row for
   the organization's name, which can wrap. When Tab or Shift+Tab brings a link into
   view, the browser would otherwise put it under the bar. The bar's height is kept
   in --sg-header-height, which the stylesheet uses as the page's scroll padding. */
(function () {
  "use strict";

  var header = document.querySelector(".md-header");
  if (!header || !window.ResizeObserver) return;
  var root = document.documentElement;
  new ResizeObserver(function () {
    root.style.setProperty("--sg-header-height", header.offsetHeight + "px");
  }).observe(header);
})();
