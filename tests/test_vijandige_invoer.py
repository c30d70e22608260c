"""Property-based tests (hypothesis): every form of the project gets random and hostile input.

The forms are found, not listed: every page in docs/permissions.md is opened as the first kind of user who
may use it (staff first) in the permission-table world, and every POST form on it is submitted with some
fields kept and others replaced by very long strings, random unicode, HTML/script, SQL, negative and huge
amounts and dates far in the past and future. The answer is never a 500; when the answer is an error (a
form with field errors, or a redirect with an error message) the database is exactly as before: nothing is
saved half. Each example runs in a savepoint that is rolled back, so examples do not affect each other.
"""

import datetime

import pytest
from django.contrib.messages import constants as message_levels
from django.db import connection, transaction
from django.forms import BaseForm, BaseFormSet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.permissietabel.formulieren import formulieren, momentopname, verschil
from tests.permissietabel.objecten import SOORTEN, bouw_wereld, laad_registraties
from tests.test_permissietabel import ALLEEN_POST, BRON_VOLGORDE, TABEL_RIJEN, _inloggen, _url

VIJANDIG = [
    "",
    " ",
    "x" * 10_000,
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "Robert'); DROP TABLE accounts_user;--",
    "\u202egnp.exe",
    "😀" * 300,
    "ẞüñíçødé ﷽ 𝕏",
    "../../etc/passwd",
    "-1",
    "-0,01",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999999.99",
    "1.234.567,89",
    "0001-01-01",
    "9999-12-31",
    "31-12-9999",
    "01-01-0001",
    "00-00-0000",
    "2024-02-30",
]

# On SQLite (development only) Django lets a primary key beyond 64 bits reach the driver, which raises
# OverflowError (a Django/SQLite limit, not the app's); PostgreSQL, used in production and in CI, gets the
# full range.
_GRENS = 2**63 - 1 if connection.vendor == "sqlite" else 10**30

waarden = st.one_of(
    st.sampled_from(VIJANDIG),
    st.text(max_size=300),
    st.integers(min_value=-_GRENS, max_value=_GRENS).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.strftime("%d-%m-%Y")])
    ),
)

# A wrong two-step code must be counted (django-otp throttles the device) and the prepared, unconfirmed
# authenticator device is made on first use: those writes on an error answer are intended, not half saves.
BEVEILIGINGSTELLERS = {"otp_totp.TOTPDevice", "otp_static.StaticDevice"}

APPS = sorted({naam.rpartition(":")[0] for naam in TABEL_RIJEN})


def _formulierpaginas(naamruimte: str):
    """(url name, kind of user) for each page of the app that someone may open."""
    for naam in sorted(TABEL_RIJEN):
        if naam.rpartition(":")[0] != naamruimte or naam in ALLEEN_POST:
            continue
        cellen = dict(zip(SOORTEN, TABEL_RIJEN[naam], strict=True))
        soort = next((s for s in BRON_VOLGORDE if cellen[s] == "200"), None)
        if soort is not None:
            yield naam, soort


def _is_fout(response) -> bool:
    if response.status_code == 302:
        berichten = getattr(response.wsgi_request, "_messages", [])
        return any(b.level == message_levels.ERROR for b in berichten)
    if response.status_code != 200 or response.context is None:
        return True
    for context in response.context:
        for waarde in context.flatten().values():
            if isinstance(waarde, BaseForm | BaseFormSet) and waarde.is_bound and not waarde.is_valid():
                return True
    return False


@pytest.mark.parametrize("naamruimte", APPS, ids=[a or "portaal-en-accounts" for a in APPS])
def test_geen_enkel_formulier_geeft_500_of_slaat_half_op(client, db, naamruimte):
    laad_registraties()
    wereld = bouw_wereld()
    geprobeerd = []
    for naam, soort in _formulierpaginas(naamruimte):
        pagina = _url(naam, wereld)
        _inloggen(client, wereld, soort)
        response = client.get(pagina)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for formulier in formulieren(response.content.decode(), pagina):
            geprobeerd.append(formulier.action)
            _probeer(client, wereld, soort, formulier.action, formulier.gegevens())
    if naamruimte in ("bewonersgroepen", "gebiedsagenda", "raad", "leefbaarheidsbudget"):
        assert geprobeerd, f"geen formulieren gevonden in {naamruimte}"


def _probeer(client, wereld, soort, action, gegevens):
    velden = [v for v in gegevens if v != "csrfmiddlewaretoken"]

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data())
    def voorbeeld(data):
        invoer = dict(gegevens)
        for veld in velden:
            if data.draw(st.booleans(), label=f"{veld} vervangen"):
                invoer[veld] = data.draw(waarden, label=veld)
        with transaction.atomic():
            _inloggen(client, wereld, soort)
            voor = momentopname()
            response = client.post(action, invoer)
            assert response.status_code < 500, f"POST {action} als {soort}: {response.status_code}"
            if _is_fout(response):
                gewijzigd = [t for t in verschil(voor, momentopname()) if t not in BEVEILIGINGSTELLERS]
                assert not gewijzigd, f"POST {action} als {soort} gaf een fout maar wijzigde {gewijzigd}"
            transaction.set_rollback(True)

    voorbeeld()
