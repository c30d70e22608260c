import pytest
from django.core.management import call_command

from leefbaarheidsbudget import selectors
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag, Budget


@pytest.mark.django_db
def test_demo_heeft_elke_status_en_klopt_met_het_budget():
    call_command("load_demo")
    call_command("load_demo")  # idempotent
    assert set(Aanvraag.objects.values_list("status", flat=True)) == set(Status.values)
    assert Aanvraag.objects.count() == 12
    for budget in Budget.objects.filter(gemeente__code="GM1904"):
        cijfers = selectors.budgetcijfers(gemeente=budget.gemeente, jaar=budget.jaar)
        assert budget.vastgelegd == cijfers.vastgelegd
    assert Aanvraag.objects.filter(ingebrekestelling_op__isnull=False).get().dwangsom().dagen > 0
    assert Aanvraag.objects.filter(terug_te_vorderen__gt=0, terugontvangen_op__isnull=True).exists()
