"""Lists and pages that show where a group, project, partner, application, melding or motion is show names only: no
query reads an area's boundary (`gebieden.Gebiedsgrens`, GeoJSON of kilobytes per area once the CBS map is imported);
tests/test_grenzen_per_pagina.py checks every page the same way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebieden.services import grens_opslaan
from leefbaarheidsbudget.constants import Status
from meldingen import services
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import VIERKANT
from tests.leefbaarheidsbudget.factories import AanvraagFactory
from tests.meldingen.factories import SubcategorieFactory
from tests.participatie.factories import KetenpartnerFactory
from tests.raad.factories import MotieFactory
from tests.rollen.factories import ProjectFactory


@pytest.fixture
def met_grenzen(gemeente, kern, wijk):
    for gebied in (gemeente, kern, wijk):
        grens_opslaan(gebied, VIERKANT)
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Wijkcomité")
    groep.wijken.set([wijk])
    ProjectFactory(gemeente=gemeente, kernen=[kern], naam="Stationsgebied").wijken.set([wijk])
    KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam="Woningstichting")
    MotieFactory(gemeente=gemeente, kernen=[kern], titel="Meer groen in de kern")
    AanvraagFactory(groep=groep, kern=kern, wijk=wijk, status=Status.INGEDIEND, titel="Buurtfeest")
    categorie = SubcategorieFactory(gemeente=gemeente)
    services.melding_doen(
        gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Lamp kapot", email="b@example.nl"
    )
    return groep


@pytest.mark.parametrize(
    "pagina, wie, toont",
    [
        ("bewonersgroepen:lijst", "medewerker", "Breukelen, Wijk 02 Breukelen"),
        ("bewonersgroepen:detail", "medewerker", "Breukelen, Wijk 02 Breukelen"),
        ("bewonersgroepen:mijn_groep", "lid", "Breukelen, Wijk 02 Breukelen"),
        ("rollen:projecten", None, "Breukelen"),
        ("participatie:ketenpartners", "medewerker", "Breukelen"),
        ("api:project-list", None, '"wijken":["WK190402"]'),
        ("leefbaarheidsbudget:werkvoorraad?filter=alle", "medewerker", "Buurtfeest"),
        ("meldingen:wachtrij?lijst=alle", "medewerker", "Wijk 02 Breukelen"),
        ("raad:moties", "medewerker", "<td>Breukelen</td>"),
    ],
)
def test_werkgebied_zonder_grenzen(client, met_grenzen, medewerker, pagina, wie, toont):
    groep = met_grenzen
    if wie == "medewerker":
        client.force_login(medewerker)
    elif wie == "lid":
        client.force_login(LidmaatschapFactory(groep=groep).gebruiker)
    pagina, _, vraag = pagina.partition("?")
    url = reverse(pagina, args=[groep.pk]) if pagina == "bewonersgroepen:detail" else reverse(pagina)
    url += f"?{vraag}" if vraag else ""
    with CaptureQueriesContext(connection) as vragen:
        response = client.get(url)
    assert response.status_code == 200
    assert toont in response.content.decode()
    met_grens = [v["sql"] for v in vragen.captured_queries if "grens" in v["sql"]]
    assert not met_grens, met_grens


@pytest.mark.parametrize("pagina", ["rollen:projecten", "participatie:ketenpartners"])
def test_zonder_kern_of_wijk_werkt_het_in_de_hele_gemeente(client, gemeente, kern, medewerker, pagina):
    ProjectFactory(gemeente=gemeente, kernen=[], naam="Omgevingsvisie")
    KetenpartnerFactory(gemeente=gemeente, kernen=[], naam="Politie")
    client.force_login(medewerker)
    tekst = " ".join(client.get(reverse(pagina)).content.decode().split())
    naam = "Omgevingsvisie" if pagina == "rollen:projecten" else "Politie"
    assert naam in tekst
    assert "<td>Hele gemeente</td>" in tekst


def test_motie_linkt_haar_kernen_en_projecten_zonder_grenzen(client, met_grenzen, gemeente, kern, medewerker):
    motie = MotieFactory(gemeente=gemeente, kernen=[kern], titel="Veilige schoolroutes")
    motie.projecten.set([ProjectFactory(gemeente=gemeente, kernen=[kern], naam="Schoolplein")])
    client.force_login(medewerker)
    with CaptureQueriesContext(connection) as vragen:
        response = client.get(reverse("raad:motie", args=[motie.pk]))
    html = response.content.decode()
    assert f'<a href="{kern.get_absolute_url()}">Breukelen</a>' in html
    assert ">Schoolplein</a>" in html
    met_grens = [v["sql"] for v in vragen.captured_queries if "grens" in v["sql"]]
    assert not met_grens, met_grens
