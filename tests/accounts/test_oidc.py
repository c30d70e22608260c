"""Single sign-on against a real, local OpenID provider (oidc-provider-mock in a thread on a free port).

The Django test client plays the browser on our side; `requests` plays it on the provider's side (its
authorisation form), so every step crosses real HTTP: discovery, token, JWKS, userinfo, end_session.
"""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from accounts import oidc
from accounts.constants import Gebruikerssoort
from accounts.inloggen import SESSIE_TWEESTAPS, Tweestaps
from accounts.models import User
from tests.factories import GemeenteFactory, UserFactory

MEDEWERKERS = "gp-medewerkers"
BEHEERDERS = "gp-beheerders"


@pytest.fixture(scope="module")
def aanbieder():
    with run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def sso(aanbieder, settings, gemeente):
    settings.OIDC_RP_CLIENT_ID = "gebiedsportaal"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_ISSUER = aanbieder
    settings.OIDC_ROLLEN_CLAIM = "groups"
    settings.OIDC_ROL_MEDEWERKER = MEDEWERKERS
    settings.OIDC_ROL_BEHEERDER = BEHEERDERS
    settings.OIDC_GEMEENTE = gemeente.code
    settings.OIDC_GEMEENTE_CLAIM = ""
    oidc._ontdekking.cache_clear()
    yield aanbieder
    oidc._ontdekking.cache_clear()


def zet_claims(aanbieder, sub, **claims):
    antwoord = requests.put(f"{aanbieder}/users/{sub}", json=claims, timeout=5)
    assert antwoord.status_code == 204


