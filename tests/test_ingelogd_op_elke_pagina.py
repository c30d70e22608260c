"""Every page states who is logged in (issue 2): each page of docs/permissions.md, as each kind of user,
shows "Ingelogd als <naam>" or "Niet ingelogd", the refusal pages (403, 404) included.
"""

from tests.permissietabel.objecten import SOORTEN, bouw_wereld, laad_registraties
from tests.test_permissietabel import TABEL_RIJEN, _inloggen, _url


def test_elke_pagina_zegt_wie_er_is_ingelogd(client, db):
    laad_registraties()
    wereld = bouw_wereld()
    missen, bekeken = [], 0
    for naam, cellen in sorted(TABEL_RIJEN.items()):
        url = _url(naam, wereld)
        for soort, verwacht in zip(SOORTEN, cellen, strict=True):
            if verwacht not in ("200", "403", "404"):
                continue
            _inloggen(client, wereld, soort)
            response = client.get(url)
            if "text/html" not in response.get("Content-Type", ""):
                continue  # feeds, CSV, PDF and downloads
            gebruiker = wereld.gebruikers[soort]
            teken = "Ingelogd als <a" if gebruiker else "Niet ingelogd"
            tekst = response.content.decode()
            bekeken += 1
            if teken not in tekst or (gebruiker and gebruiker.naam not in tekst):
                missen.append(f"{naam} als {soort} ({response.status_code})")
    assert bekeken > 300, bekeken
    assert not missen, "Deze pagina's zeggen niet wie er is ingelogd: " + ", ".join(missen)
