"""The `### raad` table in docs/permissions.md, checked against the real views."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import WACHTWOORD, UserFactory

from .factories import MotieFactory

KOLOMMEN = ["anoniem", "lid A", "lid B", "medewerker elders", "medewerker", "raadslid", "beheerder"]


def _tabel():
    tekst = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    sectie = tekst.split("### raad", 1)[1].split("\n### ", 1)[0]
    rijen = []
    for regel in sectie.splitlines():
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if len(cellen) == len(KOLOMMEN) + 1 and cellen[0].startswith("raad:"):
            rijen.append((cellen[0], dict(zip(KOLOMMEN, cellen[1:], strict=True))))
    return rijen


RIJEN = _tabel()


def test_tabel_is_gevonden():
    assert len(RIJEN) >= 5


def _url(naam, motie, gemeente):
    if naam in {"raad:motie", "raad:motie_wijzigen", "raad:voortgang_toevoegen"}:
        return reverse(naam, args=[motie.pk])
    return reverse(naam)


@pytest.mark.parametrize(("naam", "verwacht"), RIJEN, ids=[r[0] for r in RIJEN])
def test_permissietabel(client, gemeente, medewerker, raadslid, beheerder, medewerker_elders, naam, verwacht):
    motie = MotieFactory(gemeente=gemeente)
    gebruikers = {
        "anoniem": None,
        "lid A": UserFactory(groepslid=True),
        "lid B": UserFactory(groepslid=True),
        "medewerker elders": medewerker_elders,
        "medewerker": medewerker,
        "raadslid": raadslid,
        "beheerder": beheerder,
    }
    url = _url(naam, motie, gemeente)
    uitkomst = {}
    for kolom, user in gebruikers.items():
        client.logout()
        if user:
            assert client.login(username=user.email, password=WACHTWOORD)
        response = client.get(url)
        if response.status_code == 302 and reverse("login") in response.url:
            uitkomst[kolom] = "login"
        else:
            uitkomst[kolom] = str(response.status_code)
    assert uitkomst == verwacht
