"""Motions and promises of the council (moties en toezeggingen) with their dated progress updates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from invoer.regels import CheckConstraint
from werkstroom.models import Historie

from .constants import MotieSoort, MotieStatus


class Thema(models.Model):
    """A policy theme a motion is about (e.g. gebiedsgericht werken, veiligheid)."""

    naam = models.CharField("naam", max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"

    def __str__(self):
        return self.naam


class Motie(models.Model):
    gemeente = models.ForeignKey(
        "gebieden.Gemeente", verbose_name="gemeente", on_delete=models.PROTECT, related_name="moties"
    )
    soort = models.CharField("soort", max_length=20, choices=MotieSoort.choices, default=MotieSoort.MOTIE)
    nummer = models.CharField("nummer", max_length=20, help_text="Bijvoorbeeld M-31.")
    titel = models.CharField("titel", max_length=200)
    indieners = models.CharField(
        "indieners", max_length=200, help_text="De partijen die de motie indienden, bijvoorbeeld PvdA e.a."
    )
    jaar = models.PositiveSmallIntegerField("jaar aangenomen")
    datum_aangenomen = models.DateField(
        "datum aangenomen", null=True, blank=True, help_text="Laat leeg als alleen het jaar bekend is."
    )
    gevraagde_actie = models.TextField("gevraagde actie", help_text="Wat de raad het college vraagt.")
    status = models.CharField(
        "status", max_length=20, choices=MotieStatus.choices, default=MotieStatus.LOPEND
    )
    kernen = models.ManyToManyField("gebieden.Kern", verbose_name="kernen", blank=True, related_name="moties")
    themas = models.ManyToManyField(Thema, verbose_name="thema's", blank=True, related_name="moties")
    projecten = models.ManyToManyField(
        "rollen.Project",
        verbose_name="projecten",
        blank=True,
        related_name="moties",
        help_text="De projecten waar deze motie over gaat.",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    history = HistoricalRecords(m2m_fields=[kernen, themas, projecten])

    class Meta:
        ordering = ["-jaar", "nummer"]
        verbose_name = "motie of toezegging"
        verbose_name_plural = "moties en toezeggingen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "nummer"], name="motie_nummer_uniek_per_gemeente"),
            CheckConstraint(condition=Q(jaar__gte=1900) & Q(jaar__lte=2999), name="motie_jaar_plausibel"),
            CheckConstraint(condition=Q(status__in=MotieStatus.values), name="motie_status_geldig"),
        ]

    def __str__(self):
        return f"{self.nummer} {self.titel}"

    def get_absolute_url(self):
        return reverse("raad:motie", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.datum_aangenomen and self.jaar and self.datum_aangenomen.year != self.jaar:
            raise ValidationError(
                {"datum_aangenomen": "De datum valt niet in het jaar waarin de motie is aangenomen."}
            )


class Voortgangsupdate(models.Model):
    """A dated 'stand van zaken'; append-only. When it changes the status it records from and to."""

    motie = models.ForeignKey(Motie, verbose_name="motie", on_delete=models.CASCADE, related_name="updates")
    datum = models.DateField("datum")
    tekst = models.TextField("stand van zaken")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geschreven door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status_van = models.CharField("status was", max_length=20, choices=MotieStatus.choices, blank=True)
    status_naar = models.CharField("status werd", max_length=20, choices=MotieStatus.choices, blank=True)
    aangemaakt_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-datum", "-aangemaakt_op", "-pk"]
        verbose_name = "voortgangsupdate"
        verbose_name_plural = "voortgangsupdates"
        constraints = [
            CheckConstraint(
                condition=(Q(status_van="") & Q(status_naar=""))
                | (~Q(status_van="") & ~Q(status_naar="") & ~Q(status_van=models.F("status_naar"))),
                name="voortgang_statuswijziging_compleet",
            ),
        ]

    def __str__(self):
        return f"{self.motie.nummer} – {self.datum:%d-%m-%Y}"

    @property
    def wijzigt_status(self) -> bool:
        return bool(self.status_naar)


class Motiestatuswijziging(Historie):
    """Append-only: one row per status change of a motion (werkstromen.MOTIE writes it); the progress
    update that explains the change is its reason."""

    motie = models.ForeignKey(Motie, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField("van", max_length=30, choices=MotieStatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=MotieStatus.choices)

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"

    def __str__(self):
        return f"{self.motie.nummer}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"
