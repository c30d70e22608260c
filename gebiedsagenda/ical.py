"""iCalendar (RFC 5545) written by hand: only what a public feed of all-day events needs.

Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text values escape
backslash, semicolon, comma and line breaks (3.3.11); dates are DATE values (all-day, no time zone).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Gebeurtenis:
    uid: str
    datum: datetime.date
    titel: str
    beschrijving: str = ""
    url: str = ""
    categorie: str = ""


def tekst(waarde: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    waarde = str(waarde).replace("\r\n", "\n").replace("\r", "\n")
    return waarde.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def vouwen(regel: str) -> str:
    """Fold one content line into lines of at most 75 octets; continuation lines start with a space."""
    delen, huidig, lengte = [], [], 0
    for teken in regel:
        octets = len(teken.encode("utf-8"))
        limiet = MAX_OCTETS if not delen else MAX_OCTETS - 1  # the leading space counts
        if lengte + octets > limiet:
            delen.append("".join(huidig))
            huidig, lengte = [], 0
        huidig.append(teken)
        lengte += octets
    delen.append("".join(huidig))
    return (CRLF + " ").join(delen)


def _datum(dag: datetime.date) -> str:
    return dag.strftime("%Y%m%d")


def kalender(*, naam: str, gebeurtenissen: Iterable[Gebeurtenis], nu: datetime.datetime | None = None) -> str:
    stempel = (nu or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Gebiedsportaal//Gebiedskalender//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{tekst(naam)}",
    ]
    for g in gebeurtenissen:
        regels += [
            "BEGIN:VEVENT",
            f"UID:{tekst(g.uid)}",
            f"DTSTAMP:{stempel}",
            f"DTSTART;VALUE=DATE:{_datum(g.datum)}",
            f"DTEND;VALUE=DATE:{_datum(g.datum + datetime.timedelta(days=1))}",
            f"SUMMARY:{tekst(g.titel)}",
        ]
        if g.beschrijving:
            regels.append(f"DESCRIPTION:{tekst(g.beschrijving)}")
        if g.categorie:
            regels.append(f"CATEGORIES:{tekst(g.categorie)}")
        if g.url:
            regels.append(f"URL:{g.url}")
        regels += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    regels.append("END:VCALENDAR")
    return "".join(vouwen(r) + CRLF for r in regels)
