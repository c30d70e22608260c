import datetime

import factory
from django.utils import timezone

from gebiedsagenda.models import Gebiedsagenda, Opgave, Thema, Volger
from tests.factories import KernFactory


class AgendaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebiedsagenda
        skip_postgeneration_save = True

    kern = factory.SubFactory(KernFactory)
    toekomstbeeld = "Een groen en levendig dorp."


class OpgaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opgave
        skip_postgeneration_save = True

    agenda = factory.SubFactory(AgendaFactory)
    titel = factory.Sequence(lambda n: f"Opgave {n}")
    thema = factory.LazyFunction(lambda: Thema.objects.get(naam="Wonen"))
    beschrijving = "Meer betaalbare woningen voor starters."


class VolgerFactory(factory.django.DjangoModelFactory):
    """A confirmed follower of a kern (pass wijk=..., kern=None for a wijk); unconfirmed: bevestigd_op=None."""

    class Meta:
        model = Volger

    email = factory.Sequence(lambda n: f"bewoner{n}@example.nl")
    kern = factory.SubFactory(KernFactory)
    bevestigd_op = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    verstuurd_tot = factory.SelfAttribute("bevestigd_op")
