"""Address books for forwarding a melding (Doorzetting). meldingen sits below the apps that keep
organisations (participatie's ketenpartner register), so it may not import them; they register a callable
here in their AppConfig.ready() instead, and the Doorzetting form offers what those callables return.

A callable takes (gemeente, wijk) — wijk may be None — and returns a list of (naam, email, soort) or
(naam, email, soort, in_gebied) tuples, the ones working in that area first. The chosen name and e-mail
are copied onto the Doorzetting (a snapshot: a later change in the register does not rewrite history)."""

from typing import NamedTuple


class Adres(NamedTuple):
    naam: str
    email: str
    soort: str
    in_gebied: bool = False


_adressenboeken: list = []


def register_adressenboek(callable_) -> None:
    if callable_ not in _adressenboeken:
        _adressenboeken.append(callable_)


def adressen(gemeente, wijk=None) -> list[Adres]:
    """Every registered book's entries for this gemeente and wijk: those in the area first, then by name;
    a name only once."""
    gezien: set[str] = set()
    uitkomst: list[Adres] = []
    for boek in _adressenboeken:
        for regel in boek(gemeente, wijk):
            adres = Adres(*regel)
            if adres.naam not in gezien:
                gezien.add(adres.naam)
                uitkomst.append(adres)
    uitkomst.sort(key=lambda a: (not a.in_gebied, a.naam.lower()))
    return uitkomst
