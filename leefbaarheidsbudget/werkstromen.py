"""The workflow of an application, declared with the werkstroom library: the only table that says
which step is allowed, for whom, and on what condition. Services (`AANVRAAG.overgaan`) and the detail
page (`AANVRAAG.mag`) both ask it."""

from werkstroom import Overgang, Rol, Werkstroom

from .constants import Status as S
from .permissions import is_invoerder, is_lid_van_groep, is_medewerker_van_gebied

GROEP = "groep"  # a member of the applying group
MEDEWERKER = "medewerker"  # staff of the application's area
INVOERDER = "invoerder"  # the staff member who entered it on the group's behalf (phone, desk)
# The same people, for one kind only: a group withdraws its own grant, but a jaarbijdrage (promised by the
# agreement) is only cancelled by staff (the agreement ended early), with a reason.
GROEP_BIJ_AANVRAAG = "groep_bij_aanvraag"
MEDEWERKER_BIJ_JAARBIJDRAGE = "medewerker_bij_jaarbijdrage"

MOTIVERING = "Leg uit waarom u dit besluit neemt."
JAARBIJDRAGE_VERVALT = (
    "Leg uit waarom de jaarbijdrage vervalt, bijvoorbeeld: de overeenkomst is eerder beëindigd."
)


def _besluit(van: str, naar: str) -> Overgang:
    return Overgang(van, naar, wie_mag=MEDEWERKER, reden_verplicht=True, reden_uitleg=MOTIVERING)


AANVRAAG = Werkstroom(
    naam="aanvraag",
    model="leefbaarheidsbudget.Aanvraag",
    statussen=S,
    historie="leefbaarheidsbudget.Statuswijziging",
    historie_object="aanvraag",
    rollen={
        GROEP: Rol("lid van de groep", is_lid_van_groep),
        MEDEWERKER: Rol("medewerker van het gebied", is_medewerker_van_gebied),
        INVOERDER: Rol("medewerker die de aanvraag namens de groep invoerde", is_invoerder),
        GROEP_BIJ_AANVRAAG: Rol(
            "lid van de groep", lambda u, a: not a.is_jaarbijdrage and is_lid_van_groep(u, a)
        ),
        MEDEWERKER_BIJ_JAARBIJDRAGE: Rol(
            "medewerker van het gebied", lambda u, a: a.is_jaarbijdrage and is_medewerker_van_gebied(u, a)
        ),
    },
    overgangen=[
        Overgang(S.CONCEPT, S.INGEDIEND, wie_mag=[GROEP, INVOERDER]),
        Overgang(S.AANVULLING_GEVRAAGD, S.INGEDIEND, wie_mag=GROEP),
        Overgang(S.INGEDIEND, S.IN_BEHANDELING, wie_mag=MEDEWERKER),
        Overgang(S.INGEDIEND, S.AANVULLING_GEVRAAGD, wie_mag=MEDEWERKER),
        Overgang(S.IN_BEHANDELING, S.AANVULLING_GEVRAAGD, wie_mag=MEDEWERKER),
        _besluit(S.INGEDIEND, S.TOEGEKEND),
        _besluit(S.IN_BEHANDELING, S.TOEGEKEND),
        _besluit(S.INGEDIEND, S.AFGEWEZEN),
        _besluit(S.IN_BEHANDELING, S.AFGEWEZEN),
        Overgang(S.CONCEPT, S.INGETROKKEN, wie_mag=GROEP),
        Overgang(S.INGEDIEND, S.INGETROKKEN, wie_mag=GROEP),
        Overgang(S.IN_BEHANDELING, S.INGETROKKEN, wie_mag=GROEP),
        Overgang(S.AANVULLING_GEVRAAGD, S.INGETROKKEN, wie_mag=GROEP),
        # Before payment, money freed. A grant: the group cancels its activity. A jaarbijdrage: the agreement
        # promises it, so the group cannot; staff cancel it (the agreement ended early) and say why.
        Overgang(
            S.TOEGEKEND,
            S.INGETROKKEN,
            wie_mag=[GROEP_BIJ_AANVRAAG, MEDEWERKER_BIJ_JAARBIJDRAGE],
            reden_verplicht=True,
            reden_uitleg=JAARBIJDRAGE_VERVALT,
        ),
        # Staff ask for a cancelled jaarbijdrage after all (the schedule never makes it again): reserved anew.
        Overgang(
            S.INGETROKKEN,
            S.TOEGEKEND,
            wie_mag=MEDEWERKER_BIJ_JAARBIJDRAGE,
            reden_verplicht=True,
            reden_uitleg="Leg uit waarom de jaarbijdrage toch wordt vastgelegd.",
        ),
        Overgang(S.TOEGEKEND, S.UITBETAALD, wie_mag=MEDEWERKER),
        Overgang(S.UITBETAALD, S.VERANTWOORDING_INGEDIEND, wie_mag=GROEP),
        Overgang(S.VERANTWOORDING_INGEDIEND, S.VASTGESTELD, wie_mag=MEDEWERKER),
        # Direct vastgesteld grants skip the accountability step: settled when the payment is registered.
        Overgang(
            S.UITBETAALD,
            S.VASTGESTELD,
            wie_mag=MEDEWERKER,
            voorwaarde=lambda aanvraag: aanvraag.direct_vastgesteld,
            voorwaarde_uitleg="Dit bedrag is niet direct vastgesteld: stel het vast nadat de groep de "
            "verantwoording heeft ingediend.",
        ),
    ],
    reden_veld="motivering",
    geweigerd=lambda w, overgang, door: (
        f"Alleen een {' of '.join(sorted(w.rollen[r].label for r in overgang.wie_mag))} mag deze stap zetten."
    ),
)
