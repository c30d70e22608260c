"""'Wie is mijn contactpersoon?' by postcode, street and any spelling of a name; the gemeente's general
number and address where an area has nobody for a role."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebieden.models import Postcodegebied
from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.factories import BuurtFactory, KernFactory, WijkFactory

CONTACT = reverse("rollen:contactpersonen")


@pytest.fixture
def gebieden(gemeente, kern, wijk, medewerker):
    gemeente.telefoon_algemeen = "14 0346"
    gemeente.email_algemeen = "info@stichtsevecht.nl"
    gemeente.save()
    oud_zuilen = KernFactory(gemeente=gemeente, naam="Oud-Zuilen", slug="oud-zuilen")
    WijkFactory(kern=oud_zuilen, gemeente=gemeente, code="WK190411", naam="Wijk 11 Oud Zuilen")
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=datetime.date(2024, 1, 1))
    for postcode, gebied, straat in (
        ("3621", kern, ""),
        ("3611", oud_zuilen, ""),
        ("3621", kern, "Straatweg"),
    ):
        Postcodegebied.objects.create(
            postcode=postcode,
            kern=gebied,
            gemeente=gemeente,
            straat=straat,
            bij_benadering=True,
            bron="tabel",
        )
    return {"breukelen": kern, "oud_zuilen": oud_zuilen}


def test_postcode_van_vier_cijfers_toont_meteen_de_contactpersonen(client, gebieden):
    antwoord = client.get(CONTACT, {"q": "3621"})
    tekst = antwoord.text
    assert "Postcode 3621 ligt in kern Breukelen (gemeente Stichtse Vecht)." in tekst
    assert "Bij benadering." in tekst and "eerste vier cijfers van de postcode" in tekst
    assert antwoord.context["gebied"] == gebieden["breukelen"]
    assert "Contactpersonen voor Breukelen" in tekst and "Mila Medewerker" in tekst


@pytest.mark.parametrize(
    ("term", "gelezen"), [("3621 AB", "3621 AB"), ("3621ab", "3621 AB"), ("3621AB 12", "3621 AB 12")]
)
def test_postcode_van_zes_tekens_valt_terug_op_vier_cijfers(client, gebieden, term, gelezen):
    antwoord = client.get(CONTACT, {"q": term})
    assert antwoord.context["gebied"] == gebieden["breukelen"]
    assert (
        f"Wij kennen van postcode {gelezen} alleen de cijfers 3621. Postcode 3621 ligt in kern Breukelen"
        in (antwoord.text)
    )


def test_zes_tekens_en_huisnummer_kiezen_de_buurt(client, gebieden, wijk):
    noord = BuurtFactory(wijk=wijk, code="BU19040201", naam="Breukelen-Noord")
    Postcodegebied.objects.create(
        postcode="3621AB",
        huisnummer_van=10,
        huisnummer_tot=20,
        buurt=noord,
        gemeente=wijk.gemeente,
        bron="cbs",
    )
    antwoord = client.get(CONTACT, {"q": "3621 AB 12"})
    assert antwoord.context["gebied"] == wijk
    assert "Postcode 3621 AB 12 ligt in buurt Breukelen-Noord, Wijk 02 Breukelen" in antwoord.text
    assert "Bij benadering" not in antwoord.text


def test_schrijfwijzen_van_een_naam_vinden_hetzelfde(client, gebieden):
    resultaten = set()
    for term in ("Oud Zuilen", "Oud-Zuilen", "oud zuilen", "OUD-ZUILEN"):
        context = client.get(CONTACT, {"q": term}).context
        resultaten.add(
            (
                tuple(k.pk for k in context["gevonden_kernen"]),
                tuple(w.code for w in context["gevonden_wijken"]),
            )
        )
    assert resultaten == {((gebieden["oud_zuilen"].pk,), ("WK190411",))}


def test_straat_vindt_het_gebied(client, gebieden):
    antwoord = client.get(CONTACT, {"q": "straatweg"})
    assert "Straatweg (postcode 3621) ligt in kern Breukelen" in antwoord.text
    assert antwoord.context["gebied"] == gebieden["breukelen"]


def test_niets_gevonden_zegt_wat_u_kunt_doen(client, gebieden):
    tekst = client.get(CONTACT, {"q": "9999"}).text
    assert "Wij kennen postcode 9999 niet" in tekst and "Kies uw kern of wijk uit de lijst" in tekst
    tekst = client.get(CONTACT, {"q": "Xyzstraat"}).text
    assert "Niets gevonden voor" in tekst and "op uw postcode" in tekst


def test_leeg_vakje_geeft_het_algemene_nummer_van_de_gemeente(client, gebieden):
    tekst = client.get(CONTACT, {"gebied": f"kern-{gebieden['breukelen'].pk}"}).text
    assert "Op dit moment is er geen Beheerder Leefomgeving voor dit gebied." in tekst
    assert 'href="tel:140346"' in tekst and 'href="mailto:info@stichtsevecht.nl"' in tekst
    # An area with its Adviseur shows that person, not the general number, in that slot.
    assert "Mila Medewerker" in tekst
    assert tekst.count('href="tel:140346"') == 2  # Beheerder and Wijkwethouder are empty


def test_zonder_algemeen_nummer_blijft_het_verwijzen_naar_de_gemeente(client, kern):
    tekst = client.get(CONTACT, {"gebied": f"kern-{kern.pk}"}).text
    assert "Neem contact op met de gemeente Stichtse Vecht; wij zoeken de juiste persoon voor u." in tekst
    assert "tel:" not in tekst


def test_zoeken_op_postcode_kost_evenveel_queries_bij_meer_rijen(client, gebieden, gemeente):
    def tel():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CONTACT, {"q": "3621"}).status_code == 200
        return len(queries)

    voor = tel()
    for n in range(30):
        Postcodegebied.objects.create(
            postcode=f"3621{chr(65 + n // 26)}{chr(65 + n % 26)}",
            kern=gebieden["breukelen"],
            gemeente=gemeente,
            bron="cbs",
        )
    assert tel() == voor
