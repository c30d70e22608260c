"""The world the permission-table test requests every URL in, and how to fill in each URL's kwargs.

`tests/test_permissietabel.py` reads docs/permissions.md and requests every row as each of the seven
kinds of user. Every app adds a module next to this one (e.g. `tests/permissietabel/bewonersgroepen.py`)
that this module imports automatically, and in it:

* adds objects to the world with a builder::

      @wereld_bouwer
      def groepen(wereld):
          wereld.objecten["groep_a"] = GroepFactory(gemeente=wereld.gemeente_x, leden=[wereld.lid_a])
          wereld.objecten["groep_b"] = GroepFactory(gemeente=wereld.gemeente_x, leden=[wereld.lid_b])

* says, per URL name that takes arguments, how to build them from the world — objects belonging to
  gemeente X and, for member pages, to group A::

      @url_kwargs("bewonersgroepen:groep")
      def _(wereld):
          return {"pk": wereld.objecten["groep_a"].pk}

Builders run in registration order (module name order; this module's own first).
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accounts.constants import Gebruikerssoort

SOORTEN = ["anoniem", "lid A", "lid B", "medewerker elders", "medewerker", "raadslid", "beheerder"]

WERELD_BOUWERS: list[Callable[["Wereld"], None]] = []
URL_KWARGS: dict[str, Callable[["Wereld"], dict]] = {}


@dataclass
class Wereld:
    gemeente_x: Any
    gemeente_y: Any
    kern_x: Any
    wijk_x: Any
    gebruikers: dict[str, Any]  # kind (one of SOORTEN) -> User, None for anoniem
    objecten: dict[str, Any] = field(default_factory=dict)
    # kind -> session key of a login made with the world (tests/conftest.py, `wereld`): a request as that
    # kind carries it instead of logging in again (tests/test_permissietabel.py, `_inloggen`).
    sessies: dict[str, str] = field(default_factory=dict)
    # (page, kind) -> the forms on that page as that kind sees it, read once per world
    # (tests/test_permissietabel.py, `_formulieren_op`).
    formulieren_per_pagina: dict[tuple[str, str], list] = field(default_factory=dict)
    # (object, its columns' values) as the world was built: each test starts from them (tests/conftest.py).
    beginstand: list[tuple[Any, dict]] = field(default_factory=list)

    @property
    def lid_a(self):
        return self.gebruikers["lid A"]

    @property
    def lid_b(self):
        return self.gebruikers["lid B"]

    @property
    def medewerker(self):
        return self.gebruikers["medewerker"]


def wereld_bouwer(fn):
    WERELD_BOUWERS.append(fn)
    return fn


def url_kwargs(*namen: str):
    def decorator(fn):
        for naam in namen:
            URL_KWARGS[naam] = fn
        return fn

    return decorator


_geladen = False


def laad_registraties() -> None:
    """Import every app module of this package once, so their registrations run."""
    global _geladen
    if _geladen:
        return
    _geladen = True
    import tests.permissietabel as pakket

    for module in sorted(m.name for m in pkgutil.iter_modules(pakket.__path__)):
        if module != "objecten":
            importlib.import_module(f"tests.permissietabel.{module}")


def bouw_wereld() -> Wereld:
    from tests.factories import GemeenteFactory, KernFactory, UserFactory, WijkFactory

    laad_registraties()
    gemeente_x = GemeenteFactory(code="GM1904", naam="Stichtse Vecht", slug="stichtse-vecht")
    gemeente_y = GemeenteFactory(code="GM0736", naam="De Ronde Venen", slug="de-ronde-venen")
    kern_x = KernFactory(gemeente=gemeente_x, naam="Breukelen", slug="breukelen")
    wijk_x = WijkFactory(kern=kern_x, gemeente=gemeente_x, code="WK190402", naam="Wijk 02 Breukelen")
    gebruikers = {
        "anoniem": None,
        # Members belong to the gemeente of their groups (X), as every account belongs to one gemeente.
        "lid A": UserFactory(
            soort=Gebruikerssoort.GROEPSLID, gemeente=gemeente_x, naam="Lid A", email="lid-a@example.nl"
        ),
        "lid B": UserFactory(
            soort=Gebruikerssoort.GROEPSLID, gemeente=gemeente_x, naam="Lid B", email="lid-b@example.nl"
        ),
        "medewerker elders": UserFactory(
            medewerker=True, gemeente=gemeente_y, naam="Medewerker Elders", email="elders@example.nl"
        ),
        "medewerker": UserFactory(
            medewerker=True, gemeente=gemeente_x, naam="Medewerker X", email="mx@example.nl"
        ),
        "raadslid": UserFactory(raadslid=True, gemeente=gemeente_x, naam="Raadslid X", email="rx@example.nl"),
        "beheerder": UserFactory(
            beheerder=True, gemeente=gemeente_x, naam="Beheerder X", email="bx@example.nl"
        ),
    }
    wereld = Wereld(gemeente_x, gemeente_y, kern_x, wijk_x, gebruikers)
    for bouwer in WERELD_BOUWERS:
        bouwer(wereld)
    return wereld


# --- the foundation's own URLs ----------------------------------------------------------------------
@url_kwargs("gebieden:gemeente")
def _gemeente(wereld):
    return {"gemeente": wereld.gemeente_x.slug}


@url_kwargs("gebieden:kern")
def _kern(wereld):
    return {"gemeente": wereld.gemeente_x.slug, "kern": wereld.kern_x.slug}


@url_kwargs("gebieden:wijk")
def _wijk(wereld):
    return {"code": wereld.wijk_x.code}


@url_kwargs("password_reset_confirm")
def _reset(wereld):
    return {"uidb64": "MQ", "token": "ongeldig-token"}
