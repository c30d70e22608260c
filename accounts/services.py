"""Writes to accounts."""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .constants import Gebruikerssoort
from .emailadres import canoniek
from .models import User


@transaction.atomic
def gebruiker_aanmaken_of_bijwerken(
    *,
    email: str,
    naam: str,
    soort: Gebruikerssoort,
    wachtwoord: str | None = None,
    gemeente=None,
    telefoon: str = "",
    is_staff: bool = False,
) -> User:
    """Create a user of one kind, or update the existing one with that e-mail (idempotent)."""
    email = canoniek(email)  # imports and demo data: the same one form as every other entry point
    user = User.objects.filter(email=email).first() or User(email=email)
    user.naam = naam
    user.gemeente = gemeente
    user.telefoon = telefoon
    user.is_staff = is_staff
    if wachtwoord and not (user.pk and user.check_password(wachtwoord)):
        user.set_password(wachtwoord)  # only when it differs: a second run keeps the same hash
    elif not user.pk:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=soort))
    return user


def soort_toevoegen(*, user: User, soort: Gebruikerssoort) -> None:
    user.groups.add(Group.objects.get(name=soort))
    user.__dict__.pop("soorten", None)


# Two-step log-in (django-otp): an authenticator app (TOTP) plus one-time backup codes.

AANTAL_RESERVECODES = 10
APP_NAAM = "Authenticator-app"
RESERVECODES_NAAM = "Reservecodes"


def tweestaps_app_voorbereiden(*, user: User):
    """The not yet confirmed TOTP device of the user, made once so its secret stays the same."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if apparaat is None:
        apparaat = TOTPDevice(user=user, name=APP_NAAM, confirmed=False)
        apparaat.full_clean()
        apparaat.save()
    return apparaat


def reservecodes_aanmaken(*, user: User, codes: list[str] | None = None) -> list[str]:
    """Replace the user's backup codes with new ones (or the given ones) and return them."""
    with transaction.atomic():
        apparaat, _ = StaticDevice.objects.get_or_create(
            user=user, name=RESERVECODES_NAAM, defaults={"confirmed": True}
        )
        apparaat.token_set.all().delete()
        codes = codes or [StaticToken.random_token() for _ in range(AANTAL_RESERVECODES)]
        StaticToken.objects.bulk_create([StaticToken(device=apparaat, token=code) for code in codes])
    return codes


def tweestaps_app_bevestigen(*, user: User, code: str):
    """Confirm the prepared TOTP device with a first code from the app; returns (device, backup codes).

    Returns (None, []) when the code is wrong. Other confirmed TOTP devices of the user are removed:
    one app per person keeps it clear which one counts.
    """
    apparaat = tweestaps_app_voorbereiden(user=user)
    if verify_token(user, apparaat.persistent_id, code.strip().replace(" ", "")) is None:
        return None, []
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=apparaat.pk).delete()
        apparaat.refresh_from_db()
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
        codes = reservecodes_aanmaken(user=user)
    return apparaat, codes


def tweestaps_code_controleren(*, user: User, code: str):
    """The confirmed device that accepts the code (six digits: the app; else a backup code), or None.

    django-otp throttles each device: after a wrong code the next try must wait (1, 2, 4, ... s).
    """
    code = _code_schoon(code)
    soort = _soort_voor_code(code)
    for apparaat in devices_for_user(user, confirmed=True):
        if isinstance(apparaat, soort) and verify_token(user, apparaat.persistent_id, code):
            return apparaat
    return None


def _code_schoon(code: str) -> str:
    return code.strip().replace(" ", "").lower()


def _soort_voor_code(code: str):
    """Six digits are a code from the app; anything else is tried as a backup code."""
    return TOTPDevice if (code.isdigit() and len(code) == 6) else StaticDevice


def tweestaps_wachttijd(*, user: User, code: str = "", nu=None) -> datetime.timedelta | None:
    """How long the user must still wait before a code of this kind (the app's when `code` is empty) is
    checked again after a wrong one (django-otp's throttle), or None when they may try now."""
    nu = nu or timezone.now()
    soort = _soort_voor_code(_code_schoon(code)) if code else TOTPDevice
    wachten = []
    for apparaat in devices_for_user(user, confirmed=True):
        if isinstance(apparaat, soort):
            mag, gegevens = apparaat.verify_is_allowed()
            if not mag and gegevens and gegevens.get("locked_until"):
                wachten.append(gegevens["locked_until"] - nu)
    wachttijd = min(wachten, default=None)
    return wachttijd if wachttijd is not None and wachttijd > datetime.timedelta(0) else None


def tweestaps_uitzetten(*, user: User) -> None:
    """Remove all second-step devices of the user (the view checks that it is allowed and verified)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
