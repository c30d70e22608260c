"""The workflows of a group and of its cooperation agreement, declared with the werkstroom library
(the only tables they are checked against; views and services both ask these objects)."""

from rollen.permissions import is_staf_van_gemeente
from werkstroom import SYSTEEM, Overgang, Rol, Werkstroom

from .constants import MAG_NIET_WIJZIGEN, Wijzigingsstatus
from .constants import Groepstatus as G
from .constants import Overeenkomststatus as O


def _staf_van_groep(door, groep) -> bool:
    return is_staf_van_gemeente(door, groep.gemeente_id)


def _staf_van_overeenkomst(door, overeenkomst) -> bool:
    return is_staf_van_gemeente(door, overeenkomst.groep.gemeente_id)


GROEP = Werkstroom(
    naam="groep",
    model="bewonersgroepen.Groep",
    statussen=G,
    historie="bewonersgroepen.Groepstatusovergang",
    historie_object="groep",
    rollen={"medewerker": Rol("een medewerker van de gemeente", _staf_van_groep)},
    overgangen=[
        Overgang(G.AANGEMELD, G.ACTIEF, wie_mag="medewerker"),
        Overgang(G.AANGEMELD, G.AFGEWEZEN, wie_mag="medewerker", reden_verplicht=True),
        Overgang(G.ACTIEF, G.INACTIEF, wie_mag="medewerker", reden_verplicht=True),
        Overgang(G.ACTIEF, G.OPGEHEVEN, wie_mag="medewerker", reden_verplicht=True),
        Overgang(G.INACTIEF, G.ACTIEF, wie_mag="medewerker"),
        Overgang(G.INACTIEF, G.OPGEHEVEN, wie_mag="medewerker", reden_verplicht=True),
    ],
    reden_uitleg="Geef een reden. De groep krijgt deze reden te zien.",
    onmogelijk=lambda w, groep, van, naar: (
        f"Een groep met status '{w.label(van)}' kan niet naar '{w.label(naar)}'."
    ),
    geweigerd=lambda w, o, door: (
        "Alleen een medewerker van de gemeente mag de status van een groep wijzigen."
    ),
)


def _geweigerd_overeenkomst(w, overgang, door) -> str:
    if door is None:
        return "Deze stap zet alleen een medewerker."
    return "Alleen een medewerker van de gemeente beheert samenwerkingsovereenkomsten."


OVEREENKOMST = Werkstroom(
    naam="overeenkomst",
    model="bewonersgroepen.Samenwerkingsovereenkomst",
    statussen=O,
    historie="bewonersgroepen.Overeenkomststatusovergang",
    historie_object="overeenkomst",
    # `door=None` is the nightly command (verlopen_overeenkomsten_afsluiten).
    rollen={"medewerker": Rol("een medewerker van de gemeente", _staf_van_overeenkomst), "systeem": SYSTEEM},
    overgangen=[
        Overgang(O.CONCEPT, O.TER_ONDERTEKENING, wie_mag="medewerker"),
        Overgang(O.TER_ONDERTEKENING, O.CONCEPT, wie_mag="medewerker"),
        Overgang(
            O.TER_ONDERTEKENING,
            O.ACTIEF,
            wie_mag="medewerker",
            voorwaarde=lambda overeenkomst: bool(overeenkomst.ondertekend_document),
            voorwaarde_uitleg="Voeg eerst de ondertekende overeenkomst (PDF) toe.",
        ),
        Overgang(O.ACTIEF, O.VERLOPEN, wie_mag={"medewerker", "systeem"}),
        Overgang(
            O.ACTIEF,
            O.BEEINDIGD,
            wie_mag="medewerker",
            reden_verplicht=True,
            reden_uitleg="Geef de reden waarom de overeenkomst eindigt.",
        ),
    ],
    onmogelijk=lambda w, overeenkomst, van, naar: (
        f"Een overeenkomst met status '{w.label(van)}' kan niet naar '{w.label(naar)}'."
    ),
    geweigerd=_geweigerd_overeenkomst,
)


def _zelf_voorgesteld(door, wijziging) -> bool:
    return door.pk == wijziging.voorgesteld_door_id


# A new IBAN counts only after a second person confirms it: another officer or staff, never the proposer.
# The proposer, the other officers and staff may refuse (withdraw) it, with a reason.
BETAALGEGEVENS = Werkstroom(
    naam="wijziging van de betaalgegevens",
    model="bewonersgroepen.Betaalgegevenswijziging",
    statussen=Wijzigingsstatus,
    historie="bewonersgroepen.Betaalgegevensstap",
    historie_object="wijziging",
    rollen={
        "tweede": Rol(
            "een ander bestuurslid of een medewerker van de gemeente",
            lambda door, w: (
                door.has_perm("bewonersgroepen.bevestig_betaalgegevens", w) and not _zelf_voorgesteld(door, w)
            ),
        ),
        "bestuur": Rol(
            "een bestuurslid of een medewerker van de gemeente",
            lambda door, w: door.has_perm("bewonersgroepen.afwijzen_betaalgegevens", w),
        ),
    },
    overgangen=[
        Overgang(Wijzigingsstatus.VOORGESTELD, Wijzigingsstatus.BEVESTIGD, wie_mag="tweede"),
        Overgang(
            Wijzigingsstatus.VOORGESTELD,
            Wijzigingsstatus.AFGEWEZEN,
            wie_mag="bestuur",
            reden_verplicht=True,
            reden_uitleg="Schrijf op waarom de wijziging niet doorgaat.",
        ),
    ],
    reden_veld="reden",
    onmogelijk=lambda w, wijziging, van, naar: (
        f"Deze wijziging is al {w.label(van).lower()} en kan niet meer veranderen."
    ),
    geweigerd=lambda w, overgang, door: MAG_NIET_WIJZIGEN,
)
