"""Consultation rounds (raadplegingen) of a plan's step, the responses, and "Wat hebben we opgehaald".

A round hangs off a step at level raadplegen or adviseren. Its audience is the public (residents, with
e-mail confirmation), invited groups (a member answers on behalf of the group) and invited ketenpartners
(an unguessable link per partner per round). One response per group, partner or e-mail address per round
(database constraints); a response is published only with consent, and with a name only with consent."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.emailadres import EmailadresVeld
from invoer.regels import CheckConstraint
from werkstroom.models import Historie

from .raadpleging_constants import Afweging, Raadplegingstatus, Reactiesoort, Vraagsoort


def nieuwe_sleutel() -> str:
    return secrets.token_urlsafe(32)


class Raadpleging(models.Model):
    plan = models.ForeignKey(
        "participatie.Participatieplan", on_delete=models.CASCADE, related_name="raadplegingen"
    )
    stap = models.ForeignKey(
        "rollen.Participatiestap", verbose_name="stap", on_delete=models.PROTECT, related_name="raadplegingen"
    )
    titel = models.CharField("titel", max_length=150)
    inleiding = models.TextField("inleiding", help_text="Waarover vragen we uw mening, en wat doen we ermee?")
    open_van = models.DateTimeField("open vanaf")
    open_tot = models.DateTimeField("open tot en met")
    openbaar = models.BooleanField(
        "iedereen mag reageren",
        default=True,
        help_text="Aan: ook inwoners reageren (met bevestiging per e-mail). Uit: alleen de uitgenodigden.",
    )
    groepen = models.ManyToManyField(
        "bewonersgroepen.Groep", verbose_name="uitgenodigde groepen", blank=True, related_name="+"
    )
    status = models.CharField(
        "status", max_length=20, choices=Raadplegingstatus.choices, default=Raadplegingstatus.CONCEPT
    )
    samenvatting = models.TextField(
        "wat hebben we opgehaald (inleiding)", blank=True, help_text="Kort: wie deed mee en wat viel op."
    )
    gepubliceerd_op = models.DateTimeField("samenvatting gepubliceerd op", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["open_van", "pk"]
        verbose_name = "raadpleging"
        verbose_name_plural = "raadplegingen"
        constraints = [
            CheckConstraint(condition=Q(open_tot__gt=models.F("open_van")), name="raadpleging_periode"),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("participatie:raadpleging", kwargs={"pk": self.pk})

    def openbare_url(self):
        return reverse("participatie:raadpleging_openbaar", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        nu = timezone.now()
        return self.status == Raadplegingstatus.OPEN and self.open_van <= nu <= self.open_tot


class Raadplegingstatuswijziging(Historie):
    raadpleging = models.ForeignKey(Raadpleging, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField("van", max_length=30, choices=Raadplegingstatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=Raadplegingstatus.choices)

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging raadpleging"
        verbose_name_plural = "statuswijzigingen raadpleging"

    def __str__(self):
        return f"{self.raadpleging}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


class Vraag(models.Model):
    raadpleging = models.ForeignKey(Raadpleging, on_delete=models.CASCADE, related_name="vragen")
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    tekst = models.CharField("vraag", max_length=300)
    soort = models.CharField("soort vraag", max_length=10, choices=Vraagsoort.choices)
    keuzes = models.TextField("keuzes", blank=True, help_text="Bij meerkeuze: één keuze per regel.")
    verplicht = models.BooleanField("verplicht", default=False)

    class Meta:
        ordering = ["raadpleging", "volgorde", "pk"]
        verbose_name = "vraag"
        verbose_name_plural = "vragen"

    def __str__(self):
        return self.tekst

    @property
    def keuzelijst(self) -> list[str]:
        return [k.strip() for k in self.keuzes.splitlines() if k.strip()]


class Opgehaald(models.Model):
    """One theme of "Wat hebben we opgehaald": what was heard and what the gemeente does with it."""

    raadpleging = models.ForeignKey(Raadpleging, on_delete=models.CASCADE, related_name="themas")
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    titel = models.CharField("thema", max_length=150)
    wat_gehoord = models.TextField("wat we hoorden", blank=True)
    afweging = models.CharField("wat doen we ermee", max_length=12, choices=Afweging.choices, blank=True)
    waarom = models.TextField("waarom", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["raadpleging", "volgorde", "pk"]
        verbose_name = "opgehaald thema"
        verbose_name_plural = "opgehaalde thema's"
        constraints = [
            models.UniqueConstraint(fields=["raadpleging", "titel"], name="opgehaald_titel_uniek"),
        ]

    def __str__(self):
        return self.titel


class Partneruitnodiging(models.Model):
    """The link a ketenpartner responds with: one unguessable key per partner per round."""

    raadpleging = models.ForeignKey(Raadpleging, on_delete=models.CASCADE, related_name="uitnodigingen")
    ketenpartner = models.ForeignKey(
        "participatie.Ketenpartner", on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    token = models.CharField("sleutel", max_length=64, unique=True, default=nieuwe_sleutel, editable=False)
    verstuurd_op = models.DateTimeField("verstuurd op", null=True, blank=True)

    class Meta:
        verbose_name = "uitnodiging ketenpartner"
        verbose_name_plural = "uitnodigingen ketenpartners"
        constraints = [
            models.UniqueConstraint(fields=["raadpleging", "ketenpartner"], name="uitnodiging_eenmaal"),
        ]

    def __str__(self):
        return f"{self.ketenpartner} voor {self.raadpleging}"


class Reactie(models.Model):
    """One response: of a group (by a member), a ketenpartner (by its link) or a resident (by e-mail)."""

    raadpleging = models.ForeignKey(Raadpleging, on_delete=models.CASCADE, related_name="reacties")
    soort = models.CharField("van", max_length=12, choices=Reactiesoort.choices)
    groep = models.ForeignKey(
        "bewonersgroepen.Groep", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    ketenpartner = models.ForeignKey(
        "participatie.Ketenpartner", on_delete=models.CASCADE, null=True, blank=True, related_name="reacties"
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingediend door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    email = EmailadresVeld("e-mailadres", blank=True)  # residents only: confirmation and feedback
    naam = models.CharField("naam", max_length=120, blank=True)  # residents only, optional
    token = models.CharField("sleutel", max_length=64, unique=True, default=nieuwe_sleutel, editable=False)
    bevestigd_op = models.DateTimeField("bevestigd op", null=True, blank=True)
    toestemming_publiceren = models.BooleanField("mijn antwoord mag openbaar", default=False)
    toestemming_naam = models.BooleanField("met mijn naam", default=False)
    thema = models.ForeignKey(
        Opgehaald,
        verbose_name="thema",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reacties",
    )
    ingediend_op = models.DateTimeField("ingediend op", default=timezone.now)
    gewijzigd_op = models.DateTimeField("gewijzigd op", default=timezone.now)

    class Meta:
        ordering = ["raadpleging", "ingediend_op", "pk"]
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        constraints = [
            CheckConstraint(
                condition=(
                    Q(soort=Reactiesoort.GROEP, groep__isnull=False, ketenpartner__isnull=True, email="")
                    | Q(soort=Reactiesoort.PARTNER, groep__isnull=True, ketenpartner__isnull=False, email="")
                    | Q(soort=Reactiesoort.INWONER, groep__isnull=True, ketenpartner__isnull=True)
                    & ~Q(email="")
                ),
                name="reactie_soort_past",
            ),
            CheckConstraint(
                condition=Q(toestemming_naam=False) | Q(toestemming_publiceren=True),
                name="reactie_naam_alleen_met_publicatie",
            ),
            models.UniqueConstraint(
                fields=["raadpleging", "groep"],
                condition=Q(groep__isnull=False),
                name="reactie_groep_eenmaal",
            ),
            models.UniqueConstraint(
                fields=["raadpleging", "ketenpartner"],
                condition=Q(ketenpartner__isnull=False),
                name="reactie_partner_eenmaal",
            ),
            models.UniqueConstraint(
                fields=["raadpleging", "email"], condition=~Q(email=""), name="reactie_inwoner_eenmaal"
            ),
        ]

    def __str__(self):
        return f"Reactie {self.pk} op {self.raadpleging}"

    @property
    def telt(self) -> bool:
        return self.bevestigd_op is not None

    @property
    def afzender(self) -> str:
        """The name staff see."""
        if self.groep_id:
            return self.groep.naam
        if self.ketenpartner_id:
            return self.ketenpartner.naam
        return self.naam or "Inwoner"

    @property
    def openbare_afzender(self) -> str:
        """The name the public sees: only with consent."""
        if (
            self.toestemming_naam
            and self.toestemming_publiceren
            and (self.groep_id or self.ketenpartner_id or self.naam)
        ):
            return self.afzender
        return {
            Reactiesoort.GROEP: "Een bewonersgroep",
            Reactiesoort.PARTNER: "Een ketenpartner",
        }.get(self.soort, "Een inwoner")


class Antwoord(models.Model):
    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="antwoorden")
    tekst = models.TextField("antwoord", blank=True)
    score = models.PositiveSmallIntegerField(
        "score", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["reactie", "vraag__volgorde", "vraag__pk"]
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(fields=["reactie", "vraag"], name="antwoord_eenmaal"),
            CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="antwoord_score_1_5"
            ),
        ]

    def __str__(self):
        return f"Antwoord op {self.vraag}"

    @property
    def waarde(self) -> str:
        return str(self.score) if self.score is not None else self.tekst


__all__ = [
    "Antwoord",
    "Opgehaald",
    "Partneruitnodiging",
    "Raadpleging",
    "Raadplegingstatuswijziging",
    "Reactie",
    "Vraag",
]
