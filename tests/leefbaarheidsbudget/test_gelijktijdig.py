"""Two staff members granting at the same moment: the budget is never over-committed.

These tests need real concurrent transactions, so they run on PostgreSQL (CI does). SQLite's
single-writer locking makes threads in one test database fail with 'database is locked' instead
of racing; there the conditional UPDATE is proven by test_budget.py's stale-object test.

Two guards hold the money, and each test below says which one it proves:
- the budget row lock (`select_for_update` in `geld.budget_vergrendelen`) serialises every grant
  against one budget, so checks made after it (the maximum per group per year) see the grants before
  them. Without the lock `test_maximum_per_groep_houdt_stand_bij_gelijktijdig_toekennen` fails
  (two grants pass where one may);
- the conditional UPDATE (`... WHERE vastgelegd <= totaal - x`) keeps the year's total and the kern
  ceiling. With the lock *and* the conditional UPDATE replaced by read-check-write, the total and
  ceiling tests fail too (all eight grants pass, or reservations are lost); either guard alone keeps
  those two green. Tried on PostgreSQL 15 while auditing issue 5.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from leefbaarheidsbudget import selectors, services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag, Budget

from .factories import AanvraagFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Gelijktijdige transacties vragen PostgreSQL; SQLite vergrendelt de hele database (CI draait PostgreSQL).",
    ),
]


def gelijktijdig(taken):
    """Run each task in its own thread and connection, all starting at the same moment."""
    start = threading.Barrier(len(taken))
    uitkomsten = [None] * len(taken)

    def draai(i, taak):
        try:
            start.wait()
            taak()
            uitkomsten[i] = "toegekend"
        except ValidationError as fout:
            uitkomsten[i] = fout
        finally:
            connections.close_all()

    threads = [threading.Thread(target=draai, args=(i, t)) for i, t in enumerate(taken)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return uitkomsten


def in_behandeling(aantal, *, groepen, kern, lid_van, medewerker):
    aanvragen = []
    for i in range(aantal):
        groep = groepen[i % len(groepen)]
        aanvraag = services.aanvraag_indienen(
            aanvraag=AanvraagFactory(groep=groep, kern=kern), door=lid_van[groep.pk]
        )
        aanvragen.append(services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=medewerker))
    return aanvragen


def test_budget_nooit_overschreden_bij_gelijktijdig_toekennen(gemeente, kern, budget, medewerker, collega):
    from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory

    Budget.objects.filter(pk=budget.pk).update(totaal=Decimal("2700.00"))  # room for three of € 900
    groepen = [GroepFactory(gemeente=gemeente, kernen=[kern]) for _ in range(8)]
    lid_van = {g.pk: LidmaatschapFactory(groep=g).gebruiker for g in groepen}
    aanvragen = in_behandeling(8, groepen=groepen, kern=kern, lid_van=lid_van, medewerker=medewerker)
    staf = [medewerker, collega]
    uitkomsten = gelijktijdig(
        [
            (
                lambda a=a, i=i: services.aanvraag_toekennen(
                    aanvraag=a, door=staf[i % 2], bedrag=Decimal("900"), motivering="Goed plan."
                )
            )
            for i, a in enumerate(aanvragen)
        ]
    )
    assert uitkomsten.count("toegekend") == 3, uitkomsten
    assert all("niet genoeg budget" in str(u) for u in uitkomsten if u != "toegekend")
    budget.refresh_from_db()
    assert budget.vastgelegd == Decimal("2700.00")
    assert Aanvraag.objects.filter(status=Status.TOEGEKEND).count() == 3
    assert selectors.budgetcijfers(gemeente=gemeente, jaar=budget.jaar).vrij == 0


def test_maximum_per_groep_houdt_stand_bij_gelijktijdig_toekennen(
    gemeente, kern, budget, regeling, groep, lid, medewerker, collega, monkeypatch
):
    """The budget row lock serialises every check made after it, also the group's yearly maximum.

    The check reads what the group already holds; a pause right after that read widens the race
    window, so without the lock both grants would see € 0 and both pass. Remove the
    `select_for_update` in `geld.budget_vergrendelen` and this test fails.
    """
    regeling.max_per_groep_per_jaar = Decimal("1500.00")
    regeling.save()
    aanvragen = in_behandeling(2, groepen=[groep], kern=kern, lid_van={groep.pk: lid}, medewerker=medewerker)
    echt = selectors.toegekend_aan_groep

    def traag(**kwargs):
        uitkomst = echt(**kwargs)
        time.sleep(0.5)
        return uitkomst

    monkeypatch.setattr(selectors, "toegekend_aan_groep", traag)
    uitkomsten = gelijktijdig(
        [
            lambda: services.aanvraag_toekennen(
                aanvraag=aanvragen[0], door=medewerker, bedrag=Decimal("900"), motivering="Goed plan."
            ),
            lambda: services.aanvraag_toekennen(
                aanvraag=aanvragen[1], door=collega, bedrag=Decimal("900"), motivering="Goed plan."
            ),
        ]
    )
    assert uitkomsten.count("toegekend") == 1, uitkomsten
    assert selectors.toegekend_aan_groep(groep=groep, jaar=budget.jaar) == Decimal("900")


def test_dezelfde_aanvraag_twee_keer_toekennen_kan_niet(
    gemeente, kern, budget, groep, lid, medewerker, collega
):
    aanvraag = in_behandeling(1, groepen=[groep], kern=kern, lid_van={groep.pk: lid}, medewerker=medewerker)[
        0
    ]
    uitkomsten = gelijktijdig(
        [
            lambda door=door: services.aanvraag_toekennen(
                aanvraag=aanvraag, door=door, bedrag=Decimal("900"), motivering="Goed plan."
            )
            for door in (medewerker, collega)
        ]
    )
    assert uitkomsten.count("toegekend") == 1, uitkomsten
    budget.refresh_from_db()
    assert budget.vastgelegd == Decimal("900")
    assert aanvraag.statuswijzigingen.filter(naar=Status.TOEGEKEND).count() == 1


def test_kernplafond_nooit_overschreden_bij_gelijktijdig_toekennen(
    gemeente, kern, budget, medewerker, collega
):
    """The year's budget has room for all; the kern ceiling only for two of € 900."""
    from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory

    from .factories import KernplafondFactory

    plafond = KernplafondFactory(budget=budget, kern=kern, plafond=Decimal("1800.00"))
    groepen = [GroepFactory(gemeente=gemeente, kernen=[kern]) for _ in range(6)]
    lid_van = {g.pk: LidmaatschapFactory(groep=g).gebruiker for g in groepen}
    aanvragen = in_behandeling(6, groepen=groepen, kern=kern, lid_van=lid_van, medewerker=medewerker)
    staf = [medewerker, collega]
    uitkomsten = gelijktijdig(
        [
            (
                lambda a=a, i=i: services.aanvraag_toekennen(
                    aanvraag=a, door=staf[i % 2], bedrag=Decimal("900"), motivering="Goed plan."
                )
            )
            for i, a in enumerate(aanvragen)
        ]
    )
    assert uitkomsten.count("toegekend") == 2, uitkomsten
    assert all("plafond van Breukelen" in str(u) for u in uitkomsten if u != "toegekend")
    plafond.refresh_from_db()
    budget.refresh_from_db()
    assert plafond.vastgelegd == Decimal("1800.00")
    assert budget.vastgelegd == Decimal("1800.00")  # refused grants gave their budget reservation back
    kerncijfers = selectors.budgetcijfers(gemeente=gemeente, jaar=budget.jaar, kern=kern)
    assert kerncijfers.vrij == 0
