"""Single sign-on for staff with OpenID Connect (mozilla-django-oidc), off unless configured.

- `ingeschakeld()`: on when OIDC_RP_CLIENT_ID is set; otherwise the views answer 404, the log-in page
  shows no button and the backend answers nothing.
- `instelling()`: the library's settings, with the provider's endpoints from its discovery document
  (read once per process, on first use, never at import) unless set explicitly.
- `Gemeenteaccountbackend`: matches the canonical e-mail address; makes or updates an account only
  when the roles claim holds the value for Medewerker or functional admin of the gemeente; remembers
  whether the provider's `amr`/`acr` says multi-factor authentication was done.
- `StartView`, `TerugView`: the library's views, 404 when off; after log-in the provider's MFA counts as
  the second step (`Tweestaps.AANBIEDER`), or the local TOTP step follows as for a password log-in.
- `uitlog_url()`: the provider's end_session_endpoint (RP-initiated logout) for `accounts.views.UitlogView`.
"""

import logging
from functools import lru_cache
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.checks import Error, Tags, register
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .backends import Gebruikersbackend
from .constants import Gebruikerssoort
from .emailadres import canoniek
from .inloggen import SESSIE_TWEESTAPS, Tweestaps

logger = logging.getLogger("gebiedsportaal.inloggen")

KNOP_TEKST = "Inloggen met uw gemeente-account"
SESSIE_VIA_OIDC = "gebiedsportaal_via_oidc"

# The library's setting name -> the key in the provider's discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}

# Refusals: what the user reads (Dutch, B1) and what the log says (no name, address or subject).
GEWEIGERD_GEEN_ROL = (
    "U kunt niet inloggen met uw gemeente-account: uw account heeft geen rol voor het Gebiedsportaal. "
    "Vraag uw functioneel beheerder om u toegang te geven."
)
GEWEIGERD_GEEN_EMAIL = (
    "U kunt niet inloggen met uw gemeente-account: het geeft geen bruikbaar e-mailadres door. "
    "Neem contact op met uw functioneel beheerder."
)
GEWEIGERD_ANDERE_GEMEENTE = (
    "U kunt niet inloggen met uw gemeente-account: uw account in het Gebiedsportaal hoort bij een andere "
    "gemeente. Neem contact op met uw functioneel beheerder."
)
GEWEIGERD_GEBLOKKEERD = "Uw account is geblokkeerd. Neem contact op met uw functioneel beheerder."
GEWEIGERD_ALGEMEEN = "Inloggen met uw gemeente-account is niet gelukt. Probeer het opnieuw."


def ingeschakeld() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


@register(Tags.security)
def instellingen_controleren(app_configs, **kwargs):
    """When SSO is on, what it cannot work without must be set (no network: discovery is not read here)."""
    if not ingeschakeld():
        return []
    fouten = []
    if not settings.OIDC_RP_CLIENT_SECRET:
        fouten.append(Error("OIDC_RP_CLIENT_SECRET ontbreekt.", id="accounts.E101"))
    heeft_endpoints = settings.OIDC_OP_AUTHORIZATION_ENDPOINT and settings.OIDC_OP_TOKEN_ENDPOINT
    if not (settings.OIDC_OP_ISSUER or settings.OIDC_OP_DISCOVERY_URL or heeft_endpoints):
        fouten.append(
            Error("Zet OIDC_OP_ISSUER (of OIDC_OP_DISCOVERY_URL, of de endpoints).", id="accounts.E102")
        )
    if not (settings.OIDC_ROL_MEDEWERKER or settings.OIDC_ROL_BEHEERDER):
        fouten.append(
            Error(
                "Zet OIDC_ROL_MEDEWERKER en/of OIDC_ROL_BEHEERDER: zonder kan niemand inloggen.",
                id="accounts.E103",
            )
        )
    if not (settings.OIDC_GEMEENTE or settings.OIDC_GEMEENTE_CLAIM):
        fouten.append(Error("Zet OIDC_GEMEENTE (CBS-code) of OIDC_GEMEENTE_CLAIM.", id="accounts.E104"))
    return fouten


@lru_cache(maxsize=4)
def _ontdekking(url: str) -> dict:
    antwoord = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    antwoord.raise_for_status()
    return antwoord.json()


