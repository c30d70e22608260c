"""The fixed sets of consultation rounds."""

from django.db import models


class Raadplegingstatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    OPEN = "open", "Open"
    GESLOTEN = "gesloten", "Gesloten"
    GEPUBLICEERD = "gepubliceerd", "Verwerkt en gepubliceerd"


class Vraagsoort(models.TextChoices):
    OPEN = "open", "Open vraag"
    KEUZE = "keuze", "Meerkeuze"
    SCHAAL = "schaal", "Schaal van 1 tot 5"


class Reactiesoort(models.TextChoices):
    GROEP = "groep", "Bewonersgroep"
    PARTNER = "partner", "Ketenpartner"
    INWONER = "inwoner", "Inwoner"


class Afweging(models.TextChoices):
    OVERGENOMEN = "overgenomen", "Overgenomen"
    DEELS = "deels", "Deels overgenomen"
    NIET = "niet", "Niet overgenomen"


# Levels of the ladder at which a step may have a consultation round.
NIVEAUS_MET_RAADPLEGING = ("raadplegen", "adviseren")
