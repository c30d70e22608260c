"""Deploy check: production sends real mail, and never writes a mail (with its reset link) to a log or file."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends that print a mail (console: the server's log), write it to disk, keep it in memory or drop it:
# a reset or invitation link in a log is a way into that account, and a mail that never leaves helps no one.
GEEN_ECHTE_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@register(Tags.security, deploy=True)
def echte_mail(app_configs, **kwargs):
    if settings.EMAIL_BACKEND not in GEEN_ECHTE_MAIL:
        return []
    return [
        Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: mails met inloglinks komen dan in het log, in een "
            "bestand of nergens terecht.",
            hint="Zet EMAIL_URL op de SMTP-server, bijvoorbeeld smtp+tls://gebruiker:wachtwoord@smtp.example.nl:587.",
            id="portaal.E001",
        )
    ]
