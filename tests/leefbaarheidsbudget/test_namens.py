"""Staff enter an application on a group's behalf (issue 18, item 10a): through the service and the page.

The application records who entered it, the timeline and the page say "ingevoerd door … namens …", the
group's addresses get a mail through the durable queue (berichten), and the four-eyes rule keeps the
staff member who entered it from deciding it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from berichten.models import Bericht
from bewonersgroepen.constants import Groepstatus
from leefbaarheidsbudget import selectors, services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from leefbaarheidsbudget.services import Kostenregel
from leefbaarheidsbudget.werkstromen import AANVRAAG
from tests.bewonersgroepen.factories import GroepFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()
URL = reverse("leefbaarheidsbudget:aanvraag_namens")


def gegevens(kern, **anders):
    return {
        "titel": "Burendag op het plein",
        "omschrijving": "Spelletjes en muziek op het plein.",
        "doel": "Buren leren elkaar kennen.",
        "kern": kern,
        "datum_van": VANDAAG + datetime.timedelta(days=70),
        "verwacht_aantal_deelnemers": 60,
        "eigen_bijdrage": Decimal("50.00"),
        "voorwaarden_gelezen": True,
        **anders,
    }


REGELS = [Kostenregel("Huur tent", Decimal("450.00")), Kostenregel("Koffie", Decimal("100.00"))]


@pytest.fixture(autouse=True)
def _adviseur(monkeypatch, medewerker):
    monkeypatch.setattr(selectors, "verantwoordelijke_adviseur", lambda a: medewerker)


def invoeren(groep, door, kern, **anders):
    return services.aanvraag_namens_invoeren(
        groep=groep,
        door=door,
        gegevens=gegevens(kern, **anders),
        kostenposten=REGELS,
        toelichting="Telefoon.",
    )


# --- the service -------------------------------------------------------------------------------------


def test_medewerker_voert_in_en_dient_in_namens_de_groep(budget, groep, lid, collega, kern):
    aanvraag = invoeren(groep, collega, kern)
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND
    assert aanvraag.ingevoerd_door == collega and aanvraag.aangemaakt_door == collega
    assert aanvraag.gevraagd_bedrag == Decimal("500.00")
    assert aanvraag.ingediend_op is not None and aanvraag.uiterste_beslisdatum is not None
    rijen = list(aanvraag.statuswijzigingen.order_by("op", "pk"))
    assert [(r.van, r.naar, r.door) for r in rijen] == [
        ("", Status.CONCEPT, collega),
        (Status.CONCEPT, Status.INGEDIEND, collega),
    ]
    namens = "Ingevoerd door Cas Collega (gemeente) namens Activiteitencommissie Breukelen."
    assert rijen[0].toelichting == f"{namens}\nTelefoon."
    assert namens in rijen[1].toelichting
    # The group's members see it among their applications.
    assert aanvraag in selectors.mijn_aanvragen(lid)


def test_de_groep_krijgt_een_mail_via_de_wachtrij(
    budget, groep, lid, collega, kern, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        invoeren(groep, collega, kern)
    rijen = Bericht.objects.filter(aan=lid.email)
    assert rijen.count() == 1
    assert "namens uw groep" in rijen.get().onderwerp


def test_alle_fouten_tegelijk_en_niets_opgeslagen(budget, groep, collega, kern):
    with pytest.raises(ValidationError) as fout:
        invoeren(
            groep,
            collega,
            kern,
            omschrijving="",
            datum_van=VANDAAG + datetime.timedelta(days=3),
            voorwaarden_gelezen=False,
        )
    assert {"omschrijving", "datum_van", "voorwaarden_gelezen"} <= set(fout.value.message_dict)
    assert not Aanvraag.objects.exists()


def test_alleen_medewerkers_van_de_gemeente_van_de_groep(budget, groep, lid, medewerker_elders, kern):
    for wie in (lid, medewerker_elders, UserFactory(beheerder=True, gemeente=groep.gemeente)):
        with pytest.raises(PermissionDenied):
            invoeren(groep, wie, kern)
    assert not Aanvraag.objects.exists()


def test_groep_die_niet_in_aanmerking_komt_wordt_geweigerd(budget, gemeente, collega, kern):
    bewonersgroep = GroepFactory(gemeente=gemeente, kernen=[kern], status=Groepstatus.INACTIEF)
    with pytest.raises(ValidationError) as fout:
        invoeren(bewonersgroep, collega, kern)
    assert "Alleen een actieve groep" in fout.value.message_dict["groep"][0]


def test_wie_invoerde_beslist_niet_een_collega_wel(budget, groep, collega, medewerker, kern):
    aanvraag = invoeren(groep, collega, kern)
    for beslis in (
        lambda: services.aanvraag_toekennen(
            aanvraag=aanvraag, door=collega, bedrag=Decimal("500"), motivering="Goed plan."
        ),
        lambda: services.aanvraag_afwijzen(aanvraag=aanvraag, door=collega, motivering="Past niet."),
    ):
        with pytest.raises(ValidationError) as fout:
            beslis()
        assert "u voerde deze aanvraag in namens de groep" in fout.value.message_dict["besluit"][0]
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND and aanvraag.besluit_op is None
    services.aanvraag_toekennen(
        aanvraag=aanvraag, door=medewerker, bedrag=Decimal("500"), motivering="Goed plan."
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.TOEGEKEND and aanvraag.beslist_door == medewerker


def test_de_invoerder_is_een_rol_in_de_werkstroom_alleen_voor_het_indienen(
    budget, groep, collega, medewerker, kern, aanvraag
):
    # A concept of the group itself: a staff member who did not enter it may not submit it.
    assert not AANVRAAG.mag(collega, aanvraag, Status.INGEDIEND)
    aanvraag.ingevoerd_door = collega
    assert AANVRAAG.mag(collega, aanvraag, Status.INGEDIEND)
    assert not AANVRAAG.mag(medewerker, aanvraag, Status.INGEDIEND)
    assert not AANVRAAG.mag(collega, aanvraag, Status.INGETROKKEN)


# --- the page ----------------------------------------------------------------------------------------


def formulier(groep, kern, **anders):
    data = {
        "groep": groep.pk if groep else "",
        "toelichting": "Aan de balie.",
        "titel": "Burendag op het plein",
        "omschrijving": "Spelletjes en muziek.",
        "doel": "Buren leren elkaar kennen.",
        "kern": kern.pk,
        "datum_van": (VANDAAG + datetime.timedelta(days=70)).isoformat(),
        "verwacht_aantal_deelnemers": "60",
        "eigen_bijdrage": "50",
        "cofinanciering": "",
        "voorwaarden_gelezen": "on",
        "kosten-TOTAL_FORMS": "3",
        "kosten-INITIAL_FORMS": "0",
        "kosten-MIN_NUM_FORMS": "0",
        "kosten-MAX_NUM_FORMS": "50",
        "kosten-0-omschrijving": "Huur tent",
        "kosten-0-bedrag": "450",
        "indienen": "",
    }
    data.update(anders)
    return data


def test_pagina_toont_alleen_groepen_die_mogen_aanvragen(client, budget, groep, gemeente, collega, kern):
    GroepFactory(gemeente=gemeente, kernen=[kern], status=Groepstatus.INACTIEF, naam="Commissie in rust")
    GroepFactory(naam="Commissie elders")
    client.force_login(collega)
    pagina = client.get(URL).content.decode()
    assert "Activiteitencommissie Breukelen" in pagina
    assert "Commissie in rust" not in pagina and "Commissie elders" not in pagina
    assert "beslist een collega over de aanvraag" in pagina


def test_pagina_dient_in_en_de_aanvraag_toont_wie_invoerde(client, budget, groep, lid, collega, kern):
    client.force_login(collega)
    response = client.post(URL, formulier(groep, kern))
    aanvraag = Aanvraag.objects.get()
    assert response.status_code == 302 and response["Location"] == aanvraag.get_absolute_url()
    assert aanvraag.ingevoerd_door == collega and aanvraag.status == Status.INGEDIEND
    # The group's member sees who entered it, on the page and in the timeline.
    client.force_login(lid)
    pagina = client.get(aanvraag.get_absolute_url()).content.decode()
    assert pagina.count("Ingevoerd door Cas Collega (gemeente) namens Activiteitencommissie Breukelen.") >= 2


def test_pagina_met_fouten_bewaart_niets_en_toont_alles(client, budget, groep, collega, kern):
    client.force_login(collega)
    response = client.post(URL, formulier(groep, kern, omschrijving="", **{"kosten-0-bedrag": "abc"}))
    assert response.status_code == 200
    assert not Aanvraag.objects.exists()
    form = response.context["form"]
    assert "omschrijving" in form.errors
    assert response.context["formset"].forms[0].errors
    response = client.post(URL, formulier(None, kern))
    assert "groep" in response.context["namens"].errors and not Aanvraag.objects.exists()


def test_invoerder_krijgt_geen_besluitknop_maar_wacht_op_collega(
    client, budget, groep, collega, medewerker, kern
):
    aanvraag = invoeren(groep, collega, kern)
    client.force_login(collega)
    pagina = client.get(aanvraag.get_absolute_url()).content.decode()
    assert reverse("leefbaarheidsbudget:besluit", args=[aanvraag.pk]) not in pagina
    assert "Wacht op een collega." in pagina
    client.force_login(medewerker)
    pagina = client.get(aanvraag.get_absolute_url()).content.decode()
    assert reverse("leefbaarheidsbudget:besluit", args=[aanvraag.pk]) in pagina
    # And the decision page itself refuses the one who entered it.
    client.force_login(collega)
    response = client.post(
        reverse("leefbaarheidsbudget:besluit", args=[aanvraag.pk]),
        {"besluit": "afwijzen", "motivering": "Past niet."},
    )
    assert response.status_code == 200
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND


def test_werkvoorraad_wijst_de_weg(client, collega, lid):
    client.force_login(collega)
    assert URL in client.get(reverse("leefbaarheidsbudget:werkvoorraad")).content.decode()


def test_twee_keer_versturen_maakt_een_aanvraag(client, budget, groep, collega, kern):
    client.force_login(collega)
    data = {**formulier(groep, kern), "formuliersleutel": "sleutel-van-dit-formulier-123"}
    eerste = client.post(URL, data)
    tweede = client.post(URL, data)
    assert Aanvraag.objects.count() == 1
    assert tweede.status_code == 302 and tweede["Location"] == eerste["Location"]
