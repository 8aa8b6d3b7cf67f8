/* A search that finds nothing never leaves the reader empty-handed: under the
   theme's "no results" line, the search panel offers Get help now, the word
   list and the start page (partials/sg-search-empty.html, words from
   site-data/strings). The links sit inside the theme's result area, so the
   arrow keys reach them like results, and choosing one closes the search.
   Nothing is stored and the search words never go into an address. */
(function () {
  "use strict";

  function setUp() {
    var template = document.getElementById("sg-search-empty");
    var input = document.querySelector(".md-search__input");
    var result = document.querySelector("[data-md-component='search-result']");
    var config = document.getElementById("__config");
    if (!template || !input || !result || !config) return;
    var meta = result.querySelector(".md-search-result__meta");
    var none = (JSON.parse(config.textContent).translations || {})["search.result.none"];
    if (!meta || !none) return;

    var panel = template.content.firstElementChild.cloneNode(true);
    var intro = panel.querySelector(".sg-search-empty__intro");

    // The panel is in the page only while it is shown: the theme's arrow keys
    // walk every link in the result area, and must never stop on a hidden one.
    function update() {
      var empty = input.value.trim() !== "" && meta.textContent.trim() === none;
      if (empty === panel.isConnected) return;
      if (empty) {
        meta.after(panel);
        // A status message is read when its text appears.
        intro.textContent = intro.getAttribute("data-text");
      } else {
        panel.remove();
        intro.textContent = "";
      }
    }

    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
    input.addEventListener("input", update);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
