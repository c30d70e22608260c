import datetime
import io
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from pypdf import PdfWriter

from bewonersgroepen.constants import Functie, Groepsoort, Groepstatus, Overeenkomststatus, Standpunt
from bewonersgroepen.models import Groep, Lidmaatschap, Samenwerkingsovereenkomst
from tests.factories import GemeenteFactory, KernFactory, UserFactory
from tests.rollen.factories import ProjectFactory


def pdf_bytes() -> bytes:
    """A small, real PDF (one blank page)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    uit = io.BytesIO()
    writer.write(uit)
    return uit.getvalue()


def pdf_bestand(naam="overeenkomst.pdf") -> ContentFile:
    return ContentFile(pdf_bytes(), name=naam)


class GroepFactory(factory.django.DjangoModelFactory):
    """An active Activiteitencommissie by default; traits for the other kinds and states."""

    class Meta:
        model = Groep
        skip_postgeneration_save = True

    soort = Groepsoort.ACTIVITEITENCOMMISSIE
    naam = factory.Sequence(lambda n: f"Groep {n}")
    slug = factory.Sequence(lambda n: f"groep-{n}")
    gemeente = factory.SubFactory(GemeenteFactory)
    email = factory.Sequence(lambda n: f"groep{n}@example.nl")
    beschrijving = "Organiseert activiteiten voor de buurt."
    status = Groepstatus.ACTIEF
    # An IBAN on file, as an active group that gets paid has (payment is refused without one).
    iban = "NL91ABNA0417164300"

    class Params:
        bewonersgroep = factory.Trait(soort=Groepsoort.BEWONERSGROEP, achterban_grootte=1200)
        projectcommissie = factory.Trait(
            soort=Groepsoort.PROJECTCOMMISSIE,
            project=factory.SubFactory(ProjectFactory, gemeente=factory.SelfAttribute("..gemeente")),
        )
        themacommissie = factory.Trait(
            soort=Groepsoort.THEMACOMMISSIE, thema="Windpark langs de A2", standpunt=Standpunt.TEGEN
        )
        aangemeld = factory.Trait(status=Groepstatus.AANGEMELD)
        zonder_iban = factory.Trait(iban="")

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [KernFactory(gemeente=self.gemeente)]
        self.kernen.set(extracted)

    @factory.post_generation
    def wijken(self, create, extracted, **kwargs):
        if create and extracted:
            self.wijken.set(extracted)


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    groep = factory.SubFactory(GroepFactory)
    # A member belongs to the gemeente of their group (bewonersgroepen.services.uitnodiging_accepteren).
    gebruiker = factory.SubFactory(
        UserFactory, groepslid=True, gemeente=factory.SelfAttribute("..groep.gemeente")
    )
    functie = Functie.LID
    is_contactpersoon = False
    van = datetime.date(2024, 1, 1)

    class Params:
        contactpersoon = factory.Trait(is_contactpersoon=True, functie=Functie.VOORZITTER)


class SamenwerkingsovereenkomstFactory(factory.django.DjangoModelFactory):
    """A concept by default; `actief=True` gives a signed, active one."""

    class Meta:
        model = Samenwerkingsovereenkomst

    groep = factory.SubFactory(GroepFactory, bewonersgroep=True)
    versie = factory.Sequence(lambda n: n + 1)
    startdatum = datetime.date(2025, 1, 1)
    einddatum = datetime.date(2028, 12, 31)
    jaarbijdrage = Decimal("2500.00")
    overlegfrequentie = "Vier keer per jaar met de adviseur leefomgeving"
    onderwerpen = "Verkeer, groen en de dorpsagenda."
    verplichtingen_groep = "Raadpleegt de achterban en brengt advies uit."
    verplichtingen_gemeente = "Betrekt de groep vroeg bij plannen in het dorp."
    ondertekenaar_naam = "J. de Wethouder"
    ondertekenaar_functie = "Wijkwethouder"
    status = Overeenkomststatus.CONCEPT

    class Params:
        ondertekend = factory.Trait(
            ondertekend_document=factory.LazyFunction(pdf_bestand),
            status=Overeenkomststatus.TER_ONDERTEKENING,
        )
        actief = factory.Trait(
            ondertekend_document=factory.LazyFunction(pdf_bestand), status=Overeenkomststatus.ACTIEF
        )
