"""The status of a consultation round: concept → open → gesloten → verwerkt en gepubliceerd.

The plan's owner opens, closes (or the system, when the period has passed) and publishes "Wat hebben we
opgehaald"; reopening a closed round needs a reason (and is possible only before publishing)."""

from werkstroom import SYSTEEM, Overgang, Rol, Werkstroom

from .permissions import mag_plan_schrijven
from .raadpleging_constants import Raadplegingstatus as S

RAADPLEGING = Werkstroom(
    naam="raadpleging",
    model="participatie.Raadpleging",
    statussen=S,
    historie="participatie.Raadplegingstatuswijziging",
    historie_object="raadpleging",
    rollen={
        "eigenaar": Rol(
            "de Omgevingsmanager van het project of een functioneel beheerder",
            lambda door, r: mag_plan_schrijven(door, r.plan),
        ),
        "systeem": SYSTEEM,
    },
    overgangen=[
        Overgang(
            S.CONCEPT,
            S.OPEN,
            wie_mag="eigenaar",
            voorwaarde=lambda r: r.vragen.exists(),
            voorwaarde_uitleg="Voeg eerst minstens één vraag toe.",
        ),
        Overgang(S.OPEN, S.GESLOTEN, wie_mag=("eigenaar", "systeem")),
        Overgang(
            S.GESLOTEN,
            S.OPEN,
            wie_mag="eigenaar",
            reden_verplicht=True,
            reden_uitleg="Leg uit waarom de raadpleging weer open gaat.",
        ),
        Overgang(
            S.GESLOTEN,
            S.GEPUBLICEERD,
            wie_mag="eigenaar",
            voorwaarde=lambda r: r.themas.exists(),
            voorwaarde_uitleg="Maak eerst minstens één thema met wat we hoorden en wat we ermee doen.",
        ),
    ],
)
