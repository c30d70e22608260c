"""Helpers for the POST half of tests/test_permissietabel.py: read the forms of a page, snapshot the database.

The POST test replays a real form (as an allowed user sees it, pre-filled) as every kind of user. A user who
may not act must be refused *and* the database must be exactly as before: the snapshot holds every row of
every model (history tables included, so even a save that changes no value is caught).
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

# Tables that change on every request or log-in and say nothing about the action itself.
NIET_IN_MOMENTOPNAME = {"sessions", "axes", "admin"}


def _invulling(naam: str, soort: str) -> str:
    """A plausible value for an empty field, so that a create form is valid and would really save."""
    naam = naam.lower()
    if soort == "email" or "email" in naam:
        return "test@example.nl"
    if soort == "date" or "datum" in naam or naam in ("van", "tot", "start", "einde"):
        return date.today().isoformat()
    if soort == "number" or "bedrag" in naam:
        return "1"
    if soort == "url":
        return "https://example.nl/"
    return "Test"


@dataclass
class Formulier:
    action: str
    methode: str = "post"
    velden: list[tuple[str, str]] = field(default_factory=list)
    # Text fields left empty on the page: (name, input type), filled in by gegevens().
    leeg: list[tuple[str, str]] = field(default_factory=list)
    radios: dict[str, str] = field(default_factory=dict)

    def gegevens(self, *, aanvullen: bool = True) -> dict[str, list[str]]:
        """What a browser sends; with `aanvullen` empty text fields get a plausible value."""
        data: dict[str, list[str]] = {}
        for naam, waarde in self.velden:
            data.setdefault(naam, []).append(waarde)
        for naam, waarde in self.radios.items():
            data.setdefault(naam, [waarde])  # no radio checked: a user picks the first
        for naam, soort in self.leeg if aanvullen else []:
            if data.get(naam) in (None, [""]):
                data[naam] = [_invulling(naam, soort)]
        return data


class _FormulierLezer(HTMLParser):
    """Collects POST forms with the values a browser would send when submitted unchanged."""

    def __init__(self, pagina_url: str, methoden: tuple[str, ...] = ("post",)):
        super().__init__(convert_charrefs=True)
        self.pagina_url = pagina_url
        self.methoden = methoden
        self.formulieren: list[Formulier] = []
        self._formulier: Formulier | None = None
        self._select: tuple[str, bool, bool] | None = None
        self._opties: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._tekst: list[str] = []
        self._knop_gezien = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            methode = (a.get("method") or "get").lower()
            if methode in self.methoden:
                action = urlsplit(a.get("action") or self.pagina_url).path
                self._formulier = Formulier(action=action, methode=methode)
                self._knop_gezien = False
            return
        f = self._formulier
        if f is None:
            return
        naam = a.get("name")
        if tag == "input" and naam and "disabled" not in a:
            soort = (a.get("type") or "text").lower()
            if soort == "radio":
                f.radios.setdefault(naam, a.get("value", "on"))
            if soort in ("checkbox", "radio"):
                if "checked" in a:
                    f.velden.append((naam, a.get("value", "on")))
            elif soort in ("submit", "image", "button"):
                if soort == "submit" and not self._knop_gezien:
                    self._knop_gezien = True
                    f.velden.append((naam, a.get("value", "")))
            elif soort != "file":
                f.velden.append((naam, a.get("value", "")))
                if not a.get("value") and soort in ("text", "email", "date", "number", "url", "tel"):
                    f.leeg.append((naam, soort))
        elif tag == "button" and naam and (a.get("type") or "submit") == "submit" and not self._knop_gezien:
            self._knop_gezien = True
            f.velden.append((naam, a.get("value", "")))
        elif tag == "select" and naam:
            self._select = (naam, "multiple" in a, "required" in a)
            self._opties = []
        elif tag == "option" and self._select:
            self._opties.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and naam:
            self._textarea = naam
            self._tekst = []

    def handle_data(self, data):
        if self._textarea is not None:
            self._tekst.append(data)

    def handle_endtag(self, tag):
        f = self._formulier
        if tag == "form" and f is not None:
            self.formulieren.append(f)
            self._formulier = None
        elif tag == "select" and self._select and f is not None:
            naam, meerdere, verplicht = self._select
            # A required list that starts at an empty "Kies ..." cannot be sent so: the user chooses.
            gekozen = [w for w, sel in self._opties if sel and (w or not verplicht)]
            if not gekozen and not meerdere:
                # A browser sends the first option; skip an empty placeholder for a real choice.
                gekozen = [w for w, _ in self._opties if w][:1] or [w for w, _ in self._opties][:1]
            f.velden.extend((naam, w) for w in gekozen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and f is not None:
            tekst = "".join(self._tekst)
            tekst = tekst[1:] if tekst.startswith("\n") else tekst
            f.velden.append((self._textarea, tekst))
            if not tekst:
                f.leeg.append((self._textarea, "textarea"))
            self._textarea = None


def formulieren(html: str, pagina_url: str, methoden: tuple[str, ...] = ("post",)) -> list[Formulier]:
    """The forms of a page with one of `methoden` (POST forms only, unless asked for "get" too)."""
    lezer = _FormulierLezer(urlsplit(pagina_url).path, methoden)
    lezer.feed(html)
    return lezer.formulieren


def _modellen():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in NIET_IN_MOMENTOPNAME and not model._meta.proxy:
            yield model


def momentopname(modellen=None) -> dict[str, list[tuple]]:
    """Every row of every model of the project (history tables included), to compare before and after."""
    opname = {}
    for model in _modellen() if modellen is None else modellen:
        # last_login changes on every log-in of the test itself.
        kolommen = [f.attname for f in model._meta.concrete_fields if f.name != "last_login"]
        rijen = model._base_manager.order_by("pk").values_list(*kolommen)
        opname[model._meta.label] = list(rijen)
    return opname


_SCHRIJVEN = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)


@contextmanager
def wijzigingen():
    """The labels of the models whose rows the block changed, in the list it yields (filled at the end).

    Must run inside transaction.atomic(), and undoes the block's changes. Cheaper than two full snapshots
    (the hostile-input test makes thousands): only the tables a write statement touched are compared, their
    rows after the block against their rows after rolling back to a savepoint taken before it. A table no
    statement wrote to cannot have changed; a write that the code itself rolled back compares equal."""
    gewijzigd: list[str] = []
    punt = transaction.savepoint()
    connection.queries_log.clear()  # a full log (9,000 entries) would capture nothing
    with CaptureQueriesContext(connection) as vastgelegd:
        yield gewijzigd
    assert len(connection.queries_log) < connection.queries_log.maxlen, "te veel queries om te volgen"
    tabellen = {m.group(1) for q in vastgelegd.captured_queries if (m := _SCHRIJVEN.match(q["sql"]))}
    modellen = [model for model in _modellen() if model._meta.db_table in tabellen]
    na = momentopname(modellen)
    transaction.savepoint_rollback(punt)
    gewijzigd.extend(verschil(momentopname(modellen), na))


def verschil(voor: dict, na: dict) -> list[str]:
    return [label for label in voor if voor[label] != na.get(label)]