def ontdekking() -> dict:
    """The provider's discovery document, or {} when neither issuer nor discovery URL is set."""
    url = settings.OIDC_OP_DISCOVERY_URL
    if not url and settings.OIDC_OP_ISSUER:
        url = settings.OIDC_OP_ISSUER.rstrip("/") + "/.well-known/openid-configuration"
    return _ontdekking(url) if url else {}


def instelling(naam, *standaard):
    """A setting for mozilla-django-oidc: an endpoint from the settings, else from discovery."""
    if naam in ENDPOINTS:
        return getattr(settings, naam, "") or ontdekking().get(ENDPOINTS[naam]) or (standaard or [None])[0]
    if standaard:
        return getattr(settings, naam, standaard[0])
    return getattr(settings, naam)


def _waarden(claims: dict, naam: str) -> set[str]:
    waarde = claims.get(naam) if naam else None
    if waarde is None:
        return set()
    if isinstance(waarde, list | tuple | set):
        return {str(w) for w in waarde}
    return {str(waarde)}


def mfa_gedaan(claims: dict) -> bool:
    """True when the provider says multi-factor authentication was done (amr, RFC 8176; or acr)."""
    if _waarden(claims, "amr") & set(settings.OIDC_MFA_AMR):
        return True
    return bool(_waarden(claims, "acr") & set(settings.OIDC_MFA_ACR))


class Geweigerd(Exception):
    def __init__(self, melding: str, reden: str):
        super().__init__(reden)
        self.melding = melding
        self.reden = reden


class Gemeenteaccountbackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matched on the canonical e-mail address and gated by roles."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        if ingeschakeld():  # the library reads its settings here, and would refuse missing ones
            super().__init__(*args, **kwargs)

    get_settings = staticmethod(instelling)

    def authenticate(self, request, **kwargs):
        if not ingeschakeld() or request is None or "nonce" not in kwargs:
            return None  # a password log-in, or SSO is off
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token):
        """The library's, and also a provider that signs without `kid` but publishes one key only."""
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        sleutels = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        sleutels.raise_for_status()
        sleutels = sleutels.json().get("keys", [])
        if len(sleutels) != 1:
            raise SuspiciousOperation("Token zonder kid en niet precies één sleutel bij de aanbieder.")
        return jwt.PyJWK(sleutels[0])

    def _verify_jws(self, payload, key):
        """The library checks signature and algorithm; also check that the token is for us (aud) and from
        the configured provider (iss), which the library leaves out."""
        claims = super()._verify_jws(payload, key)
        doelgroep = claims.get("aud")
        doelgroep = doelgroep if isinstance(doelgroep, list) else [doelgroep]
        if settings.OIDC_RP_CLIENT_ID not in doelgroep:
            raise SuspiciousOperation("ID-token is niet voor deze client (aud).")
        uitgever = ontdekking().get("issuer") or settings.OIDC_OP_ISSUER
        if uitgever and claims.get("iss", "").rstrip("/") != uitgever.rstrip("/"):
            raise SuspiciousOperation("ID-token komt van een andere uitgever (iss).")
        return claims

    def get_user(self, user_id):
        # The same loading as for a password log-in: kinds and gemeente in the user's query.
        return Gebruikersbackend().get_user(user_id)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        try:
            user = self._gebruiker(claims)
        except Geweigerd as weigering:
            self.request.oidc_weigering = weigering.melding
            logger.warning("Inloggen met gemeente-account geweigerd: %s", weigering.reden)
            return None
        self.request.oidc_mfa = mfa_gedaan(payload) or mfa_gedaan(claims)
        return user

    @transaction.atomic
    def _gebruiker(self, claims: dict):
        from gebieden.models import Gemeente

        try:
            email = canoniek(claims.get("email") or "")
        except ValidationError:
            raise Geweigerd(GEWEIGERD_GEEN_EMAIL, "geen geldig e-mailadres in de claims") from None
        if claims.get("email_verified") is False:
            raise Geweigerd(GEWEIGERD_GEEN_EMAIL, "e-mailadres niet bevestigd door de aanbieder")
        rollen = _waarden(claims, settings.OIDC_ROLLEN_CLAIM)
        beheerder = bool(settings.OIDC_ROL_BEHEERDER) and settings.OIDC_ROL_BEHEERDER in rollen
        medewerker = bool(settings.OIDC_ROL_MEDEWERKER) and settings.OIDC_ROL_MEDEWERKER in rollen
        if not (beheerder or medewerker):
            raise Geweigerd(GEWEIGERD_GEEN_ROL, f"geen rol in claim {settings.OIDC_ROLLEN_CLAIM!r}")
        code = settings.OIDC_GEMEENTE
        if settings.OIDC_GEMEENTE_CLAIM:
            code = next(iter(sorted(_waarden(claims, settings.OIDC_GEMEENTE_CLAIM))), "") or code
        gemeente = Gemeente.objects.filter(code=code).first() if code else None
        if gemeente is None:
            raise Geweigerd(GEWEIGERD_GEEN_ROL, "geen bekende gemeente (OIDC_GEMEENTE of de gemeenteclaim)")

        User = self.UserModel
        user = User.objects.select_for_update().filter(email=email).first()
        if user is not None and not user.is_active:
            raise Geweigerd(GEWEIGERD_GEBLOKKEERD, f"account geblokkeerd (id {user.pk})")
        if user is not None and user.gemeente_id not in (None, gemeente.pk):
            raise Geweigerd(
                GEWEIGERD_ANDERE_GEMEENTE, f"account hoort bij een andere gemeente (id {user.pk})"
            )
        if user is None:
            naam = claims.get("name") or " ".join(
                d for d in (claims.get("given_name"), claims.get("family_name")) if d
            )
            user = User(email=email, naam=(naam or email.split("@")[0])[:150])
            user.set_unusable_password()  # logs in only through the provider (or after a reset)
        user.gemeente = gemeente
        if not user.is_superuser:
            user.is_staff = beheerder  # the provider decides who has the admin, each log-in
        user.full_clean(exclude=["password"])
        user.save()
        toekenning = {
            Gebruikerssoort.MEDEWERKER: medewerker,
            Gebruikerssoort.FUNCTIONEEL_BEHEERDER: beheerder,
        }
        for groep in Group.objects.filter(name__in=toekenning):
            (user.groups.add if toekenning[groep.name] else user.groups.remove)(groep)
        user.__dict__.pop("soorten", None)
        return user


