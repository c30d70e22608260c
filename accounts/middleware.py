"""Middleware for log-in protection: the 12-hour session limit and the second log-in step."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from .inloggen import (
    SESSIE_ACTIEF,
    SESSIE_BEGIN,
    SESSIE_TWEESTAPS,
    Tweestaps,
    tweestaps_status,
    tweestaps_verplicht,
)


class SessieDuurMiddleware:
    """Ends a session after SESSION_COOKIE_AGE (30 minutes) without a request, and SESSIE_MAXIMALE_DUUR
    (12 hours) after log-in however active it was.

    Activity is written to the session at most once a minute (ACTIEF_BIJWERKEN), not on every request:
    each write renews the cookie and the database expiry by SESSION_COOKIE_AGE, and a write per
    request would cost three queries on every page.
    """

    ACTIEF_BIJWERKEN = 60  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sessie = request.session
        if sessie.get(SESSION_KEY) is not None:
            nu = time.time()
            begin = sessie.get(SESSIE_BEGIN)
            actief = sessie.get(SESSIE_ACTIEF)
            if begin is None:  # a session from before these rules: count from now
                sessie[SESSIE_BEGIN] = begin = nu
            if nu - begin > settings.SESSIE_MAXIMALE_DUUR.total_seconds():
                return self.uitloggen(request, "U was langer dan 12 uur ingelogd. Log opnieuw in.")
            if actief is not None and nu - actief > settings.SESSION_COOKIE_AGE:
                return self.uitloggen(request, "U was een half uur niet actief. Log opnieuw in.")
            if actief is None or nu - actief > self.ACTIEF_BIJWERKEN:
                sessie[SESSIE_ACTIEF] = nu
        return self.get_response(request)

    @staticmethod
    def uitloggen(request, melding):
        logout(request)
        messages.info(request, melding)
        return redirect_to_login(request.get_full_path())


class TweeStapsMiddleware:
    """Sends a logged-in user who still owes the second step to the code page (or to set it up).

    Runs after django_otp's OTPMiddleware, which marks a user verified (`user.is_verified()`) once the
    code was right. Until then only the pages of the second step itself and logging out are open.
    """

    OPEN = {"logout", "tweestaps_controle", "tweestaps_instellen"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.session.get(SESSION_KEY) is None:
            return None
        if request.resolver_match and request.resolver_match.view_name in self.OPEN:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        status = request.session.get(SESSIE_TWEESTAPS)
        if status is None or (status == Tweestaps.GEEN and tweestaps_verplicht(user)):
            # Also when a member became staff or admin while logged in: from their next request on.
            status = request.session[SESSIE_TWEESTAPS] = tweestaps_status(user)
        if status in (Tweestaps.GEEN, Tweestaps.AANBIEDER):
            return None
        pagina = "tweestaps_controle" if status == Tweestaps.CONTROLE else "tweestaps_instellen"
        return redirect(f"{reverse(pagina)}?{urlencode({'next': request.get_full_path()})}")
