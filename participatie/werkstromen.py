"""The publication workflow of a participation plan, declared with the werkstroom library.

Concept → gepubliceerd by the plan's owner (the project's Omgevingsmanager or a functional admin).
Back to concept only with a reason: a published plan is a promise to residents, withdrawing it is
explained in the history."""

from werkstroom import Overgang, Rol, Werkstroom

from .constants import Planstatus as S
from .permissions import mag_plan_schrijven

PLAN = Werkstroom(
    naam="participatieplan",
    model="participatie.Participatieplan",
    statussen=S,
    historie="participatie.Planstatuswijziging",
    historie_object="plan",
    rollen={
        "eigenaar": Rol(
            "de Omgevingsmanager van het project of een functioneel beheerder",
            lambda door, plan: mag_plan_schrijven(door, plan),
        )
    },
    overgangen=[
        Overgang(S.CONCEPT, S.GEPUBLICEERD, wie_mag="eigenaar"),
        Overgang(
            S.GEPUBLICEERD,
            S.CONCEPT,
            wie_mag="eigenaar",
            reden_verplicht=True,
            reden_uitleg="Leg uit waarom het plan niet meer openbaar is.",
        ),
    ],
)
from .raadpleging_werkstromen import RAADPLEGING  # noqa: E402,F401  (consultation rounds)
