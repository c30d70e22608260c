"""A small public world for the API tests, full of personal data that must never come out."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from bewonersgroepen.constants import Groepstatus
from gebiedsagenda.constants import NieuwsStatus
from gebiedsagenda.models import Nieuwsbericht
from leefbaarheidsbudget.constants import Status
from meldingen.constants import MeldingStatus
from rollen.constants import Rol
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import BuurtFactory, UserFactory
from tests.gebiedsagenda.factories import OpgaveFactory
from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, KernplafondFactory
from tests.meldingen.factories import MeldingFactory
from tests.rollen.factories import ProjectFactory, ToewijzingFactory

# What residents gave us: none of it may appear in any answer of the API.
PERSOONSGEGEVENS = [
    "lid.jansen@bewoner.example",
    "Lotte Lid-Jansen",
    "Aad Aanmelder",
    "NL91ABNA0417164300",
    "melder.pietersen@bewoner.example",
    "0612345678",
    "Lantaarnpaal bij Kerkstraat 12",
    "Kerkstraat 12",
    "bij de voordeur van nummer 12",
    "auteur.bewoner@bewoner.example",
    "Bea Bewoner-Auteur",
    "Verborgen voorstel",
    "Geheime groep",
    "52.123456",
    "5.012345",
]


@dataclass
class Wereld:
    gemeente: object
    kern: object
    wijk: object
    buurt: object
    contact: object
    groep: object
    opgave: object
    nieuws: object
    melding: object
    project: object


@pytest.fixture
def api_gegevens(gemeente, kern, wijk):
    buurt = BuurtFactory(wijk=wijk, code="BU19040201", naam="Centrum Breukelen")
    medewerker = UserFactory(
        medewerker=True, gemeente=gemeente, naam="Mila Medewerker", email="mila@stichtsevecht.example"
    )
    medewerker.telefoon = "0346254000"
    medewerker.save()
    contact = ToewijzingFactory(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker)

    groep = GroepFactory(
        gemeente=gemeente,
        naam="Dorpsraad Breukelen",
        email="info@dorpsraad.example",
        aanmelder_naam="Aad Aanmelder",
        kernen=[kern],
    )
    lid = UserFactory(groepslid=True, naam="Lotte Lid-Jansen", email="lid.jansen@bewoner.example")
    LidmaatschapFactory(groep=groep, gebruiker=lid, contactpersoon=True)
    GroepFactory(gemeente=gemeente, naam="Geheime groep", status=Groepstatus.AANGEMELD, kernen=[kern])

    opgave = OpgaveFactory(agenda__kern=kern, agenda__gemeente=gemeente, titel="Meer woningen voor starters")

    auteur = UserFactory(groepslid=True, naam="Bea Bewoner-Auteur", email="auteur.bewoner@bewoner.example")
    nieuws = Nieuwsbericht.objects.create(
        gemeente=gemeente,
        titel="Nieuw speelveld",
        tekst="Het speelveld is klaar.",
        status=NieuwsStatus.GEPUBLICEERD,
        auteur=auteur,
        groep=groep,
        gepubliceerd_op=timezone.now(),
    )
    nieuws.kernen.add(kern)
    Nieuwsbericht.objects.create(
        gemeente=gemeente, titel="Verborgen voorstel", tekst="Nog niet goedgekeurd.", auteur=auteur
    )

    melder = UserFactory(naam="Piet Melder", email="melder.pietersen@bewoner.example")
    melding = MeldingFactory(
        gemeente=gemeente,
        kern=kern,
        wijk=wijk,
        tekst="Lantaarnpaal bij Kerkstraat 12 is kapot",
        straat="Kerkstraat 12",
        herkenningspunt="bij de voordeur van nummer 12",
        email="melder.pietersen@bewoner.example",
        telefoon="0612345678",
        melder=melder,
        lat=Decimal("52.123456"),
        lon=Decimal("5.012345"),
    )
    MeldingFactory(gemeente=gemeente, wijk=wijk, status=MeldingStatus.AFGEHANDELD, referentie="M-2026-999999")

    project = ProjectFactory(gemeente=gemeente, naam="Stationsgebied")
    project.kernen.add(kern)
    ToewijzingFactory(omgevingsmanager=True, project=project, medewerker__gemeente=gemeente)

    budget = BudgetFactory(gemeente=gemeente, jaar=timezone.localdate().year)
    KernplafondFactory(budget=budget, kern=kern, plafond=Decimal("25000.00"))
    AanvraagFactory(
        groep=groep,
        kern=kern,
        status=Status.TOEGEKEND,
        toegekend_bedrag=Decimal("900.00"),
        datum_van=datetime.date.today() + datetime.timedelta(days=70),
    )
    return Wereld(gemeente, kern, wijk, buurt, contact, groep, opgave, nieuws, melding, project)
