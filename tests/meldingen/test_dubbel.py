"""A duplicate is linked to its main report: guards, history of both, the reporter follows the main one."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from meldingen import services
from meldingen.constants import MeldingStatus as S
from meldingen.models import Meldingstatuswijziging
from tests.factories import GemeenteFactory, UserFactory

from .factories import CategorieFactory


def doen(categorie, wijk, **kwargs):
    kwargs.setdefault("tekst", "De lamp doet het niet.")
    return services.melding_doen(gemeente=categorie.gemeente, categorie=categorie, wijk=wijk, **kwargs)


@pytest.fixture
def hoofd(categorie, wijk):
    return doen(categorie, wijk, email="eerste@example.nl")


@pytest.fixture
def dubbel(categorie, wijk):
    return doen(categorie, wijk, email="tweede@example.nl", tekst="Lamp bij de kerk, Jan Jansen hier.")


def test_samenvoegen_sluit_de_dubbele_schrijft_beide_historie_en_mailt_de_melder(
    hoofd, dubbel, medewerker, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        services.als_dubbel_markeren(melding=dubbel, hoofdmelding=hoofd, door=medewerker, reden="Zelfde lamp")
    assert mail.outbox == []  # queued in the transaction, sent after commit
    for callback in callbacks:
        callback()
    dubbel.refresh_from_db()
    hoofd.refresh_from_db()
    assert dubbel.hoofdmelding == hoofd and dubbel.status == S.AFGEHANDELD and dubbel.gesloten_op
    assert hoofd.status == S.GEMELD and hoofd.is_open
    stap = Meldingstatuswijziging.objects.filter(melding=dubbel).latest("pk")
    assert stap.naar == S.AFGEHANDELD and stap.door == medewerker and stap.melder_geinformeerd
    assert hoofd.referentie in stap.toelichting and "Zelfde lamp" in stap.toelichting
    bij_hoofd = Meldingstatuswijziging.objects.filter(melding=hoofd).latest("pk")
    assert bij_hoofd.van == bij_hoofd.naar == S.GEMELD and dubbel.referentie in bij_hoofd.toelichting
    [bericht] = [m for m in mail.outbox if m.to == ["tweede@example.nl"]]
    assert hoofd.referentie in bericht.subject and hoofd.token in bericht.body
    assert dubbel.token not in bericht.body
    assert not dubbel.feedback_mogelijk()  # the reporter follows the main report


def test_zonder_emailadres_geen_mail(hoofd, categorie, wijk, medewerker, django_capture_on_commit_callbacks):
    anoniem = doen(categorie, wijk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.als_dubbel_markeren(melding=anoniem, hoofdmelding=hoofd, door=medewerker, reden="Zelfde")
    assert mail.outbox == []
    assert not Meldingstatuswijziging.objects.filter(melding=anoniem).latest("pk").melder_geinformeerd


def test_bewakers(hoofd, dubbel, categorie, wijk, medewerker):
    with pytest.raises(ValidationError, match="zichzelf"):
        services.als_dubbel_markeren(melding=dubbel, hoofdmelding=dubbel, door=medewerker, reden="x")
    with pytest.raises(ValidationError, match="Leg uit"):
        services.als_dubbel_markeren(melding=dubbel, hoofdmelding=hoofd, door=medewerker, reden=" ")
    elders = GemeenteFactory()
    andere_cat = CategorieFactory(gemeente=elders, naam="Afval", slug="afval")
    vreemd = services.melding_doen(gemeente=elders, categorie=andere_cat, tekst="x", straat="Dorpsstraat 1")
    with pytest.raises(ValidationError, match="dezelfde gemeente"):
        services.als_dubbel_markeren(melding=dubbel, hoofdmelding=vreemd, door=medewerker, reden="x")
    with pytest.raises(PermissionDenied):
        services.als_dubbel_markeren(melding=dubbel, hoofdmelding=hoofd, door=UserFactory(), reden="x")
    services.als_dubbel_markeren(melding=dubbel, hoofdmelding=hoofd, door=medewerker, reden="Zelfde")
    derde = doen(categorie, wijk)
    with pytest.raises(ValidationError, match="zelf een dubbele melding"):
        services.als_dubbel_markeren(melding=derde, hoofdmelding=dubbel, door=medewerker, reden="x")
    with pytest.raises(ValidationError, match="Andere meldingen zijn hiermee samengevoegd"):
        services.als_dubbel_markeren(melding=hoofd, hoofdmelding=derde, door=medewerker, reden="x")
    gesloten = services.melding_overgaan(melding=derde, naar=S.GEANNULEERD, door=medewerker, tekst="Fout")
    vierde = doen(categorie, wijk)
    with pytest.raises(ValidationError, match="gesloten"):
        services.als_dubbel_markeren(melding=vierde, hoofdmelding=gesloten, door=medewerker, reden="x")
    with pytest.raises(ValidationError, match="al gesloten"):
        services.als_dubbel_markeren(melding=gesloten, hoofdmelding=hoofd, door=medewerker, reden="x")


def test_afsluiten_hoofdmelding_informeert_ook_de_melders_van_dubbele(
    categorie, wijk, medewerker, django_capture_on_commit_callbacks
):
    hoofd = doen(categorie, wijk)  # anonymous main report: the checkbox is still offered
    dubbel = doen(categorie, wijk, email="tweede@example.nl")
    zonder = doen(categorie, wijk)
    for d in (dubbel, zonder):
        services.als_dubbel_markeren(melding=d, hoofdmelding=hoofd, door=medewerker, reden="Zelfde")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_overgaan(
            melding=hoofd,
            naar=S.AFGEHANDELD,
            door=medewerker,
            tekst="Lamp vervangen.",
            melder_informeren=True,
        )
    [bericht] = mail.outbox
    assert bericht.to == ["tweede@example.nl"] and "Lamp vervangen." in bericht.body
    assert dubbel.referentie in bericht.body and hoofd.token in bericht.body


def test_heropenen_van_een_dubbele_maakt_haar_los(hoofd, dubbel, medewerker):
    services.als_dubbel_markeren(melding=dubbel, hoofdmelding=hoofd, door=medewerker, reden="Zelfde")
    dubbel = services.melding_overgaan(melding=dubbel, naar=S.HEROPEND, door=medewerker, tekst="Toch anders")
    assert dubbel.hoofdmelding is None and dubbel.is_open


def test_statuspagina_van_de_dubbele_volgt_de_hoofdmelding_zonder_persoonsgegevens(
    client, hoofd, dubbel, medewerker
):
    services.als_dubbel_markeren(melding=dubbel, hoofdmelding=hoofd, door=medewerker, reden="Zelfde lamp")
    services.melding_overgaan(melding=hoofd, naar=S.WACHT_OP_DERDEN, door=medewerker, tekst="Stedin Piet")
    html = client.get(dubbel.get_status_url()).content.decode()
    assert f"Deze melding is samengevoegd met {hoofd.referentie}" in html
    assert "Wacht op anderen" in html  # the main report's timeline
    assert "Wat vindt u ervan?" not in html
    for persoonlijk in (
        "eerste@example.nl",
        "tweede@example.nl",
        "Jan Jansen",
        "Stedin Piet",
        medewerker.naam,
    ):
        assert persoonlijk not in html
    assert hoofd.token not in html  # the main report's own secret link is not given away


def test_via_de_pagina_samenvoegen_en_hoofdmelding_toont_dubbele(client, hoofd, dubbel, medewerker):
    client.force_login(medewerker)
    url = reverse("meldingen:dubbel", args=[dubbel.referentie])
    assert "Dubbele melding samenvoegen" in client.get(dubbel.get_absolute_url()).content.decode()
    pagina = client.get(url)
    assert pagina.status_code == 200 and hoofd.referentie in pagina.content.decode()  # suggested
    fout = client.post(url, {"hoofdmelding": "M-1999-000001", "reden": "x"})
    assert fout.status_code == 400 and "Er is geen melding met dit nummer" in fout.content.decode()
    response = client.post(url, {"hoofdmelding": hoofd.referentie.lower(), "reden": "Zelfde lamp"})
    assert response.status_code == 302
    dubbel.refresh_from_db()
    assert dubbel.hoofdmelding == hoofd
    html = client.get(hoofd.get_absolute_url()).content.decode()
    assert "Samengevoegde meldingen (1)" in html and dubbel.referentie in html
    assert (
        f'samengevoegd met <a href="{hoofd.get_absolute_url()}">'
        in client.get(dubbel.get_absolute_url()).content.decode()
    )
    assert client.get(url).status_code == 302  # already merged
