"""Personal data of one person across the portal (AVG): export everything, anonymise a person who left.

`accounts` holds the person but not what the other apps keep about them, and may not import those apps.
So each app that holds personal data registers a *source* here, in a module `<app>/privacy.py` that is
imported automatically (like `admin.py`)::

    from accounts.privacy import registreer_bron

    registreer_bron(
        "bewonersgroepen",
        label="Bewonersgroepen",
        exporteren=lambda user: {"lidmaatschappen": [...]},   # JSON-able (dates and Decimals are fine)
        anonimiseren=mijn_anonimiseren,                       # (user, door) -> None, or None: nothing to do
        order=20,
    )

`anonimiseren` runs inside the transaction of `persoon_anonimiseren` while the user still has their own
name and e-mail address (the account itself is anonymised last), and may raise ValidationError to refuse
(for example while the person is still an active member): then nothing is changed at all. It keeps records
(memberships, applications, history) and only blanks or replaces what identifies the person.
"""

import json
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import User

logger = logging.getLogger(__name__)

VOORMALIG_LID = "voormalig lid"
# RFC 2606 reserves .invalid: an address there can never receive mail.
ANONIEM_DOMEIN = "anoniem.invalid"


@dataclass(frozen=True)
class Bron:
    key: str
    label: str
    exporteren: Callable[[User], Any]
    anonimiseren: Callable[..., None] | None = None
    order: int = 100


_bronnen: dict[str, Bron] = {}
_ontdekt = False


def registreer_bron(
    key: str,
    *,
    label: str,
    exporteren: Callable[[User], Any],
    anonimiseren: Callable[..., None] | None = None,
    order: int = 100,
) -> None:
    _bronnen[key] = Bron(key=key, label=label, exporteren=exporteren, anonimiseren=anonimiseren, order=order)


def bronnen() -> list[Bron]:
    """Every registered source, after importing each installed app's `privacy` module once."""
    global _ontdekt
    if not _ontdekt:
        autodiscover_modules("privacy")
        _ontdekt = True
    return sorted(_bronnen.values(), key=lambda b: (b.order, b.key))


def is_geanonimiseerd(user: User) -> bool:
    return user.email.endswith("@" + ANONIEM_DOMEIN)


def anonieme_email(user: User) -> str:
    """A unique, non-routable placeholder address (the e-mail field is unique and required)."""
    return f"voormalig-lid-{user.pk}-{uuid.uuid4().hex[:12]}@{ANONIEM_DOMEIN}"


def rijen(queryset, *velden: str) -> list[dict]:
    """Export helper: the given fields (lookups like "groep__naam" allowed) of each row, in pk order."""
    return list(queryset.order_by("pk").values(*velden))


# --- the account itself ---------------------------------------------------------------------------------


def _account_exporteren(user: User) -> dict:
    return {
        "id": user.pk,
        "e-mailadres": user.email,
        "naam": user.naam,
        "telefoon": user.telefoon,
        "gemeente": str(user.gemeente) if user.gemeente_id else None,
        "soorten": sorted(user.groups.values_list("name", flat=True)),
        "actief": user.is_active,
        "toegang_tot_beheer": user.is_staff,
        "aangemaakt_op": user.date_joined,
        "laatst_ingelogd": user.last_login,
    }


registreer_bron("account", label="Account", exporteren=_account_exporteren, order=0)


# --- log-in data kept by django-axes (attempts, with IP address) and django-otp (second-step devices) -----


def _axes_modellen():
    if not apps.is_installed("axes"):
        return []
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [AccessAttempt, AccessLog, AccessFailureLog]


def _inloggen_exporteren(user: User) -> dict:
    from django_otp import devices_for_user

    gegevens = {
        "tweestapsapparaten": [
            {"soort": type(d).__name__, "naam": d.name, "bevestigd": d.confirmed}
            for d in devices_for_user(user, confirmed=None)
        ]
    }
    for model in _axes_modellen():
        gegevens[model._meta.model_name] = rijen(
            model.objects.filter(username=user.email), "attempt_time", "ip_address", "user_agent"
        )
    return gegevens


def _inloggen_anonimiseren(*, user: User, door=None) -> None:
    from django_otp import devices_for_user

    for apparaat in devices_for_user(user, confirmed=None):
        apparaat.delete()
    for model in _axes_modellen():
        model.objects.filter(username=user.email).delete()


if apps.is_installed("django_otp"):
    registreer_bron(
        "inloggen",
        label="Inloggen (pogingen en tweestapsapparaten)",
        exporteren=_inloggen_exporteren,
        anonimiseren=_inloggen_anonimiseren,
        order=1,
    )


# --- mail waiting for or recently sent by the worker (berichten), and password-reset jobs ----------------