def inloggen(client, aanbieder, sub, volgende="/gebieden/"):
    """Click the button, authorise at the provider as `sub`, come back: the callback's response."""
    start = client.get(reverse("oidc_authentication_init"), {"next": volgende})
    assert start.status_code == 302
    naar = start["Location"]
    assert naar.startswith(f"{aanbieder}/oauth2/authorize?")
    vraag = parse_qs(urlsplit(naar).query)
    assert vraag["code_challenge_method"] == ["S256"] and vraag["nonce"] and vraag["state"]  # PKCE, nonce
    toestemming = requests.post(naar, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert toestemming.status_code == 302, toestemming.text
    terug = urlsplit(toestemming.headers["Location"])
    assert terug.path == reverse("oidc_authentication_callback")
    return client.get(f"{terug.path}?{terug.query}")


def meldingen(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_uit_zonder_instellingen(client, db):
    assert "gemeente-account" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404


def test_inlogpagina_toont_de_knop(client, sso):
    html = client.get(reverse("login")).content.decode()
    assert "Inloggen met uw gemeente-account" in html


def test_nieuwe_medewerker_met_mfa_logt_in_zonder_lokale_code(client, sso, gemeente, settings):
    settings.OTP_VERPLICHT_VOOR_MEDEWERKERS = True
    zet_claims(
        sso,
        "sub-1",
        email="Anouk.Smit@Gemeente.NL",
        name="Anouk Smit",
        groups=[MEDEWERKERS],
        amr=["pwd", "mfa"],
    )
    sessie_voor = client.session.session_key
    antwoord = inloggen(client, sso, "sub-1")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/gebieden/"
    user = User.objects.get(email="anouk.smit@gemeente.nl")  # the canonical form
    assert user.naam == "Anouk Smit" and user.gemeente == gemeente
    assert user.is_medewerker and not user.is_functioneel_beheerder and not user.is_staff
    assert not user.has_usable_password()
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.session.session_key != sessie_voor  # a new session id after log-in
    assert client.session[SESSIE_TWEESTAPS] == Tweestaps.AANBIEDER
    assert client.get(reverse("mijn_account")).status_code == 200  # no detour to the code page


def test_zonder_mfa_volgt_de_lokale_tweede_stap(client, sso, settings):
    settings.OTP_VERPLICHT_VOOR_MEDEWERKERS = True
    zet_claims(sso, "sub-2", email="jan@gemeente.nl", groups=[MEDEWERKERS], amr=["pwd"])
    antwoord = inloggen(client, sso, "sub-2")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("tweestaps_instellen"))
    pagina = client.get(reverse("mijn_account"))
    assert pagina.status_code == 302 and pagina["Location"].startswith(reverse("tweestaps_instellen"))


def test_acr_uit_de_lijst_telt_als_tweede_stap(client, sso, settings):
    settings.OTP_VERPLICHT_VOOR_MEDEWERKERS = True
    settings.OIDC_MFA_ACR = ["urn:gemeente:loa:substantieel"]
    zet_claims(
        sso, "sub-3", email="acr@gemeente.nl", groups=[MEDEWERKERS], acr="urn:gemeente:loa:substantieel"
    )
    assert inloggen(client, sso, "sub-3")["Location"] == "/gebieden/"
    assert client.session[SESSIE_TWEESTAPS] == Tweestaps.AANBIEDER


def test_beheerclaim_maakt_functioneel_beheerder(client, sso, gemeente):
    zet_claims(sso, "sub-4", email="beheer@gemeente.nl", groups=[BEHEERDERS, "andere-groep"], amr=["mfa"])
    inloggen(client, sso, "sub-4")
    user = User.objects.get(email="beheer@gemeente.nl")
    assert user.is_functioneel_beheerder and user.is_staff and not user.is_medewerker
    assert user.gemeente == gemeente


def test_bestaande_gebruiker_wordt_gevonden_op_het_canonieke_adres(client, sso, gemeente):
    bestaand = UserFactory(email="p.de.vries@gemeente.nl", naam="Piet de Vries", gemeente=gemeente)
    zet_claims(sso, "sub-5", email="P.de.Vries@GEMEENTE.nl", name="Iemand Anders", groups=[MEDEWERKERS])
    inloggen(client, sso, "sub-5")
    assert User.objects.filter(email="p.de.vries@gemeente.nl").count() == 1
    bestaand.refresh_from_db()
    assert bestaand.naam == "Piet de Vries"  # kept: the portal's own name
    assert Gebruikerssoort.MEDEWERKER in set(bestaand.groups.values_list("name", flat=True))
    assert client.session[SESSION_KEY] == str(bestaand.pk)


def test_gemeente_uit_een_claim(client, sso, settings):
    andere = GemeenteFactory(code="GM0344", naam="Utrecht", slug="utrecht")
    settings.OIDC_GEMEENTE_CLAIM = "gemeentecode"
    zet_claims(sso, "sub-6", email="u@utrecht.nl", groups=[MEDEWERKERS], gemeentecode="GM0344")
    inloggen(client, sso, "sub-6")
    assert User.objects.get(email="u@utrecht.nl").gemeente == andere


def test_geweigerd_zonder_rolclaim(client, sso, caplog):
    zet_claims(sso, "sub-7", email="burger@example.nl", name="Bea Burger", groups=["iets-anders"])
    with caplog.at_level(logging.INFO, logger="gebiedsportaal.inloggen"):
        antwoord = inloggen(client, sso, "sub-7")
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("login")
    assert not User.objects.filter(email="burger@example.nl").exists()
    assert SESSION_KEY not in client.session
    assert any("geen rol voor het Gebiedsportaal" in m for m in meldingen(antwoord))
    log = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("gebiedsportaal"))
    assert "geweigerd" in log and "burger" not in log.lower() and "Bea" not in log and "sub-7" not in log
    pagina = client.get(antwoord["Location"])
    assert "geen rol voor het Gebiedsportaal" in pagina.content.decode()


def test_geweigerd_bij_een_account_van_een_andere_gemeente(client, sso):
    elders = GemeenteFactory(code="GM0355", naam="Zeist", slug="zeist")
    UserFactory(email="zeist@gemeente.nl", medewerker=True, gemeente=elders)
    zet_claims(sso, "sub-8", email="zeist@gemeente.nl", groups=[MEDEWERKERS])
    antwoord = inloggen(client, sso, "sub-8")
    assert antwoord["Location"] == reverse("login")
    assert any("andere gemeente" in m for m in meldingen(antwoord))


