"""Applications of group A in each state the pages need, and gemeente X's budget."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone

from leefbaarheidsbudget.constants import Soort, Status
from leefbaarheidsbudget.models import Bijlage, Budget
from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, RegelingFactory, pdf_bytes

from .objecten import url_kwargs, wereld_bouwer


@wereld_bouwer
def aanvragen(wereld):
    nu = timezone.now()
    jaar = timezone.localdate().year
    RegelingFactory(gemeente=wereld.gemeente_x, jaar=jaar)
    wereld.objecten["budget_x"] = BudgetFactory(gemeente=wereld.gemeente_x, jaar=jaar)
    groep = wereld.objecten["groep_a"]

    def maak(naam, status, **velden):
        if status != Status.CONCEPT:
            velden.setdefault("ingediend_op", nu - datetime.timedelta(days=90))
            velden.setdefault("beslistermijn_dagen", 56)
            velden.setdefault("uiterste_beslisdatum", timezone.localdate() - datetime.timedelta(days=34))
        if status in (
            Status.TOEGEKEND,
            Status.UITBETAALD,
            Status.VERANTWOORDING_INGEDIEND,
            Status.VASTGESTELD,
        ):
            velden.setdefault("besluit_op", nu - datetime.timedelta(days=40))
            velden.setdefault("toegekend_bedrag", Decimal("900"))
            velden.setdefault("motivering", "Goed plan.")
        if "toegekend_bedrag" in velden:
            # As the services do: a grant holds its money in the budget until it is settled.
            budget = wereld.objecten["budget_x"]
            velden.setdefault("budget", budget)
            vast = velden.get("vastgesteld_bedrag", velden["toegekend_bedrag"])
            Budget.objects.filter(pk=budget.pk).update(vastgelegd=F("vastgelegd") + vast)
        wereld.objecten[naam] = AanvraagFactory(groep=groep, kern=wereld.kern_x, status=status, **velden)

    maak("aanvraag_concept", Status.CONCEPT)
    maak("aanvraag_open", Status.IN_BEHANDELING)
    maak("aanvraag_aanvulling", Status.AANVULLING_GEVRAAGD, opgeschort_sinds=timezone.localdate())
    maak("aanvraag_toegekend", Status.TOEGEKEND)
    maak(
        "aanvraag_uitbetaald",
        Status.UITBETAALD,
        uitbetaald_bedrag=Decimal("900"),
        uitbetaald_op=timezone.localdate(),
    )
    maak("aanvraag_verantwoord", Status.VERANTWOORDING_INGEDIEND, uitbetaald_bedrag=Decimal("900"))
    maak(
        "aanvraag_vastgesteld",
        Status.VASTGESTELD,
        uitbetaald_bedrag=Decimal("900"),
        vastgesteld_bedrag=Decimal("800"),
        terug_te_vorderen=Decimal("100"),
    )
    maak(
        "jaarbijdrage_toegekend",
        Status.TOEGEKEND,
        soort=Soort.JAARBIJDRAGE,
        overeenkomst=wereld.objecten["overeenkomst_a"],
        begrotingsjaar=jaar,
        titel=f"Jaarbijdrage {jaar}",
    )
    bijlage = Bijlage(aanvraag=wereld.objecten["aanvraag_concept"], naam="offerte.pdf")
    bijlage.bestand.save("offerte.pdf", ContentFile(pdf_bytes()), save=True)
    wereld.objecten["bijlage"] = bijlage


def _aanvraag(naam):
    return lambda wereld: {"pk": wereld.objecten[naam].pk}


url_kwargs(
    "leefbaarheidsbudget:aanvraag",
    "leefbaarheidsbudget:aanvraag_bewerken",
    "leefbaarheidsbudget:bijlage_toevoegen",
)(_aanvraag("aanvraag_concept"))
url_kwargs(
    "leefbaarheidsbudget:aanvraag_intrekken",
    "leefbaarheidsbudget:ingebrekestelling",
    "leefbaarheidsbudget:behandelen",
    "leefbaarheidsbudget:aanvulling_vragen",
    "leefbaarheidsbudget:termijn_verlengen",
    "leefbaarheidsbudget:besluit",
)(_aanvraag("aanvraag_open"))
url_kwargs("leefbaarheidsbudget:informatie_beantwoorden")(_aanvraag("aanvraag_aanvulling"))
url_kwargs("leefbaarheidsbudget:beschikking", "leefbaarheidsbudget:betaling")(_aanvraag("aanvraag_toegekend"))
url_kwargs("leefbaarheidsbudget:jaarbijdrage_laten_vervallen")(_aanvraag("jaarbijdrage_toegekend"))
url_kwargs("leefbaarheidsbudget:verantwoording")(_aanvraag("aanvraag_uitbetaald"))
url_kwargs("leefbaarheidsbudget:vaststellen")(_aanvraag("aanvraag_verantwoord"))
url_kwargs("leefbaarheidsbudget:terugbetaling", "leefbaarheidsbudget:vaststelling")(
    _aanvraag("aanvraag_vastgesteld")
)


@url_kwargs("leefbaarheidsbudget:bijlage", "leefbaarheidsbudget:bijlage_verwijderen")
def _bijlage(wereld):
    return {"pk": wereld.objecten["aanvraag_concept"].pk, "bijlage_pk": wereld.objecten["bijlage"].pk}


@url_kwargs("leefbaarheidsbudget:jaarbijdrage_vastleggen")
def _jaarbijdrage(wereld):
    """The agreement of group A (awaiting signature: the reservation itself is refused, with a message)."""
    return {"pk": wereld.objecten["overeenkomst_a"].pk, "jaar": timezone.localdate().year}


@url_kwargs("leefbaarheidsbudget:budget")
def _budget(wereld):
    return {"pk": wereld.objecten["budget_x"].pk}


@url_kwargs("leefbaarheidsbudget:export", "leefbaarheidsbudget:export_xlsx")
def _export(wereld):
    return {"jaar": timezone.localdate().year}
