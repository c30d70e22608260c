from django import forms
from django.contrib.auth.forms import AuthenticationForm


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
