// Council pages, progressive enhancement only: the tables and CSV downloads work without JavaScript.
// Data comes from <script type="application/json"> blocks written by Django's json_script filter.
(function () {
  "use strict";

  var KLEUREN = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  var ONBEKEND = "#bdbdbd";

  function leesJson(id) {
    var blok = document.getElementById(id);
    return blok ? JSON.parse(blok.textContent) : null;
  }

  function euro(waarde) {
    return new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(waarde);
  }

  function opmaak(soort, waarde) {
    if (waarde === null || waarde === undefined) { return "onbekend"; }
    if (soort === "euro") { return euro(waarde); }
    if (soort === "procent") { return waarde.toLocaleString("nl-NL") + "%"; }
    if (soort === "dagen") { return waarde.toLocaleString("nl-NL") + (waarde === 1 ? " dag" : " dagen"); }
    return waarde.toLocaleString("nl-NL");
  }

  function tekenGrafiek(houder) {
    var data = leesJson(houder.getAttribute("data-grafiek"));
    if (!data || typeof window.Chart === "undefined") { return; }
    var canvas = document.createElement("canvas");
    // The chart repeats the table below it; screen readers read the table instead.
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", "Grafiek: " + data.titel + ". De cijfers staan in de tabel hieronder.");
    houder.appendChild(canvas);
    new window.Chart(canvas, {
      type: data.type,
      data: {
        labels: data.labels,
        datasets: data.reeksen.map(function (reeks) {
          // The colour comes with the data (raad/figuren.py): fixed per state, 3:1 against the page.
          // A white edge keeps neighbouring parts of a stacked bar apart.
          return {
            label: reeks.label,
            data: reeks.data,
            backgroundColor: reeks.kleur,
            borderColor: "#ffffff",
            borderWidth: data.gestapeld ? 1 : 0
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: data.gestapeld },
          y: {
            stacked: data.gestapeld,
            beginAtZero: true,
            // Counts and days: whole numbers on the axis only (never "0,5 aanvragen").
            ticks: { precision: data.geheel ? 0 : undefined, callback: function (w) { return opmaak(data.soort, w); } }
          }
        },
        plugins: {
          legend: { display: data.legenda, position: "bottom", labels: { color: "#212529" } },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + opmaak(data.soort, c.parsed.y); } } }
        }
      }
    });
  }

  function tekenKaart(houder) {
    var data = leesJson(houder.getAttribute("data-kaart"));
    if (!data || typeof window.L === "undefined" || !data.kernen.length) { return; }
    // No fade: popups appear at full contrast at once (and less motion for those who dislike it).
    var kaart = window.L.map(houder, { scrollWheelZoom: false, fadeAnimation: false });
    var melding = document.getElementById("raad-kaart-melding");
    var tegels = window.L.tileLayer(data.tegels, { maxZoom: 19, attribution: data.bron });
    var foutGemeld = false;
    // No internet, or the tile service is down: say so once; the kernen and the table still work.
    tegels.on("tileerror", function () {
      if (!foutGemeld && melding) { melding.hidden = false; foutGemeld = true; }
    });
    tegels.addTo(kaart);
    var lagen = window.L.featureGroup();
    data.kernen.forEach(function (kern) {
      var laag = window.L.geoJSON(kern.grens, {
        style: {
          color: "#212529",
          weight: 2,
          fillOpacity: 0.7,
          fillColor: kern.klasse === null ? ONBEKEND : KLEUREN[kern.klasse]
        }
      });
      var link = document.createElement("a");
      link.href = kern.url;
      link.textContent = kern.naam;
      var inhoud = document.createElement("div");
      inhoud.appendChild(link);
      inhoud.appendChild(document.createTextNode(": " + data.label + " " + kern.tekst));
      laag.bindPopup(inhoud);
      laag.bindTooltip(kern.naam + ": " + kern.tekst);
      lagen.addLayer(laag);
    });
    lagen.addTo(kaart);
    kaart.fitBounds(lagen.getBounds(), { padding: [10, 10] });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-grafiek]"), tekenGrafiek);
    Array.prototype.forEach.call(document.querySelectorAll("[data-kaart]"), tekenKaart);
  });
})();
