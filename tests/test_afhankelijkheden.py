"""The Python packages are locked (requirements.lock, written by bin/lock): the suite runs with exactly the
versions that `pip-audit -r requirements.lock` audits before a release (README, "Known vulnerabilities")."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _naam(tekst: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", tekst.strip()).group()).lower()


def _lock() -> dict[str, str]:
    regels = (BASE_DIR / "requirements.lock").read_text(encoding="utf-8").splitlines()
    vast = {}
    for regel in regels:
        if regel.strip() and not regel.startswith("#"):
            naam, _, versie = regel.partition("==")
            assert versie, f"requirements.lock: {regel!r} heeft geen vaste versie (==)"
            vast[_naam(naam)] = versie.strip()
    return vast


def test_elke_afhankelijkheid_staat_met_een_vaste_versie_in_de_lock():
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    nodig = {_naam(d) for d in project["dependencies"]}
    nodig |= {_naam(d) for groep in project["optional-dependencies"].values() for d in groep}
    ontbreekt = sorted(nodig - _lock().keys())
    assert not ontbreekt, f"Niet in requirements.lock (draai bin/setup en bin/lock): {ontbreekt}"


def test_geinstalleerde_versies_zijn_die_uit_de_lock():
    anders = {}
    for naam, versie in _lock().items():
        try:
            geinstalleerd = metadata.version(naam)
        except metadata.PackageNotFoundError:
            geinstalleerd = None
        if geinstalleerd != versie:
            anders[naam] = (versie, geinstalleerd)
    assert not anders, f"Versie in requirements.lock en in .venv verschillen (draai bin/setup): {anders}"
