import datetime

from django.utils import timezone

from berichten.models import Bericht
from leefbaarheidsbudget import selectors
from leefbaarheidsbudget.constants import Soort, Status
from leefbaarheidsbudget.models import Aanvraag, Budget


def test_demo_heeft_elke_status_en_klopt_met_het_budget(demo):
    # Running it again changes no row: tests/demo/test_portaal.py
    for code in ("GM1904", "GM1783", "GM0736"):  # every seed gemeente has every state
        statussen = Aanvraag.objects.filter(gemeente__code=code).values_list("status", flat=True)
        assert set(statussen) == set(Status.values), code
    assert Aanvraag.objects.filter(soort=Soort.AANVRAAG).count() == 36
    # The agreements' yearly contributions, in every step from reserved to settled (issue 18, item 10c).
    jaarbijdragen = Aanvraag.objects.filter(soort=Soort.JAARBIJDRAGE)
    assert set(jaarbijdragen.values_list("status", flat=True)) == {
        Status.TOEGEKEND,
        Status.UITBETAALD,
        Status.VERANTWOORDING_INGEDIEND,
        Status.VASTGESTELD,
    }
    for budget in Budget.objects.all():
        cijfers = selectors.budgetcijfers(gemeente=budget.gemeente, jaar=budget.jaar)
        assert budget.vastgelegd == cijfers.vastgelegd
    in_gebreke = Aanvraag.objects.filter(ingebrekestelling_op__isnull=False)
    assert in_gebreke.count() == 3 and all(aanvraag.dwangsom().dagen > 0 for aanvraag in in_gebreke)
    assert Aanvraag.objects.filter(terug_te_vorderen__gt=0, terugontvangen_op__isnull=True).exists()


def test_demo_stappen_op_dagen_in_het_verleden_zonder_mail(demo):
    """The steps happen on their own past days (the services' `nu`), as the scenarios say; no mail queued."""
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
