"""participatie fills meldingen' address book with the ketenpartner register: the Doorzetting form offers
the gemeente's active partners, those working in the melding's wijk (or kern, or gemeente-wide) first."""

import pytest
from django.urls import reverse

from meldingen import registry, services
from meldingen.models import Doorzetting
from participatie import selectors
from tests.factories import GemeenteFactory, KernFactory, WijkFactory
from tests.meldingen.factories import CategorieFactory, SubcategorieFactory

from .factories import KetenpartnerFactory


@pytest.fixture
def melding(gemeente, wijk):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Groen", slug="groen")
    categorie = SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Boom")
    return services.melding_doen(gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Tak hangt.")


@pytest.fixture
def partners(gemeente, kern, wijk):
    andere_kern = KernFactory(gemeente=gemeente, naam="Maarssen", slug="maarssen")
    andere_wijk = WijkFactory(kern=andere_kern, gemeente=gemeente, code="WK190499")
    return {
        "wijk": KetenpartnerFactory(
            gemeente=gemeente, naam="Zorg in de wijk", email="wijk@example.nl", wijken=[wijk]
        ),
        "kern": KetenpartnerFactory(gemeente=gemeente, naam="Kernpartner", kernen=[kern]),
        "heel": KetenpartnerFactory(gemeente=gemeente, naam="Politie Utrecht", email=""),
        "elders": KetenpartnerFactory(gemeente=gemeente, naam="Anders", wijken=[andere_wijk]),
        "inactief": KetenpartnerFactory(gemeente=gemeente, naam="Gestopt", inactief=True),
        "andere_gemeente": KetenpartnerFactory(gemeente=GemeenteFactory(), naam="Ver weg"),
    }


def test_register_is_aangemeld(gemeente, wijk, partners):
    assert selectors.adressenboek in registry._adressenboeken
    adressen = registry.adressen(gemeente, wijk)
    assert [(a.naam, a.in_gebied) for a in adressen] == [
        ("Kernpartner", True),
        ("Politie Utrecht", True),
        ("Zorg in de wijk", True),
        ("Anders", False),
    ]
    assert adressen[2].email == "wijk@example.nl" and adressen[2].soort == "Woningcorporatie"


def test_zonder_wijk_en_vaste_queries(gemeente, wijk, partners, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(registry.adressen(gemeente, wijk)) == 4
    with django_assert_num_queries(1):
        assert {a.naam for a in registry.adressen(gemeente, None)} == {
            "Kernpartner",
            "Politie Utrecht",
            "Zorg in de wijk",
            "Anders",
        }


def test_doorzetten_naar_ketenpartner_is_een_momentopname(client, melding, medewerker, partners):
    client.force_login(medewerker)
    html = client.get(melding.get_absolute_url()).content.decode()
    assert "Zorg in de wijk (Woningcorporatie)" in html and "Ver weg" not in html and "Gestopt" not in html
    url = reverse("meldingen:doorzetten", args=[melding.referentie])
    response = client.post(
        url, {"ketenpartner": "Zorg in de wijk", "aan": "", "aan_email": "", "vraag": "Kijken?"}
    )
    assert response.status_code == 302
    partners["wijk"].naam = "Nieuwe naam"
    partners["wijk"].email = "nieuw@example.nl"
    partners["wijk"].save()
    vraag = Doorzetting.objects.get()
    assert (vraag.aan, vraag.aan_email) == ("Zorg in de wijk", "wijk@example.nl")
    # A partner of another gemeente cannot be chosen.
    assert client.post(url, {"ketenpartner": "Ver weg", "vraag": "x"}).status_code == 400
    assert Doorzetting.objects.count() == 1
