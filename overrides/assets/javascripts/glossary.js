/* Words from the word list, marked in guide text, open their meaning in place.

   The build writes each marked word as a link to its entry on the word list,
   followed by the meaning in a hidden span (see hooks/steady_ground/glossary.py).
   Without JavaScript the link simply opens the entry. Here the link becomes a
   button that shows or hides the meaning right below the word (a disclosure:
   aria-expanded tells screen readers whether it is open). Escape closes it and
   puts focus back on the word. Nothing is stored. */
(function () {
  "use strict";

  function toButton(link) {
    var meaning = document.getElementById(link.getAttribute("data-sg-term"));
    if (!meaning || !meaning.classList.contains("sg-term__meaning")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sg-term";
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", meaning.id);
    link.replaceWith(button);
    button.addEventListener("click", function () {
      setOpen(button, meaning, meaning.hidden);
    });
    meaning.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !meaning.hidden) {
        setOpen(button, meaning, false);
        button.focus();
        event.stopPropagation();
      }
    });
    button.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !meaning.hidden) {
        setOpen(button, meaning, false);
        event.stopPropagation();
      }
    });
  }

  function setOpen(button, meaning, open) {
    meaning.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function setUp() {
    var links = document.querySelectorAll("a.sg-term[data-sg-term]");
    for (var i = 0; i < links.length; i++) {
      toButton(links[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
