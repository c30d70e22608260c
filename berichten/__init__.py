"""Outgoing mail through the durable task queue: one helper, `berichten.mail`, for every app.

    from berichten import mail
    mail(aan, onderwerp, tekst, html=None, headers=None, gemeente=None)

or, for every mail of the portal, from a template pair (subject and text; the HTML part made from the text
by one base template, berichten/mail.html; see berichten.opmaak and docs/mail.md):

    from berichten import sjabloonmail
    sjabloonmail(aan, "app/mail/naam", context, headers=None, gemeente=None)

`aan` is one address or a list; each distinct address gets its own message (never several people in one
To:). The caller renders subject and text at call time (from its Dutch templates); the message is stored
as a row (berichten.models.Bericht) and a job to send it is enqueued (django-tasks, database backend),
both in the caller's transaction: a change that rolls back sends nothing, one that commits always sends.
The worker (`bin/worker`, berichten.wachtrij) sends it with retries and backoff and marks it sent, so a
message is never sent twice. No request ever talks to a mail server.

Other work that must leave the request (e.g. the password reset: berichten.in_wachtrij) is a django-tasks
job, queued the same way: `in_wachtrij(taak, *args, **kwargs)`.

This package is a library: it imports no app of the portal (tests/test_lagen.py). Nothing else may call
Django's mail sending directly (tests/berichten/test_alleen_via_berichten.py).
"""


def mail(
    aan, onderwerp: str, tekst: str, *, html: str | None = None, headers: dict | None = None, gemeente=None
):
    """Queue one message per distinct address in `aan` in the current transaction; returns the rows."""
    from .wachtrij import berichten_opslaan

    return berichten_opslaan(aan, onderwerp, tekst, html=html, headers=headers, gemeente=gemeente)


def in_wachtrij(taak, *args, **kwargs):
    """Queue django-tasks job `taak` in the current transaction (tests run it on commit); returns its result."""
    from .wachtrij import taak_opslaan

    return taak_opslaan(taak, *args, **kwargs)


def sjabloonmail(aan, sjabloon: str, context: dict, *, headers: dict | None = None, gemeente=None):
    """Render mail `sjabloon` (subject, text and HTML: berichten.opmaak) and queue it like `mail`."""
    from .opmaak import opmaken

    opgemaakt = opmaken(sjabloon, context)
    return mail(
        aan, opgemaakt.onderwerp, opgemaakt.tekst, html=opgemaakt.html, headers=headers, gemeente=gemeente
    )
