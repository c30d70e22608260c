"""The workflow of an application, declared with the werkstroom library: the only table that says
which step is allowed, for whom, and on what condition. Services (`AANVRAAG.overgaan`) and the detail
page (`AANVRAAG.mag`) both ask it."""

from werkstroom import Overgang, Rol, Werkstroom

from .constants import Status as S
from .permissions import is_invoerder, is_lid_van_groep, is_medewerker_van_gebied

GROEP = "groep"  # a member of the applying group
MEDEWERKER = "medewerker"  # staff of the application's area
INVOERDER = "invoerder"  # the staff member who entered it on the group's behalf (phone, desk)

MOTIVERING = "Leg uit waarom u dit besluit neemt."


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
        # Activity cancelled before payment: money freed. Not a jaarbijdrage: the agreement promises it.
        Overgang(
            S.TOEGEKEND,
            S.INGETROKKEN,
            wie_mag=GROEP,
            voorwaarde=lambda aanvraag: not aanvraag.is_jaarbijdrage,
            voorwaarde_uitleg="Een jaarbijdrage hoort bij de samenwerkingsovereenkomst: u kunt haar niet intrekken.",
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
