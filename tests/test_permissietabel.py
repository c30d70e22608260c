"""Walks the permission table in docs/permissions.md and checks every cell against the real views.

Every named URL of the project (the Django admin aside, which the model permissions guard, see
tests/test_beheer_toegang.py) must have a row. Each row is requested as each of the seven kinds of user in
a world with two gemeenten (see tests/permissietabel/objecten.py); the answer must match the cell. A 500
fails the test outright.

Every URL is also POSTed to as each kind of user, with the data of its real form as an allowed user sees
it (pre-filled, so a missing permission check would save). A user who may not act must be refused and the
database must be unchanged (every row of every model, history included). URLs that only take POST
(`405` for everyone on GET) have a second row `POST <name>` saying what each kind of user gets.
"""

import re
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissietabel.formulieren import formulieren, wijzigingen
from tests.permissietabel.objecten import SOORTEN, URL_KWARGS

TABEL = Path(settings.BASE_DIR) / "docs" / "permissions.md"
WAARDEN = {"200", "login", "302", "403", "404", "405"}
NIET_IN_TABEL = {"admin"}  # namespaces guarded by Django's own model permissions


def lees_tabel() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The GET rows and the `POST <name>` rows of the table."""
    rijen, post_rijen = {}, {}
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
        doel = rijen
        if naam.startswith("POST "):
            naam, doel = naam.removeprefix("POST ").strip("`"), post_rijen
        assert naam not in doel, f"{naam} staat twee keer in de tabel"
        doel[naam] = cellen[1:]
    return rijen, post_rijen


def url_namen(resolver=None, namespace="") -> set[str]:
    namen = set()
    for patroon in (resolver or get_resolver()).url_patterns:
        if isinstance(patroon, URLResolver):
            if patroon.namespace in NIET_IN_TABEL:
                continue
            ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
            namen |= url_namen(patroon, ns)
        elif isinstance(patroon, URLPattern):
            # An unnamed pattern could not get a row: it would escape the table.
            namen.add(namespace + (patroon.name or f"<zonder naam: {patroon.pattern}>"))
    return namen


TABEL_RIJEN, POST_RIJEN = lees_tabel()
ALLEEN_POST = {naam for naam, cellen in TABEL_RIJEN.items() if set(cellen) == {"405"}}
WEIGERING = {"login", "403", "404"}


def test_tabel_is_volledig_en_geldig():
    ontbreekt = sorted(url_namen() - TABEL_RIJEN.keys())
    assert not ontbreekt, f"Deze URL's hebben geen rij in docs/permissions.md: {ontbreekt}"
    verouderd = sorted(TABEL_RIJEN.keys() - url_namen())
    assert not verouderd, f"Deze rijen in docs/permissions.md horen bij geen URL: {verouderd}"
    fout = {naam: cellen for naam, cellen in TABEL_RIJEN.items() if not set(cellen) <= WAARDEN}
    fout |= {f"POST {naam}": cellen for naam, cellen in POST_RIJEN.items() if not set(cellen) <= WAARDEN}
    assert not fout, f"Onbekende waarden (kies uit {sorted(WAARDEN)}): {fout}"


def test_elke_alleen_post_url_heeft_een_post_rij():
    ontbreekt = sorted(ALLEEN_POST - POST_RIJEN.keys())
    assert not ontbreekt, f"Voeg een rij 'POST <naam>' toe aan docs/permissions.md voor: {ontbreekt}"
    over = sorted(POST_RIJEN.keys() - ALLEEN_POST)
    assert not over, f"Een POST-rij hoort alleen bij een URL die op GET overal 405 geeft: {over}"


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


def _url(naam: str, wereld) -> str:
    if _heeft_argumenten(naam):
        assert naam in URL_KWARGS, (
            f"{naam} heeft argumenten: registreer ze met @url_kwargs in tests/permissietabel/<app>.py"
        )
        return reverse(naam, kwargs=URL_KWARGS[naam](wereld))
    return reverse(naam)


def _inloggen(client, wereld, soort: str) -> None:
    """The next requests come from `soort`, with no cookies of an earlier one. With the module's shared world
    (tests/conftest.py) that is its session of that kind, made once: logging out and in again for each of
    the thousands of requests took a quarter of this test's time. What a request does to the session is
    rolled back with the test's transaction, as is the rest."""
    client.cookies = SimpleCookie()
    if wereld.gebruikers[soort] is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = wereld.sessies[soort]


