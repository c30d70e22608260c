// Progressive enhancement: a form that sends data (POST) is sent once per click. After the first submit
// its buttons are disabled, so a double click sends one request. The server-side one-time key
// (invoer.eenmalig) is the guarantee; this only spares the second request. The buttons are disabled only
// after the browser has collected the form's data, so the pressed button (name="indienen") is still sent.
(function () {
  "use strict";
  var WACHTTIJD = 15000; // then the buttons work again, so someone can retry after a timeout

  function knoppen(form) {
    return form.querySelectorAll("button[type='submit'], button:not([type]), input[type='submit']");
  }

  function vrijgeven(form) {
    knoppen(form).forEach(function (knop) {
      knop.disabled = false;
      knop.removeAttribute("aria-disabled");
    });
    delete form.dataset.eenmaalVerstuurd;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") {
      return;
    }
    if (form.dataset.eenmaalVerstuurd) {
      event.preventDefault(); // the second click of a double click
      return;
    }
    if (event.defaultPrevented) {
      return;
    }
    form.dataset.eenmaalVerstuurd = "1";
    // After this event the browser has collected the form's data (with the pressed button); then disable.
    window.setTimeout(function () {
      knoppen(form).forEach(function (k) {
        k.disabled = true;
        k.setAttribute("aria-disabled", "true");
      });
    }, 0);
    window.setTimeout(function () {
      vrijgeven(form);
    }, WACHTTIJD);
  });

  // Back to this page from the browser's cache: the buttons work again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-eenmaal-verstuurd]").forEach(vrijgeven);
    }
  });
})();
