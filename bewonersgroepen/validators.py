"""Validators of a group: where it works, and the registration numbers it may give for payments."""

import re

from django.core.exceptions import ValidationError

_KVK = re.compile(r"^\d{8}$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")
_POSTCODE = re.compile(r"^([1-9]\d{3})\s*([A-Z]{2})$")


def normaliseer_iban(waarde: str) -> str:
    return re.sub(r"\s+", "", waarde or "").upper()


def normaliseer_postcode(waarde: str) -> str:
    """'3621ab' and '3621 AB' are one postcode, stored as '3621 AB'; anything else stays as typed."""
    tekst = (waarde or "").strip().upper()
    gevonden = _POSTCODE.match(tekst)
    return f"{gevonden[1]} {gevonden[2]}" if gevonden else tekst


def postcode_validator(waarde: str) -> None:
    if waarde and not _POSTCODE.match(normaliseer_postcode(waarde)):
        raise ValidationError(
            "Vul een postcode in zoals 3621 AB: vier cijfers en twee letters.", code="postcode"
        )


def kvk_nummer_validator(waarde: str) -> None:
    if waarde and not _KVK.match(waarde):
        raise ValidationError("Een KvK-nummer bestaat uit precies 8 cijfers.", code="kvk")


def iban_validator(waarde: str) -> None:
    """ISO 13616: move the first four characters to the end, letters to numbers, remainder mod 97 is 1."""
    iban = normaliseer_iban(waarde)
    if not iban:
        return
    if not _IBAN.match(iban) or (iban.startswith("NL") and len(iban) != 18):
        raise ValidationError(
            "Dit is geen geldig IBAN. Een Nederlands IBAN ziet er zo uit: NL91ABNA0417164300."
        )
    cijfers = "".join(str(int(teken, 36)) for teken in iban[4:] + iban[:4])
    if int(cijfers) % 97 != 1:
        raise ValidationError("Dit IBAN klopt niet: het controlegetal is onjuist. Controleer het nummer.")


def gebieden_in_gemeente(gemeente, kernen, wijken) -> None:
    """A group works in at least one kern or wijk, all in its own gemeente (pages and admin alike; the
    kernen and wijken are many-to-many, so the model's clean() cannot see them before they are saved)."""
    if not kernen and not wijken:
        raise ValidationError({"kernen": "Kies ten minste één kern of wijk waar de groep actief is."})
    for gebied in [*kernen, *wijken]:
        if gebied.gemeente_id != gemeente.pk:
            veld = "kernen" if gebied in kernen else "wijken"
            raise ValidationError({veld: f"{gebied.naam} ligt niet in de gemeente {gemeente.naam}."})
