from decimal import Decimal

import factory

from leefbaarheidsbudget.models import Budget, Kernplafond, Regeling
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
