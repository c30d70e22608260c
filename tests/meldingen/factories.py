import datetime

import factory
from django.utils import timezone

from meldingen.models import Categorie, Melding
from tests.factories import GemeenteFactory

# Two wijken side by side, and an L-shaped one with a hole, all around Breukelen (lon, lat).
WEST = {
    "type": "Polygon",
    "coordinates": [[[5.00, 52.16], [5.01, 52.16], [5.01, 52.18], [5.00, 52.18], [5.00, 52.16]]],
}
OOST = {
    "type": "Polygon",
    "coordinates": [[[5.01, 52.16], [5.02, 52.16], [5.02, 52.18], [5.01, 52.18], [5.01, 52.16]]],
}
# An L with a square hole; as a MultiPolygon with a second, separate square.
L_MET_GAT = {
    "type": "MultiPolygon",
    "coordinates": [
        [
            [
                [4.90, 52.10],
                [4.96, 52.10],
                [4.96, 52.12],
                [4.92, 52.12],
                [4.92, 52.16],
                [4.90, 52.16],
                [4.90, 52.10],
            ],
            [[4.905, 52.105], [4.915, 52.105], [4.915, 52.115], [4.905, 52.115], [4.905, 52.105]],
        ],
        [[[4.80, 52.00], [4.81, 52.00], [4.81, 52.01], [4.80, 52.01], [4.80, 52.00]]],
    ],
}
# Exact points with six decimals that no 50 m grid centre matches.
LAT, LON = "52.171234", "5.004321"


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
