"""Issue 18, item 6: demo data that shows the product in all three seed gemeenten, a login per role."""

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.demo import DEMO_WACHTWOORD
from accounts.models import User
from bewonersgroepen.constants import Groepsoort, Groepstatus
from bewonersgroepen.models import Groep, Groepstatusovergang, Lidmaatschap
from gebieden.models import Gemeente, Kern
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from tests.factories import UserFactory

SEED = {"GM1904": "Stichtse Vecht", "GM1783": "Westland", "GM0736": "De Ronde Venen"}
ROLLEN = [
    "Adviseur Leefomgeving",
    "Beheerder Leefomgeving",
    "Omgevingsmanager",
    "Financiën",
    "Raadslid",
    "Functioneel beheerder",
    "Lid van een bewonersgroep",
]


def _logins(uitvoer: str) -> dict[str, str]:
    """{role as printed: e-mail} from the login block that load_demo prints."""
    blok = uitvoer.split("Demo-logins", 1)[1].splitlines()[1:]
    logins = {}
    for regel in blok:
        gevonden = re.match(r"^  (.+?)\s+(\S+@\S+)", regel)
        if gevonden:
            logins[gevonden.group(1).strip()] = gevonden.group(2)
    return logins


def test_elke_seedgemeente_heeft_gebieden_groepen_en_aanvragen_in_elke_status(demo):
    for code, naam in SEED.items():
        gemeente = Gemeente.objects.get(code=code)
        assert gemeente.naam == naam
        assert gemeente.wijken.exists() and gemeente.kernen.count() >= 8, naam
        groepen = Groep.objects.filter(gemeente=gemeente)
        assert set(groepen.values_list("soort", flat=True)) == set(Groepsoort.values), naam
        assert set(Aanvraag.objects.filter(gemeente=gemeente).values_list("status", flat=True)) == set(
            Status.values
        ), naam
        for groep in groepen.exclude(status=Groepstatus.AANGEMELD):  # made as the portal makes them
            assert Lidmaatschap.objects.filter(groep=groep, is_contactpersoon=True).exists(), groep
            assert Groepstatusovergang.objects.filter(groep=groep, naar=groep.status).exists(), groep


def test_elke_aanvraag_is_behandeld_door_medewerkers_van_haar_eigen_gemeente(demo):
    besloten = Aanvraag.objects.exclude(beslist_door=None).select_related("beslist_door", "betaling_door")
    assert {a.gemeente.code for a in besloten} == set(SEED)
    for aanvraag in besloten:
        assert aanvraag.beslist_door.gemeente_id == aanvraag.gemeente_id
        if aanvraag.betaling_door:  # four eyes: finance pays what someone else decided
            assert aanvraag.betaling_door != aanvraag.beslist_door


def test_elke_rol_krijgt_een_login_die_werkt(demo, client):
    logins = _logins(demo)
    assert set(ROLLEN) <= set(logins), logins
    for rol, email in logins.items():
        assert client.login(username=email, password=DEMO_WACHTWOORD), rol
        assert client.get(reverse("portaal:home")).status_code == 200
        client.logout()


def test_de_behandelaar_van_de_aanvragen_van_het_demolid_heeft_een_login(demo):
    logins = _logins(demo)
    lid = User.objects.get(email=logins["Lid van een bewonersgroep"])
    groep = Lidmaatschap.objects.get(gebruiker=lid).groep
    behandelaars = set(
        Aanvraag.objects.filter(groep=groep)
        .exclude(behandelaar=None)
        .values_list("behandelaar__email", flat=True)
    )
    assert behandelaars == {logins["Beheerder Leefomgeving"]}


def test_namen_van_demomensen_zijn_uniek(demo):
    dubbel = [
        naam for naam, aantal in Counter(User.objects.values_list("naam", flat=True)).items() if aantal > 1
    ]
    assert dubbel == []


