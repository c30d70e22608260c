/* Meldingen: two small enhancements; every form works without them.
   1. Report form: "Gebruik mijn locatie" fills the hidden lat/lon fields (the wijk follows on the server).
   2. Staff detail: choosing a standard reply puts its text in the explanation field. */
(function () {
  "use strict";
  var blok = document.querySelector("[data-meldingen-locatie]");
  if (blok && navigator.geolocation) {
    var knop = blok.querySelector("button");
    var uitleg = blok.querySelector("[role=status]");
    blok.classList.remove("d-none");
    knop.addEventListener("click", function () {
      uitleg.textContent = "Locatie zoeken…";
      navigator.geolocation.getCurrentPosition(
        function (positie) {
          document.getElementById("id_lat").value = positie.coords.latitude.toFixed(6);
          document.getElementById("id_lon").value = positie.coords.longitude.toFixed(6);
          uitleg.textContent = "Uw locatie is toegevoegd.";
        },
        function () {
          uitleg.textContent = "Dat lukte niet. Vul de straat in.";
        },
        { enableHighAccuracy: true, timeout: 10000 }
      );
    });
  }
  var keuze = document.getElementById("id_standaardantwoord");
  var teksten = document.querySelectorAll("[data-standaardantwoord]");
  if (keuze && teksten.length) {
    keuze.addEventListener("change", function () {
      for (var i = 0; i < teksten.length; i++) {
        if (teksten[i].getAttribute("data-standaardantwoord") === keuze.value) {
          document.getElementById("id_toelichting").value = teksten[i].textContent;
        }
      }
    });
  }
})();
