"""Jobs of accounts, run by the worker (bin/worker)."""

from django.urls import reverse
from django_tasks import task

import berichten

from .forms import HerstelOpzoekForm


class HerstelmailForm(HerstelOpzoekForm):
    """The exact canonical lookup, Django's tokens and templates, in the worker; the mail itself is queued."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # One convention for every mail (berichten.opmaak): our template pair, not Django's names.
        pad = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        berichten.sjabloonmail(
            to_email,
            "accounts/mail/wachtwoord_herstel",
            {
                **context,
                "url": f"{context['protocol']}://{context['domain']}{pad}",
                "knop": "Kies een nieuw wachtwoord",
            },
            gemeente=context["user"].gemeente_id,
        )


@task
def wachtwoord_herstel_versturen(email: str, domein: str, https: bool) -> None:
    """Queue the reset mail for each active account with a usable password at `email` (none: nothing).

    The reset link and its token exist only in the mail itself: never in the job's arguments, its result
    or a log line.
    """
    form = HerstelmailForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domein, use_https=https)
