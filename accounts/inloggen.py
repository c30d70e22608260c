"""Log-in protection: who needs the second step, the log-in log, and the session's start time.

The writes (turning two-step log-in on or off, checking a code) are in services.py; this module
answers questions and records what happened, and is wired up in AccountsConfig.ready().
"""

import logging
import time
import unicodedata

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django_otp import user_has_device

from .emailadres import canoniek_of_none

logger = logging.getLogger("gebiedsportaal.inloggen")

SESSIE_BEGIN = "gebiedsportaal_ingelogd_op"  # epoch seconds of the log-in
SESSIE_ACTIEF = "gebiedsportaal_actief_op"  # epoch seconds of the last request (to the minute)
SESSIE_TWEESTAPS = "gebiedsportaal_tweestaps"  # one of the TWEESTAPS_* values below


class Tweestaps:
    GEEN = "geen"  # no second step: no device, and not required
    CONTROLE = "controle"  # has a confirmed device: ask the code
    INSTELLEN = "instellen"  # required, but no device yet: set it up first
    AANBIEDER = "aanbieder"  # done: the identity provider's multi-factor log-in (accounts/oidc.py)


def axes_gebruikersnaam(request, credentials) -> str | None:
    """The e-mail address django-axes counts failures (and locks) for: its canonical form, the one log-in
    looks up, so every spelling of one address (AHMED@, ａｈｍｅｄ@, K for K) shares one counter. An
    address that has no canonical form belongs to no account; it is counted as typed, folded."""
    if credentials and "nonce" in credentials and not credentials.get("username"):
        # Single sign-on (accounts/oidc.py): no address was typed, the provider guards its own log-in.
        # None: axes counts nothing, so refusals of SSO log-ins never add up to a lock-out of everyone's.
        return None
    waarde = (credentials or {}).get("username") or request.POST.get("username") or ""
    return canoniek_of_none(waarde) or unicodedata.normalize("NFKC", waarde).strip().casefold()


def tweestaps_verplicht(user) -> bool:
    """Staff, functional admins and everyone with admin access must use the second step."""
    if not getattr(settings, "OTP_VERPLICHT_VOOR_MEDEWERKERS", True):
        return False
    return bool(user.is_staff or user.is_superuser or user.is_medewerker or user.is_functioneel_beheerder)


def tweestaps_status(user) -> str:
    if user_has_device(user, confirmed=True):
        return Tweestaps.CONTROLE
    if tweestaps_verplicht(user):
        return Tweestaps.INSTELLEN
    return Tweestaps.GEEN


def client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "-") if request is not None else "-"


def bij_inloggen(sender, request, user, **kwargs):
    """Record the log-in, and remember when it was and whether a second step is due."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSIE_BEGIN] = request.session[SESSIE_ACTIEF] = time.time()
        request.session[SESSIE_TWEESTAPS] = tweestaps_status(user)
    logger.info("Inloggen gelukt: gebruiker %s (id %s) vanaf %s", user.email, user.pk, client_ip(request))


def bij_mislukt_inloggen(sender, credentials, request=None, **kwargs):
    logger.warning(
        "Inloggen mislukt: e-mailadres %r vanaf %s%s",
        (credentials or {}).get("username", ""),
        client_ip(request),
        " (account geblokkeerd)" if getattr(request, "axes_locked_out", False) else "",
    )


def bij_uitloggen(sender, request, user, **kwargs):
    if user is not None:
        logger.info("Uitgelogd: gebruiker %s (id %s)", user.email, user.pk)


def koppel_signalen():
    user_logged_in.connect(bij_inloggen, dispatch_uid="accounts_bij_inloggen")
    user_login_failed.connect(bij_mislukt_inloggen, dispatch_uid="accounts_bij_mislukt_inloggen")
    user_logged_out.connect(bij_uitloggen, dispatch_uid="accounts_bij_uitloggen")
