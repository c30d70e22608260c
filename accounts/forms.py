import math

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

import berichten

from .emailadres import EmailadresField, canoniek_of_none


class InlogForm(AuthenticationForm):
    # The canonical form goes to authenticate(): the account and django-axes' counter are both found by it.
    username = EmailadresField(
        label="E-mailadres", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    password = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Het e-mailadres of het wachtwoord klopt niet. Let op hoofdletters.",
        "inactive": "Dit account is niet actief.",
    }


class HerstelOpzoekForm(PasswordResetForm):
    """Password reset: the link goes only to the account of the canonical form of the address typed.

    Django's own form looks accounts up with `email__iexact`, which on PostgreSQL also finds the account
    of a look-alike address (ı, ſ); here the match is exact on the one stored form."""

    email = EmailadresField(
        label="E-mailadres", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        adres = canoniek_of_none(email)
        if adres is None:
            return
        for user in get_user_model()._default_manager.filter(email=adres, is_active=True):
            if user.has_usable_password():
                yield user


class CodeForm(forms.Form):
    """The second log-in step: a code from the authenticator app, or a one-time backup code."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="De 6 cijfers uit uw authenticator-app, of een van uw reservecodes.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, controleer, wachttijd=None, **kwargs):
        """`controleer(code)` returns the accepting device or None (a service of accounts);
        `wachttijd(code)` how long the user must wait before a code is checked again (or None)."""
        super().__init__(*args, **kwargs)
        self.controleer = controleer
        self.wachttijd = wachttijd or (lambda code: None)
        self.apparaat = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        wachten = self.wachttijd(code)
        if wachten is not None:
            # django-otp does not even check a code while the device waits: saying "wrong" would mislead.
            raise forms.ValidationError(
                f"Na een foute code moet u even wachten. Wij hebben deze code nog niet gecontroleerd. "
                f"{opnieuw_over(wachten)}"
            )
        self.apparaat = self.controleer(code)
        if self.apparaat is None:
            wachten = self.wachttijd(code)
            raise forms.ValidationError(
                "Deze code klopt niet. Typ de code die nu in uw app staat, of gebruik een reservecode. "
                + (opnieuw_over(wachten) if wachten is not None else "")
            )
        return code


def opnieuw_over(wachttijd) -> str:
    """ "Probeer het over 8 seconden opnieuw." / "over 1 minuut" / "over 3 minuten" (rounded up)."""
    seconden = max(1, math.ceil(wachttijd.total_seconds()))
    if seconden < 60:
        return f"Probeer het over {seconden} {'seconde' if seconden == 1 else 'seconden'} opnieuw."
    minuten = math.ceil(seconden / 60)
    return f"Probeer het over {minuten} {'minuut' if minuten == 1 else 'minuten'} opnieuw."


class WachtwoordVergetenForm(HerstelOpzoekForm):
    """The reset page only queues a job with the typed address, whether or not it has an account.

    So the answer takes the same time and does the same database work either way (issue 15, item 10),
    and no request talks to a mail server. The worker looks the address up (accounts.taken).
    """

    def save(self, *, use_https=False, request=None, **kwargs):
        from .taken import wachtwoord_herstel_versturen

        berichten.in_wachtrij(
            wachtwoord_herstel_versturen, self.cleaned_data["email"], request.get_host(), use_https
        )
