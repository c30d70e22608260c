"""Forwarding a melding as a tracked question to a vakafdeling or ketenpartner, and recording the answer."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from meldingen import services
from meldingen.constants import MeldingStatus as S
from meldingen.models import Doorzetting, Meldingstatuswijziging
from tests.factories import UserFactory

from .factories import CategorieFactory, SubcategorieFactory


@pytest.fixture
def melding(gemeente, wijk):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Water", slug="water")
    categorie = SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Verstopte put")
    return services.melding_doen(
        gemeente=gemeente,
        categorie=categorie,
        wijk=wijk,
        tekst="Put loopt over bij Jan Jansen.",
        email="melder@example.nl",
        telefoon="0612345678",
    )


def laatste_stap(melding):
    return Meldingstatuswijziging.objects.filter(melding=melding).latest("pk")


def test_doorzetten_met_mail_en_antwoord_via_de_werkstroom(
    melding, medewerker, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        vraag = services.doorzetten(
            melding=melding,
            door=medewerker,
            aan="Team Riolering",
            aan_email="riolering@example.nl",
            vraag="Kunnen jullie de put doorspuiten?",
        )
    assert mail.outbox == [] and callbacks  # queued in the transaction
    for callback in callbacks:
        callback()
    [bericht] = mail.outbox
    assert bericht.to == ["riolering@example.nl"] and "doorspuiten" in bericht.body
    for persoonlijk in ("melder@example.nl", "0612345678", "Jan Jansen"):
        assert persoonlijk not in bericht.body
    melding.refresh_from_db()
    assert melding.status == S.DOORGEZET and vraag.is_open
    stap = laatste_stap(melding)
    assert stap.van == S.GEMELD and stap.naar == S.DOORGEZET and stap.door == medewerker
    assert "Team Riolering" in stap.toelichting and "doorspuiten" in stap.toelichting

    vraag = services.doorzetting_beantwoorden(
        doorzetting=vraag, door=medewerker, antwoord="Gedaan op dinsdag."
    )
    melding.refresh_from_db()
    assert melding.status == S.IN_BEHANDELING and not vraag.is_open and vraag.beantwoord_door == medewerker
    stap = laatste_stap(melding)
    assert (
        stap.van == S.DOORGEZET and stap.naar == S.IN_BEHANDELING and "Gedaan op dinsdag." in stap.toelichting
    )
    with pytest.raises(ValidationError, match="al beantwoord"):
        services.doorzetting_beantwoorden(doorzetting=vraag, door=medewerker, antwoord="Nog eens")


def test_zonder_emailadres_geen_mail_en_twee_vragen(melding, medewerker, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        eerste = services.doorzetten(melding=melding, door=medewerker, aan="Stedin", vraag="Lamp?")
        tweede = services.doorzetten(melding=melding, door=medewerker, aan="Groen", vraag="Boom?")
    assert mail.outbox == []
    stap = laatste_stap(melding)
    assert stap.van == stap.naar == S.DOORGEZET and "Groen" in stap.toelichting  # an event
    services.doorzetting_beantwoorden(doorzetting=eerste, door=medewerker, antwoord="Morgen.")
    melding.refresh_from_db()
    assert melding.status == S.DOORGEZET  # one question still open
    services.doorzetting_beantwoorden(doorzetting=tweede, door=medewerker, antwoord="Volgende week.")
    melding.refresh_from_db()
    assert melding.status == S.IN_BEHANDELING


def test_bewakers(melding, medewerker):
    with pytest.raises(PermissionDenied):
        services.doorzetten(melding=melding, door=UserFactory(), aan="Stedin", vraag="x")
    with pytest.raises(ValidationError, match="afdeling"):
        services.doorzetten(melding=melding, door=medewerker, aan=" ", vraag="x")
    with pytest.raises(ValidationError, match="vraag"):
        services.doorzetten(melding=melding, door=medewerker, aan="Stedin", vraag="")
    with pytest.raises(ValidationError):
        services.doorzetten(melding=melding, door=medewerker, aan="Stedin", vraag="x", aan_email="geen-adres")
    vraag = services.doorzetten(melding=melding, door=medewerker, aan="Stedin", vraag="x")
    with pytest.raises(PermissionDenied):
        services.doorzetting_beantwoorden(doorzetting=vraag, door=UserFactory(), antwoord="x")
    with pytest.raises(ValidationError, match="antwoord"):
        services.doorzetting_beantwoorden(doorzetting=vraag, door=medewerker, antwoord=" ")
    services.melding_overgaan(melding=melding, naar=S.GEANNULEERD, door=medewerker, tekst="Fout gemeld")
    with pytest.raises(ValidationError, match="gesloten"):
        services.doorzetten(melding=melding, door=medewerker, aan="Stedin", vraag="x")
    assert Doorzetting.objects.count() == 1


def test_via_de_pagina_wachtrij_en_statuspagina(client, melding, medewerker):
    client.force_login(medewerker)
    response = client.post(
        reverse("meldingen:doorzetten", args=[melding.referentie]),
        {"aan": "Team Riolering", "aan_email": "", "vraag": "Doorspuiten graag"},
    )
    assert response.status_code == 302
    vraag = Doorzetting.objects.get()
    html = client.get(melding.get_absolute_url()).content.decode()
    assert "1 wacht op antwoord" in html and "Doorspuiten graag" in html
    wachtrij = reverse("meldingen:wachtrij")
    lijst = client.get(wachtrij, {"lijst": "wacht_op_antwoord"})
    assert melding.referentie in lijst.content.decode()
    assert ("wacht_op_antwoord", "Wacht op antwoord", 1) in lijst.context["tabs"]
    client.logout()
    publiek = client.get(melding.get_status_url()).content.decode()
    client.force_login(medewerker)
    assert "Doorgezet" in publiek
    for intern in ("Team Riolering", "Doorspuiten", medewerker.naam, "melder@example.nl", "Jan Jansen"):
        assert intern not in publiek
    url = reverse("meldingen:doorzetting_antwoord", args=[melding.referentie, vraag.pk])
    assert client.get(url).status_code == 405
    leeg = client.post(url, {"antwoord": ""})
    assert leeg.status_code == 400
    assert client.post(url, {"antwoord": "Gedaan"}).status_code == 302
    melding.refresh_from_db()
    assert melding.status == S.IN_BEHANDELING
    assert melding.referentie not in client.get(wachtrij, {"lijst": "wacht_op_antwoord"}).content.decode()
    html = client.get(melding.get_absolute_url()).content.decode()
    assert "wacht op antwoord" not in html and "Gedaan" in html
