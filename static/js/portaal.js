// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  // WCAG 3.3.1: after a failed submit, move focus to the first error: a message about the whole form
  // (templates/bootstrap5/errors.html) or the first field marked aria-invalid, whichever comes first.
  document.addEventListener("DOMContentLoaded", function () {
    var eersteFout = document.querySelector(".portaal-formfout, [aria-invalid='true']");
    if (eersteFout && typeof eersteFout.focus === "function") {
      eersteFout.focus();
    }
  });
})();

// The menu's "Meer" (a <details>, works without script) closes on a click elsewhere and on Escape,
// as a menu that drops over the page should; Escape puts focus back on "Meer".
(function () {
  "use strict";
  function openMeer() {
    return Array.prototype.slice.call(document.querySelectorAll("details.portaal-meer[open]"));
  }
  document.addEventListener("click", function (event) {
    openMeer().forEach(function (meer) {
      if (!meer.contains(event.target)) {
        meer.removeAttribute("open");
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    openMeer().forEach(function (meer) {
      meer.removeAttribute("open");
      meer.querySelector("summary").focus();
    });
  });
})();
