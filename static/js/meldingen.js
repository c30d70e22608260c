/* Meldingen: small enhancements; every form and list works without them.
   1. Report form: a map to point at the place (click, tap, or the keyboard: pan with the arrow keys and
      "Zet de punt in het midden"), and "Gebruik mijn locatie". Both only fill the hidden lat/lon fields;
      the server finds the wijk. Without boundaries or JavaScript the list and the street remain.
   2. Public wijk and kern page: the boundary and the open meldingen (points already rounded on the server),
      and on request all open meldingen of the area (a JSON endpoint, capped).
   3. Staff detail: choosing a standard reply puts its text in the explanation field.
   Data comes from <script type="application/json"> blocks written by Django's json_script filter. */
(function () {
  "use strict";

  function leesJson(id) {
    var blok = document.getElementById(id);
    return blok ? JSON.parse(blok.textContent) : null;
  }

  // Ray casting over GeoJSON rings (the same rule as meldingen.selectors on the server).
  function inRing(ring, x, y) {
    var binnen = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) { binnen = !binnen; }
    }
    return binnen;
  }

  function inGeometrie(geometrie, x, y) {
    var vlakken = geometrie.type === "Polygon" ? [geometrie.coordinates] : geometrie.coordinates;
    return vlakken.some(function (vlak) {
      return inRing(vlak[0], x, y) && !vlak.slice(1).some(function (gat) { return inRing(gat, x, y); });
    });
  }

  function tegelsToevoegen(kaart, data, melding) {
    // Leaflet's own credit without its flag icon, whose space gave the link a name starting with a space.
    kaart.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    var tegels = window.L.tileLayer(data.tegels, { maxZoom: 19, attribution: data.bron });
    var foutGemeld = false;
    // No internet, or the tile service is down: say so once; the boundaries and points still show.
    tegels.on("tileerror", function () {
      if (!foutGemeld && melding) { melding.hidden = false; foutGemeld = true; }
    });
    tegels.addTo(kaart);
  }

  var GRENS_STIJL = { color: "#1f3a5f", weight: 2, fillColor: "#6baed6", fillOpacity: 0.12 };

  // --- 1. the report form ----------------------------------------------------------------------------
  var latVeld = document.getElementById("id_lat");
  var lonVeld = document.getElementById("id_lon");
  var kaartBlok = document.querySelector("[data-meldingen-kaart]");
  var kaartData = kaartBlok ? leesJson(kaartBlok.getAttribute("data-meldingen-kaart")) : null;
  var meldKaart = null, punt = null, kaartUitleg = null;

  function wijkVan(lat, lon) {
    if (!kaartData) { return null; }
    for (var i = 0; i < kaartData.grenzen.length; i++) {
      if (inGeometrie(kaartData.grenzen[i].grens, lon, lat)) { return kaartData.grenzen[i].naam; }
    }
    return null;
  }

  function zetPunt(lat, lon, hoe) {
    latVeld.value = lat.toFixed(6);
    lonVeld.value = lon.toFixed(6);
    if (meldKaart) {
      var plek = window.L.latLng(lat, lon);
      if (punt) { punt.setLatLng(plek); } else {
        punt = window.L.circleMarker(plek, { radius: 10, color: "#8b0000", weight: 3, fillColor: "#d9534f", fillOpacity: 0.9 }).addTo(meldKaart);
      }
      if (hoe === "locatie") { meldKaart.setView(plek, Math.max(meldKaart.getZoom(), 16)); }
    }
    var wijk = wijkVan(lat, lon);
    var tekst = (hoe === "locatie" ? "Uw locatie is toegevoegd." : "De plek is gekozen.") +
      (wijk ? " Dit is in " + wijk + "." : kaartData ? " Deze plek ligt niet in een wijk die wij kennen. Vul ook de straat in." : "");
    if (kaartUitleg) { kaartUitleg.textContent = tekst; }
    return tekst;
  }

  function puntWeg() {
    latVeld.value = "";
    lonVeld.value = "";
    if (punt) { meldKaart.removeLayer(punt); punt = null; }
    if (kaartUitleg) { kaartUitleg.textContent = "De plek is weggehaald."; }
  }

  if (kaartBlok && kaartData && latVeld && lonVeld && typeof window.L !== "undefined") {
    var houder = kaartBlok.querySelector("[data-kaart]");
    kaartUitleg = kaartBlok.querySelector("[data-kaart-uitleg]");
    kaartBlok.classList.remove("d-none");
    meldKaart = window.L.map(houder, { scrollWheelZoom: false, fadeAnimation: false, zoomSnap: 0.25 });
    tegelsToevoegen(meldKaart, kaartData, kaartBlok.querySelector("[data-meldingen-tegelfout]"));
    var grenzen = window.L.featureGroup();
    kaartData.grenzen.forEach(function (w) {
      var laag = window.L.geoJSON(w.grens, { style: GRENS_STIJL, interactive: false });
      laag.bindTooltip(w.naam, { sticky: true });
      grenzen.addLayer(laag);
    });
    grenzen.addTo(meldKaart);
    meldKaart.fitBounds(grenzen.getBounds(), { padding: [10, 10] });
    meldKaart.on("click", function (e) { zetPunt(e.latlng.lat, e.latlng.lng, "kaart"); });
    kaartBlok.querySelector("[data-kaart-midden]").addEventListener("click", function () {
      var midden = meldKaart.getCenter();
      zetPunt(midden.lat, midden.lng, "kaart");
    });
    kaartBlok.querySelector("[data-kaart-weg]").addEventListener("click", puntWeg);
    if (latVeld.value && lonVeld.value) {  // back after an error: show the point chosen before
      zetPunt(parseFloat(latVeld.value), parseFloat(lonVeld.value), "kaart");
    }
  }

  var blok = document.querySelector("[data-meldingen-locatie]");
  if (blok && navigator.geolocation && latVeld && lonVeld) {
    var knop = blok.querySelector("button");
    var uitleg = blok.querySelector("[role=status]");
    blok.classList.remove("d-none");
    knop.addEventListener("click", function () {
      uitleg.textContent = "Locatie zoeken…";
      navigator.geolocation.getCurrentPosition(
        function (positie) {
          uitleg.textContent = zetPunt(positie.coords.latitude, positie.coords.longitude, "locatie");
        },
        function () {
          uitleg.textContent = "Dat lukte niet. Wijs de plek aan op de kaart of vul de straat in.";
        },
        { enableHighAccuracy: true, timeout: 10000 }
      );
    });
  }

  // --- 2. the public wijk page -------------------------------------------------------------------------
  var wijkHouder = document.querySelector("[data-meldingen-wijkkaart]");
  var wijkData = wijkHouder ? leesJson(wijkHouder.getAttribute("data-meldingen-wijkkaart")) : null;
  if (wijkHouder && wijkData && typeof window.L !== "undefined") {
    wijkHouder.classList.remove("d-none");
    var wijkKaart = window.L.map(wijkHouder, { scrollWheelZoom: false, fadeAnimation: false, zoomSnap: 0.25 });
    tegelsToevoegen(wijkKaart, wijkData, document.querySelector("[data-meldingen-tegelfout]"));
    var lagen = window.L.featureGroup();
    if (wijkData.grens) {
      lagen.addLayer(window.L.geoJSON(wijkData.grens, { style: GRENS_STIJL, interactive: false }));
    }
    (wijkData.grenzen || []).forEach(function (grens) {  // a kern without its own boundary: its wijken
      lagen.addLayer(window.L.geoJSON(grens, { style: GRENS_STIJL, interactive: false }));
    });
    wijkData.punten.forEach(function (p) {
      var merk = window.L.marker([p.lat, p.lon], {
        icon: window.L.divIcon({ className: "meldingen-merk", html: String(p.nr), iconSize: [28, 28] }),
        title: p.nr + ". " + p.tekst,
        alt: p.nr + ". " + p.tekst
      });
      merk.bindTooltip(p.nr + ". " + p.tekst);
      lagen.addLayer(merk);
    });
    lagen.addTo(wijkKaart);
    if (wijkData.punten.length === 1 && !wijkData.grens && !(wijkData.grenzen || []).length) {
      wijkKaart.setView([wijkData.punten[0].lat, wijkData.punten[0].lon], 16);
    } else if (lagen.getLayers().length) {
      wijkKaart.fitBounds(lagen.getBounds(), { padding: [20, 20], maxZoom: 17 });
    }
    alleOpDeKaart(wijkKaart, lagen);
  }

  // "Toon alle open meldingen op de kaart": the page shows its own 25; this fetches every open melding of
  // the area (the newest ALLE_PUNTEN_MAX) as rounded points with category and status — nothing more.
  function alleOpDeKaart(kaart, paginaLagen) {
    var blok = document.querySelector("[data-meldingen-alle]");
    if (!blok || !window.fetch) { return; }
    var knop = blok.querySelector("button");
    var uitleg = blok.querySelector("[data-meldingen-alle-uitleg]");
    var alleLaag = null, aan = false;
    blok.classList.remove("d-none");
    function toon(alle) {
      aan = alle;
      knop.setAttribute("aria-pressed", alle ? "true" : "false");
      knop.textContent = alle ? "Toon alleen de meldingen van deze pagina" : "Toon alle open meldingen op de kaart";
      if (alle) { kaart.removeLayer(paginaLagen); alleLaag.addTo(kaart); } else {
        if (alleLaag) { kaart.removeLayer(alleLaag); }
        paginaLagen.addTo(kaart);
        uitleg.textContent = "De kaart toont de meldingen van deze pagina.";
      }
    }
    knop.addEventListener("click", function () {
      if (aan) { toon(false); return; }
      if (alleLaag) { toon(true); return; }
      knop.disabled = true;
      uitleg.textContent = "Meldingen laden…";
      window.fetch(blok.getAttribute("data-meldingen-alle"), { headers: { Accept: "application/json" } })
        .then(function (antwoord) {
          if (!antwoord.ok) { throw new Error(String(antwoord.status)); }
          return antwoord.json();
        })
        .then(function (data) {
          alleLaag = window.L.featureGroup();
          paginaLagen.eachLayer(function (laag) {  // keep the boundaries
            if (laag instanceof window.L.GeoJSON) { alleLaag.addLayer(window.L.geoJSON(laag.toGeoJSON(), { style: GRENS_STIJL, interactive: false })); }
          });
          data.punten.forEach(function (p) {
            var stip = window.L.circleMarker([p.lat, p.lon], { radius: 6, color: "#1f3a5f", weight: 2, fillColor: "#f0ad4e", fillOpacity: 0.9 });
            stip.bindTooltip(p.categorie + ": " + p.status);
            alleLaag.addLayer(stip);
          });
          knop.disabled = false;
          toon(true);
          var n = data.punten.length;
          uitleg.textContent = (data.afgekapt
            ? "De kaart toont de " + n + " nieuwste open meldingen met een plaats. Er zijn er meer; de lijst hieronder heeft ze allemaal."
            : n === 1 ? "De kaart toont de enige open melding met een plaats."
              : "De kaart toont alle " + n + " open meldingen met een plaats.") + " De lijst hieronder blijft per pagina.";
        })
        .catch(function () {
          knop.disabled = false;
          uitleg.textContent = "Het laden lukte niet. Probeer het later nog eens; de lijst hieronder werkt wel.";
        });
    });
  }

  // --- 3. staff detail ---------------------------------------------------------------------------------
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