def test_uitloggen_beeindigt_ook_de_sessie_bij_de_aanbieder(client, sso):
    zet_claims(sso, "sub-9", email="weg@gemeente.nl", groups=[MEDEWERKERS], amr=["mfa"])
    inloggen(client, sso, "sub-9")
    antwoord = client.post(reverse("logout"))
    assert SESSION_KEY not in client.session
    naar = antwoord["Location"]
    assert naar.startswith(f"{sso}/oauth2/end_session?")
    vraag = parse_qs(urlsplit(naar).query)
    assert vraag["id_token_hint"] and vraag["client_id"] == ["gebiedsportaal"]
    assert vraag["post_logout_redirect_uri"] == ["http://testserver/"]
    # The provider asks to confirm, then sends the browser back to our home page.
    assert requests.get(naar, timeout=5).status_code == 200
    bevestigd = requests.post(
        f"{sso}/oauth2/end_session/confirm",
        data={"redirect_uri": "http://testserver/"},
        allow_redirects=False,
        timeout=5,
    )
    assert bevestigd.status_code == 302 and bevestigd.headers["Location"] == "http://testserver/"


def test_lokaal_uitloggen_zonder_sso_blijft_lokaal(client, sso, medewerker):
    client.force_login(medewerker)
    antwoord = client.post(reverse("logout"))
    assert antwoord["Location"] == reverse("portaal:home")


def test_systeemcontrole_bij_onvolledige_instellingen(settings):
    settings.OIDC_RP_CLIENT_ID = "gebiedsportaal"
    for naam in (
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_ISSUER",
        "OIDC_ROL_MEDEWERKER",
        "OIDC_ROL_BEHEERDER",
        "OIDC_GEMEENTE",
    ):
        setattr(settings, naam, "")
    ids = {fout.id for fout in oidc.instellingen_controleren(None)}
    assert ids == {"accounts.E101", "accounts.E102", "accounts.E103", "accounts.E104"}
    settings.OIDC_RP_CLIENT_ID = ""
    assert oidc.instellingen_controleren(None) == []


def test_csp_laat_het_uitloggen_bij_de_aanbieder_toe():
    """Log-out posts a form that is redirected to the provider: its origin must be in form-action."""
    import os
    import subprocess
    import sys

    code = (
        "from config.settings import base; print(base.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    omgeving = {
        **os.environ,
        "OIDC_RP_CLIENT_ID": "x",
        "OIDC_OP_ISSUER": "https://sso.gemeente.example/realms/g",
    }
    uit = subprocess.run(
        [sys.executable, "-c", code], env=omgeving, capture_output=True, text=True, check=True
    )
    assert "https://sso.gemeente.example" in uit.stdout
    omgeving.pop("OIDC_RP_CLIENT_ID")
    uit = subprocess.run(
        [sys.executable, "-c", code], env=omgeving, capture_output=True, text=True, check=True
    )
    assert "sso.gemeente.example" not in uit.stdout


def test_weigeringen_blokkeren_de_anderen_niet(client, sso, settings):
    """django-axes counts failures per e-mail address; refusals of SSO log-ins (which have no address
    typed) must not add up to a lock-out of every SSO log-in."""
    settings.AXES_ENABLED = True
    zet_claims(sso, "sub-10", email="geen-rol@gemeente.nl", groups=[])
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert inloggen(client, sso, "sub-10")["Location"] == reverse("login")
    zet_claims(sso, "sub-11", email="wel-rol@gemeente.nl", groups=[MEDEWERKERS], amr=["mfa"])
    antwoord = inloggen(client, sso, "sub-11")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/gebieden/"
    assert client.session[SESSION_KEY] == str(User.objects.get(email="wel-rol@gemeente.nl").pk)
