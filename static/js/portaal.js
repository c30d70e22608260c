// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  // WCAG 3.3.1: after a failed submit, move focus to the first field with an error.
  document.addEventListener("DOMContentLoaded", function () {
    var eersteFout = document.querySelector(".is-invalid, [aria-invalid='true']");
    if (eersteFout && typeof eersteFout.focus === "function") {
      eersteFout.focus();
    }
  });
})();