class _AlleenIngeschakeld:
    get_settings = staticmethod(instelling)

    def dispatch(self, request, *args, **kwargs):
        if not ingeschakeld():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class StartView(_AlleenIngeschakeld, OIDCAuthenticationRequestView):
    """Sends the browser to the provider (state, nonce and PKCE in the session: the library's work)."""

    def __init__(self, *args, **kwargs):
        if ingeschakeld():
            super().__init__(*args, **kwargs)


class TerugView(_AlleenIngeschakeld, OIDCAuthenticationCallbackView):
    """The provider's answer: log in (Django's login gives the session a new key), then the second step."""

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def login_failure(self):
        messages.error(self.request, getattr(self.request, "oidc_weigering", GEWEIGERD_ALGEMEEN))
        return super().login_failure()

    def login_success(self):
        antwoord = super().login_success()
        sessie = self.request.session
        sessie[SESSIE_VIA_OIDC] = True
        status = sessie.get(SESSIE_TWEESTAPS)
        if getattr(self.request, "oidc_mfa", False):
            sessie[SESSIE_TWEESTAPS] = status = Tweestaps.AANBIEDER
        logger.info("Ingelogd met gemeente-account: gebruiker id %s, tweede stap: %s", self.user.pk, status)
        if status in (Tweestaps.CONTROLE, Tweestaps.INSTELLEN):  # no MFA at the provider: the local step
            pagina = "tweestaps_controle" if status == Tweestaps.CONTROLE else "tweestaps_instellen"
            return redirect(f"{reverse(pagina)}?{urlencode({'next': self.success_url})}")
        return antwoord


def uitlog_url(request) -> str | None:
    """The provider's log-out with the ID token as hint, back to our home page after; None if unknown."""
    endpoint = instelling("OIDC_OP_LOGOUT_ENDPOINT", "")
    if not endpoint:
        return None
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": absolutify(request, resolve_url(settings.LOGOUT_REDIRECT_URL)),
    }
    if id_token := request.session.get("oidc_id_token"):
        params["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"
