"""The workflows of an opgave and a news item, declared with the werkstroom library (the only table it is checked against).

Only staff of the area's gemeente move an opgave. Forward one step at a time; back one step only with
a reason."""

from rollen.permissions import is_staf_van_gemeente
from werkstroom import Overgang, Rol, Werkstroom

from .constants import NieuwsStatus
from .constants import OpgaveStatus as S

TERUG = "Leg uit waarom de opgave een stap terug gaat."

OPGAVE = Werkstroom(
    naam="opgave",
    model="gebiedsagenda.Opgave",
    statussen=S,
    historie="gebiedsagenda.OpgaveStatuswijziging",
    historie_object="opgave",
    rollen={
        "staf": Rol(
            "een medewerker van de gemeente", lambda door, o: is_staf_van_gemeente(door, o.gemeente_id)
        )
    },
    overgangen=[
        Overgang(S.SIGNALERING, S.IN_ONDERZOEK, wie_mag="staf"),
        Overgang(S.IN_ONDERZOEK, S.IN_UITVOERING, wie_mag="staf"),
        Overgang(S.IN_UITVOERING, S.GEREALISEERD, wie_mag="staf"),
        Overgang(S.IN_ONDERZOEK, S.SIGNALERING, wie_mag="staf", reden_verplicht=True, reden_uitleg=TERUG),
        Overgang(S.IN_UITVOERING, S.IN_ONDERZOEK, wie_mag="staf", reden_verplicht=True, reden_uitleg=TERUG),
        Overgang(S.GEREALISEERD, S.IN_UITVOERING, wie_mag="staf", reden_verplicht=True, reden_uitleg=TERUG),
    ],
    onmogelijk_veld="naar",
    onmogelijk=lambda w, opgave, van, naar: (
        f"Van '{w.label(van)}' kan een opgave niet naar '{w.label(naar)}'."
    ),
)


# A member's proposal waits for staff of the gemeente: publish, or refuse with a reason the proposer sees.
# Staff's own items are published at once (their first history row is "gepubliceerd").
NIEUWS = Werkstroom(
    naam="nieuwsbericht",
    model="gebiedsagenda.Nieuwsbericht",
    statussen=NieuwsStatus,
    historie="gebiedsagenda.Nieuwsstatuswijziging",
    historie_object="bericht",
    rollen={
        "staf": Rol(
            "een medewerker van de gemeente",
            lambda door, bericht: is_staf_van_gemeente(door, bericht.gemeente_id),
        )
    },
    overgangen=[
        Overgang(NieuwsStatus.VOORGESTELD, NieuwsStatus.GEPUBLICEERD, wie_mag="staf"),
        Overgang(
            NieuwsStatus.VOORGESTELD,
            NieuwsStatus.AFGEWEZEN,
            wie_mag="staf",
            reden_verplicht=True,
            reden_uitleg="Schrijf waarom het bericht niet gepubliceerd wordt.",
        ),
    ],
    reden_veld="reden",
    onmogelijk=lambda w, bericht, van, naar: "Dit bericht is al beoordeeld.",
    geweigerd=lambda w, overgang, door: "Alleen medewerkers van deze gemeente beoordelen nieuws.",
)
