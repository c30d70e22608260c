"""The fixed sets of participatie: behaviour in the code depends on them, so they live in code.

The ladder itself (`Participatieniveau`, `NIVEAU_UITLEG`) lives in rollen.constants, next to the step
(`rollen.Participatiestap`) that carries it."""

from django.db import models

from rollen.constants import NIVEAU_UITLEG, Participatieniveau  # noqa: F401  (one import place)


class Planstatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"


class Besluitorgaan(models.TextChoices):
    COLLEGE = "college", "College van burgemeester en wethouders"
    RAAD = "raad", "Gemeenteraad"


class Partnersoort(models.TextChoices):
    WONINGCORPORATIE = "woningcorporatie", "Woningcorporatie"
    POLITIE = "politie", "Politie"
    WELZIJN = "welzijn", "Welzijn"
    ONDERWIJS = "onderwijs", "Onderwijs"
    ZORG = "zorg", "Zorg"
    ONDERNEMERS = "ondernemers", "Ondernemersvereniging"
    NATUUR = "natuur", "Natuur en landschap"
    OVERIG = "overig", "Overig"


class Belanghebbendesoort(models.TextChoices):
    """Who a plan involves. Groups and partners by name; residents and council members as a whole."""

    GROEP = "groep", "Bewonersgroep"
    KETENPARTNER = "ketenpartner", "Ketenpartner"
    INWONERS = "inwoners", "Inwoners van het gebied"
    RAADSLEDEN = "raadsleden", "Raadsleden (ter informatie)"


# Kinds that appear at most once per plan and need no group or partner.
ALGEMENE_SOORTEN = (Belanghebbendesoort.INWONERS, Belanghebbendesoort.RAADSLEDEN)
