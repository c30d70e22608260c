import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from leefbaarheidsbudget.models import Aanvraag, Budget, Kernplafond, Kostenpost, Regeling
from tests.factories import GemeenteFactory, KernFactory


class RegelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regeling
        django_get_or_create = ["gemeente", "jaar"]
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    jaar = 2026
    max_per_aanvraag = Decimal("10000.00")
    max_per_groep_per_jaar = Decimal("20000.00")
    minimale_voorbereiding_dagen = 42
    beslistermijn_weken = 8
    direct_vaststellen_tot = Decimal("5000.00")
    vier_ogen = True


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget
        django_get_or_create = ["gemeente", "jaar"]
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    jaar = 2026
    totaal = Decimal("100000.00")


class KernplafondFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kernplafond
        skip_postgeneration_save = True

    budget = factory.SubFactory(BudgetFactory)
    kern = factory.SubFactory(KernFactory, gemeente=factory.SelfAttribute("..budget.gemeente"))
    plafond = Decimal("10000.00")


class AanvraagFactory(factory.django.DjangoModelFactory):
    """A complete concept with two cost lines (€ 600 + € 400, own contribution € 100: asks € 900).

    Later states are reached through the services (see `conftest.naar_status`), so that money,
    terms and history stay consistent.
    """

    class Meta:
        model = Aanvraag
        skip_postgeneration_save = True

    groep = factory.SubFactory("tests.bewonersgroepen.factories.GroepFactory")
    gemeente = factory.SelfAttribute("groep.gemeente")
    titel = factory.Sequence(lambda n: f"Buurtactiviteit {n}")
    omschrijving = "Een middag met spelletjes en muziek op het plein."
    doel = "Buren leren elkaar kennen."
    kern = factory.LazyAttribute(lambda o: o.groep.kernen.first() or KernFactory(gemeente=o.gemeente))
    datum_van = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=70))
    voorwaarden_gelezen_op = factory.LazyFunction(timezone.now)
    verwacht_aantal_deelnemers = 80
    eigen_bijdrage = Decimal("100.00")
    cofinanciering = Decimal("0.00")
    totale_kosten = Decimal("1000.00")
    gevraagd_bedrag = factory.LazyAttribute(lambda o: o.totale_kosten - o.eigen_bijdrage - o.cofinanciering)
    begrotingsjaar = factory.LazyFunction(lambda: timezone.localdate().year)

    @factory.post_generation
    def kostenposten(self, create, extracted, **kwargs):
        if not create:
            return
        regels = (
            extracted
            if extracted is not None
            else [("Huur geluidsinstallatie", "600.00"), ("Materiaal", "400.00")]
        )
        for omschrijving, bedrag in regels:
            Kostenpost.objects.create(aanvraag=self, omschrijving=omschrijving, bedrag=Decimal(bedrag))
        totaal = sum((Decimal(b) for _, b in regels), Decimal(0))
        if totaal != self.totale_kosten:
            self.totale_kosten = totaal
            self.gevraagd_bedrag = totaal - self.eigen_bijdrage - self.cofinanciering
            self.save(update_fields=["totale_kosten", "gevraagd_bedrag"])


def pdf_bytes() -> bytes:
    """A small valid one-page PDF, as a group would upload."""
    import io

    from pypdf import PdfWriter

    schrijver = PdfWriter()
    schrijver.add_blank_page(width=200, height=200)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()
