"""States and fixed lists of the gebiedsagenda, the news and the followers."""

from django.db import models


class OpgaveStatus(models.TextChoices):
    SIGNALERING = "signalering", "Signalering"
    IN_ONDERZOEK = "in_onderzoek", "In onderzoek"
    IN_UITVOERING = "in_uitvoering", "In uitvoering"
    GEREALISEERD = "gerealiseerd", "Gerealiseerd"


# Allowed transitions of an opgave: (from, to) -> whether a reason is required. Only staff of the
# area's gemeente move an opgave. Forward one step at a time; back one step only with a reason.
OPGAVE_OVERGANGEN = {
    (OpgaveStatus.SIGNALERING, OpgaveStatus.IN_ONDERZOEK): False,
    (OpgaveStatus.IN_ONDERZOEK, OpgaveStatus.IN_UITVOERING): False,
    (OpgaveStatus.IN_UITVOERING, OpgaveStatus.GEREALISEERD): False,
    (OpgaveStatus.IN_ONDERZOEK, OpgaveStatus.SIGNALERING): True,
    (OpgaveStatus.IN_UITVOERING, OpgaveStatus.IN_ONDERZOEK): True,
    (OpgaveStatus.GEREALISEERD, OpgaveStatus.IN_UITVOERING): True,
}


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
