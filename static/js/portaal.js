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
