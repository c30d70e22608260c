"""Followers of a project hear of what the public may see: the plan's publication and its steps, never
anything of a concept plan (the round and summary events: tests/test_mails.py and the rounds' tests)."""

import datetime

import pytest
from django.core import mail

from gebiedsagenda import services as volgen
from gebiedsagenda.models import Volger
from participatie import services

pytestmark = pytest.mark.django_db
BASIS = "https://portaal.example/"


@pytest.fixture
def volger(project):
    volgen.volgen_aanmelden(email="bewoner@example.nl", gebied=project, basis_url=BASIS)
    volger = Volger.objects.get(project=project)
    volgen.volgen_bevestigen(token=volger.token)
    mail.outbox.clear()
    return volger


def _stap(plan, door, **extra):
    velden = {
        "datum": datetime.date(2026, 12, 10),
        "wat": "Inloopavond",
        "met_wie": "Omwonenden",
        "niveau": "raadplegen",
        "uitgevoerd": False,
    }
    return services.stap_opslaan(plan=plan, door=door, **{**velden, **extra})


def test_concept_stil_publiceren_en_stap_gedaan_gemeld(
    project, omgevingsmanager, volger, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = services.plan_opslaan(
            project=project, door=omgevingsmanager, vraag="Hoe wordt het plein?", wel_invloed="Groen.",
            besluitorgaan="college",
        )  # fmt: skip
        stap = _stap(plan, omgevingsmanager)
    assert mail.outbox == []  # a concept plan is not public: its followers hear nothing yet

    with django_capture_on_commit_callbacks(execute=True):
        plan = services.plan_publiceren(plan=plan, door=omgevingsmanager)
    [bericht] = mail.outbox
    assert "participatieplan is gepubliceerd" in bericht.subject
    assert "Hoe wordt het plein?" in bericht.body and volger.token in bericht.body
    assert bericht.to == ["bewoner@example.nl"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _stap(plan, omgevingsmanager, stap=stap, uitgevoerd=True)
    [bericht] = mail.outbox
    assert "Stap gedaan: Inloopavond" in bericht.subject

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _stap(plan, omgevingsmanager, stap=stap, uitgevoerd=True, uitkomst="Veel reacties.")
    assert mail.outbox == []  # changing a step already done is no news
