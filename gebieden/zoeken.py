"""How a resident's search text is read: one folded form for names and streets, and postcodes.

Pure functions (no database), shared by the models (which store the folded form), the imports and the
search, so that what is stored and what is searched are folded the same way on every database.
"""

import re
import unicodedata
from dataclasses import dataclass


def normaliseer(tekst: str) -> str:
    """Fold a name for comparison: no case, accents, spaces, hyphens or punctuation.

    "Oud-Zuilen", "Oud Zuilen" and "oud zuilen" all become "oudzuilen"; "'s-Gravenzande" becomes
    "sgravenzande"; "Ter Aa" and "ter-aa" meet. Letters and digits of any script stay."""
    ontleed = unicodedata.normalize("NFKD", tekst or "")
    zonder_accenten = "".join(teken for teken in ontleed if not unicodedata.combining(teken))
    return "".join(teken for teken in zonder_accenten.casefold() if teken.isalnum())


# 4 digits (not starting with 0), optionally 2 letters (not SA, SD or SS, which PostNL never issues),
# optionally a house number with an addition ("12", "12a", "12-2", "12 bis"): what people type.
_POSTCODE = re.compile(
    r"^\s*(?P<cijfers>[1-9]\d{3})\s*(?P<letters>(?!SA|SD|SS)[A-Z]{2})?"
    r"(?:[\s,]*(?P<huisnummer>\d{1,5})\s*[-\s]?[A-Z0-9]{0,4})?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Postcode:
    cijfers: str  # "3621"
    letters: str = ""  # "AB" or ""
    huisnummer: int | None = None

    @property
    def pc4(self) -> str:
        return self.cijfers

    @property
    def pc6(self) -> str:
        return f"{self.cijfers}{self.letters}" if self.letters else ""

    def __str__(self):
        tekst = f"{self.cijfers} {self.letters}" if self.letters else self.cijfers
        return f"{tekst} {self.huisnummer}" if self.huisnummer is not None else tekst


def lees_postcode(tekst: str) -> Postcode | None:
    """A postcode in what the resident typed ("3621", "3621ab", "3621 AB 12"), or None.

    A house number only counts after six characters: "3621 12" is not a Dutch address."""
    gevonden = _POSTCODE.match(tekst or "")
    if not gevonden:
        return None
    letters = (gevonden["letters"] or "").upper()
    huisnummer = gevonden["huisnummer"]
    if huisnummer is not None and not letters:
        return None
    return Postcode(gevonden["cijfers"], letters, int(huisnummer) if huisnummer else None)


def postcode_van_bestand(waarde: str) -> str | None:
    """A PC4 or PC6 from an import file in stored form ("3621", "3621AB"), or None when it is none."""
    waarde = re.sub(r"\s+", "", waarde or "").upper()
    if re.fullmatch(r"[1-9]\d{3}", waarde) or re.fullmatch(r"[1-9]\d{3}(?!SA|SD|SS)[A-Z]{2}", waarde):
        return waarde
    return None
