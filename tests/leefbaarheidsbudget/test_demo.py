import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from berichten.models import Bericht
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


@pytest.mark.django_db
def test_demo_stappen_op_dagen_in_het_verleden_zonder_mail():
    """The steps happen on their own past days (the services' `nu`), as the scenarios say; no mail queued."""
    call_command("load_demo")
    vandaag = timezone.localdate()
    schaak = Aanvraag.objects.get(titel="Schaaktafels in het park")
    ingediend = timezone.localdate(schaak.ingediend_op)
    assert ingediend == vandaag - datetime.timedelta(days=200)
    assert timezone.localdate(schaak.besluit_op) == ingediend + datetime.timedelta(days=30)
    assert schaak.uitbetaald_op == ingediend + datetime.timedelta(days=40)
    assert schaak.doorlooptijd_dagen == 30
    momenten = list(schaak.statuswijzigingen.values_list("op", flat=True))
    assert momenten and all(timezone.localdate(op) < vandaag for op in momenten)
    bloembakken = Aanvraag.objects.get(titel="Bloembakken Breukelen-centrum")
    assert timezone.localdate(bloembakken.vastgesteld_op) == vandaag - datetime.timedelta(days=40)
    assert Bericht.objects.count() == 0
