"""Property-based tests (hypothesis): every form of the project gets random and hostile input.

The forms are found, not listed: every page in docs/permissions.md is opened as every kind of user who may
use it (staff first), and every form on it (POST forms and GET search and filter forms; each distinct form
once, as the first user who sees it) is submitted with some fields kept and others replaced by very long
strings, random unicode, control characters (NUL too), HTML/script, SQL, negative and huge amounts and dates
far in the past and future.
Forms the permission-table world does not show are added (`EXTRA`): the code page of the second log-in
step for a user with an authenticator app, the new-password page of a valid reset link, and the group
sign-up form (the world has two gemeenten, so the page first asks which).

The answer is never a 500. When the answer to a POST is an error (a form with field errors, or a redirect
with an error message) the database is exactly as before: nothing is saved half. A GET form never changes
anything. Each example runs in a savepoint that is rolled back, so examples do not affect each other. Every
form class in the app's forms.py must have been filled in (bound) by at least one example, so a form that
no page shows any more, or that a new page hides from this test, makes it fail.
"""

import copy
import datetime
import importlib
import importlib.util

import pytest
from django.contrib.messages import constants as message_levels
from django.db import connection, transaction
from django.forms import BaseForm, BaseFormSet
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.permissietabel.formulieren import formulieren, wijzigingen
from tests.permissietabel.objecten import SOORTEN
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
    # Control characters: PostgreSQL cannot hold NUL in text; the others are not allowed in XML (feeds).
    "\x00",
    "Breukelen\x00",
    "\x01\x02\x1b[31m\x7f",
    "\x0b\x0cregel",
    "\r\n\t",
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
BEVEILIGINGSTELLERS = {"otp_totp.TOTPDevice", "otp_static.StaticDevice", "limiet.Teller"}

APPS = sorted({naam.rpartition(":")[0] for naam in TABEL_RIJEN})
# The app whose forms.py each part of the test must cover ("" holds the log-in and account pages).
FORMULIERMODULES = {"": "accounts.forms"}


def _formulieren(client, wereld, naamruimte):
    """(how to become the user, page, form) for each distinct form on the app's pages, any user."""
    gezien = set()
    for naam in sorted(TABEL_RIJEN):
        if naam.rpartition(":")[0] != naamruimte or naam in ALLEEN_POST:
            continue
        cellen = dict(zip(SOORTEN, TABEL_RIJEN[naam], strict=True))
        pagina = _url(naam, wereld)
        for soort in BRON_VOLGORDE:
            if cellen[soort] != "200":
                continue
            _inloggen(client, wereld, soort)
            response = client.get(pagina)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for formulier in formulieren(response.content.decode(), pagina, methoden=("post", "get")):
                sleutel = (formulier.methode, formulier.action, tuple(sorted(formulier.gegevens())))
                if sleutel not in gezien:
                    gezien.add(sleutel)
                    yield (lambda soort=soort: _inloggen(client, wereld, soort)), formulier
    for maak in EXTRA.get(naamruimte, []):
        inloggen, pagina = maak(client, wereld)
        inloggen()
        response = client.get(pagina, follow=True)
        assert response.status_code == 200, pagina
        pad = response.request["PATH_INFO"]
        [formulier] = [f for f in formulieren(response.content.decode(), pad) if f.action == pad]
        yield inloggen, formulier


def _tweestaps_controle(client, wereld):
    """A member with an authenticator app, logged in with the password: the code page asks the code."""
    from accounts import services
    from tests.factories import UserFactory

    user = UserFactory(groepslid=True)
    apparaat = services.tweestaps_app_voorbereiden(user=user)
    type(apparaat).objects.filter(pk=apparaat.pk).update(confirmed=True)
    services.reservecodes_aanmaken(user=user)

    def inloggen():
        client.logout()
        client.force_login(user)

    return inloggen, reverse("tweestaps_controle")


