"""The conditions of the regulation as a checklist, shown before a group starts an application and on the
form until a member has ticked "Ik heb de voorwaarden gelezen" (stored as `Aanvraag.voorwaarden_gelezen_op`;
needed to submit, not to save a concept).

The texts are the published conditions of Stichtse Vecht's Centraal Leefbaarheidsbudget (shared/data:
improves liveability, discussed with the area's resident group, support, lawful and not commercial, larger
than one street, no food and drink, safety and permits, priority for co-financing and own work, no
playground equipment), with the figures of this year's `Regeling` (lead time, decision term, maxima,
settlement at once) and the accountability of `constants.VERANTWOORDING_WEKEN`. In plain Dutch (B1).
"""

from dataclasses import dataclass

from invoer import format_euro

from .constants import VERANTWOORDING_WEKEN

GELEZEN_LABEL = "Ik heb de voorwaarden gelezen"
NIET_GELEZEN = "Lees de voorwaarden en zet een vinkje bij 'Ik heb de voorwaarden gelezen'."


@dataclass(frozen=True)
class Blok:
    kop: str
    punten: list[str]


def _weken(dagen: int) -> str:
    weken, rest = divmod(dagen, 7)
    woorden = {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 8: "acht", 13: "dertien"}
    if rest:
        return f"{dagen} dagen"
    return f"{woorden.get(weken, weken)} {'week' if weken == 1 else 'weken'}"


def voorwaarden(regeling) -> list[Blok]:
    """The checklist for an application under `regeling` (None: no regulation yet, the general rules)."""
    voorbereiding = regeling.minimale_voorbereiding_dagen if regeling else 42
    beslistermijn = regeling.beslistermijn_dagen if regeling else 56
    geld = [
        "Samen met uw groep betaalt u zelf een deel, als dat kan: de eigen bijdrage. Vul die in bij de begroting.",
        "Betalen anderen mee, zoals een fonds of een sponsor? Of doen bewoners zelf een deel van het werk? "
        "Dan krijgt uw aanvraag voorrang.",
    ]
    if regeling and regeling.max_per_aanvraag is not None:
        geld.append(f"U vraagt hoogstens {format_euro(regeling.max_per_aanvraag)} per aanvraag.")
    if regeling and regeling.max_per_groep_per_jaar is not None:
        geld.append(f"Uw groep krijgt hoogstens {format_euro(regeling.max_per_groep_per_jaar)} per jaar.")
    termijn = _weken(VERANTWOORDING_WEKEN * 7)
    verantwoording = ["Bewaar de bonnetjes en facturen."]
    if regeling:
        verantwoording += [
            f"Krijgt u {format_euro(regeling.direct_vaststellen_tot)} of minder? Dan is het bedrag meteen "
            "definitief en hoeft u geen verantwoording te sturen.",
            f"Krijgt u meer? Vertel dan na de activiteit binnen {termijn} hoe het ging en wat het echt kostte. "
            "Dat heet de verantwoording.",
        ]
    else:
        verantwoording.append(
            f"Vertel na de activiteit binnen {termijn} hoe het ging en wat het echt kostte. "
            "Dat heet de verantwoording."
        )
    verantwoording.append("Hebt u minder uitgegeven dan u kreeg? Dan betaalt u het verschil terug.")
    return [
        Blok(
            "Waar is het geld voor?",
            [
                "Voor een activiteit die de buurt, wijk of kern leefbaarder maakt. Bijvoorbeeld een ontmoeting "
                "voor buren.",
                "De activiteit is voor meer mensen dan één straat.",
                "Er is draagvlak: bewoners willen het. U hebt het plan besproken met de bewonersgroep, "
                "wijkcommissie of dorpsraad van uw gebied.",
            ],
        ),
        Blok(
            "Waar is het geld niet voor?",
            [
                "Niet voor eten en drinken.",
                "Niet voor speeltoestellen.",
                "Niet voor iets waar iemand geld aan verdient, en niet voor iets wat niet mag volgens de wet.",
            ],
        ),
        Blok("Wat betaalt u zelf?", geld),
        Blok(
            "Op tijd aanvragen",
            [
                f"Vraag het geld minstens {_weken(voorbereiding)} vóór de activiteit aan.",
                f"De gemeente beslist binnen {_weken(beslistermijn)}. Vraagt de gemeente om meer informatie? "
                "Dan duurt het langer.",
                "U regelt zelf de veiligheid en de vergunningen die nodig zijn.",
            ],
        ),
        Blok("Na de activiteit", verantwoording),
    ]
