"""Gebiedsagenda per gemeente, kern, wijk or buurt (future perspective and opgaven), area news and
area followers."""

import operator
import secrets
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.emailadres import EmailadresVeld
from invoer.regels import CheckConstraint
from rollen.permissions import gemeente_id_van
from werkstroom.models import Historie

from .constants import REACTIE_MAX_LENGTE, NieuwsStatus, OpgaveStatus

# An agenda hangs on one level of the area hierarchy (gebieden: gemeente > kern > wijk > buurt). It always
# names its gemeente; below that at most one of kern, wijk and buurt. None of them: the gemeente-wide agenda.
NIVEAUS = ("gemeente", "kern", "wijk", "buurt")
GEMEENTEBREED = models.Q(kern__isnull=True, wijk__isnull=True, buurt__isnull=True)
TEN_HOOGSTE_EEN_GEBIED = GEMEENTEBREED | reduce(
    operator.or_,
    (models.Q(**{f"{n}__isnull": n != niveau for n in NIVEAUS[1:]}) for niveau in NIVEAUS[1:]),
)


class Thema(models.Model):
    """A theme of opgaven; the list is kept by a functional admin."""

    naam = models.CharField("naam", max_length=80, unique=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    actief = models.BooleanField("actief", default=True, help_text="Alleen actieve thema's zijn te kiezen.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"

    def __str__(self):
        return self.naam


class Gebiedsagenda(models.Model):
    """The future perspective of one area (the whole gemeente, a kern, a wijk or a buurt) and its opgaven.

    The four levels are four models in `gebieden`: the gemeente is always set (one column to scope by),
    plus at most one nullable one-to-one link below it (a check constraint); real foreign keys keep
    joins, PROTECT and the admin simple. One gemeente-wide agenda per gemeente."""

    gemeente = models.ForeignKey(
        "gebieden.Gemeente", verbose_name="gemeente", on_delete=models.PROTECT, related_name="gebiedsagendas"
    )
    kern = models.OneToOneField(
        "gebieden.Kern", on_delete=models.PROTECT, null=True, blank=True, related_name="gebiedsagenda"
    )
    wijk = models.OneToOneField(
        "gebieden.Wijk", on_delete=models.PROTECT, null=True, blank=True, related_name="gebiedsagenda"
    )
    buurt = models.OneToOneField(
        "gebieden.Buurt", on_delete=models.PROTECT, null=True, blank=True, related_name="gebiedsagenda"
    )
    toekomstbeeld = models.TextField(
        "toekomstbeeld", help_text="Kort: hoe ziet dit gebied er over tien jaar uit, en waar werken we aan?"
    )
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "gebiedsagenda"
        verbose_name_plural = "gebiedsagenda's"
        constraints = [
            CheckConstraint(condition=TEN_HOOGSTE_EEN_GEBIED, name="agenda_ten_hoogste_een_gebied"),
            models.UniqueConstraint(
                fields=["gemeente"], condition=GEMEENTEBREED, name="agenda_een_per_gemeente"
            ),
        ]

    def __str__(self):
        return f"Gebiedsagenda {self.gebied}"

    def save(self, *args, **kwargs):
        # The gemeente follows from the area below it; only a gemeente-wide agenda must name it.
        if self.gemeente_id is None and self.niveau != "gemeente":
            self.gemeente_id = gemeente_id_van(self.gebied)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # A buurt has no page of its own: its agenda is shown on its wijk's page.
        gebied = self.buurt.wijk if self.buurt_id else self.gebied
        return gebied.get_absolute_url()

    @property
    def niveau(self) -> str:
        return next((n for n in ("buurt", "wijk", "kern") if getattr(self, f"{n}_id")), "gemeente")

    @property
    def gebied(self):
        return getattr(self, self.niveau)

    @property
    def gebiedsnaam(self) -> str:
        """ "kern Breukelen", "buurt Broeckland"; a CBS wijk name that names its level already stays as it
        is ("Wijk 02 Breukelen", not "wijk Wijk 02 Breukelen")."""
        naam = self.gebied.naam
        return naam if naam.lower().startswith(self.niveau) else f"{self.niveau} {naam}"

    def clean(self):
        super().clean()
        if (
            self.gemeente_id
            and self.niveau != "gemeente"
            and gemeente_id_van(self.gebied) != self.gemeente_id
        ):
            raise ValidationError({self.niveau: "Dit gebied hoort bij een andere gemeente dan de agenda."})


class Opgave(models.Model):
    """A big challenge of an area, with an owner, a status and dated progress."""

    agenda = models.ForeignKey(Gebiedsagenda, on_delete=models.CASCADE, related_name="opgaven")
    titel = models.CharField("titel", max_length=150)
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="opgaven")
    beschrijving = models.TextField("beschrijving")
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="eigenaar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opgaven",
        help_text="Leeg laten: de Adviseur Leefomgeving van het gebied.",
    )
    status = models.CharField(
        "status", max_length=20, choices=OpgaveStatus.choices, default=OpgaveStatus.SIGNALERING
    )
    projecten = models.ManyToManyField(
        "rollen.Project", verbose_name="projecten", blank=True, related_name="opgaven"
    )
    groepen = models.ManyToManyField(
        "bewonersgroepen.Groep", verbose_name="bewonersgroepen", blank=True, related_name="opgaven"
    )
    # An opgave that spans areas: it lives on one agenda and is shown on these areas' pages too.
    ook_kernen = models.ManyToManyField(
        "gebieden.Kern", verbose_name="speelt ook in kernen", blank=True, related_name="gedeelde_opgaven"
    )
    ook_wijken = models.ManyToManyField(
        "gebieden.Wijk", verbose_name="speelt ook in wijken", blank=True, related_name="gedeelde_opgaven"
    )
    ook_buurten = models.ManyToManyField(
        "gebieden.Buurt", verbose_name="speelt ook in buurten", blank=True, related_name="gedeelde_opgaven"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["thema__volgorde", "titel"]
        verbose_name = "opgave"
        verbose_name_plural = "opgaven"

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("gebiedsagenda:opgave", kwargs={"pk": self.pk})

    @property
    def gemeente_id(self):
        return self.agenda.gemeente_id


class OpgaveStatuswijziging(Historie):
    """Append-only: one row per status transition of an opgave (werkstromen.OPGAVE writes it)."""

    opgave = models.ForeignKey(Opgave, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField("van", max_length=30, choices=OpgaveStatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=OpgaveStatus.choices)

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"

    def __str__(self):
        return f"{self.opgave}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


class Voortgangsnotitie(models.Model):
    """A dated note on how an opgave is going; public."""

    opgave = models.ForeignKey(Opgave, on_delete=models.CASCADE, related_name="notities")
    datum = models.DateField("datum", default=timezone.localdate)
    tekst = models.TextField("tekst")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-datum", "-pk"]
        verbose_name = "voortgangsnotitie"
        verbose_name_plural = "voortgangsnotities"

    def __str__(self):
        return f"{self.opgave} ({self.datum:%d-%m-%Y})"


class Reactie(models.Model):
    """What a resident group says about an opgave: one short text per group, published by staff."""

    opgave = models.ForeignKey(Opgave, on_delete=models.CASCADE, related_name="reacties")
    groep = models.ForeignKey(
        "bewonersgroepen.Groep",
        verbose_name="namens",
        on_delete=models.CASCADE,
        related_name="reacties_op_opgaven",
    )
    tekst = models.CharField("reactie", max_length=REACTIE_MAX_LENGTE)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="geschreven door", on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField("gewijzigd op", default=timezone.now)
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gepubliceerd door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["groep__naam"]
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        constraints = [models.UniqueConstraint(fields=["opgave", "groep"], name="reactie_een_per_groep")]

    def __str__(self):
        return f"Reactie van {self.groep} op {self.opgave}"

    @property
    def is_gepubliceerd(self) -> bool:
        return self.gepubliceerd_op is not None


class Nieuwsbericht(models.Model):
    """A short news item for one or more areas of one gemeente."""

    gemeente = models.ForeignKey(
        "gebieden.Gemeente", on_delete=models.PROTECT, related_name="nieuwsberichten"
    )
    titel = models.CharField("titel", max_length=150)
    tekst = models.TextField("tekst")
    kernen = models.ManyToManyField("gebieden.Kern", verbose_name="kernen", blank=True, related_name="nieuws")
    wijken = models.ManyToManyField("gebieden.Wijk", verbose_name="wijken", blank=True, related_name="nieuws")
    status = models.CharField(
        "status", max_length=20, choices=NieuwsStatus.choices, default=NieuwsStatus.VOORGESTELD
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.PROTECT, related_name="+"
    )
    groep = models.ForeignKey(
        "bewonersgroepen.Groep",
        verbose_name="voorgesteld namens",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nieuwsvoorstellen",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="beoordeeld door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reden = models.TextField("reden (bij niet publiceren)", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-gepubliceerd_op", "-aangemaakt_op", "-pk"]
        verbose_name = "nieuwsbericht"
        verbose_name_plural = "nieuwsberichten"
        indexes = [models.Index(fields=["status", "gepubliceerd_op"])]
        constraints = [
            CheckConstraint(
                condition=~models.Q(status=NieuwsStatus.GEPUBLICEERD)
                | models.Q(gepubliceerd_op__isnull=False),
                name="nieuws_gepubliceerd_heeft_datum",
            )
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("gebiedsagenda:nieuwsbericht", kwargs={"pk": self.pk})


class Nieuwsstatuswijziging(Historie):
    """Append-only: the proposal, publication or refusal of a news item (werkstromen.NIEUWS writes it)."""

    bericht = models.ForeignKey(Nieuwsbericht, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField("van", max_length=30, choices=NieuwsStatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=NieuwsStatus.choices)

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging van een nieuwsbericht"
        verbose_name_plural = "statuswijzigingen van nieuwsberichten"

    def __str__(self):
        return f"{self.bericht}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


# A follower follows exactly one kern, wijk or project.
PRECIES_EEN_GEVOLGDE = (
    models.Q(kern__isnull=False, wijk__isnull=True, project__isnull=True)
    | models.Q(kern__isnull=True, wijk__isnull=False, project__isnull=True)
    | models.Q(kern__isnull=True, wijk__isnull=True, project__isnull=False)
)


class Volger(models.Model):
    """An e-mail address that follows one kern, wijk or project. Personal data: never shown, deleted on
    leaving. A kern or wijk follower gets the weekly overview; a project follower a mail per event of the
    project (`services.project_volgers_informeren`).

    Deliberately without history: an unsubscribed address must be gone, not kept in an audit table.
    """

    email = EmailadresVeld("e-mailadres")  # canonical: one follow per person and area
    kern = models.ForeignKey(
        "gebieden.Kern", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    wijk = models.ForeignKey(
        "gebieden.Wijk", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    project = models.ForeignKey(
        "rollen.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField("sleutel", max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField("aangemeld op", default=timezone.now)
    bevestigd_op = models.DateTimeField("bevestigd op", null=True, blank=True)
    # Changes up to this moment are in an overview already; the next overview starts here.
    verstuurd_tot = models.DateTimeField("overzicht verstuurd tot", null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "volger"
        verbose_name_plural = "volgers"
        constraints = [
            CheckConstraint(condition=PRECIES_EEN_GEVOLGDE, name="volger_precies_een_gevolgde"),
            models.UniqueConstraint(fields=["email", "kern"], name="volger_uniek_per_kern"),
            models.UniqueConstraint(fields=["email", "wijk"], name="volger_uniek_per_wijk"),
            models.UniqueConstraint(fields=["email", "project"], name="volger_uniek_per_project"),
        ]

    def __str__(self):
        return f"Volger van {self.gebied}"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def gebied(self):
        """What is followed: the kern, wijk or project (each has naam, gemeente and get_absolute_url)."""
        return self.kern or self.wijk or self.project

    @property
    def is_bevestigd(self) -> bool:
        return self.bevestigd_op is not None
