"""A melding in a wijk without a Beheerder lands in the gemeente's unassigned queue and shows on the
coverage page (rollen:dekking) through rollen's registry: the total, and the count beside each area that
has no Beheerder today."""

import re

from django.urls import reverse

from meldingen import services
from tests.factories import KernFactory, WijkFactory
from tests.rollen.factories import ToewijzingFactory

from .factories import CategorieFactory


def _rij(html: str, naam: str, rol: str = "Beheerder") -> str:
    rijen = re.findall(rf"<tr><th scope=\"row\"><a [^>]*>{naam}</a></th>.*?</tr>", html, re.S)
    return next(r for r in rijen if rol in r)


def test_dekking_telt_niet_toegewezen_meldingen_per_gebied_zonder_beheerder(
    client, gemeente, kern, wijk, medewerker
):
    categorie = CategorieFactory(gemeente=gemeente, naam="Afval", slug="afval")
    zonder = WijkFactory(kern=kern, gemeente=gemeente, code="WK190420", naam="Wijk zonder beheerder")
    dorp = KernFactory(gemeente=gemeente, naam="Nigtevecht", slug="nigtevecht")  # a kern without wijken
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk)  # the other wijk has one: its meldingen are routed
    for _ in range(3):
        services.melding_doen(gemeente=gemeente, categorie=categorie, tekst="Afval", wijk=zonder)
    services.melding_doen(gemeente=gemeente, categorie=categorie, tekst="Afval", kern=dorp)
    services.melding_doen(gemeente=gemeente, categorie=categorie, tekst="Afval", wijk=wijk)  # routed
    client.force_login(medewerker)
    html = client.get(reverse("rollen:dekking")).content.decode()
    assert "Niet toegewezen meldingen in Stichtse Vecht: <strong>4</strong>" in html
    assert reverse("meldingen:wachtrij") + "?lijst=niet_toegewezen" in html
    assert '<td class="text-end">3</td>' in _rij(html, "Wijk zonder beheerder")
    assert '<td class="text-end">1</td>' in _rij(html, "Nigtevecht")  # its Beheerder row
    assert "niet van toepassing" in _rij(html, "Nigtevecht", rol="Adviseur")  # meldingen go to Beheerders
    assert "Wijk 02 Breukelen" not in html  # covered: no gap row


def test_dekking_vast_aantal_queries(client, gemeente, kern, medewerker, django_assert_num_queries):
    categorie = CategorieFactory(gemeente=gemeente, naam="Afval", slug="afval")
    client.force_login(medewerker)
    url = reverse("rollen:dekking")
    client.get(url)

    def meten():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    voor = meten()
    for n in range(5):
        w = WijkFactory(kern=kern, gemeente=gemeente, code=f"WK19043{n}", naam=f"Wijk {n}")
        services.melding_doen(gemeente=gemeente, categorie=categorie, tekst="Afval", wijk=w)
    assert meten() == voor
