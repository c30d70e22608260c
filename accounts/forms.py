from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

import berichten


class InlogForm(AuthenticationForm):
    username = forms.EmailField(
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

    def __init__(self, *args, controleer, **kwargs):
        """`controleer(code)` returns the accepting device or None (a service of accounts)."""
        super().__init__(*args, **kwargs)
        self.controleer = controleer
        self.apparaat = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.apparaat = self.controleer(code)
        if self.apparaat is None:
            raise forms.ValidationError(
                "Deze code klopt niet. Typ de code die nu in uw app staat, of gebruik een reservecode. "
                "Na een foute code moet u even wachten voor u het opnieuw probeert."
            )
        return code


class WachtwoordVergetenForm(PasswordResetForm):
    """The reset page only queues a job with the typed address, whether or not it has an account.

    So the answer takes the same time and does the same database work either way (issue 15, item 10),
    and no request talks to a mail server. The worker looks the address up (accounts.taken).
    """

    def save(self, *, use_https=False, request=None, **kwargs):
        from .taken import wachtwoord_herstel_versturen

        berichten.in_wachtrij(
            wachtwoord_herstel_versturen, self.cleaned_data["email"], request.get_host(), use_https
        )
