"""The fixed sets of rollen: behaviour in the code depends on them, so they live in code."""

from django.db import models


class Rol(models.TextChoices):
    BEHEERDER = "beheerder", "Beheerder Leefomgeving"
    ADVISEUR = "adviseur", "Adviseur Leefomgeving"
    OMGEVINGSMANAGER = "omgevingsmanager", "Omgevingsmanager"
    WIJKWETHOUDER = "wijkwethouder", "Wijkwethouder"


# Roles held for an area (kern or wijk): at most one person per area on any day.
GEBIEDSROLLEN = (Rol.BEHEERDER, Rol.ADVISEUR, Rol.WIJKWETHOUDER)
# Roles whose absence is a gap the coverage page shows.
VERPLICHTE_ROLLEN = (Rol.BEHEERDER, Rol.ADVISEUR)


class Fase(models.TextChoices):
    INITIATIEF = "initiatief", "Initiatief"
    PLANVORMING = "planvorming", "Planvorming"
    UITVOERING = "uitvoering", "Uitvoering"
    AFGEROND = "afgerond", "Afgerond"


LOPENDE_FASEN = (Fase.INITIATIEF, Fase.PLANVORMING, Fase.UITVOERING)


class SoortWerk(models.TextChoices):
    """Keys of kinds of new work that routing rules send to a person. The apps that route the work
    register each key with its label (`rollen.registry.register_soort_werk`); the admin offers those."""

    GROEP_AANMELDING = "groep_aanmelding", "Aanmelding van een bewonersgroep"
    AANVRAAG = "aanvraag", "Aanvraag leefbaarheidsbudget"


# Days ahead the coverage page looks for gaps that an ending assignment will cause.
DEKKING_VOORUIT_DAGEN = 90

# Official descriptions (presentation "Gebiedsgericht werken Stichtse Vecht", 16-11-2021); the
# wijkwethouder's is ours (DOMAIN.md). Seeded once; a functional admin edits them afterwards.
OFFICIELE_BESCHRIJVINGEN = {
    Rol.BEHEERDER: (
        "Herkenbaar gezicht in de wijk voor beheer- en onderhoudstaken openbare ruimte. "
        "Afhandeling van praktische zaken."
    ),
    Rol.ADVISEUR: (
        "Strategisch sturen op grote opgaven. Gericht op het structureel verbeteren van de fysiek "
        "en sociale leefbaarheid."
    ),
    Rol.OMGEVINGSMANAGER: (
        "Draagvlak creëren en vergroten bij grote projecten en verantwoordelijk voor het organiseren "
        "en uitvoeren van het participatietraject."
    ),
    Rol.WIJKWETHOUDER: (
        "Wethouder die bestuurlijk verantwoordelijk is voor een kern: het aanspreekpunt in het "
        "college voor de inwoners en bewonersgroepen van die kern."
    ),
}


class Participatieniveau(models.TextChoices):
    """The participation ladder (Stichtse Vecht's Participatieleidraad): how much a step's input weighs."""

    INFORMEREN = "informeren", "Informeren"
    RAADPLEGEN = "raadplegen", "Raadplegen"
    ADVISEREN = "adviseren", "Adviseren"
    COPRODUCEREN = "coproduceren", "Coproduceren"
    MEEBESLISSEN = "meebeslissen", "Meebeslissen"


# What each level means for the weight of input, in plain language (B1). Fixed: shown publicly from the
# start of a trajectory, so everyone knows how their input counts before they give it.
NIVEAU_UITLEG = {
    Participatieniveau.INFORMEREN: (
        "U hoort wat er gaat gebeuren en waarom. U kunt vragen stellen. "
        "De gemeente vraagt in deze stap niet om uw mening: het besluit ligt al vast of wordt elders genomen."
    ),
    Participatieniveau.RAADPLEGEN: (
        "De gemeente vraagt uw mening. Wij nemen die mee als we kiezen, maar we zijn er niet aan gebonden. "
        "Achteraf leest u wat we met uw mening hebben gedaan."
    ),
    Participatieniveau.ADVISEREN: (
        "U geeft advies, ook over oplossingen die u zelf bedenkt. "
        "In principe volgen we uw advies. Doen we dat niet, dan leggen we uit waarom."
    ),
    Participatieniveau.COPRODUCEREN: (
        "U bedenkt en maakt samen met de gemeente een plan. "
        "Wat we samen afspreken, is de basis voor het besluit."
    ),
    Participatieniveau.MEEBESLISSEN: (
        "U beslist mee. De gemeente neemt de uitkomst over, "
        "zolang die past binnen de grenzen die we vooraf hebben genoemd (zoals geld en wetten)."
    ),
}
