"""Dependencies between apps point one way (README, "Layout"): a lower app never imports a higher one,
nor names the top app in its templates (the filters and tags every template uses live in the `weergave`
library, not in portaal).

A lower app that must show or move things of a higher one offers a registry instead. This test reads
every import in every module of the apps (including imports inside functions, such as those in
`AppConfig.ready()`), so a new shortcut upward fails here rather than in review.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

# Lowest first, as INSTALLED_APPS lists them (its comment: "in dependency order"). An app may import
# itself, the apps before it, and the shared libraries.
LAGEN = [app for app in settings.INSTALLED_APPS if (Path(settings.BASE_DIR) / app / "apps.py").exists()]
# Small libraries (not apps) that every app may use; they import no app themselves.
BIBLIOTHEKEN = ["bestanden", "berichten", "invoer", "limiet", "weergave", "werkstroom"]
# The few libraries a library may use: weergave's `euro` filter is invoer's format_euro.
BIBLIOTHEEK_GEBRUIKT = {"weergave": {"invoer"}}
# bench/ (benchmark, load test, synthetic data) is no part of the portal: only the top app's thin
# `generate_data` command may reach it.
EIGEN = set(LAGEN) | set(BIBLIOTHEKEN) | {"config", "bench"}


def _modules(pakket: str):
    for pad in sorted((Path(settings.BASE_DIR) / pakket).rglob("*.py")):
        if "migrations" not in pad.parts:
            yield pad


def _geimporteerd(pad: Path) -> set[str]:
    """The project's own top-level packages that `pad` imports."""
    namen = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            namen |= {alias.name.split(".")[0] for alias in knoop.names}
        elif isinstance(knoop, ast.ImportFrom) and knoop.level == 0 and knoop.module:
            namen.add(knoop.module.split(".")[0])
    return namen & EIGEN


def _toegestaan(pakket: str) -> set[str]:
    if pakket in BIBLIOTHEKEN:
        return {pakket} | BIBLIOTHEEK_GEBRUIKT.get(pakket, set())
    extra = {"bench"} if pakket == LAGEN[-1] else set()
    return set(LAGEN[: LAGEN.index(pakket) + 1]) | set(BIBLIOTHEKEN) | extra


@pytest.mark.parametrize("pakket", LAGEN + BIBLIOTHEKEN)
def test_afhankelijkheden_wijzen_naar_beneden(pakket):
    fout = []
    for pad in _modules(pakket):
        if verboden := _geimporteerd(pad) - _toegestaan(pakket):
            fout.append(f"{pad.relative_to(settings.BASE_DIR)} importeert {', '.join(sorted(verboden))}")
    assert not fout, "Afhankelijkheid naar boven:\n" + "\n".join(fout)


def _privenamen_van_elders(pad: Path, pakket: str) -> list[str]:
    """Names with a leading underscore that `pad` imports from another package of the project: a
    helper another app needs is part of its owner's interface, so it gets a public name there."""
    fout = []
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.ImportFrom) and knoop.level == 0 and knoop.module:
            bron = knoop.module.split(".")[0]
            if bron in EIGEN and bron != pakket:
                fout += [f"{knoop.module}.{a.name}" for a in knoop.names if a.name.startswith("_")]
    return fout


@pytest.mark.parametrize("pakket", LAGEN + BIBLIOTHEKEN)
def test_geen_prive_namen_uit_een_ander_pakket(pakket):
    fout = [
        f"{pad.relative_to(settings.BASE_DIR)} importeert {naam}"
        for pad in _modules(pakket)
        for naam in _privenamen_van_elders(pad, pakket)
    ]
    assert not fout, "Privé naam uit een ander pakket:\n" + "\n".join(fout)


def test_de_controle_vindt_een_prive_naam_van_elders(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from gebieden.x import _hulp, publiek\nfrom .y import _eigen\n", encoding="utf-8")
    assert _privenamen_van_elders(module, "rollen") == ["gebieden.x._hulp"]
    assert _privenamen_van_elders(module, "gebieden") == []


TOP = "portaal"
# A lower app's template that names the top app: a `portaal:` URL, a `portaal/` template, `{% load portaal %}`.
NAAR_TOP = re.compile(r"""["']portaal[:/]|\{%\s*load\s[^%]*\bportaal\b""")


def _naar_top(tekst: str) -> bool:
    return bool(NAAR_TOP.search(tekst))


@pytest.mark.parametrize("pakket", [app for app in LAGEN if app != TOP] + BIBLIOTHEKEN)
def test_sjablonen_van_lagere_apps_noemen_portaal_niet(pakket):
    fout = [
        str(pad.relative_to(settings.BASE_DIR))
        for pad in sorted((Path(settings.BASE_DIR) / pakket).rglob("templates/**/*"))
        if pad.is_file() and _naar_top(pad.read_text(encoding="utf-8"))
    ]
    assert not fout, "Sjabloon van een lagere laag noemt portaal:\n" + "\n".join(fout)


def test_de_controle_vindt_portaal_in_een_sjabloon():
    assert _naar_top("""<a href="{% url 'portaal:home' %}">""")
    assert _naar_top('{% include "portaal/home.html" %}')
    assert _naar_top("{% load humanize portaal %}")
    assert not _naar_top('<div class="portaal-kaartje">{{ bedrag|euro }}</div>')


def test_elk_pakket_is_een_laag_of_een_bibliotheek():
    """A new package is an app in INSTALLED_APPS (in its place) or a library named in BIBLIOTHEKEN."""
    assert LAGEN[0] == "gebieden" and LAGEN[-1] == "portaal"
    pakketten = {p.name for p in Path(settings.BASE_DIR).iterdir() if (p / "__init__.py").exists()}
    assert pakketten - {"config", "tests", "bench"} <= set(LAGEN) | set(BIBLIOTHEKEN)


def test_de_controle_vindt_een_import_naar_boven(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from raad.selectors import x\n", encoding="utf-8")
    assert _geimporteerd(module) == {"raad"}
