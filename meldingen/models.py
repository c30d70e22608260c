"""Meldingen openbare ruimte: a resident reports a practical matter, the wijk's Beheerder Leefomgeving
handles it within the category's term (issue 19)."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from bestanden import Bestandstype, BestandValidator, WillekeurigeNaam, prive_opslag
from invoer.regels import CheckConstraint
from werkstroom.models import Historie

from .constants import FEEDBACK_DAGEN, GESLOTEN, MeldingStatus, NotitieSoort


class Categorie(models.Model):
    """Two levels per gemeente: a main category (hoofdcategorie empty) and its subcategories. Kept by the
    gemeente's functional admins; the term is in working days."""

    gemeente = models.ForeignKey(
        "gebieden.Gemeente",
        verbose_name="gemeente",
        on_delete=models.CASCADE,
        related_name="meldingcategorieen",
    )
    hoofdcategorie = models.ForeignKey(
        "self",
        verbose_name="hoofdcategorie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subcategorieen",
        help_text="Leeg voor een hoofdcategorie.",
    )
    naam = models.CharField("naam", max_length=80)
    slug = models.SlugField("slug", max_length=80)
    afhandeltermijn = models.PositiveSmallIntegerField(
        "afhandeltermijn (werkdagen)", default=5, help_text="Werkdagen; weekend en feestdagen tellen niet."
    )
    actief = models.BooleanField("actief", default=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["gemeente__naam", "volgorde", "naam"]
        verbose_name = "meldingcategorie"
        verbose_name_plural = "meldingcategorieën"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "hoofdcategorie", "slug"], name="meldingcategorie_uniek_per_niveau"
            ),
            models.UniqueConstraint(
                fields=["gemeente", "slug"],
                condition=models.Q(hoofdcategorie=None),
                name="meldingcategorie_hoofd_uniek",
            ),
        ]

    def __str__(self):
        if self.hoofdcategorie_id:
            return f"{self.hoofdcategorie.naam}: {self.naam}"
        return self.naam

    def clean(self):
        hoofd = self.hoofdcategorie
        if hoofd is not None:
            if hoofd.hoofdcategorie_id:
                raise ValidationError(
                    {"hoofdcategorie": "Kies een hoofdcategorie: er zijn maar twee niveaus."}
                )
            if self.gemeente_id and hoofd.gemeente_id != self.gemeente_id:
                raise ValidationError({"hoofdcategorie": "De hoofdcategorie hoort bij een andere gemeente."})

    @property
    def hoofd(self) -> "Categorie":
        return self.hoofdcategorie if self.hoofdcategorie_id else self


class Standaardantwoord(models.Model):
    """A ready text staff pick when they inform the reporter; for a main category also offered on its subs."""

    categorie = models.ForeignKey(
        Categorie, verbose_name="categorie", on_delete=models.CASCADE, related_name="standaardantwoorden"
    )
    titel = models.CharField("titel", max_length=80)
    tekst = models.TextField("tekst")
    status = models.CharField(
        "bij status",
        max_length=30,
        choices=MeldingStatus.choices,
        blank=True,
        help_text="Leeg: bij elke stap.",
    )

    class Meta:
        ordering = ["categorie", "titel"]
        verbose_name = "standaardantwoord"
        verbose_name_plural = "standaardantwoorden"

    def __str__(self):
        return self.titel


class Volgnummer(models.Model):
    """The last reference number handed out in a year (M-<jaar>-<nummer>)."""

    jaar = models.PositiveSmallIntegerField("jaar", unique=True)
    laatste = models.PositiveIntegerField("laatste nummer", default=0)

    class Meta:
        verbose_name = "volgnummer"
        verbose_name_plural = "volgnummers"

    def __str__(self):
        return f"{self.jaar}: {self.laatste}"


def _nieuw_token() -> str:
    return secrets.token_urlsafe(24)


