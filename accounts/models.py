from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from .constants import Gebruikerssoort
from .emailadres import EmailadresVeld, canoniek_of_none


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=email, **extra)
        user.email = user._meta.get_field("email").clean(email, user)  # the canonical form, or refused
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        """Log-in: the account of the canonical form of the address typed, matched exactly (indexed)."""
        adres = canoniek_of_none(email)
        if adres is None:
            raise self.model.DoesNotExist("Geen account met dit e-mailadres.")
        return self.get(email=adres)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address.

    `is_staff` means access to the Django admin (functional admins), not 'municipal employee':
    that is the group Medewerker, together with `gemeente` which scopes what staff and raadsleden see.
    """

    email = EmailadresVeld("e-mailadres", unique=True)  # canonical: accounts.emailadres
    naam = models.CharField("volledige naam", max_length=150)
    telefoon = models.CharField("telefoon (werk)", max_length=30, blank=True)
    gemeente = models.ForeignKey(
        "gebieden.Gemeente",
        verbose_name="gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
        help_text="Voor medewerkers, raadsleden en functioneel beheerders: de gemeente waar zij werken.",
    )
    is_active = models.BooleanField("actief", default=True)
    is_staff = models.BooleanField("toegang tot beheer", default=False)
    date_joined = models.DateTimeField("aangemaakt op", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["naam"]

    class Meta:
        ordering = ["naam"]
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    def __str__(self):
        return self.naam or self.email

    def get_full_name(self):
        return self.naam

    def get_short_name(self):
        return self.naam.split(" ")[0] if self.naam else self.email

    @cached_property
    def soorten(self) -> frozenset[str]:
        """Names of the user's kinds, read once per request instead of once per check (for the logged-in
        user of a request in the same query as the user: accounts.backends.Gebruikersbackend)."""
        if not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def is_medewerker(self) -> bool:
        return Gebruikerssoort.MEDEWERKER in self.soorten

    @property
    def is_groepslid(self) -> bool:
        return Gebruikerssoort.GROEPSLID in self.soorten

    @property
    def is_raadslid(self) -> bool:
        return Gebruikerssoort.RAADSLID in self.soorten

    @property
    def is_functioneel_beheerder(self) -> bool:
        return self.is_superuser or Gebruikerssoort.FUNCTIONEEL_BEHEERDER in self.soorten

    @property
    def soort_label(self) -> str:
        labels = [s.label for s in Gebruikerssoort if s.value in self.soorten]
        if self.is_superuser and not labels:
            labels = ["Beheerder"]
        return ", ".join(labels) or "Gebruiker"