def _berichten_exporteren(user: User) -> dict:
    from berichten.models import Bericht

    return {
        "berichten": rijen(
            Bericht.objects.filter(aan__iexact=user.email).order_by("aangemaakt_op"),
            "onderwerp",
            "status",
            "aangemaakt_op",
            "verzonden_op",
        )
    }


def _berichten_anonimiseren(*, user: User, door=None) -> None:
    """Nothing more is sent to the person; their address leaves the queue and the finished reset jobs."""
    from django_tasks_db.models import DBTaskResult

    from berichten.models import Bericht

    Bericht.objects.filter(aan__iexact=user.email).delete()
    DBTaskResult.objects.filter(
        task_path="accounts.taken.wachtwoord_herstel_versturen", args_kwargs__args__0__iexact=user.email
    ).delete()


registreer_bron(
    "berichten",
    label="E-mails (wachtrij en verzonden)",
    exporteren=_berichten_exporteren,
    anonimiseren=_berichten_anonimiseren,
    order=3,
)


# --- the admin's change log (django.contrib.admin LogEntry) -----------------------------------------------
# Each entry keeps the object's name as it was (`object_repr`; a user, a membership "Jan Jansen (lid, ...)",
# an invitation "Jan <jan@...>") and the names of inline objects in `change_message`. The entries stay (who
# changed what is the audit trail), the person's name and address in them are replaced.


def _beheerlog_exporteren(user: User) -> dict:
    from django.contrib.admin.models import LogEntry

    return {
        "wijzigingen_door_deze_persoon": rijen(
            LogEntry.objects.filter(user=user), "action_time", "object_repr", "change_message"
        )
    }


def _vervang(tekst: str, oud: list[str], nieuw: dict[str, str]) -> str:
    for waarde in oud:
        # change_message is JSON: a name with accents is stored as \uXXXX escapes there. Whole words only,
        # so that "Jan de Vries" does not change inside "Jan de Vriesema".
        for vorm in {waarde, json.dumps(waarde)[1:-1]}:
            patroon = rf"(?<!\w){re.escape(vorm)}(?!\w)"
            tekst = re.sub(patroon, nieuw[waarde].replace("\\", "\\\\"), tekst, flags=re.IGNORECASE)
    return tekst


def _beheerlog_anonimiseren(*, user: User, door=None) -> None:
    from django.contrib.admin.models import LogEntry
    from django.db.models import Q

    # The e-mail address first: "voormalig lid" must not end up inside an anonymised address.
    oud = [w for w in (user.email, user.naam) if w and len(w.strip()) >= 3]
    nieuw = {user.email: f"voormalig-lid-{user.pk}@{ANONIEM_DOMEIN}", user.naam: VOORMALIG_LID}
    if not oud:
        return
    zoek = Q()
    for waarde in oud:
        for vorm in {waarde, json.dumps(waarde)[1:-1]}:
            zoek |= Q(object_repr__icontains=vorm) | Q(change_message__icontains=vorm)
    for entry in LogEntry.objects.filter(zoek).only("pk", "object_repr", "change_message"):
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=_vervang(entry.object_repr, oud, nieuw)[:200],
            change_message=_vervang(entry.change_message, oud, nieuw),
        )


if apps.is_installed("django.contrib.admin"):
    registreer_bron(
        "beheerlog",
        label="Wijzigingen in het beheer",
        exporteren=_beheerlog_exporteren,
        anonimiseren=_beheerlog_anonimiseren,
        order=2,
    )


# --- services -------------------------------------------------------------------------------------------


def persoonsgegevens_exporteren(*, user: User) -> dict:
    """Everything the portal holds about one person, per source (AVG art. 15, right of access)."""
    return {
        "gemaakt_op": timezone.now(),
        "persoon": user.pk,
        "gegevens": {bron.key: bron.exporteren(user) for bron in bronnen()},
    }


def persoonsgegevens_json(*, user: User) -> str:
    return json.dumps(
        persoonsgegevens_exporteren(user=user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )


@transaction.atomic
def persoon_anonimiseren(*, user: User, door: User | None = None) -> User:
    """Anonymise a person who left: records stay, the person can no longer be identified or log in.

    Each app's source replaces what identifies the person in its records first (it may refuse with a
    ValidationError, which rolls everything back); then the account: the name becomes "voormalig lid", the
    e-mail address a unique non-routable placeholder, the phone number is removed, the password unusable,
    and the account inactive without any kind or right.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_geanonimiseerd(user):
        return user
    for bron in reversed(bronnen()):
        if bron.anonimiseren is not None:
            bron.anonimiseren(user=user, door=door)
    user.naam = VOORMALIG_LID
    user.email = anonieme_email(user)
    user.telefoon = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    logger.info("Persoon %s geanonimiseerd door %s", user.pk, door.pk if door else "systeem")
    return user
