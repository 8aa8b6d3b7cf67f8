/* The head of every page lists the page in each edition with
   <link rel="alternate" hreflang> (partials/sg-head.html), for browsers and
   search engines reading the HTML. The theme reads those links too, once the
   page is ready: it would fetch a sitemap.xml next to each one (this site has
   none there: a wasted request per link, per page) and take over clicks on
   links to them with a navigation that adds a history entry. The language link
   in the top bar (partials/alternate.html) already leads to the same page in
   the other edition, so the head links are taken out of the page before the
   theme looks. Scripts at the end of the page run before it is ready. */
(function () {
  "use strict";

  var links = document.querySelectorAll("head link[rel='alternate'][hreflang]");
  for (var i = 0; i < links.length; i++) {
    links[i].parentNode.removeChild(links[i]);
  }
})();
