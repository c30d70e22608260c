"""The workflow of a melding, declared with the werkstroom library (the only table it is checked against).

Staff of the melding's gemeente move it: gemeld → in behandeling → wacht op anderen / doorgezet →
afgehandeld, or geannuleerd with a reason; a closed melding may be reopened with a reason."""

from rollen.permissions import is_staf_van_gemeente
from werkstroom import Overgang, Rol, Werkstroom

from .constants import MeldingStatus as S

AFSLUITEN = "Schrijf wat er is gedaan. De melder leest dit als u hem informeert."
ANNULEREN = "Leg uit waarom de melding wordt geannuleerd."
HEROPENEN = "Leg uit waarom de melding weer open gaat."
WACHTEN = "Schrijf op wie of wat u afwacht."
DOORZETTEN = "Schrijf naar wie (afdeling of partner) u de melding doorzet."

ZONDER_VRAAG = 'Zet de melding door met "Doorzetten met een vraag": dan weet iedereen wat er gevraagd is.'

STAF = "staf"


def _open_vraag(melding) -> bool:
    """Doorgezet only with a tracked question that waits for an answer (services.doorzetten)."""
    bekend = getattr(melding, "heeft_open_vraag", None)  # a page that read the questions already
    if bekend is not None:
        return bekend
    return melding.pk is not None and melding.doorzettingen.filter(beantwoord_op=None).exists()


def _stappen_uit(van):
    """The steps from an open status."""
    stappen = []
    if van != S.IN_BEHANDELING:
        stappen.append(Overgang(van, S.IN_BEHANDELING, wie_mag=STAF))
    if van != S.WACHT_OP_DERDEN:
        stappen.append(
            Overgang(van, S.WACHT_OP_DERDEN, wie_mag=STAF, reden_verplicht=True, reden_uitleg=WACHTEN)
        )
    if van != S.DOORGEZET:
        stappen.append(
            Overgang(
                van,
                S.DOORGEZET,
                wie_mag=STAF,
                reden_verplicht=True,
                reden_uitleg=DOORZETTEN,
                voorwaarde=_open_vraag,
                voorwaarde_uitleg=ZONDER_VRAAG,
            )
        )
    stappen += [
        Overgang(van, S.AFGEHANDELD, wie_mag=STAF, reden_verplicht=True, reden_uitleg=AFSLUITEN),
        Overgang(van, S.GEANNULEERD, wie_mag=STAF, reden_verplicht=True, reden_uitleg=ANNULEREN),
    ]
    return stappen


MELDING = Werkstroom(
    naam="melding",
    model="meldingen.Melding",
    statussen=S,
    historie="meldingen.Meldingstatuswijziging",
    historie_object="melding",
    rollen={
        STAF: Rol(
            "een medewerker van de gemeente", lambda door, m: is_staf_van_gemeente(door, m.gemeente_id)
        ),
    },
    overgangen=[
        *_stappen_uit(S.GEMELD),
        *_stappen_uit(S.IN_BEHANDELING),
        *_stappen_uit(S.WACHT_OP_DERDEN),
        *_stappen_uit(S.DOORGEZET),
        *_stappen_uit(S.HEROPEND),
        Overgang(S.AFGEHANDELD, S.HEROPEND, wie_mag=STAF, reden_verplicht=True, reden_uitleg=HEROPENEN),
        Overgang(S.GEANNULEERD, S.HEROPEND, wie_mag=STAF, reden_verplicht=True, reden_uitleg=HEROPENEN),
    ],
    onmogelijk_veld="naar",
    onmogelijk=lambda w, m, van, naar: f"Van '{w.label(van)}' kan een melding niet naar '{w.label(naar)}'.",
)
