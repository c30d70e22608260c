"""Kinds, states and functions of resident groups and their agreements."""

from django.db import models


class Groepsoort(models.TextChoices):
    BEWONERSGROEP = "bewonersgroep", "Bewonersgroep"
    PROJECTCOMMISSIE = "projectcommissie", "Projectcommissie"
    ACTIVITEITENCOMMISSIE = "activiteitencommissie", "Activiteitencommissie"
    THEMACOMMISSIE = "themacommissie", "Themacommissie"


class Groepstatus(models.TextChoices):
    AANGEMELD = "aangemeld", "Aangemeld"
    ACTIEF = "actief", "Actief"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    INACTIEF = "inactief", "Inactief"
    OPGEHEVEN = "opgeheven", "Opgeheven"


class Functie(models.TextChoices):
    VOORZITTER = "voorzitter", "Voorzitter"
    SECRETARIS = "secretaris", "Secretaris"
    PENNINGMEESTER = "penningmeester", "Penningmeester"
    LID = "lid", "Lid"


# The officers (bestuur) a group of each kind must have. Only members holding one of these functions, and
# staff, change the group's details, payment details, functions and memberships. A themacommissie
# handles no money, so it needs no penningmeester (and a penningmeester there is a plain member).
BESTUURSFUNCTIES: dict[str, frozenset[str]] = {
    Groepsoort.BEWONERSGROEP: frozenset({Functie.VOORZITTER, Functie.SECRETARIS, Functie.PENNINGMEESTER}),
    Groepsoort.PROJECTCOMMISSIE: frozenset({Functie.VOORZITTER, Functie.SECRETARIS, Functie.PENNINGMEESTER}),
    Groepsoort.ACTIVITEITENCOMMISSIE: frozenset(
        {Functie.VOORZITTER, Functie.SECRETARIS, Functie.PENNINGMEESTER}
    ),
    Groepsoort.THEMACOMMISSIE: frozenset({Functie.VOORZITTER, Functie.SECRETARIS}),
}


class Standpunt(models.TextChoices):
    """What a Themacommissie wants with its development."""

    VOOR = "voor", "Bevordert de ontwikkeling"
    TEGEN = "tegen", "Is tegen de ontwikkeling"


class Overeenkomststatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    TER_ONDERTEKENING = "ter_ondertekening", "Ter ondertekening"
    ACTIEF = "actief", "Actief"
    VERLOPEN = "verlopen", "Verlopen"
    BEEINDIGD = "beeindigd", "Beëindigd"


class Wijzigingsstatus(models.TextChoices):
    """A proposed change of the payment details (IBAN, account name): it counts only once confirmed."""

    VOORGESTELD = "voorgesteld", "Wacht op bevestiging"
    BEVESTIGD = "bevestigd", "Bevestigd"
    AFGEWEZEN = "afgewezen", "Afgewezen"


# The transition tables of a group and an agreement are in werkstromen.py (the werkstroom library).

# Agreements ending within this many days are "expiring".
VERLOOPT_BINNEN_DAGEN = 90
# The group hears that its agreement ends at VERLOOPT_BINNEN_DAGEN (about three months) and again at this
# many days (about a month) before the end date; each reminder once (herinner_overeenkomsten, daily).
HERINNER_EINDE_DAGEN = 30
# A registration from the public form waits this many days for the registrant's confirmation; then
# it is deleted (manage.py onbevestigd_opruimen).
AANMELDING_BEVESTIGEN_DAGEN = 7
# Invitation links work this many days.
UITNODIGING_GELDIG_DAGEN = 14
# Largest signed agreement PDF.
OVEREENKOMST_MAX_MB = 10
# What a group without an IBAN on file is asked (group page, Mijn werk, the refused payment).
IBAN_VRAGEN = "Vul het rekeningnummer (IBAN) in, dan kan de gemeente betalen."

MAG_NIET_WIJZIGEN = (
    "Alleen de voorzitter, secretaris of penningmeester van de groep of een medewerker van de gemeente "
    "mag dit wijzigen."
)
