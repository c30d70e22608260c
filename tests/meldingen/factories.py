import datetime

import factory
from django.utils import timezone

from meldingen.models import Categorie, Melding
from tests.factories import GemeenteFactory


class CategorieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Categorie
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    hoofdcategorie = None
    naam = factory.Sequence(lambda n: f"Categorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    afhandeltermijn = 5


class SubcategorieFactory(CategorieFactory):
    hoofdcategorie = factory.SubFactory(CategorieFactory, gemeente=factory.SelfAttribute("..gemeente"))


class MeldingFactory(factory.django.DjangoModelFactory):
    """A melding saved directly (no routing, no history); tests of the flow use the service."""

    class Meta:
        model = Melding
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    categorie = factory.SubFactory(SubcategorieFactory, gemeente=factory.SelfAttribute("..gemeente"))
    referentie = factory.Sequence(lambda n: f"M-2026-{n + 500000:06d}")
    tekst = "De lamp doet het niet."
    straat = "Kerkstraat 1"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
