"""One factory per model. Apps add theirs here as they grow."""

import factory
from django.contrib.auth.models import Group

from accounts.constants import Gebruikerssoort
from accounts.models import User
from gebieden.models import Buurt, Gebiedsgrens, Gemeente, Kern, Wijk
from gebieden.services import grens_opslaan

WACHTWOORD = "een-lang-test-wachtwoord"
VIERKANT = {
    "type": "Polygon",
    "coordinates": [[[5.0, 52.1], [5.1, 52.1], [5.1, 52.2], [5.0, 52.2], [5.0, 52.1]]],
}


def _grens(gebied, create, extracted, **kwargs):
    """`grens=<GeoJSON geometry>`: the area's boundary, which lives in a table of its own (Gebiedsgrens)."""
    if create and extracted is not None:
        grens_opslaan(gebied, extracted)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        skip_postgeneration_save = True  # `grens` writes a row of its own: no second save
        django_get_or_create = ["code"]

    # Modulo keeps the code at CBS length (GM + 4 digits) however many tests ran before.
    code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    inwoners = 50000
    grens = factory.PostGeneration(_grens)


class KernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kern
        skip_postgeneration_save = True  # `grens` writes a row of its own: no second save

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Kern {n}")
    slug = factory.Sequence(lambda n: f"kern-{n}")
    grens = factory.PostGeneration(_grens)


WIJKNUMMERS = [*range(67, 81), *range(83, 98)]


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk
        skip_postgeneration_save = True  # `grens` writes a row of its own: no second save

    kern = factory.SubFactory(KernFactory)
    gemeente = factory.SelfAttribute("kern.gemeente")
    # Numbered codes end in 67–80 or 83–97: tests write fixed codes with 00–66, 81–82 and 99 (e.g. the
    # `wijk` fixture's WK190402), so no test depends on how many wijken earlier tests made.
    code = factory.LazyAttributeSequence(
        lambda o, n: f"WK{o.gemeente.code[2:]}{WIJKNUMMERS[n % len(WIJKNUMMERS)]:02d}"
    )
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    inwoners = 2500
    grens = factory.PostGeneration(_grens)


class BuurtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buurt
        skip_postgeneration_save = True  # `grens` writes a row of its own: no second save

    wijk = factory.SubFactory(WijkFactory)
    # Numbered codes end in 50–97: tests write fixed codes with 00–49 (e.g. BU19040201) and use 98–99 for
    # codes that must not exist, so no test depends on how many buurten earlier tests made.
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.wijk.code[2:]}{50 + n % 48:02d}")
    naam = factory.Sequence(lambda n: f"Buurt {n}")
    slug = factory.Sequence(lambda n: f"buurt-{n}")
    grens = factory.PostGeneration(_grens)


class GebiedsgrensFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebiedsgrens

    kern = factory.SubFactory(KernFactory)
    geometrie = VIERKANT


class UserFactory(factory.django.DjangoModelFactory):
    """A user of one kind: UserFactory(medewerker=True), (groepslid=True), (raadslid=True), (beheerder=True)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    naam = factory.Faker("name", locale="nl_NL")

    class Params:
        medewerker = factory.Trait(
            soort=Gebruikerssoort.MEDEWERKER, gemeente=factory.SubFactory(GemeenteFactory)
        )
        groepslid = factory.Trait(soort=Gebruikerssoort.GROEPSLID)
        raadslid = factory.Trait(soort=Gebruikerssoort.RAADSLID, gemeente=factory.SubFactory(GemeenteFactory))
        beheerder = factory.Trait(
            soort=Gebruikerssoort.FUNCTIONEEL_BEHEERDER,
            is_staff=True,
            gemeente=factory.SubFactory(GemeenteFactory),
        )

    # A regular declaration (not a Param) so traits can set it; _create takes it off the model kwargs.
    soort = None

    @classmethod
    def _create(cls, model_class, *args, soort=None, **kwargs):
        user = model_class(*args, **kwargs)
        user.set_password(WACHTWOORD)
        user.save()
        if soort:
            user.groups.add(Group.objects.get(name=soort))
        return user

    @classmethod
    def _build(cls, model_class, *args, soort=None, **kwargs):
        return model_class(*args, **kwargs)
