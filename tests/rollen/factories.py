import datetime

import factory

from rollen.constants import Fase, Rol
from rollen.models import Participatiestap, Project, Routeringsregel, Toewijzing
from tests.factories import GemeenteFactory, KernFactory, UserFactory

BEGIN = datetime.date(2024, 1, 1)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    beschrijving = "Herinrichting van de openbare ruimte."
    fase = Fase.PLANVORMING

    class Params:
        afgerond = factory.Trait(fase=Fase.AFGEROND)

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if create and extracted:
            self.kernen.set(extracted)

    @factory.post_generation
    def wijken(self, create, extracted, **kwargs):
        if create and extracted:
            self.wijken.set(extracted)


class ParticipatiestapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participatiestap

    project = factory.SubFactory(ProjectFactory)
    datum = datetime.date(2024, 3, 1)
    wat = "Informatieavond"
    met_wie = "Omwonenden en de dorpsraad"
    uitkomst = "Veel steun voor het plan."


class ToewijzingFactory(factory.django.DjangoModelFactory):
    """Saved through the model (constraints hold); rule checks are tested through the services."""

    class Meta:
        model = Toewijzing

    rol = Rol.ADVISEUR
    kern = factory.SubFactory(KernFactory)
    medewerker = factory.SubFactory(
        UserFactory, medewerker=True, gemeente=factory.SelfAttribute("..kern.gemeente")
    )
    van = BEGIN
    tot = None

    class Params:
        beheerder_wijk = factory.Trait(
            rol=Rol.BEHEERDER,
            kern=None,
            medewerker=factory.SubFactory(
                UserFactory, medewerker=True, gemeente=factory.SelfAttribute("..wijk.gemeente")
            ),
        )
        omgevingsmanager = factory.Trait(
            rol=Rol.OMGEVINGSMANAGER,
            kern=None,
            project=factory.SubFactory(ProjectFactory),
            medewerker=factory.SubFactory(
                UserFactory, medewerker=True, gemeente=factory.SelfAttribute("..project.gemeente")
            ),
        )


class RouteringsregelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routeringsregel

    gemeente = factory.SubFactory(GemeenteFactory)
    soort_werk = "aanvraag"
    rol = Rol.BEHEERDER
