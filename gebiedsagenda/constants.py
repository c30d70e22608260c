"""States and fixed lists of the gebiedsagenda, the news and the followers."""

from django.db import models


class OpgaveStatus(models.TextChoices):
    SIGNALERING = "signalering", "Signalering"
    IN_ONDERZOEK = "in_onderzoek", "In onderzoek"
    IN_UITVOERING = "in_uitvoering", "In uitvoering"
    GEREALISEERD = "gerealiseerd", "Gerealiseerd"


# The transition table of an opgave is declared in werkstromen.py (the werkstroom library).


class NieuwsStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", "Voorgesteld, wacht op goedkeuring"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
    AFGEWEZEN = "afgewezen", "Niet gepubliceerd"


# Seeded once by a data migration; a functional admin keeps the list in the Django admin.
STANDAARD_THEMAS = [
    "Wonen",
    "Verkeer en mobiliteit",
    "Veiligheid",
    "Duurzaamheid en groen",
    "Jeugd",
    "Ouderen en zorg",
    "Voorzieningen en dorpshuizen",
    "Economie",
]

REACTIE_MAX_LENGTE = 1000
# An unconfirmed subscription is deleted after this many days (personal data is kept no longer).
BEVESTIGEN_BINNEN_DAGEN = 7
