import datetime

import factory

from raad.constants import MotieStatus
from raad.models import Motie, Thema, Voortgangsupdate
from tests.factories import GemeenteFactory


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Thema {n}")


class MotieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motie
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    nummer = factory.Sequence(lambda n: f"M-{n + 100}")
    titel = factory.Sequence(lambda n: f"Motie over onderwerp {n}")
    indieners = "VVD, CDA"
    jaar = 2023
    gevraagde_actie = "Het college te verzoeken iets te doen."
    status = MotieStatus.LOPEND

    class Params:
        afgedaan = factory.Trait(status=MotieStatus.AFGEDAAN)

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if create and extracted:
            self.kernen.set(extracted)

    @factory.post_generation
    def themas(self, create, extracted, **kwargs):
        if create and extracted:
            self.themas.set(extracted)


class VoortgangsupdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voortgangsupdate

    motie = factory.SubFactory(MotieFactory)
    datum = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    tekst = factory.Sequence(lambda n: f"Stand van zaken nummer {n}.")
