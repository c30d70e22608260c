"""Middleware for log-in protection: the 12-hour session limit and the second log-in step."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from .inloggen import SESSIE_BEGIN, SESSIE_TWEESTAPS, Tweestaps, tweestaps_status


class SessieMaximaleDuurMiddleware:
    """Ends a session SESSIE_MAXIMALE_DUUR after log-in, however active it was.

    The idle time-out (30 minutes) is Django's own: SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(SESSION_KEY) is not None:
            begin = request.session.get(SESSIE_BEGIN)
            nu = time.time()
            if begin is None:  # a session from before this rule: count from now
                request.session[SESSIE_BEGIN] = nu
            elif nu - begin > settings.SESSIE_MAXIMALE_DUUR.total_seconds():
                logout(request)
                messages.info(request, "U was langer dan 12 uur ingelogd. Log opnieuw in.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


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
        if status is None:
            status = request.session[SESSIE_TWEESTAPS] = tweestaps_status(user)
        if status == Tweestaps.GEEN:
            return None
        pagina = "tweestaps_controle" if status == Tweestaps.CONTROLE else "tweestaps_instellen"
        return redirect(f"{reverse(pagina)}?{urlencode({'next': request.get_full_path()})}")
