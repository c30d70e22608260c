"""Writes to accounts."""

from django.contrib.auth.models import Group
from django.db import transaction

from .constants import Gebruikerssoort
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
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.naam = naam
    user.gemeente = gemeente
    user.telefoon = telefoon
    user.is_staff = is_staff
    if wachtwoord:
        user.set_password(wachtwoord)
    elif not user.pk:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=soort))
    return user


def soort_toevoegen(*, user: User, soort: Gebruikerssoort) -> None:
    user.groups.add(Group.objects.get(name=soort))
    user.__dict__.pop("soorten", None)
