"""One canonical form of an e-mail address: one person, one address, matched exactly.

Comparing addresses case-insensitively in the database is not enough: PostgreSQL's UPPER() folds the dotless
ı and the long ſ into I and S, so `email__iexact` matched `ahmed@stıchtsevecht.demo` to someone else's
account. So every address is brought to one form before it is stored or looked up, and the database
compares that form exactly (a unique, indexed column):

1. Unicode NFKC (full-width ａｈｍｅｄ becomes ahmed, the Kelvin sign K becomes K), spaces around removed.
2. The part before the @ is case-folded (ſ becomes s, AHMED becomes ahmed) and must then be plain ASCII:
   letters a-z, digits and the signs RFC 5322 allows (ı, İ, Cyrillic or Greek letters there are refused).
3. The domain is mapped (UTS #46: lower case, NFKC) and encoded with IDNA 2008 (`idna`) into its ASCII form
   (xn--...); an invalid domain is refused. Each label of an internationalised domain must be in one script,
   and a Latin label only uses a-z with or without an accent (é, ü, ç): letters that look like others
   (the dotless ı, i or j with an extra dot from İ) and letters outside a-z (ß, ø, ł) are refused, so are
   labels that mix Latin with Cyrillic or Greek.

The result is pure ASCII: what is shown is what is stored, and two addresses that look alike are either
the same canonical address or refused.
"""

import unicodedata

import idna
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models

FOUT_ONGELDIG = "Voer een geldig e-mailadres in, zoals naam@voorbeeld.nl."
FOUT_NAAM = (
    "Gebruik vóór de @ alleen de letters a tot en met z, cijfers en tekens als punt, streepje of plus."
)
FOUT_DOMEIN = "Het deel na de @ is geen geldige domeinnaam. Controleer het e-mailadres."
FOUT_SCHRIFT = (
    "Dit e-mailadres gebruikt letters die op andere letters lijken (zoals een ı zonder punt) of letters "
    "uit verschillende schriften door elkaar. Typ het adres met gewone letters."
)

_PUNT_BOVEN = "\u0307"  # the combining dot above that İ leaves on i after case folding
# Scripts that one label may mix (Japanese and Korean are written in several at once, UTS #39).
_OOST_AZIATISCH = {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC"}
_django_validator = EmailValidator(message=FOUT_ONGELDIG)


def _fout(melding: str) -> ValidationError:
    return ValidationError(melding, code="ongeldig_emailadres")


def _schrift(teken: str) -> str | None:
    """The script of a letter by its Unicode name (Python has no script property); None for signs."""
    if not unicodedata.category(teken).startswith("L"):
        return None
    woord = unicodedata.name(teken, "ONBEKEND").split(" ")[0]
    return "OOST-AZIATISCH" if woord in _OOST_AZIATISCH else woord


def _label_controleren(label: str) -> None:
    """Refuse a look-alike Unicode label (see the module's rule 3)."""
    if label.isascii():
        return
    schriften = {s for s in map(_schrift, label) if s}
    if len(schriften) > 1:
        raise _fout(FOUT_SCHRIFT)
    if schriften == {"LATIN"}:
        for teken in label:
            if unicodedata.category(teken).startswith("L") and not teken.isascii():
                basis = unicodedata.normalize("NFD", teken)[0]
                if not "a" <= basis <= "z":
                    raise _fout(FOUT_SCHRIFT)
        # An i or j with one more dot looks like i or j.
        if any(letter + _PUNT_BOVEN in unicodedata.normalize("NFD", label) for letter in "ij"):
            raise _fout(FOUT_SCHRIFT)


def _domein(domein: str) -> str:
    if not domein or domein.endswith(".") or domein.startswith("["):
        raise _fout(FOUT_DOMEIN)
    try:
        ascii_domein = idna.encode(domein, uts46=True, std3_rules=True, transitional=False).decode("ascii")
        labels = idna.decode(ascii_domein).split(".")
    except (idna.IDNAError, UnicodeError) as exc:
        raise _fout(FOUT_DOMEIN) from exc
    for label in labels:
        _label_controleren(label)
    return ascii_domein


def canoniek(adres) -> str:
    """The one form in which the address is stored and compared; ValidationError (Dutch) if refused."""
    adres = unicodedata.normalize("NFKC", str(adres or "")).strip()
    naam, apenstaart, domein = adres.rpartition("@")
    if not naam or not apenstaart or not domein:
        raise _fout(FOUT_ONGELDIG)
    naam = unicodedata.normalize("NFKC", naam.casefold())
    if not naam.isascii():
        raise _fout(FOUT_NAAM)
    adres = f"{naam}@{_domein(domein)}"
    _django_validator(adres)
    return adres


def canoniek_of_none(adres) -> str | None:
    """For look-ups: the canonical form, or None for an address that cannot belong to anyone."""
    try:
        return canoniek(adres)
    except ValidationError:
        return None


class EmailadresField(forms.EmailField):
    """Form field: the cleaned value is the canonical address; a refused one gets a Dutch message."""

    default_validators = []  # canoniek() checks everything, with its own messages

    def to_python(self, value):
        value = super().to_python(value)
        return canoniek(value) if value else value


class EmailadresVeld(models.EmailField):
    """Model field that holds only canonical addresses and looks them up in that form.

    Validation (full_clean, model forms) cleans to the canonical form or refuses; saving stores the
    canonical form; an exact look-up (`filter(email=...)`) compares the canonical form of what it is given.
    """

    default_validators = []

    def clean(self, value, model_instance):
        value = super().clean(value, model_instance)
        return canoniek(value) if value else value

    def pre_save(self, model_instance, add):
        waarde = getattr(model_instance, self.attname)
        if waarde:
            waarde = canoniek(waarde)
            setattr(model_instance, self.attname, waarde)
        return waarde

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value and isinstance(value, str):
            return canoniek_of_none(value) or value
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EmailadresField, **kwargs})
