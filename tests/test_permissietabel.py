"""Walks the permission table in docs/permissions.md and checks every cell against the real views.

Every named URL of the project (the Django admin aside, which the model permissions guard) must have a
row. Each row is requested as each of the seven kinds of user in a world with two gemeenten (see
tests/permissietabel/objecten.py); the answer must match the cell. A 500 fails the test outright.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissietabel.objecten import SOORTEN, URL_KWARGS, bouw_wereld, laad_registraties

TABEL = Path(settings.BASE_DIR) / "docs" / "permissions.md"
WAARDEN = {"200", "login", "302", "403", "404", "405"}
NIET_IN_TABEL = {"admin"}  # namespaces guarded by Django's own model permissions


def lees_tabel() -> dict[str, list[str]]:
    rijen = {}
    for regel in TABEL.read_text(encoding="utf-8").splitlines():
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if (
            not regel.startswith("|")
            or len(cellen) != 1 + len(SOORTEN)
            or cellen[0] in ("url", "")
            or set(cellen[0]) <= {"-"}
        ):
            continue
        naam = cellen[0].strip("`")
        assert naam not in rijen, f"{naam} staat twee keer in de tabel"
        rijen[naam] = cellen[1:]
    return rijen


def url_namen(resolver=None, namespace="") -> set[str]:
    namen = set()
    for patroon in (resolver or get_resolver()).url_patterns:
        if isinstance(patroon, URLResolver):
            if patroon.namespace in NIET_IN_TABEL:
                continue
            ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
            namen |= url_namen(patroon, ns)
        elif isinstance(patroon, URLPattern) and patroon.name:
            namen.add(namespace + patroon.name)
    return namen


TABEL_RIJEN = lees_tabel()


def test_tabel_is_volledig_en_geldig():
    ontbreekt = sorted(url_namen() - TABEL_RIJEN.keys())
    assert not ontbreekt, f"Deze URL's hebben geen rij in docs/permissions.md: {ontbreekt}"
    verouderd = sorted(TABEL_RIJEN.keys() - url_namen())
    assert not verouderd, f"Deze rijen in docs/permissions.md horen bij geen URL: {verouderd}"
    fout = {naam: cellen for naam, cellen in TABEL_RIJEN.items() if not set(cellen) <= WAARDEN}
    assert not fout, f"Onbekende waarden (kies uit {sorted(WAARDEN)}): {fout}"


def _heeft_argumenten(naam: str) -> bool:
    try:
        reverse(naam)
    except Exception:
        return True
    return False


def _klopt(response, verwacht: str) -> bool:
    if verwacht == "login":
        return response.status_code == 302 and response["Location"].startswith(
            resolve_url(settings.LOGIN_URL)
        )
    if verwacht == "302":
        return response.status_code == 302 and not response["Location"].startswith(
            resolve_url(settings.LOGIN_URL)
        )
    return response.status_code == int(verwacht)


@pytest.mark.parametrize("naam", sorted(TABEL_RIJEN))
def test_cellen_kloppen_met_de_views(client, db, naam):
    laad_registraties()
    wereld = bouw_wereld()
    if _heeft_argumenten(naam):
        assert naam in URL_KWARGS, (
            f"{naam} heeft argumenten: registreer ze met @url_kwargs in tests/permissietabel/<app>.py"
        )
        url = reverse(naam, kwargs=URL_KWARGS[naam](wereld))
    else:
        url = reverse(naam)
    afwijkingen = []
    for soort, verwacht in zip(SOORTEN, TABEL_RIJEN[naam], strict=True):
        client.logout()
        if wereld.gebruikers[soort] is not None:
            client.force_login(wereld.gebruikers[soort])
        response = client.get(url)
        assert response.status_code != 500, f"{naam} als {soort}: 500"
        if not _klopt(response, verwacht):
            waar = f" → {response['Location']}" if response.status_code == 302 else ""
            afwijkingen.append(f"{soort}: verwacht {verwacht}, kreeg {response.status_code}{waar}")
    assert not afwijkingen, f"{naam} ({url}): " + "; ".join(afwijkingen)


def test_tabelregels_worden_herkend():
    assert re.search(r"^\| portaal:home \|", TABEL.read_text(encoding="utf-8"), re.M)
    assert "portaal:home" in TABEL_RIJEN and TABEL_RIJEN["portaal:home"] == ["200"] * 7
