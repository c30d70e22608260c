"""Validators for the registration numbers a group may give for payments."""

import re

from django.core.exceptions import ValidationError

_KVK = re.compile(r"^\d{8}$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")


def normaliseer_iban(waarde: str) -> str:
    return re.sub(r"\s+", "", waarde or "").upper()


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
