"""The council's page "Participatie per project" and motions linked to projects."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participatie.raadpleging_constants import Raadplegingstatus, Reactiesoort
from participatie.raadpleging_models import Reactie
from raad import services
from tests.factories import WACHTWOORD, UserFactory
from tests.participatie.factories import ParticipatieplanFactory, raadpleging_maken
from tests.rollen.factories import ParticipatiestapFactory, ProjectFactory

from .factories import MotieFactory

URL = reverse("raad:participatie")


def _login(client, user):
    assert client.login(username=user.email, password=WACHTWOORD)
    return client


def _reacties(ronde, aantal, *, bevestigd=True):
    for _ in range(aantal):
        Reactie.objects.create(
            raadpleging=ronde,
            soort=Reactiesoort.INWONER,
            email=f"inwoner{Reactie.objects.count()}@example.org",
            bevestigd_op=timezone.now() if bevestigd else None,
        )


def _project_met_rondes(gemeente, door, naam, *, gepubliceerd=False, reacties=3):
    project = ProjectFactory(gemeente=gemeente, naam=naam)
    plan = ParticipatieplanFactory(project=project, gepubliceerd=True)
    ParticipatiestapFactory(project=project, niveau="informeren", wat="Avond")
    ronde = raadpleging_maken(plan, door, openen=True)
    _reacties(ronde, reacties)
    _reacties(ronde, 2, bevestigd=False)
    if gepubliceerd:
        type(ronde).objects.filter(pk=ronde.pk).update(status=Raadplegingstatus.GEPUBLICEERD)
    return project, ronde


@pytest.fixture
def om(gemeente):
    return UserFactory(medewerker=True, gemeente=gemeente, naam="Olga Omgeving", is_superuser=True)


def test_raadslid_ziet_trede_rondes_reacties_en_terugkoppeling(client, raadslid, gemeente, om):
    _project_met_rondes(gemeente, om, "Stationsplein", gepubliceerd=True, reacties=4)
    _project_met_rondes(gemeente, om, "Zuidpark", reacties=1)
    ProjectFactory(gemeente=gemeente, naam="Kademuur")
    html = _login(client, raadslid).get(URL).text
    assert "3 projecten" in html
    assert "Informeren, Raadplegen" in html
    assert "Verwerkt en gepubliceerd</span> (4 reacties)" in html  # unconfirmed responses do not count
    assert "Open</span> (1 reactie)" in html
    assert "geen participatieplan" in html
    # names and e-mail addresses of residents never show
    assert "@example.org" not in html


def test_concept_rondes_tellen_niet(client, raadslid, gemeente, om):
    project = ProjectFactory(gemeente=gemeente, naam="Stationsplein")
    plan = ParticipatieplanFactory(project=project)
    raadpleging_maken(plan, om)
    html = _login(client, raadslid).get(URL).text
    assert "Uw mening over het plein" not in html
    assert "plan nog niet openbaar" in html


def test_alleen_eigen_gemeente(client, raadslid_elders, gemeente, om):
    ProjectFactory(gemeente=gemeente, naam="Stationsplein")
    response = _login(client, raadslid_elders).get(URL)
    assert response.status_code == 200
    assert "Stationsplein" not in response.text
    assert _login(client, raadslid_elders).get(URL, {"gemeente": gemeente.slug}).status_code == 404


def test_anoniem_en_groepslid_geweigerd(client, groepslid):
    assert client.get(URL).status_code == 302
    assert _login(client, groepslid).get(URL).status_code == 403


def test_pagineert(client, raadslid, gemeente):
    for n in range(25):
        ProjectFactory(gemeente=gemeente, naam=f"Project {n:02d}")
    html = _login(client, raadslid).get(URL, {"pagina": 2}).text
    assert "pagina 2 van 2" in html
    assert "Project 24" in html and "Project 00" not in html


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_vast_aantal_queries(client, raadslid, gemeente, om):
    _login(client, raadslid)
    project, _ = _project_met_rondes(gemeente, om, "Een")
    MotieFactory(gemeente=gemeente).projecten.add(project)
    klein = _queries(client)
    for naam in ("Twee", "Drie", "Vier"):
        project, _ = _project_met_rondes(gemeente, om, naam, gepubliceerd=True)
        MotieFactory(gemeente=gemeente).projecten.add(project)
        MotieFactory(gemeente=gemeente).projecten.add(project)
    assert _queries(client) == klein
    assert klein <= 12


# --- motions linked to projects ---------------------------------------------------------------


def test_medewerker_koppelt_motie_aan_project_via_formulier(client, medewerker, raadslid, gemeente):
    project = ProjectFactory(gemeente=gemeente, naam="Stationsplein")
    response = _login(client, medewerker).post(
        reverse("raad:motie_toevoegen"),
        {
            "soort": "motie",
            "nummer": "M-40",
            "titel": "Luister naar de kernen",
            "indieners": "CDA",
            "jaar": 2026,
            "gevraagde_actie": "Betrek bewoners bij het plein.",
            "projecten": [project.pk],
        },
    )
    assert response.status_code == 302
    motie = project.moties.get()
    assert motie.nummer == "M-40"
    client.logout()
    _login(client, raadslid)
    assert "Stationsplein" in client.get(motie.get_absolute_url()).text
    assert "M-40" in client.get(URL).text
    # the edit form shows the link and keeps it
    client.logout()
    response = _login(client, medewerker).get(reverse("raad:motie_wijzigen", args=[motie.pk]))
    assert response.context["form"].initial["projecten"] == [project]


def test_project_van_andere_gemeente_geweigerd(medewerker, gemeente, andere_gemeente):
    elders = ProjectFactory(gemeente=andere_gemeente)
    with pytest.raises(ValidationError):
        services.motie_registreren(
            door=medewerker,
            gemeente=gemeente,
            nummer="M-1",
            titel="T",
            indieners="X",
            jaar=2026,
            gevraagde_actie="Y",
            projecten=[elders],
        )


def test_openbare_projectpagina_toont_geen_moties(client, gemeente, medewerker):
    project = ProjectFactory(gemeente=gemeente, naam="Stationsplein")
    ParticipatieplanFactory(project=project, gepubliceerd=True)
    MotieFactory(gemeente=gemeente, nummer="M-99", titel="Geheime motie").projecten.add(project)
    html = client.get(project.get_absolute_url()).text
    assert "Geheime motie" not in html and "M-99" not in html


def test_dashboard_linkt_naar_participatie(client, raadslid, gemeente):
    html = _login(client, raadslid).get(reverse("raad:dashboard")).text
    assert URL in html