@pytest.mark.parametrize("naam", sorted(TABEL_RIJEN))
def test_cellen_kloppen_met_de_views(client, wereld, naam):
    url = _url(naam, wereld)
    afwijkingen = []
    for soort, verwacht in zip(SOORTEN, TABEL_RIJEN[naam], strict=True):
        _inloggen(client, wereld, soort)
        response = client.get(url)
        assert response.status_code != 500, f"{naam} als {soort}: 500"
        if not _klopt(response, verwacht):
            waar = f" → {response['Location']}" if response.status_code == 302 else ""
            afwijkingen.append(f"{soort}: verwacht {verwacht}, kreeg {response.status_code}{waar}")
        elif verwacht in ("200", "403", "404") and "text/html" in response.get("Content-Type", ""):
            # Every page states who is logged in (issue 2), the refusal pages (403, 404) included; feeds,
            # CSV, PDF and downloads are not pages.
            gebruiker = wereld.gebruikers[soort]
            tekst = response.content.decode()
            if ("Ingelogd als <a" if gebruiker else "Niet ingelogd") not in tekst or (
                gebruiker and gebruiker.naam not in tekst
            ):
                afwijkingen.append(
                    f"{soort}: de pagina ({response.status_code}) zegt niet wie er is ingelogd"
                )
    assert not afwijkingen, f"{naam} ({url}): " + "; ".join(afwijkingen)


# Whose view of a page supplies the form that is replayed: staff first (their forms are the fullest).
BRON_VOLGORDE = ["medewerker", "beheerder", "lid A", "raadslid", "medewerker elders", "lid B", "anoniem"]


def _formulier_gegevens(client, wereld, naam: str, url: str) -> dict:
    """The data of the form that posts to `url`, pre-filled as the first allowed user sees it.

    A POST-only URL has its form on another page of the same app (a detail page): those are searched.
    """
    if naam in ALLEEN_POST:
        ns = naam.rpartition(":")[0]
        kandidaten = [n for n in sorted(TABEL_RIJEN) if n.rpartition(":")[0] == ns and n not in ALLEEN_POST]
    else:
        kandidaten = [naam]
    for kandidaat in kandidaten:
        cellen = dict(zip(SOORTEN, TABEL_RIJEN[kandidaat], strict=True))
        pagina = url if kandidaat == naam else _url(kandidaat, wereld)
        for soort in BRON_VOLGORDE:
            if cellen[soort] != "200":
                continue
            for formulier in _formulieren_op(client, wereld, pagina, soort):
                if formulier.action == url:
                    return formulier.gegevens()
    return {}


def _formulieren_op(client, wereld, pagina: str, soort: str) -> list:
    """The forms on `pagina` as `soort` sees it. Every test of the module starts from the same world, so
    a page is read once per world: the POST-only URLs of an app search the same detail pages (two thirds
    of this test's time went to reading them again for each URL)."""
    gelezen = wereld.formulieren_per_pagina
    if (pagina, soort) not in gelezen:
        _inloggen(client, wereld, soort)
        response = client.get(pagina)
        html = response.status_code == 200 and "html" in response.get("Content-Type", "")
        gelezen[pagina, soort] = formulieren(response.content.decode(), pagina) if html else []
    return gelezen[pagina, soort]


