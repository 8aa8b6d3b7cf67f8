/* Worksheets: what is typed stays in this page's memory only. Nothing here
   writes to storage or sends anything (the one request it may start is for
   the site's own print font), and leaving the page empties the forms so the
   browser's back/forward cache never shows them again.

   Each field gets a print copy next to it: on paper the copy shows the typed
   text on ruled lines and grows with it, where a field would cut it off. */
(function () {
  "use strict";

  // Printing waits for the print font (worksheets.css): only print rules use
  // it, so the screen never loads it, and a browser would print the first copy
  // in the device's own font while it loads. The print buttons and Ctrl+P (or
  // Cmd+P) load it first and then print, waiting 3 seconds at most.
  var fontWait = 3000;

  function printFaces() {
    var faces = [];
    if (document.fonts && document.fonts.forEach) {
      document.fonts.forEach(function (face) { faces.push(face); });
    }
    return faces;
  }

  function printFontReady() {
    return printFaces().every(function (face) { return face.status === "loaded" || face.status === "error"; });
  }

  function loadPrintFont() {
    return Promise.all(printFaces().map(function (face) {
      return face.load().catch(function () { return null; });  // a missing file prints in the device's font
    }));
  }

  function printWhenReady() {
    var printed = false;
    function print() {
      if (printed) return;
      printed = true;
      window.print();
    }
    loadPrintFont().then(print);
    setTimeout(print, fontWait);
  }

  document.addEventListener("keydown", function (event) {
    var key = (event.key || "").toLowerCase();
    if (key !== "p" || !(event.ctrlKey || event.metaKey) || event.altKey || printFontReady()) return;
    event.preventDefault();
    printWhenReady();
  });
  // Printing from the browser's menu cannot wait; this gets the font for the next copy.
  window.addEventListener("beforeprint", loadPrintFont);

  var sheets = document.querySelectorAll("[data-sg-worksheet]");
  if (!sheets.length) return;
  var forms = [];

  function copyOf(field) {
    var next = field.nextElementSibling;
    return next && next.classList.contains("sg-print-copy") ? next : null;
  }

  function mirror(field) {
    var copy = copyOf(field);
    if (copy) copy.textContent = field.value;
  }

  function clear(form) {
    form.reset();
    form.querySelectorAll(".sg-field").forEach(mirror);
  }

  sheets.forEach(function (sheet) {
    var form = sheet.querySelector("form");
    if (!form) return;
    forms.push(form);
    form.querySelectorAll(".sg-field").forEach(function (field) {
      var copy = document.createElement("div");
      copy.className = "sg-print-copy";
      copy.setAttribute("aria-hidden", "true");
      field.insertAdjacentElement("afterend", copy);
    });
    sheet.classList.add("sg-worksheet--mirrored");

    var status = form.querySelector(".sg-worksheet__status");
    form.addEventListener("input", function (event) {
      if (event.target.classList.contains("sg-field")) mirror(event.target);
      if (status) status.textContent = "";
    });
    // The form is never sent (its fields have no names): its one submit button
    // is Print. Enter in a field must not print, so it does nothing, as before.
    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key === "Enter" && target.tagName === "INPUT" && !/^(submit|reset|button)$/.test(target.type)) {
        event.preventDefault();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    // "reset" fires before the fields are emptied.
    form.addEventListener("reset", function () {
      var clearButton = form.querySelector("[data-sg-clear]");
      setTimeout(function () {
        form.querySelectorAll(".sg-field").forEach(mirror);
        if (status && clearButton) status.textContent = clearButton.getAttribute("data-cleared");
      }, 0);
    });

    var printButton = form.querySelector("[data-sg-print]");
    if (printButton) {
      printButton.hidden = false;
      printButton.disabled = false;
      printButton.addEventListener("click", printWhenReady);
    }
  });

  window.addEventListener("pagehide", function () {
    forms.forEach(clear);
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) forms.forEach(clear);
  });

  // Discreet printing: where the organization's name is not to be printed,
  // the browser's print header (if it is turned on) shows the page's own
  // heading instead of "page - site name".
  var discreet = document.querySelector('[data-sg-worksheet][data-show-organization="false"]');
  var fullTitle = document.title;
  window.addEventListener("beforeprint", function () {
    if (!discreet) return;
    fullTitle = document.title;
    var heading = document.querySelector(".md-content h1");
    document.title = heading ? heading.textContent.trim() : "";
  });
  window.addEventListener("afterprint", function () {
    if (discreet) document.title = fullTitle;
  });
})();
