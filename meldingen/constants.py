"""The fixed sets of meldingen: behaviour in the code depends on them, so they live in code."""

from django.db import models


class MeldingStatus(models.TextChoices):
    GEMELD = "gemeld", "Gemeld"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    WACHT_OP_DERDEN = "wacht_op_derden", "Wacht op anderen"
    DOORGEZET = "doorgezet", "Doorgezet"
    AFGEHANDELD = "afgehandeld", "Afgehandeld"
    GEANNULEERD = "geannuleerd", "Geannuleerd"
    HEROPEND = "heropend", "Heropend"


GESLOTEN = (MeldingStatus.AFGEHANDELD, MeldingStatus.GEANNULEERD)
OPEN = tuple(s for s in MeldingStatus if s not in GESLOTEN)


class NotitieSoort(models.TextChoices):
    INTERN = "intern", "Interne notitie"
    AAN_MELDER = "aan_melder", "Bericht aan melder"


# The kind of new work routing rules send (rollen.registry); a rule for one main category uses
# "melding_<slug of the main category>" and wins over a rule for every melding.
SOORT_WERK = "melding"


def soort_werk_van(hoofdcategorie_slug: str) -> str:
    return f"{SOORT_WERK}_{hoofdcategorie_slug}"[:50]


MAX_FOTOS = 3
# After closing, the reporter may rate the handling and ask to reopen within this many days.
FEEDBACK_DAGEN = 14
# Reference numbers: M-<year>-<six digits>, counted per year.
REFERENTIE_FORMAAT = "M-{jaar}-{nummer:06d}"

# The seeded list (data migration 0002 and load_demo): main category, term in working days, subcategories.
STANDAARD_CATEGORIEEN = [
    ("Afval", 3, ["Zwerfafval", "Volle afvalbak", "Gedumpt afval", "Kapotte container"]),
    ("Groen", 10, ["Boom of tak", "Gras maaien", "Onkruid", "Struiken en hagen"]),
    ("Straat en stoep", 10, ["Losse of kapotte tegel", "Gat in de weg", "Stoeprand", "Paaltje"]),
    ("Verlichting", 5, ["Lamp brandt niet", "Lamp brandt overdag", "Lantaarnpaal kapot"]),
    ("Verkeer", 10, ["Verkeersbord", "Wegmarkering", "Fout geparkeerde fiets of auto"]),
    ("Water", 10, ["Verstopte put", "Wateroverlast", "Sloot of vijver"]),
    ("Spelen", 5, ["Speeltoestel kapot", "Zand of ondergrond", "Hek van speeltuin"]),
    ("Overlast", 5, ["Geluid", "Hondenpoep", "Ongedierte", "Graffiti"]),
]
