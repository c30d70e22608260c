"""A gemeente with this year's regulation and budget, an eligible group with a member, and staff."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import UserFactory

from .factories import AanvraagFactory, BudgetFactory, RegelingFactory

JAAR = timezone.localdate().year


@pytest.fixture
def regeling(gemeente):
    # Grants up to € 500 are settled at once; the default application (€ 900) needs accountability.
    return RegelingFactory(
        gemeente=gemeente, jaar=JAAR, sluitingsdatum=None, direct_vaststellen_tot=Decimal("500.00")
    )


@pytest.fixture
def budget(gemeente, regeling):
    return BudgetFactory(gemeente=gemeente, jaar=JAAR, totaal=Decimal("50000.00"))


@pytest.fixture
def groep(gemeente, kern):
    # With an IBAN on file: the gemeente pays only to one (test_betaling_zonder_iban.py without).
    return GroepFactory(
        gemeente=gemeente,
        kernen=[kern],
        naam="Activiteitencommissie Breukelen",
        iban="NL91ABNA0417164300",
        tenaamstelling="Activiteitencommissie Breukelen",
    )


@pytest.fixture
def lid(groep):
    return LidmaatschapFactory(groep=groep, gebruiker=UserFactory(groepslid=True, naam="Lotte Lid")).gebruiker


@pytest.fixture
def ander_lid(gemeente):
    """A member of another group in the same gemeente."""
    return LidmaatschapFactory(groep=GroepFactory(gemeente=gemeente)).gebruiker


@pytest.fixture
def collega(gemeente):
    return UserFactory(medewerker=True, gemeente=gemeente, naam="Cas Collega")


@pytest.fixture
def medewerker_elders(db):
    return UserFactory(medewerker=True, naam="Eva Elders")


@pytest.fixture
def aanvraag(groep, budget, kern):
    return AanvraagFactory(groep=groep, kern=kern)


def naar_status(aanvraag, status, *, lid, medewerker, collega, bedrag=None):
    """Drive an application through the services up to `status` (decision by medewerker, payment by collega)."""
    stappen = [
        Status.INGEDIEND,
        Status.IN_BEHANDELING,
        Status.TOEGEKEND,
        Status.UITBETAALD,
        Status.VERANTWOORDING_INGEDIEND,
        Status.VASTGESTELD,
    ]
    if status == Status.AANVULLING_GEVRAAGD:
        aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
        return services.aanvulling_vragen(aanvraag=aanvraag, door=medewerker, vraag="Stuur een offerte mee.")
    if status == Status.AFGEWEZEN:
        aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
        return services.aanvraag_afwijzen(
            aanvraag=aanvraag, door=medewerker, motivering="Past niet in de regeling."
        )
    for stap in stappen[: stappen.index(status) + 1]:
        if stap == Status.INGEDIEND:
            aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
        elif stap == Status.IN_BEHANDELING:
            aanvraag = services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=medewerker)
        elif stap == Status.TOEGEKEND:
            aanvraag = services.aanvraag_toekennen(
                aanvraag=aanvraag,
                door=medewerker,
                bedrag=bedrag or aanvraag.gevraagd_bedrag,
                motivering="Goed plan.",
            )
        elif stap == Status.UITBETAALD:
            aanvraag = services.betaling_registreren(
                aanvraag=aanvraag, door=collega, betaald_op=timezone.localdate(), betaalkenmerk="BET-1"
            )
        elif stap == Status.VERANTWOORDING_INGEDIEND:
            aanvraag = services.verantwoording_indienen(
                aanvraag=aanvraag,
                door=lid,
                werkelijke_kosten=Decimal("800.00"),
                verslag="Het was een mooie middag.",
            )
        elif stap == Status.VASTGESTELD:
            aanvraag = services.aanvraag_vaststellen(
                aanvraag=aanvraag, door=medewerker, bedrag=aanvraag.toegekend_bedrag, motivering=""
            )
    return aanvraag


@pytest.fixture
def flow(lid, medewerker, collega):
    def _flow(aanvraag, status, **kwargs):
        return naar_status(aanvraag, status, lid=lid, medewerker=medewerker, collega=collega, **kwargs)

    return _flow


@pytest.fixture
def op_dag(monkeypatch):
    """Let the services believe it is another day (at noon)."""

    def _op(dag: datetime.date):
        moment = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))
        monkeypatch.setattr(services, "_nu", lambda: moment)

    return _op