def test_kaart_toont_schematische_grenzen_in_elke_gemeente(demo, client):
    for kern in Kern.objects.filter(gemeente__code__in=SEED):
        assert kern.grens and kern.grens["type"] in ("Polygon", "MultiPolygon"), kern
    client.force_login(UserFactory(is_superuser=True, is_staff=True, raadslid=True))
    for gemeente in Gemeente.objects.filter(code__in=SEED):
        assert gemeente.grenzen_schematisch
        pagina = client.get(reverse("raad:kaart"), {"gemeente": gemeente.slug}).text
        assert 'id="raad-kaart"' in pagina, gemeente
        assert "schematisch, geen officiële grenzen" in pagina


def test_raadslid_van_de_demo_ziet_de_kaart(demo, client):
    assert client.login(username=_logins(demo)["Raadslid"], password=DEMO_WACHTWOORD)
    pagina = client.get(reverse("raad:kaart")).text
    assert 'id="raad-kaart"' in pagina and "schematisch, geen officiële grenzen" in pagina


def test_echte_grenzen_halen_de_schets_weg(demo):
    import json

    from gebieden.services import grenzen_importeren

    wijk = Gemeente.objects.get(code="GM0736").wijken.first()
    geometrie = {"type": "Polygon", "coordinates": [[[4.8, 52.2], [4.9, 52.2], [4.9, 52.3], [4.8, 52.2]]]}
    grenzen_importeren(
        tekst=json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"properties": {"code": wijk.code}, "geometry": geometrie}],
            }
        )
    )
    assert not Gemeente.objects.get(code="GM0736").grenzen_schematisch
    assert Gemeente.objects.get(code="GM1904").grenzen_schematisch


START = Path(__file__).resolve().parents[2] / "bin" / "start"


@pytest.mark.parametrize(
    ("argumenten", "omgeving", "melding"),
    [
        (["--port", "abc"], {}, "poort 'abc' is geen getal"),
        (["--port", "70000"], {}, "poort '70000' is geen getal"),
        ([], {"PORT": "x1"}, "poort 'x1' is geen getal"),
        (["--poort", "8080"], {}, "onbekende optie '--poort'"),
    ],
)
def test_bin_start_weigert_een_verkeerde_poort_voor_het_iets_doet(argumenten, omgeving, melding):
    klaar = subprocess.run(
        [str(START), *argumenten], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **omgeving}
    )
    assert klaar.returncode == 2
    assert melding in klaar.stderr


def test_open_cijfers_en_dashboard_openen_op_een_gemeente_en_jaar_met_cijfers(demo, client):
    """Issue 18, item 5: not on De Ronde Venen's first year with only € 0,00, but where the figures are."""
    nieuwste = (
        Aanvraag.objects.filter(gemeente__code="GM0736")
        .exclude(status=Status.CONCEPT)
        .order_by("-begrotingsjaar")
        .first()
        .begrotingsjaar
    )
    pagina = client.get(reverse("raad:transparantie"))
    assert pagina.context["gemeente"].code == "GM0736"  # the first by name, and it has applications
    assert pagina.context["jaar"] == nieuwste
    assert pagina.context["jaar"] in pagina.context["jaren"]
    assert f'<option value="{nieuwste}" selected>{nieuwste}</option>' in pagina.text
    assert "selected>De Ronde Venen</option>" in pagina.text  # the gemeente chooser, on the one shown

    lid = UserFactory(raadslid=True, gemeente=Gemeente.objects.get(code="GM1783"))
    client.force_login(lid)
    dashboard = client.get(reverse("raad:dashboard"))
    assert dashboard.context["gemeente"].code == "GM1783"  # the user's own gemeente


def test_een_bezoeker_komt_op_een_gemeente_met_aanvragen(demo, client):
    from tests.factories import GemeenteFactory

    GemeenteFactory(naam="Aa en Hunze")  # first by name, but without applications
    Aanvraag.objects.filter(gemeente__code="GM0736").delete()
    Aanvraag.objects.filter(gemeente__code="GM1783").exclude(status=Status.CONCEPT).delete()
    assert client.get(reverse("raad:transparantie")).context["gemeente"].code == "GM1904"