def _nieuw_wachtwoord(client, wereld):
    """A valid reset link: Django keeps its token in the session and shows the form on .../set-password/."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = wereld.lid_a
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )

    def inloggen():
        client.logout()
        client.get(link)  # puts the token in the (new) session

    return inloggen, link


def _groep_aanmelden(client, wereld):
    """With more than one gemeente the sign-up page first asks which; the form follows with ?gemeente=."""

    def inloggen():
        client.logout()

    return inloggen, reverse("bewonersgroepen:aanmelden") + f"?gemeente={wereld.gemeente_x.slug}"


def _melding_beoordelen(client, wereld):
    """A handled melding: its status page asks the reporter's rating (anyone with the link)."""
    from meldingen import services
    from tests.meldingen.factories import MeldingFactory

    # A melding of its own: melding_x must stay open for the other forms (merging a duplicate needs it).
    x = wereld.objecten["melding_x"]
    melding = services.melding_overgaan(
        melding=MeldingFactory(
            gemeente=x.gemeente,
            categorie=x.categorie,
            kern=x.kern,
            wijk=x.wijk,
            status=x.status,
            behandelaar=wereld.gebruikers["medewerker"],
        ),
        naar="afgehandeld",
        door=wereld.gebruikers["medewerker"],
        tekst="Klaar.",
    )
    return client.logout, melding.get_status_url()


EXTRA = {
    "": [_tweestaps_controle, _nieuw_wachtwoord],
    "bewonersgroepen": [_groep_aanmelden],
    "meldingen": [_melding_beoordelen],
}


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


def _formulierklassen(naamruimte: str) -> set[type]:
    modulenaam = FORMULIERMODULES.get(naamruimte, f"{naamruimte}.forms")
    if importlib.util.find_spec(modulenaam) is None:
        return set()
    module = importlib.import_module(modulenaam)
    return {
        k
        for k in vars(module).values()
        if isinstance(k, type) and issubclass(k, BaseForm) and k.__module__ == module.__name__
    }


@pytest.mark.parametrize("naamruimte", APPS, ids=[a or "portaal-en-accounts" for a in APPS])
def test_geen_enkel_formulier_geeft_500_of_slaat_half_op(client, wereld, monkeypatch, naamruimte):
    gebonden: set[type] = set()
    origineel = BaseForm.__init__

    def init(self, *args, **kwargs):
        origineel(self, *args, **kwargs)
        if self.is_bound:
            gebonden.add(type(self))

    monkeypatch.setattr(BaseForm, "__init__", init)
    geprobeerd = []
    for inloggen, formulier in list(_formulieren(client, wereld, naamruimte)):
        geprobeerd.append(f"{formulier.methode.upper()} {formulier.action}")
        _probeer(client, inloggen, formulier)
    if naamruimte in ("bewonersgroepen", "gebiedsagenda", "raad", "leefbaarheidsbudget"):
        assert geprobeerd, f"geen formulieren gevonden in {naamruimte}"
    niet_bereikt = sorted(
        k.__qualname__ for k in _formulierklassen(naamruimte) if not any(issubclass(g, k) for g in gebonden)
    )
    assert not niet_bereikt, (
        f"Deze formulieren kregen geen invoer (geen pagina in de tabel toont ze; voeg een EXTRA toe): "
        f"{niet_bereikt}; geprobeerd: {geprobeerd}"
    )


def _probeer(client, inloggen, formulier):
    gegevens = formulier.gegevens()
    velden = [v for v in gegevens if v != "csrfmiddlewaretoken"]
    action, methode = formulier.action, formulier.methode

    # Logged in once per form: each example starts from that session, since its own changes (a new session,
    # a logout) are rolled back and the client gets the cookies back (a login per example cost a quarter).
    inloggen()
    koekjes, ingelogd = copy.deepcopy(client.cookies), "_auth_user_id" in client.session

    # How many examples, and whether random: the hypothesis profile (tests/conftest.py: "ci" or "nachtelijk").
    @given(data=st.data())
    def voorbeeld(data):
        invoer = dict(gegevens)
        for veld in velden:
            if data.draw(st.booleans(), label=f"{veld} vervangen"):
                invoer[veld] = data.draw(waarden, label=veld)
        with transaction.atomic():
            client.cookies = copy.deepcopy(koekjes)
            assert ("_auth_user_id" in client.session) == ingelogd, (
                "het voorbeeld begint niet als die gebruiker"
            )
            with wijzigingen() as gewijzigd:
                response = client.post(action, invoer) if methode == "post" else client.get(action, invoer)
            assert response.status_code < 500, f"{methode.upper()} {action}: {response.status_code}"
            if methode == "get":
                assert not gewijzigd, f"GET {action} wijzigde iets"
            elif _is_fout(response):
                gewijzigd = [t for t in gewijzigd if t not in BEVEILIGINGSTELLERS]
                assert not gewijzigd, f"POST {action} gaf een fout maar wijzigde {gewijzigd}"
            transaction.set_rollback(True)

    voorbeeld()


