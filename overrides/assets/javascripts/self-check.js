/* The self-check: the answers live in this page's memory only. Nothing here
   writes to storage, changes the address or sends anything; the radio buttons
   are in no form, so nothing can be submitted either. Leaving the page clears
   them, so the browser's back/forward cache never shows them again.

   As the reader answers, the reflection shows what her answers point to: for
   each group, its "if any" words as soon as one answer counts, or its "if
   none" words once every statement has an answer that does not. Danger groups
   come first (the template puts them first). Without JavaScript, and on paper,
   every reflection stays written out. */
(function () {
  "use strict";

  var checks = document.querySelectorAll("[data-sg-self-check]");
  if (!checks.length) return;

  function setUp(check) {
    var groups = check.querySelectorAll("[data-sg-group]");
    var waiting = check.querySelector("[data-sg-waiting]");
    var tools = check.querySelector("[data-sg-tools]");
    var status = check.querySelector("[data-sg-status]");
    var clearButton = check.querySelector("[data-sg-clear]");
    var radios = check.querySelectorAll("input[type=radio]");

    check.classList.add("sg-self-check--live");

    function stateOf(group) {
      var statements = group.querySelectorAll(".sg-self-check__statement");
      var answered = 0;
      var counts = false;
      statements.forEach(function (statement) {
        var chosen = statement.querySelector("input[type=radio]:checked");
        if (!chosen) return;
        answered += 1;
        if (chosen.hasAttribute("data-sg-counts")) counts = true;
      });
      if (counts) return "any";
      if (answered && answered === statements.length) return "none";
      return null;
    }

    function update() {
      var anyAnswer = check.querySelector("input[type=radio]:checked") !== null;
      groups.forEach(function (group) {
        var state = stateOf(group);
        var answer = check.querySelector('[data-sg-for="' + group.id + '"]');
        if (!answer) return;
        answer.hidden = state === null;
        answer.querySelectorAll("[data-sg-when]").forEach(function (part) {
          part.hidden = part.getAttribute("data-sg-when") !== state;
        });
        answer.classList.toggle("sg-self-check__answer--shown", state !== null);
      });
      if (waiting) waiting.hidden = anyAnswer;
      if (tools) tools.hidden = !anyAnswer;
    }

    function clear() {
      radios.forEach(function (radio) { radio.checked = false; });
      update();
    }

    check.addEventListener("change", function (event) {
      if (event.target.type !== "radio") return;
      if (status) status.textContent = "";
      update();
    });

    if (clearButton) {
      clearButton.addEventListener("click", function () {
        clear();
        if (status) status.textContent = clearButton.getAttribute("data-cleared");
        var first = check.querySelector("input[type=radio]");
        if (first) first.focus();
      });
    }

    window.addEventListener("pagehide", clear);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) clear();
    });
    update();
  }

  checks.forEach(setUp);

  // Discreet printing: the browser's print header (if it is turned on) shows
  // the page's own heading instead of "page - site name".
  var fullTitle = document.title;
  window.addEventListener("beforeprint", function () {
    fullTitle = document.title;
    var heading = document.querySelector(".md-content h1");
    document.title = heading ? heading.textContent.trim() : "";
  });
  window.addEventListener("afterprint", function () {
    document.title = fullTitle;
  });
})();
