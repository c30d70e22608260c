"""After closing: the reporter rates the handling (1-5, once, within 14 days) and may ask to reopen; staff
reopen or refuse with a reason that goes to the reporter."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from meldingen import services
from meldingen.constants import MeldingStatus as S
from tests.rollen.factories import ToewijzingFactory

from .factories import CategorieFactory, SubcategorieFactory


@pytest.fixture
def afgehandeld(gemeente, wijk, medewerker):
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk, medewerker=medewerker)
    hoofd = CategorieFactory(gemeente=gemeente, naam="Groen", slug="groen")
    categorie = SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Boom")
    melding = services.melding_doen(
        gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Tak hangt los", email="melder@example.nl"
    )
    return services.melding_overgaan(
        melding=melding, naar=S.AFGEHANDELD, door=medewerker, tekst="Tak weggehaald."
    )


def test_een_keer_en_binnen_veertien_dagen(afgehandeld):
    assert afgehandeld.feedback_tot == timezone.localdate(afgehandeld.gesloten_op) + datetime.timedelta(
        days=14
    )
    laatste_dag = timezone.make_aware(
        datetime.datetime.combine(afgehandeld.feedback_tot, datetime.time(23, 0))
    )
    assert afgehandeld.feedback_mogelijk(laatste_dag)
    te_laat = laatste_dag + datetime.timedelta(hours=2)
    with pytest.raises(ValidationError):
        services.feedback_geven(melding=afgehandeld, tevredenheid=4, op=te_laat)
    services.feedback_geven(melding=afgehandeld, tevredenheid=4, opmerking="Snel!")
    afgehandeld.refresh_from_db()
    assert (afgehandeld.tevredenheid, afgehandeld.tevredenheid_opmerking) == (4, "Snel!")
    assert afgehandeld.heropenverzoek_op is None
    with pytest.raises(ValidationError):
        services.feedback_geven(melding=afgehandeld, tevredenheid=1)
    with pytest.raises(ValidationError):
        services.feedback_geven(melding=afgehandeld, tevredenheid=6)


def test_niet_bij_een_open_of_geannuleerde_melding(afgehandeld, medewerker):
    services.melding_overgaan(melding=afgehandeld, naar=S.HEROPEND, door=medewerker, tekst="Toch niet klaar.")
    with pytest.raises(ValidationError):
        services.feedback_geven(melding=afgehandeld, tevredenheid=3)


def test_verzoek_om_heropenen_en_staf_heropent(
    afgehandeld, medewerker, client, django_capture_on_commit_callbacks
):
    status_url = afgehandeld.get_status_url()
    assert "Wat vindt u ervan?" in client.get(status_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            status_url,
            {"tevredenheid": "2", "opmerking": "De tak ligt er nog", "heropenen": "on"},
        )
    assert response.status_code == 302
    afgehandeld.refresh_from_db()
    assert afgehandeld.tevredenheid == 2 and afgehandeld.heropenverzoek_op is not None
    assert [m.to for m in mail.outbox] == [[medewerker.email]]
    html = client.get(status_url).content.decode()
    assert (
        "Wat vindt u ervan?" not in html and "De tak ligt er nog" not in html
    )  # no remark on the public page
    client.force_login(medewerker)
    wachtrij = client.get(reverse("meldingen:wachtrij"), {"lijst": "heropenverzoek"}).content.decode()
    assert afgehandeld.referentie in wachtrij
    assert "De tak ligt er nog" in client.get(afgehandeld.get_absolute_url()).content.decode()
    client.post(
        reverse("meldingen:overgang", args=[afgehandeld.referentie]),
        {"naar": S.HEROPEND, "toelichting": "De melder zegt dat de tak er nog ligt."},
    )
    afgehandeld.refresh_from_db()
    assert afgehandeld.status == S.HEROPEND and afgehandeld.heropenverzoek_op is None
    assert afgehandeld.deadline >= timezone.localdate()
    assert (
        afgehandeld.referentie
        not in client.get(reverse("meldingen:wachtrij"), {"lijst": "heropenverzoek"}).content.decode()
    )


def test_staf_wijst_het_verzoek_af_met_uitleg_aan_de_melder(
    afgehandeld, medewerker, groepslid, client, django_capture_on_commit_callbacks
):
    services.feedback_geven(melding=afgehandeld, tevredenheid=1, heropenen=True)
    with pytest.raises(PermissionDenied):
        services.heropenverzoek_afwijzen(melding=afgehandeld, door=groepslid, tekst="Nee")
    client.force_login(medewerker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meldingen:verzoek_afwijzen", args=[afgehandeld.referentie]),
            {"tekst": "De boom staat op grond van het waterschap; wij hebben het hun gemeld."},
        )
    assert response.status_code == 302
    afgehandeld.refresh_from_db()
    assert afgehandeld.status == S.AFGEHANDELD and afgehandeld.heropenverzoek_op is None
    [bericht] = mail.outbox
    assert bericht.to == ["melder@example.nl"] and "waterschap" in bericht.body
    with pytest.raises(ValidationError):
        services.heropenverzoek_afwijzen(melding=afgehandeld, door=medewerker, tekst="Nog eens")