# --- Control characters in the address (invoer.stuurtekens) --------------------------------------------

# Every query parameter a view reads (grep request.GET), besides the fields of the page's own GET forms.
PARAMETERS = ["q", "gemeente", "jaar", "kern", "gebied", "figuur", "maat", "pagina", "p", "fase", "rol"]
PARAMETERS += ["stand", "term", "alles", "next", "status"]


def _paginas(client, wereld):
    """(page name, address) of every GET page in docs/permissions.md, logged in as the first user who may
    open it."""
    for naam in sorted(TABEL_RIJEN):
        if naam in ALLEEN_POST:
            continue
        cellen = dict(zip(SOORTEN, TABEL_RIJEN[naam], strict=True))
        soort = next((s for s in BRON_VOLGORDE if cellen[s] == "200"), None)
        if soort is None:
            continue
        _inloggen(client, wereld, soort)
        yield naam, _url(naam, wereld)


def test_nul_in_adres_of_zoekvraag_geeft_400_of_404_op_elke_pagina(client, wereld):
    """On PostgreSQL `?q=%00` or `/gebieden/wijk/%00/` reached the database and gave a 500."""
    client.raise_request_exception = False
    fout = []
    for naam, url in _paginas(client, wereld):
        pagina = client.get(url)
        velden = set(PARAMETERS)
        if "html" in pagina.get("Content-Type", ""):
            for formulier in formulieren(pagina.content.decode(), url, methoden=("get",)):
                velden |= set(formulier.gegevens())
        for waarde, verwacht in (("\x00", 400), ("x\x00y", 400)):
            antwoord = client.get(url, dict.fromkeys(sorted(velden), waarde))
            if antwoord.status_code != verwacht:
                fout.append(f"{naam} {url}?…={waarde!r}: {antwoord.status_code}")
        # Other control characters are taken out: the page answers as to the same query without them.
        zonder = client.get(url, dict.fromkeys(sorted(velden), "x"))
        met = client.get(url, dict.fromkeys(sorted(velden), "\x01x\x1b\x7f"))
        if met.status_code != zonder.status_code:
            fout.append(f"{naam} {url} met stuurtekens: {met.status_code}, zonder: {zonder.status_code}")
        for teken in ("%00", "%01", "%0A", "%7F"):
            pad = url.rstrip("/") + teken + ("/" if url.endswith("/") else "")
            if (code := client.get(pad).status_code) != 404:
                fout.append(f"{naam} {pad}: {code}")
    assert not fout, "\n".join(fout)


def test_nul_in_formuliergegevens_of_kopregel_geeft_400(client, db):
    client.raise_request_exception = False
    response = client.post(reverse("login"), {"username": "iemand\x00@example.nl", "password": "x"})
    assert response.status_code == 400
    assert "Verzoek niet te lezen" in response.text  # the site's own page, in Dutch
    assert client.get("/", headers={"user-agent": "x\x00y"}).status_code == 400


def test_stuurtekens_worden_uit_formuliergegevens_gehaald():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from invoer.stuurtekens import StuurtekensMiddleware

    gezien = {}

    def view(request):
        gezien.update(get=dict(request.GET.lists()), post=dict(request.POST.lists()))
        return HttpResponse()

    request = RequestFactory().post(
        "/?zoek=\x1bBreukelen", {"naam": ["Jan\x0bJansen\x01", "\x7f"], "tekst\x02": "regel 1\r\n\tregel 2"}
    )
    StuurtekensMiddleware(view)(request)
    assert gezien["get"] == {"zoek": ["Breukelen"]}
    assert gezien["post"] == {"naam": ["JanJansen", ""], "tekst": ["regel 1\r\n\tregel 2"]}


def test_cookie_met_stuurteken_telt_niet(client, db):
    """A session key with NUL (a quoted cookie may carry `\\000`) would reach the database."""
    client.cookies["sessionid"] = "\x00" * 32
    assert client.get("/").status_code == 200
