"""States of an application and the fixed lists around them (the workflow: werkstromen.py)."""

from django.db import models


class Status(models.TextChoices):
    CONCEPT = "concept", "Concept"
    INGEDIEND = "ingediend", "Ingediend"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    AANVULLING_GEVRAAGD = "aanvulling_gevraagd", "Aanvulling gevraagd"
    TOEGEKEND = "toegekend", "Toegekend"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    INGETROKKEN = "ingetrokken", "Ingetrokken"
    UITBETAALD = "uitbetaald", "Uitbetaald"
    VERANTWOORDING_INGEDIEND = "verantwoording_ingediend", "Verantwoording ingediend"
    VASTGESTELD = "vastgesteld", "Vastgesteld"


class Soort(models.TextChoices):
    """An application a group makes, or the yearly contribution its samenwerkingsovereenkomst promises
    (made by `services.jaarbijdrage_vastleggen`, granted at once; paid, accounted for and settled as a grant)."""

    AANVRAAG = "aanvraag", "Aanvraag"
    JAARBIJDRAGE = "jaarbijdrage", "Jaarbijdrage"


class BijlageSoort(models.TextChoices):
    BIJLAGE = "bijlage", "Bijlage bij de aanvraag"
    FOTO = "foto", "Foto bij de verantwoording"


# The transition table (from, to, who, reason, condition) is werkstromen.AANVRAAG.

# The legal term runs in these states (paused while AANVULLING_GEVRAAGD, over once decided).
TERMIJN_LOOPT = {Status.INGEDIEND, Status.IN_BEHANDELING}
OPEN = {Status.INGEDIEND, Status.IN_BEHANDELING, Status.AANVULLING_GEVRAAGD}
BESLOTEN = {
    Status.TOEGEKEND,
    Status.AFGEWEZEN,
    Status.UITBETAALD,
    Status.VERANTWOORDING_INGEDIEND,
    Status.VASTGESTELD,
}
# Work still to do on an application: until decided, and after a grant until settled.
OPEN_WERK = OPEN | {Status.TOEGEKEND, Status.UITBETAALD, Status.VERANTWOORDING_INGEDIEND}
TOEGEKEND_STATUSSEN = {
    Status.TOEGEKEND,
    Status.UITBETAALD,
    Status.VERANTWOORDING_INGEDIEND,
    Status.VASTGESTELD,
}
BEWERKBAAR = {Status.CONCEPT, Status.AANVULLING_GEVRAAGD}

VOLGENDE_STAP_GROEP = {
    Status.CONCEPT: "Maak de aanvraag af en dien haar in.",
    Status.INGEDIEND: "U hoeft niets te doen. De gemeente bekijkt uw aanvraag.",
    Status.IN_BEHANDELING: "U hoeft niets te doen. De gemeente beoordeelt uw aanvraag.",
    Status.AANVULLING_GEVRAAGD: "Vul uw aanvraag aan en dien haar opnieuw in.",
    Status.TOEGEKEND: "U hoeft niets te doen. De gemeente betaalt het bedrag uit.",
    Status.AFGEWEZEN: "Bent u het niet eens met het besluit? Maak binnen zes weken bezwaar.",
    Status.INGETROKKEN: "Niets meer te doen.",
    Status.UITBETAALD: "Stuur na de activiteit de verantwoording in: kosten, een kort verslag en foto's.",
    Status.VERANTWOORDING_INGEDIEND: "U hoeft niets te doen. De gemeente stelt het bedrag vast.",
    Status.VASTGESTELD: "Klaar. Staat er een bedrag om terug te betalen? Maak dat over aan de gemeente.",
}

# A jaarbijdrage is not asked for and has no activity: where the next step differs, it says so.
VOLGENDE_STAP_JAARBIJDRAGE = {
    Status.TOEGEKEND: "U hoeft niets te doen. De gemeente betaalt de jaarbijdrage uit.",
    Status.UITBETAALD: "Stuur na afloop van het jaar de verantwoording in: wat de groep deed, de kosten en "
    "een kort verslag.",
    Status.INGETROKKEN: "Niets meer te doen.",
}

# Awb 4:17: penalty per day in default, per block of 14 days; at most 42 days.
DWANGSOM_PER_DAG = (23, 35, 45)
DWANGSOM_BLOK_DAGEN = 14
DWANGSOM_MAX_DAGEN = 42
INGEBREKESTELLING_WACHTTIJD_DAGEN = 14
BEZWAARTERMIJN_WEKEN = 6
MAX_VERDAGING_WEKEN = 8
# The group sends its accountability within this many weeks after the activity (the beschikking says so).
VERANTWOORDING_WEKEN = 13
