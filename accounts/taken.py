"""Jobs of accounts, run by the worker (bin/worker)."""

from django_tasks import task


@task
def wachtwoord_herstel_versturen(email: str, domein: str, https: bool) -> None:
    """Queue the reset mail for each active account with a usable password at `email` (none: nothing).

    The reset link and its token exist only in the mail itself: never in the job's arguments, its result
    or a log line.
    """
    from .forms import HerstelmailForm

    form = HerstelmailForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domein, use_https=https)