class Melding(models.Model):
    gemeente = models.ForeignKey(
        "gebieden.Gemeente", verbose_name="gemeente", on_delete=models.PROTECT, related_name="meldingen"
    )
    referentie = models.CharField("referentie", max_length=20, unique=True, editable=False)
    # The key of the public status page: unguessable, never the reference (which is counted).
    token = models.CharField("sleutel", max_length=64, unique=True, default=_nieuw_token, editable=False)
    categorie = models.ForeignKey(
        Categorie, verbose_name="categorie", on_delete=models.PROTECT, related_name="meldingen"
    )
    tekst = models.TextField("wat is er aan de hand", max_length=2000)
    # Where: a point (optional) and/or the area with street and landmark.
    kern = models.ForeignKey(
        "gebieden.Kern",
        verbose_name="kern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    wijk = models.ForeignKey(
        "gebieden.Wijk",
        verbose_name="wijk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    buurt = models.ForeignKey(
        "gebieden.Buurt",
        verbose_name="buurt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    straat = models.CharField("straat en huisnummer", max_length=120, blank=True)
    herkenningspunt = models.CharField("herkenningspunt", max_length=200, blank=True)
    lat = models.DecimalField("breedtegraad", max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField("lengtegraad", max_digits=9, decimal_places=6, null=True, blank=True)
    # The reporter (optional): to hear back. Personal data: never on a public page.
    melder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="melder (account)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    email = models.EmailField("e-mailadres melder", blank=True)
    telefoon = models.CharField("telefoon melder", max_length=20, blank=True)

    status = models.CharField(
        "status", max_length=30, choices=MeldingStatus.choices, default=MeldingStatus.GEMELD
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="behandelaar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deadline = models.DateField("afhandelen uiterlijk")
    gemeld_op = models.DateTimeField("gemeld op", default=timezone.now, db_index=True)
    gesloten_op = models.DateTimeField("gesloten op", null=True, blank=True)
    # The reporter's answer after closing (once, within FEEDBACK_DAGEN): satisfied 1-5, a remark, and
    # whether they ask to reopen (staff review it: reopen or refuse with a reason).
    tevredenheid = models.PositiveSmallIntegerField("tevredenheid (1-5)", null=True, blank=True)
    tevredenheid_opmerking = models.TextField("opmerking bij tevredenheid", max_length=2000, blank=True)
    heropenverzoek_op = models.DateTimeField("verzoek om heropenen op", null=True, blank=True)
    # When staff last refused a request to reopen: one request per closing (a new closing allows another).
    heropenverzoek_afgewezen_op = models.DateTimeField(
        "verzoek om heropenen afgewezen op", null=True, blank=True
    )
    # A text staff publish for everyone (status page, public map and list of the wijk); empty: nothing.
    # Never the reporter's own text: that may hold personal data of others.
    openbare_toelichting = models.TextField(
        "openbare toelichting",
        max_length=2000,
        blank=True,
        help_text="Staat op de openbare pagina's. Schrijf geen namen of adressen van mensen.",
    )
    # A duplicate points to the main report of the same gemeente (services.als_dubbel_markeren); its
    # reporter follows the main one. Never a chain: the main report is itself no duplicate.
    hoofdmelding = models.ForeignKey(
        "self",
        verbose_name="dubbel van",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicaten",
    )

    class Meta:
        ordering = ["-gemeld_op", "-pk"]
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        indexes = [
            models.Index(fields=["gemeente", "status", "deadline"], name="melding_wachtrij"),
            models.Index(fields=["behandelaar", "status"], name="melding_behandelaar"),
            models.Index(fields=["wijk", "status"], name="melding_wijk"),
            # The council figures per gemeente and year (raad), at scale: a year of one gemeente, not of all.
            models.Index(fields=["gemeente", "gemeld_op"], name="melding_gemeente_gemeld"),
        ]
        constraints = [
            CheckConstraint(
                condition=models.Q(tevredenheid__isnull=True)
                | models.Q(tevredenheid__gte=1, tevredenheid__lte=5),
                name="melding_tevredenheid_1_tot_5",
            ),
            CheckConstraint(
                condition=~models.Q(hoofdmelding=models.F("pk")), name="melding_niet_dubbel_van_zichzelf"
            ),
            CheckConstraint(
                condition=models.Q(lat__isnull=True, lon__isnull=True)
                | models.Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="melding_punt_geldig",
            ),
        ]

    def __str__(self):
        return f"{self.referentie} {self.categorie}"

    def get_absolute_url(self):
        return reverse("meldingen:melding", args=[self.referentie])

    def get_status_url(self):
        return reverse("meldingen:status", args=[self.token])

    @property
    def is_open(self) -> bool:
        return self.status not in GESLOTEN

    def is_te_laat(self, vandaag=None) -> bool:
        return self.is_open and self.deadline < (vandaag or timezone.localdate())

    def heropenen_aanvragen_mogelijk(self, nu=None) -> bool:
        """The reporter may ask once per closing, within FEEDBACK_DAGEN after handling (the link in the
        closing mail), unless staff already refused a request since this closing."""
        if (
            self.status != MeldingStatus.AFGEHANDELD
            or not self.gesloten_op
            or self.hoofdmelding_id
            or self.heropenverzoek_op is not None
            or (self.heropenverzoek_afgewezen_op and self.heropenverzoek_afgewezen_op >= self.gesloten_op)
        ):
            return False
        return timezone.localdate(nu or timezone.now()) <= self.feedback_tot

    def get_heropenen_url(self):
        return reverse("meldingen:heropenen", args=[self.token])

    def feedback_mogelijk(self, nu=None) -> bool:
        """The reporter may answer once, up to and including the day `feedback_tot`."""
        if (
            self.status != MeldingStatus.AFGEHANDELD
            or self.tevredenheid is not None
            or not self.gesloten_op
            or self.hoofdmelding_id  # a duplicate: the reporter follows the main report
        ):
            return False
        return timezone.localdate(nu or timezone.now()) <= self.feedback_tot

    @property
    def feedback_tot(self):
        """The last day the reporter may answer (FEEDBACK_DAGEN after handling)."""
        if not self.gesloten_op:
            return None
        return timezone.localdate(self.gesloten_op) + datetime.timedelta(days=FEEDBACK_DAGEN)

    @property
    def waar(self) -> str:
        """The place in words, without personal data: street, landmark, wijk or kern."""
        delen = [d for d in (self.straat, self.herkenningspunt) if d]
        gebied = self.wijk or self.kern
        if gebied is not None:
            delen.append(gebied.naam)
        return ", ".join(delen) or "Geen plaats opgegeven"


class Meldingstatuswijziging(Historie):
    """Append-only: one row per step of a melding (werkstromen.MELDING writes it), with whether the
    reporter was informed."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField("van", max_length=30, choices=MeldingStatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=MeldingStatus.choices)
    melder_geinformeerd = models.BooleanField("melder geïnformeerd", default=False)
    # An event that keeps the status, named for the timeline (e.g. "Behandelaar gewijzigd").
    gebeurtenis = models.CharField("gebeurtenis", max_length=80, blank=True)

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"

    def __str__(self):
        return f"{self.melding}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


class Notitie(models.Model):
    """An internal note (staff only) or a message sent to the reporter."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="notities")
    soort = models.CharField(
        "soort", max_length=20, choices=NotitieSoort.choices, default=NotitieSoort.INTERN
    )
    tekst = models.TextField("tekst", max_length=4000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField("op", default=timezone.now)

    class Meta:
        ordering = ["op", "pk"]
        verbose_name = "notitie"
        verbose_name_plural = "notities"

    def __str__(self):
        return f"{self.melding}: {self.get_soort_display()}"


class Foto(models.Model):
    """Up to three photos with a melding; EXIF removed on upload; private (staff only)."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="fotos")
    bestand = models.FileField(
        "foto",
        storage=prive_opslag,
        upload_to=WillekeurigeNaam("meldingen"),
        validators=[BestandValidator(soorten=[Bestandstype.JPEG, Bestandstype.PNG], max_mb=10)],
    )
    toegevoegd_op = models.DateTimeField("toegevoegd op", default=timezone.now)
    # Private until staff publish it (services.foto_publiceren); then on the status page and the public
    # map and list of the wijk (selectors.openbare_fotos).
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gepubliceerd door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "foto"
        verbose_name_plural = "foto's"

    def __str__(self):
        return f"Foto bij {self.melding}"

    @property
    def is_openbaar(self) -> bool:
        return self.gepubliceerd_op is not None

    def get_openbare_url(self) -> str:
        """The public address of a published photo (404 while it is private)."""
        return reverse("meldingen:openbare_foto", args=[self.pk])


class Doorzetting(models.Model):
    """A question to a vakafdeling or ketenpartner about a melding, tracked until staff record the answer.
    While a question is open the melding is "doorgezet" (werkstromen.MELDING)."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="doorzettingen")
    aan = models.CharField(
        "aan", max_length=120, help_text="De afdeling of organisatie, bijvoorbeeld Stedin of Team Riolering."
    )
    aan_email = models.EmailField("e-mailadres", blank=True, help_text="Leeg: u stelt de vraag zelf.")
    vraag = models.TextField("vraag", max_length=4000)
    gesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gesteld door", on_delete=models.PROTECT, related_name="+"
    )
    gesteld_op = models.DateTimeField("gesteld op", default=timezone.now)
    antwoord = models.TextField("antwoord", max_length=4000, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="antwoord vastgelegd door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beantwoord_op = models.DateTimeField("beantwoord op", null=True, blank=True)

    class Meta:
        ordering = ["gesteld_op", "pk"]
        verbose_name = "doorzetting"
        verbose_name_plural = "doorzettingen"
        indexes = [models.Index(fields=["melding", "beantwoord_op"], name="doorzetting_open")]
        constraints = [
            CheckConstraint(
                condition=models.Q(beantwoord_op__isnull=True, antwoord="")
                | (models.Q(beantwoord_op__isnull=False) & ~models.Q(antwoord="")),
                name="doorzetting_antwoord_compleet",
            ),
        ]

    def __str__(self):
        return f"{self.melding}: vraag aan {self.aan}"

    @property
    def is_open(self) -> bool:
        return self.beantwoord_op is None
