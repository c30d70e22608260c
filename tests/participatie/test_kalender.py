"""Consultation rounds in the area calendar (participatie registers a source in gebiedsagenda.kalender)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gebiedsagenda import kalender
from participatie.kalender import raadplegingen
from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.factories import KernFactory
from tests.gebiedsagenda.test_kalender import ontleed
from tests.rollen.factories import ProjectFactory

from .factories import ParticipatieplanFactory, raadpleging_maken

pytestmark = pytest.mark.django_db


def _events(client, kern):
    antwoord = client.get(reverse("gebiedsagenda:kalender_kern", args=[kern.gemeente.slug, kern.slug]))
    assert antwoord.status_code == 200
    return {e["SUMMARY"][1]: e for e in ontleed(antwoord.content)}


def test_de_bron_is_geregistreerd():
    assert raadplegingen in kalender.BRONNEN


def test_een_open_ronde_staat_met_begin_en_einde_in_de_kalender(client, project, kern, omgevingsmanager):
    plan = ParticipatieplanFactory(project=project, gepubliceerd=True)
    ronde = raadpleging_maken(plan, omgevingsmanager, openen=True)
    raadpleging_maken(plan, omgevingsmanager)  # a concept: not in the calendar
    events = _events(client, kern)
    open_ = events["Raadpleging open: Uw mening over het plein (Herinrichting Stationsplein)"]
    sluit = events["Raadpleging sluit: Uw mening over het plein (Herinrichting Stationsplein)"]
    assert open_["DTSTART"][1] == timezone.localtime(ronde.open_van).strftime("%Y%m%d")
    assert sluit["DTSTART"][1] == timezone.localtime(ronde.open_tot).strftime("%Y%m%d")
    assert open_["URL"][1] == f"http://testserver{ronde.openbare_url()}"
    assert "Iedereen kan reageren" in open_["DESCRIPTION"][1]
    assert len([t for t in events if t.startswith("Raadpleging")]) == 2


def test_niet_van_een_ongepubliceerd_plan_of_een_ander_gebied(
    client, project, kern, gemeente, omgevingsmanager
):
    plan = ParticipatieplanFactory(project=project)  # concept plan
    raadpleging_maken(plan, omgevingsmanager, openen=False)
    elders = ProjectFactory(gemeente=gemeente, kernen=[KernFactory(gemeente=gemeente)], naam="Elders")
    toewijzing_aanmaken(
        rol=Rol.OMGEVINGSMANAGER, project=elders, medewerker=omgevingsmanager, van=datetime.date(2024, 1, 1)
    )
    ander_plan = ParticipatieplanFactory(project=elders, gepubliceerd=True)
    raadpleging_maken(ander_plan, omgevingsmanager, openen=True)
    assert not [t for t in _events(client, kern) if t.startswith("Raadpleging")]


def test_een_query_hoeveel_rondes_ook(project, kern, omgevingsmanager):
    plan = ParticipatieplanFactory(project=project, gepubliceerd=True)
    raadpleging_maken(plan, omgevingsmanager, openen=True)
    with CaptureQueriesContext(connection) as weinig:
        list(raadplegingen(kern))
    for _ in range(5):
        raadpleging_maken(plan, omgevingsmanager, openen=True)
    with CaptureQueriesContext(connection) as veel:
        items = list(raadplegingen(kern))
    assert len(items) == 12
    assert len(veel) == len(weinig) == 1
