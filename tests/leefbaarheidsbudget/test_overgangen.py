"""Every step of the transition table, allowed for its actor and refused for everyone else, and every
step that is not in the table refused for everyone.

The test table below must name each (from, to) of `werkstromen.AANVRAAG` exactly once, so that a step
added to the workflow without a test fails here.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag, Statuswijziging
from leefbaarheidsbudget.werkstromen import AANVRAAG

OVERGANGEN = AANVRAAG.tabel

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()

# action -> the status it moves to (intrekken and vaststellen from their states).
ACTIES = {
    "indienen": lambda a, door: services.aanvraag_indienen(aanvraag=a, door=door),
    "behandelen": lambda a, door: services.aanvraag_in_behandeling_nemen(aanvraag=a, door=door),
    "aanvulling": lambda a, door: services.aanvulling_vragen(aanvraag=a, door=door, vraag="Offerte graag."),
    "toekennen": lambda a, door: services.aanvraag_toekennen(
        aanvraag=a, door=door, bedrag=Decimal("900"), motivering="Past goed in de regeling."
    ),
    "afwijzen": lambda a, door: services.aanvraag_afwijzen(aanvraag=a, door=door, motivering="Commercieel."),
    "intrekken": lambda a, door: services.aanvraag_intrekken(
        aanvraag=a, door=door, toelichting="Gaat niet door."
    ),
    "betalen": lambda a, door: services.betaling_registreren(aanvraag=a, door=door, betaald_op=VANDAAG),
    "verantwoorden": lambda a, door: services.verantwoording_indienen(
        aanvraag=a, door=door, werkelijke_kosten=Decimal("900"), verslag="Goed gegaan."
    ),
    "vaststellen": lambda a, door: services.aanvraag_vaststellen(
        aanvraag=a, door=door, bedrag=Decimal("900")
    ),
}
NAAR = {
    "indienen": Status.INGEDIEND,
    "behandelen": Status.IN_BEHANDELING,
    "aanvulling": Status.AANVULLING_GEVRAAGD,
    "toekennen": Status.TOEGEKEND,
    "afwijzen": Status.AFGEWEZEN,
    "intrekken": Status.INGETROKKEN,
    "betalen": Status.UITBETAALD,
    "verantwoorden": Status.VERANTWOORDING_INGEDIEND,
    "vaststellen": Status.VASTGESTELD,
}

# (from, to) of the table -> (action, who may, directly settled grant?)
DEKKING = {
    (Status.CONCEPT, Status.INGEDIEND): ("indienen", "lid", False),
    (Status.AANVULLING_GEVRAAGD, Status.INGEDIEND): ("indienen", "lid", False),
    (Status.INGEDIEND, Status.IN_BEHANDELING): ("behandelen", "medewerker", False),
    (Status.INGEDIEND, Status.AANVULLING_GEVRAAGD): ("aanvulling", "medewerker", False),
    (Status.IN_BEHANDELING, Status.AANVULLING_GEVRAAGD): ("aanvulling", "medewerker", False),
    (Status.INGEDIEND, Status.TOEGEKEND): ("toekennen", "medewerker", False),
    (Status.IN_BEHANDELING, Status.TOEGEKEND): ("toekennen", "medewerker", False),
    (Status.INGEDIEND, Status.AFGEWEZEN): ("afwijzen", "medewerker", False),
    (Status.IN_BEHANDELING, Status.AFGEWEZEN): ("afwijzen", "medewerker", False),
    (Status.CONCEPT, Status.INGETROKKEN): ("intrekken", "lid", False),
    (Status.INGEDIEND, Status.INGETROKKEN): ("intrekken", "lid", False),
    (Status.IN_BEHANDELING, Status.INGETROKKEN): ("intrekken", "lid", False),
    (Status.AANVULLING_GEVRAAGD, Status.INGETROKKEN): ("intrekken", "lid", False),
    (Status.TOEGEKEND, Status.INGETROKKEN): ("intrekken", "lid", False),
    (Status.TOEGEKEND, Status.UITBETAALD): ("betalen", "collega", False),
    (Status.UITBETAALD, Status.VERANTWOORDING_INGEDIEND): ("verantwoorden", "lid", False),
    (Status.VERANTWOORDING_INGEDIEND, Status.VASTGESTELD): ("vaststellen", "medewerker", False),
    # A grant settled at once: the payment takes it through uitbetaald to vastgesteld in one go.
    (Status.UITBETAALD, Status.VASTGESTELD): ("betalen", "collega", True),
}

# States the flow helper reaches, to try the steps that are not in the table from each of them.
BEREIKBAAR = [
    Status.CONCEPT,
    Status.INGEDIEND,
    Status.IN_BEHANDELING,
    Status.AANVULLING_GEVRAAGD,
    Status.TOEGEKEND,
    Status.AFGEWEZEN,
    Status.UITBETAALD,
    Status.VERANTWOORDING_INGEDIEND,
    Status.VASTGESTELD,
]


# Steps of a jaarbijdrage only (staff take a cancelled one back): tests/leefbaarheidsbudget/test_jaarbijdrage.py.
ALLEEN_JAARBIJDRAGE = {(Status.INGETROKKEN, Status.TOEGEKEND): {"medewerker_bij_jaarbijdrage"}}
# A granted application: the group withdraws it; a jaarbijdrage: staff let it lapse (test_jaarbijdrage.py).
PER_SOORT = {(Status.TOEGEKEND, Status.INGETROKKEN): {"groep_bij_aanvraag", "medewerker_bij_jaarbijdrage"}}


def test_elke_stap_van_de_tabel_heeft_een_test():
    assert set(DEKKING) | set(ALLEEN_JAARBIJDRAGE) == set(OVERGANGEN)
    for stap, wie in (ALLEEN_JAARBIJDRAGE | PER_SOORT).items():
        assert OVERGANGEN[stap].wie_mag == wie, stap
    for (van, naar), (_actie, wie, _) in DEKKING.items():
        verwacht = {"groep" if wie == "lid" else "medewerker"}
        if (van, naar) == (Status.CONCEPT, Status.INGEDIEND):
            verwacht.add(
                "invoerder"
            )  # entered on the group's behalf: tests/leefbaarheidsbudget/test_namens.py
        if (van, naar) not in PER_SOORT:
            assert OVERGANGEN[(van, naar)].wie_mag == verwacht, (van, naar)


@pytest.fixture
def personen(lid, ander_lid, medewerker, collega, medewerker_elders, beheerder, raadslid):
    return {
        "lid": lid,
        "ander_lid": ander_lid,
        "medewerker": medewerker,
        "collega": collega,
        "medewerker_elders": medewerker_elders,
        "beheerder": beheerder,
        "raadslid": raadslid,
    }


@pytest.mark.parametrize(("van", "naar"), list(DEKKING), ids=lambda s: str(s))
def test_stap_mag_alleen_door_de_juiste_actor(aanvraag, flow, regeling, personen, van, naar):
    actie, wie_mag, direct = DEKKING[(van, naar)]
    if direct:
        regeling.direct_vaststellen_tot = Decimal("5000")
        regeling.save()
    start = Status.TOEGEKEND if direct else van
    if start != Status.CONCEPT:
        aanvraag = flow(aanvraag, start)
    rijen = Statuswijziging.objects.filter(aanvraag=aanvraag).count()
    groep_stap = wie_mag == "lid"
    verkeerd = ["ander_lid", "medewerker_elders", "beheerder", "raadslid"]
    verkeerd += ["medewerker", "collega"] if groep_stap else ["lid"]
    for wie in verkeerd:
        with pytest.raises(PermissionDenied):
            ACTIES[actie](aanvraag, personen[wie])
        assert Aanvraag.objects.get(pk=aanvraag.pk).status == start, wie
    assert Statuswijziging.objects.filter(aanvraag=aanvraag).count() == rijen  # nothing recorded

    door = personen[wie_mag]
    ACTIES[actie](aanvraag, door)
    aanvraag.refresh_from_db()
    assert aanvraag.status == naar
    rij = aanvraag.statuswijzigingen.filter(van=van, naar=naar).get()
    assert rij.door == door and rij.op is not None and rij.toelichting  # actor, time and comment


def test_na_betaling_zonder_directe_vaststelling_eerst_de_verantwoording(aanvraag, flow, medewerker):
    """(uitbetaald -> vastgesteld) is in the table for direct grants only; others wait for the group."""
    aanvraag = flow(aanvraag, Status.UITBETAALD)
    assert not aanvraag.direct_vastgesteld
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_vaststellen(aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"))
    assert "verantwoording" in fout.value.messages[0]
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.UITBETAALD and aanvraag.vastgesteld_bedrag is None


def test_na_betaling_zonder_directe_vaststelling_ook_niet_via_het_formulier(
    client, aanvraag, flow, medewerker
):
    from django.urls import reverse

    aanvraag = flow(aanvraag, Status.UITBETAALD)
    client.force_login(medewerker)
    response = client.post(
        reverse("leefbaarheidsbudget:vaststellen", args=[aanvraag.pk]), {"bedrag": "900,00", "motivering": ""}
    )
    assert response.status_code == 200
    assert "verantwoording" in " ".join(response.context["form"].non_field_errors())
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.UITBETAALD


@pytest.mark.parametrize("van", BEREIKBAAR, ids=str)
def test_stap_buiten_de_tabel_wordt_geweigerd(aanvraag, flow, personen, van):
    if van != Status.CONCEPT:
        aanvraag = flow(aanvraag, van)
    rijen = Statuswijziging.objects.filter(aanvraag=aanvraag).count()
    for actie, naar in NAAR.items():
        if (van, naar) in OVERGANGEN:
            continue
        # Even the person who could take such a step elsewhere in the workflow is refused.
        for wie in ("lid", "medewerker", "collega"):
            with pytest.raises((ValidationError, PermissionDenied)):
                ACTIES[actie](aanvraag, personen[wie])
            assert Aanvraag.objects.get(pk=aanvraag.pk).status == van, (actie, wie)
    assert Statuswijziging.objects.filter(aanvraag=aanvraag).count() == rijen
