import datetime

import factory

from participatie.constants import Besluitorgaan, Partnersoort, Planstatus
from participatie.models import Ketenpartner, Participatieplan
from tests.factories import GemeenteFactory
from tests.rollen.factories import ProjectFactory


class KetenpartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ketenpartner
        skip_postgeneration_save = True

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Woningstichting {n}")
    soort = Partnersoort.WONINGCORPORATIE
    omschrijving = "Verhuurt woningen in de gemeente."
    email = "info@woningstichting.example"
    telefoon = "030 123 45 67"

    class Params:
        inactief = factory.Trait(actief=False)

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if create and extracted:
            self.kernen.set(extracted)

    @factory.post_generation
    def wijken(self, create, extracted, **kwargs):
        if create and extracted:
            self.wijken.set(extracted)

    @factory.post_generation
    def themas(self, create, extracted, **kwargs):
        if create and extracted:
            self.themas.set(extracted)


class ParticipatieplanFactory(factory.django.DjangoModelFactory):
    """Saved through the model; the publication workflow is tested through the services."""

    class Meta:
        model = Participatieplan
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    vraag = "Hoe richten we het plein in?"
    wel_invloed = "De plek van de bankjes en het groen."
    geen_invloed = "Het budget."
    besluitorgaan = Besluitorgaan.COLLEGE
    besluit_verwacht = datetime.date(2027, 6, 1)

    class Params:
        gepubliceerd = factory.Trait(
            status=Planstatus.GEPUBLICEERD,
            gepubliceerd_op=factory.LazyFunction(lambda: datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)),
        )


def raadpleging_maken(
    plan, door, *, stap=None, openbaar=True, groepen=(), ketenpartners=(), vragen=True, openen=False
):
    """A round through the services (a concept with three questions; `openen`: opened by `door`)."""
    from django.utils import timezone

    from participatie import raadplegingen
    from tests.rollen.factories import ParticipatiestapFactory

    stap = stap or ParticipatiestapFactory(project=plan.project, niveau="raadplegen", wat="Enquête")
    nu = timezone.now()
    ronde = raadplegingen.raadpleging_opslaan(
        plan=plan,
        door=door,
        stap=stap,
        titel="Uw mening over het plein",
        inleiding="Wat vindt u belangrijk?",
        open_van=nu - datetime.timedelta(days=1),
        open_tot=nu + datetime.timedelta(days=14),
        openbaar=openbaar,
        groepen=groepen,
        ketenpartners=ketenpartners,
    )
    if vragen:
        raadplegingen.vraag_toevoegen(
            raadpleging=ronde, door=door, tekst="Wat wilt u op het plein?", soort="open", verplicht=True
        )
        raadplegingen.vraag_toevoegen(
            raadpleging=ronde,
            door=door,
            tekst="Meer groen of meer parkeren?",
            soort="keuze",
            keuzes="Groen\nParkeren",
        )
        raadplegingen.vraag_toevoegen(
            raadpleging=ronde, door=door, tekst="Hoe tevreden bent u nu?", soort="schaal"
        )
    if openen:
        ronde = raadplegingen.raadpleging_openen(raadpleging=ronde, door=door)
    return ronde


def antwoorden(ronde, open_="Meer bankjes", keuze="Groen", score="4"):
    vragen = list(ronde.vragen.all())
    return {vragen[0].pk: open_, vragen[1].pk: keuze, vragen[2].pk: score}