@pytest.mark.parametrize("naam", sorted(TABEL_RIJEN))
def test_post_wordt_geweigerd_zonder_iets_te_wijzigen(client, wereld, naam):
    """POST the real form as every kind of user: who may not act is refused and nothing changes."""
    url = _url(naam, wereld)
    gegevens = _formulier_gegevens(client, wereld, naam, url)
    afwijkingen = []
    for i, soort in enumerate(SOORTEN):
        verwacht = POST_RIJEN[naam][i] if naam in ALLEEN_POST else None
        geweigerd = (verwacht or TABEL_RIJEN[naam][i]) in WEIGERING
        with transaction.atomic():
            _inloggen(client, wereld, soort)
            with wijzigingen() as gewijzigd:
                response = client.post(url, gegevens)
            assert response.status_code != 500, f"POST {naam} als {soort}: 500"
            waar = f" → {response['Location']}" if response.status_code == 302 else ""
            if verwacht is not None and not _klopt(response, verwacht):
                afwijkingen.append(f"{soort}: verwacht {verwacht}, kreeg {response.status_code}{waar}")
            elif geweigerd:
                if not (any(_klopt(response, w) for w in WEIGERING) or response.status_code == 405):
                    afwijkingen.append(f"{soort}: niet geweigerd, kreeg {response.status_code}{waar}")
                if gewijzigd:
                    afwijkingen.append(f"{soort}: geweigerd, maar gewijzigd: {gewijzigd}")
            transaction.set_rollback(True)
    assert not afwijkingen, f"POST {naam} ({url}, {sorted(gegevens)}): " + "; ".join(afwijkingen)


def test_formulieren_worden_gelezen():
    html = """<form method="post" action="/x/?a=1"><input type="hidden" name="csrfmiddlewaretoken" value="t">
    <input name="naam" value="A &amp; B"><input type="checkbox" name="c" value="1" checked>
    <input type="checkbox" name="d" value="1"><select name="s"><option value="">---</option>
    <option value="b">B</option></select><select name="v" required><option value="" selected>Kies</option>
    <option value="k">K</option></select><select name="o"><option value="" selected>---</option>
    <option value="p">P</option></select><select name="m" multiple><option value="1" selected>1</option>
    <option value="2" selected>2</option></select><textarea name="t">\nregel</textarea>
    <input type="file" name="f"><input type="radio" name="r" value="x"><input type="radio" name="r" value="y">
    <input name="leeg"><input type="email" name="e"><textarea name="u"></textarea><button type="submit" name="actie" value="ja">Ja</button>
    <button type="submit" name="actie" value="nee">Nee</button></form>
    <form method="get" action="/zoeken/"><input name="q"></form>"""
    [formulier] = formulieren(html, "/pagina/")
    assert formulier.action == "/x/"
    assert formulier.gegevens() == {
        "csrfmiddlewaretoken": ["t"],
        "naam": ["A & B"],
        "c": ["1"],
        "s": ["b"],
        "v": ["k"],
        "o": [""],
        "m": ["1", "2"],
        "t": ["regel"],
        "actie": ["ja"],
        "r": ["x"],
        "leeg": ["Test"],
        "e": ["test@example.nl"],
        "u": ["Test"],
    }


def test_tabelregels_worden_herkend():
    assert re.search(r"^\| portaal:home \|", TABEL.read_text(encoding="utf-8"), re.M)
    assert "portaal:home" in TABEL_RIJEN and TABEL_RIJEN["portaal:home"] == ["200"] * 7


def test_wijzigingen_ziet_een_opgeslagen_rij_en_niet_wat_werd_teruggedraaid(db):
    """The cheap change check that both this test and the hostile-input test rely on."""
    from gebieden.models import Gemeente

    with transaction.atomic():
        with wijzigingen() as gewijzigd:
            Gemeente.objects.create(naam="Proefgemeente", code="GM9998", slug="proef")
        assert gewijzigd == ["gebieden.Gemeente"]
        assert not Gemeente.objects.filter(code="GM9998").exists()  # the block's change is undone

        with wijzigingen() as gewijzigd:
            try:
                with transaction.atomic():
                    Gemeente.objects.create(naam="Proefgemeente", code="GM9998", slug="proef")
                    raise ValueError
            except ValueError:
                pass
            list(Gemeente.objects.all())
        assert gewijzigd == []


def test_wijzigingen_ziet_een_schrijfactie_ook_na_duizenden_queries(db):
    """Django keeps at most 9,000 queries in its log; a full log must not hide a write."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gebieden.models import Gemeente

    with transaction.atomic():
        with CaptureQueriesContext(connection):  # fills the log, as thousands of examples do
            for _ in range(9_100):
                Gemeente.objects.exists()
        with wijzigingen() as gewijzigd:
            Gemeente.objects.create(naam="Proefgemeente", code="GM9998", slug="proef")
        assert gewijzigd == ["gebieden.Gemeente"]
