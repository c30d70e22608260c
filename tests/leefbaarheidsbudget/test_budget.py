"""The budget side: the regulation's validation, the legal term, the penalty, money never over-committed."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from leefbaarheidsbudget import geld
from leefbaarheidsbudget.models import Budget, Kernplafond
from leefbaarheidsbudget.termijnen import dwangsom, uiterste_beslisdatum
from tests.factories import KernFactory

from .factories import BudgetFactory, KernplafondFactory, RegelingFactory

pytestmark = pytest.mark.django_db


def test_beslisdatum_telt_termijn_opschorting_en_verdaging_op():
    assert uiterste_beslisdatum(ingediend_op=date(2026, 3, 2), termijn_dagen=56) == date(2026, 4, 27)
    assert uiterste_beslisdatum(
        ingediend_op=date(2026, 3, 2), termijn_dagen=56, opgeschort_dagen=10, verdaging_dagen=28
    ) == date(2026, 6, 4)


@pytest.mark.parametrize(
    ("dag", "dagen", "bedrag"),
    [
        (date(2026, 1, 15), 0, "0"),  # two weeks after the notice (received 1 January) not yet over
        (date(2026, 1, 16), 0, "0"),  # first day in default, not yet complete
        (date(2026, 1, 17), 1, "23"),
        (date(2026, 1, 30), 14, "322"),  # 14 x 23
        (date(2026, 1, 31), 15, "357"),  # + 35
        (date(2026, 2, 13), 28, "812"),  # 322 + 14 x 35
        (date(2026, 2, 14), 29, "857"),  # + 45
        (date(2026, 2, 27), 42, "1442"),  # the legal maximum
        (date(2026, 6, 1), 42, "1442"),  # never more
    ],
)
def test_dwangsom_awb_4_17(dag, dagen, bedrag):
    uitkomst = dwangsom(ingebrekestelling_op=date(2026, 1, 1), tot=dag)
    assert uitkomst.vanaf == date(2026, 1, 16)
    assert (uitkomst.dagen, uitkomst.bedrag) == (dagen, Decimal(bedrag))


def test_regeling_sluitingsdatum_in_het_eigen_jaar():
    regeling = RegelingFactory.build(
        gemeente=BudgetFactory().gemeente, jaar=2026, sluitingsdatum=date(2025, 10, 1)
    )
    with pytest.raises(ValidationError) as fout:
        regeling.full_clean()
    assert "sluitingsdatum" in fout.value.message_dict


def test_kernplafonds_samen_niet_boven_het_budget():
    budget = BudgetFactory(totaal=Decimal("1000"))
    KernplafondFactory(budget=budget, plafond=Decimal("600"))
    tweede = KernplafondFactory.build(
        budget=budget, kern=KernFactory(gemeente=budget.gemeente), plafond=Decimal("500")
    )
    with pytest.raises(ValidationError) as fout:
        tweede.full_clean()
    assert "hoger dan het totale budget" in fout.value.message_dict["plafond"][0]


def test_kernplafond_kern_van_dezelfde_gemeente():
    budget = BudgetFactory()
    plafond = KernplafondFactory.build(budget=budget, kern=KernFactory(), plafond=Decimal("10"))
    with pytest.raises(ValidationError) as fout:
        plafond.full_clean()
    assert "kern" in fout.value.message_dict


def test_vastleggen_tot_het_totaal_en_niet_verder():
    budget = BudgetFactory(totaal=Decimal("1000"))
    with transaction.atomic():
        geld.vastleggen(budget=budget, kern_id=None, bedrag=Decimal("600"))
        geld.vastleggen(budget=budget, kern_id=None, bedrag=Decimal("400"))
    budget.refresh_from_db()
    assert budget.vastgelegd == Decimal("1000")
    with pytest.raises(ValidationError) as fout, transaction.atomic():
        geld.vastleggen(budget=budget, kern_id=None, bedrag=Decimal("0.01"))
    assert "nog € 0,00 vrij" in fout.value.message_dict["bedrag"][0]


def test_vastleggen_met_een_verouderd_object_overschrijdt_niet():
    """The reservation is a conditional UPDATE, not `budget.vastgelegd += x; save()`.

    `budget` was read before another grant took money (a stale read, as in a race on SQLite,
    which ignores select_for_update); the conditional UPDATE still refuses the over-commit.
    """
    budget = BudgetFactory(totaal=Decimal("1000"))
    verouderd = Budget.objects.get(pk=budget.pk)
    with transaction.atomic():
        geld.vastleggen(budget=budget, kern_id=None, bedrag=Decimal("700"))
    with pytest.raises(ValidationError), transaction.atomic():
        geld.vastleggen(budget=verouderd, kern_id=None, bedrag=Decimal("700"))
    budget.refresh_from_db()
    assert budget.vastgelegd == Decimal("700")


def test_kernplafond_begrenst_en_draait_het_budget_terug():
    budget = BudgetFactory(totaal=Decimal("1000"))
    plafond = KernplafondFactory(budget=budget, plafond=Decimal("300"))
    with transaction.atomic():
        assert geld.vastleggen(budget=budget, kern_id=plafond.kern_id, bedrag=Decimal("200")) == plafond
    with pytest.raises(ValidationError) as fout, transaction.atomic():
        geld.vastleggen(budget=budget, kern_id=plafond.kern_id, bedrag=Decimal("200"))
    assert "plafond" in fout.value.message_dict["bedrag"][0]
    budget.refresh_from_db()
    plafond.refresh_from_db()
    assert (budget.vastgelegd, plafond.vastgelegd) == (Decimal("200"), Decimal("200"))
    with transaction.atomic():
        geld.vrijgeven(budget_id=budget.pk, kernplafond_id=plafond.pk, bedrag=Decimal("50"))
    budget.refresh_from_db()
    plafond.refresh_from_db()
    assert (budget.vastgelegd, plafond.vastgelegd) == (Decimal("150"), Decimal("150"))


def test_database_weigert_overschrijding():
    budget = BudgetFactory(totaal=Decimal("100"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Budget.objects.filter(pk=budget.pk).update(vastgelegd=Decimal("100.01"))
    plafond = KernplafondFactory(budget=budget, plafond=Decimal("50"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Kernplafond.objects.filter(pk=plafond.pk).update(vastgelegd=Decimal("50.01"))
