"""The daily command `raadplegingen_bijwerken`: closes rounds whose period has passed and deletes
residents' responses never confirmed within RAADPLEGING_ONBEVESTIGD_BEWAREN_DAGEN."""

import datetime
import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from participatie import raadplegingen as rs
from participatie.models import Reactie
from participatie.raadpleging_models import Antwoord, Raadpleging

from .factories import ParticipatieplanFactory, antwoorden, raadpleging_maken

pytestmark = pytest.mark.django_db


@pytest.fixture
def ronde(project, omgevingsmanager):
    plan = ParticipatieplanFactory(project=project, gepubliceerd=True)
    return raadpleging_maken(plan, omgevingsmanager, openen=True)


def _inwoner(ronde, email, *, dagen_geleden, bevestigd=False):
    reactie = rs.reactie_inwoner_indienen(
        raadpleging=ronde, email=email, antwoorden=antwoorden(ronde), publiceren=False, toon_naam=False
    )
    if bevestigd:
        rs.reactie_inwoner_bevestigen(token=reactie.token)
    Reactie.objects.filter(pk=reactie.pk).update(
        ingediend_op=timezone.now() - datetime.timedelta(days=dagen_geleden)
    )
    return reactie


def test_sluit_verlopen_rondes_en_ruimt_onbevestigde_reacties_op(ronde, settings):
    settings.RAADPLEGING_ONBEVESTIGD_BEWAREN_DAGEN = 7
    oud = _inwoner(ronde, "oud@example.org", dagen_geleden=8)
    vers = _inwoner(ronde, "vers@example.org", dagen_geleden=2)
    bevestigd = _inwoner(ronde, "ja@example.org", dagen_geleden=30, bevestigd=True)
    uit = io.StringIO()

    call_command("raadplegingen_bijwerken", stdout=uit)
    # the round is still open: only the old unconfirmed response (and its answers) goes
    assert set(Reactie.objects.values_list("pk", flat=True)) == {vers.pk, bevestigd.pk}
    assert not Antwoord.objects.filter(reactie_id=oud.pk).exists()
    assert Raadpleging.objects.get(pk=ronde.pk).status == "open"
    assert "0 raadpleging(en) gesloten; 1 onbevestigde reactie(s) verwijderd." in uit.getvalue()

    Raadpleging.objects.filter(pk=ronde.pk).update(open_tot=timezone.now() - datetime.timedelta(minutes=1))
    call_command("raadplegingen_bijwerken", stdout=io.StringIO())
    ronde.refresh_from_db()
    assert ronde.status == "gesloten"
    assert ronde.statuswijzigingen.last().door is None
    # run again: nothing more to do
    uit = io.StringIO()
    call_command("raadplegingen_bijwerken", stdout=uit)
    assert "0 raadpleging(en) gesloten; 0 onbevestigde reactie(s) verwijderd." in uit.getvalue()


def test_de_werker_plant_het_dagelijks():
    [regel] = [r for r in django_settings.WACHTRIJ_PLANNING if r["opdracht"][0] == "raadplegingen_bijwerken"]
    assert regel["wanneer"].startswith("dagelijks")
    assert django_settings.RAADPLEGING_ONBEVESTIGD_BEWAREN_DAGEN == 7
