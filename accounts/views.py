from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

import limiet

from . import oidc, services
from .forms import CodeForm, InlogForm, opnieuw_over
from .inloggen import SESSIE_TWEESTAPS, Tweestaps, logger, tweestaps_verplicht

NIEUWE_RESERVECODES = "gebiedsportaal_nieuwe_reservecodes"


class InlogView(auth_views.LoginView):
    form_class = InlogForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, oidc_knop=oidc.KNOP_TEKST if oidc.ingeschakeld() else "")

    def form_valid(self, form):
        response = super().form_valid(form)
        status = self.request.session.get(SESSIE_TWEESTAPS)
        if status in (Tweestaps.CONTROLE, Tweestaps.INSTELLEN):
            pagina = "tweestaps_controle" if status == Tweestaps.CONTROLE else "tweestaps_instellen"
            return redirect(f"{reverse(pagina)}?{urlencode({'next': self.get_success_url()})}")
        return response


class UitlogView(auth_views.LogoutView):
    """Django's log-out; after a log-in with the gemeente-account it ends the provider's session too
    (RP-initiated logout: to its end_session_endpoint, which sends the browser back to our home page)."""

    def post(self, request, *args, **kwargs):
        naar_aanbieder = None
        if request.session.get(oidc.SESSIE_VIA_OIDC) and oidc.ingeschakeld():
            naar_aanbieder = oidc.uitlog_url(request)  # before log-out empties the session and its token
        antwoord = super().post(request, *args, **kwargs)
        return redirect(naar_aanbieder) if naar_aanbieder else antwoord


class WachtwoordVergetenView(auth_views.PasswordResetView):
    """Django's reset page with a rate limit per IP address and per typed address: over the limit the
    form says so and no mail leaves. The limit counts whether or not the address has an account, so
    the answer tells nothing about that."""

    def form_valid(self, form):
        if not limiet.toegestaan(self.request, "wachtwoord_vergeten", email=form.cleaned_data["email"]):
            form.add_error(None, limiet.MELDING)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


def _volgende(request, standaard=None):
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    # The start page is the top app's: named in the settings, not here (a lower app never names portaal).
    return resolve_url(standaard or settings.LOGIN_REDIRECT_URL)


def _na_tweede_stap(request, apparaat):
    otp_login(request, apparaat)
    request.session.cycle_key()  # a new session id now that the user has more rights
    request.session[SESSIE_TWEESTAPS] = Tweestaps.CONTROLE


@login_required
def tweestaps_controle(request):
    user = request.user
    if user.is_verified():
        return redirect(_volgende(request))
    if not user_has_device(user, confirmed=True):
        if tweestaps_verplicht(user):
            return redirect(f"{reverse('tweestaps_instellen')}?{urlencode({'next': _volgende(request)})}")
        return redirect(_volgende(request))
    form = CodeForm(
        request.POST or None,
        controleer=lambda code: services.tweestaps_code_controleren(user=user, code=code),
        wachttijd=lambda code: services.tweestaps_wachttijd(user=user, code=code),
    )
    wachten = None
    if request.method == "POST":
        if form.is_valid():
            _na_tweede_stap(request, form.apparaat)
            logger.info("Tweede stap gelukt: gebruiker %s (id %s)", user.email, user.pk)
            return redirect(_volgende(request))
        logger.warning("Tweede stap mislukt: gebruiker %s (id %s)", user.email, user.pk)
    elif (wachttijd := services.tweestaps_wachttijd(user=user)) is not None:
        wachten = opnieuw_over(wachttijd)  # back on the page (a reload) while the app's code must wait
    return render(
        request,
        "accounts/tweestaps_controle.html",
        {"form": form, "next": _volgende(request), "wachten": wachten},
    )


def _geheim_in_groepjes(apparaat) -> str:
    geheim = b32encode(apparaat.bin_key).decode()
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))


@login_required
def tweestaps_instellen(request):
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        # Setting up a new app is only for who already passed the second step.
        return redirect(f"{reverse('tweestaps_controle')}?{urlencode({'next': _volgende(request)})}")
    apparaat = services.tweestaps_app_voorbereiden(user=user)
    reservecodes = []

    def bevestig(code):
        bevestigd, codes = services.tweestaps_app_bevestigen(user=user, code=code)
        reservecodes.extend(codes)
        return bevestigd

    form = CodeForm(request.POST or None, controleer=bevestig)
    if request.method == "POST" and form.is_valid():
        _na_tweede_stap(request, form.apparaat)
        request.session[NIEUWE_RESERVECODES] = reservecodes
        logger.info("Tweede stap ingesteld: gebruiker %s (id %s)", user.email, user.pk)
        return redirect(f"{reverse('tweestaps_reservecodes')}?{urlencode({'next': _volgende(request)})}")
    return render(
        request,
        "accounts/tweestaps_instellen.html",
        {
            "form": form,
            "geheim": _geheim_in_groepjes(apparaat),
            "otpauth": apparaat.config_url,
            "verplicht": tweestaps_verplicht(user),
            "next": _volgende(request),
        },
    )


@login_required
def tweestaps_reservecodes(request):
    user = request.user
    if request.method == "POST":
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise PermissionDenied
        request.session[NIEUWE_RESERVECODES] = services.reservecodes_aanmaken(user=user)
        return redirect("tweestaps_reservecodes")
    codes = request.session.pop(NIEUWE_RESERVECODES, None)
    if not codes:
        return redirect("mijn_account")
    return render(
        request,
        "accounts/tweestaps_reservecodes.html",
        {"codes": codes, "next": _volgende(request, "mijn_account")},
    )


def _mijn_account_context(user, uitzet_form=None):
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    reserve = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return {
        "gebruiker": user,
        "tweestaps_app": app,
        "reservecodes_over": reserve.token_set.count() if reserve else 0,
        "tweestaps_verplicht": tweestaps_verplicht(user),
        "uitzet_form": uitzet_form or CodeForm(controleer=None, auto_id="uitzetten_%s"),
    }


@login_required
def mijn_account(request):
    return render(request, "accounts/mijn_account.html", _mijn_account_context(request.user))


@login_required
@require_POST
def tweestaps_uitzetten(request):
    user = request.user
    if tweestaps_verplicht(user):
        raise PermissionDenied("Voor medewerkers en beheerders is inloggen in twee stappen verplicht.")
    form = CodeForm(
        request.POST,
        controleer=lambda code: services.tweestaps_code_controleren(user=user, code=code),
        auto_id="uitzetten_%s",
    )
    if not form.is_valid():
        return render(request, "accounts/mijn_account.html", _mijn_account_context(user, form), status=200)
    services.tweestaps_uitzetten(user=user)
    logger.info("Tweede stap uitgezet: gebruiker %s (id %s)", user.email, user.pk)
    messages.success(request, "Inloggen in twee stappen staat nu uit.")
    return redirect("mijn_account")
