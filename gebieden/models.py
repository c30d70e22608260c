"""Areas: gemeente -> kern -> wijk -> buurt, with CBS codes and inhabitants."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from invoer.regels import CheckConstraint

from .validators import (
    buurt_code_validator,
    gemeente_code_of,
    gemeente_code_validator,
    grens_validator,
    wijk_code_of,
    wijk_code_validator,
)
from .zoeken import normaliseer


def naam_met_soort(soort: str, naam: str) -> str:
    """ "wijk Oost", but "Wijk 01 Breukelen" for a wijk whose name already says it (CBS names most wijken
    so): the kind is not put before a name that starts with it. The one place for "kind + name"."""
    if naam.casefold() == soort.casefold() or naam.casefold().startswith(soort.casefold() + " "):
        return naam
    return f"{soort} {naam}"


class Gebied(models.Model):
    """Fields every level shares."""

    naam = models.CharField("naam", max_length=120)
    inwoners = models.PositiveIntegerField("inwoners", null=True, blank=True)

    # The name folded for search (no case, accents, spaces or hyphens: "Oud Zuilen" = "oud-zuilen"),
    # stored so that both SQLite and PostgreSQL compare it with a plain indexed LIKE.
    zoeknaam = models.CharField("zoeknaam", max_length=120, db_index=True, editable=False, default="")

    class Meta:
        abstract = True

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        self.zoeknaam = normaliseer(self.naam)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "naam" in update_fields:
            kwargs["update_fields"] = {*update_fields, "zoeknaam"}
        super().save(*args, **kwargs)

    @property
    def grens(self) -> dict | None:
        """The boundary (a GeoJSON geometry), or None; see Gebiedsgrens. One query, unless the area was read
        with `select_related("gebiedsgrens")` (or a prefetch of it): use that for more than one area."""
        try:
            return self.gebiedsgrens.geometrie
        except Gebiedsgrens.DoesNotExist:
            return None

    @property
    def naam_met_soort(self) -> str:
        """ "kern Breukelen", "wijk Oost", "Wijk 01 Breukelen" (see naam_met_soort)."""
        return naam_met_soort(self.niveau, self.naam)


class Gemeente(Gebied):
    code = models.CharField("CBS-code", max_length=6, unique=True, validators=[gemeente_code_validator])
    slug = models.SlugField("slug", max_length=120, unique=True)
    cbs_jaar = models.PositiveSmallIntegerField("jaar CBS-indeling", null=True, blank=True)
    # Shown where an area has no contact person for a role (a "gat"): the gemeente's own front door.
    telefoon_algemeen = models.CharField(
        "algemeen telefoonnummer", max_length=30, blank=True, help_text="Bijvoorbeeld 14 0346."
    )
    email_algemeen = models.EmailField("algemeen e-mailadres", blank=True)
    # Named in every decision letter: where a group sends its objection (bezwaar, Awb 6:4).
    bezwaar_adres = models.TextField(
        "postadres voor bezwaar",
        blank=True,
        help_text="Waar een bezwaarschrift heen gaat, zoals het in de brief komt. Bijvoorbeeld: "
        "College van burgemeester en wethouders, Postbus 1212, 3600 BE Maarssen.",
    )
    bezwaar_email = models.EmailField(
        "e-mailadres voor bezwaar", blank=True, help_text="Staat in elke beschikking, naast het postadres."
    )
    grenzen_schematisch = models.BooleanField(
        "grenzen zijn schematisch",
        default=False,
        help_text="Aan: de grenzen van de kernen zijn een schets (demo), geen officiële grenzen. "
        "Een import van echte grenzen zet dit uit.",
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.naam)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gebieden:gemeente", kwargs={"gemeente": self.slug})

    @property
    def niveau(self):
        return "gemeente"


class Kern(Gebied):
    """A village or town; not a CBS level, so it has no code. Unit of the wijkwethouder and adviseur."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="kernen")
    slug = models.SlugField("slug", max_length=120)

    class Meta:
        ordering = ["gemeente__naam", "naam"]
        verbose_name = "kern"
        verbose_name_plural = "kernen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "slug"], name="kern_slug_uniek_per_gemeente"),
            models.UniqueConstraint(fields=["gemeente", "naam"], name="kern_naam_uniek_per_gemeente"),
        ]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.naam)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gebieden:kern", kwargs={"gemeente": self.gemeente.slug, "kern": self.slug})

    @property
    def niveau(self):
        return "kern"


class Wijk(Gebied):
    code = models.CharField("CBS-code", max_length=8, unique=True, validators=[wijk_code_validator])
    slug = models.SlugField("slug", max_length=120)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="wijken")
    # Empty until an admin assigns it: CBS does not publish which kern a wijk belongs to.
    kern = models.ForeignKey(Kern, on_delete=models.SET_NULL, null=True, blank=True, related_name="wijken")
    cbs_jaar = models.PositiveSmallIntegerField("jaar CBS-indeling", null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "wijk"
        verbose_name_plural = "wijken"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.naam)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gebieden:wijk", kwargs={"code": self.code})

    def clean(self):
        super().clean()
        if self.gemeente_id and self.code and gemeente_code_of(self.code) != self.gemeente.code:
            raise ValidationError(
                {
                    "code": f"De wijkcode moet beginnen met de cijfers van de gemeente ({self.gemeente.code[2:]})."
                }
            )
        if self.kern_id and self.gemeente_id and self.kern.gemeente_id != self.gemeente_id:
            raise ValidationError({"kern": "De kern hoort bij een andere gemeente dan de wijk."})

    @property
    def niveau(self):
        return "wijk"


class Buurt(Gebied):
    code = models.CharField("CBS-code", max_length=10, unique=True, validators=[buurt_code_validator])
    slug = models.SlugField("slug", max_length=120)
    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="buurten")
    cbs_jaar = models.PositiveSmallIntegerField("jaar CBS-indeling", null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "buurt"
        verbose_name_plural = "buurten"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.naam)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.wijk_id and self.code and wijk_code_of(self.code) != self.wijk.code:
            raise ValidationError(
                {"code": f"De buurtcode moet beginnen met de cijfers van de wijk ({self.wijk.code[2:]})."}
            )

    @property
    def niveau(self):
        return "buurt"


class Gebiedsgrens(models.Model):
    """The boundary of one gemeente, kern, wijk or buurt: a GeoJSON geometry (Polygon or MultiPolygon, WGS 84).

    In a table of its own, not a column of the area: with the CBS map it is kilobytes per wijk and far more
    per gemeente, and every query that reads an area with something else (a group's gemeente, the kern of a
    link) would carry it along, unseen, into pages that draw no map. Only the maps and the point lookups of
    meldingen ask for it (`select_related("gebiedsgrens")`); `gebied.grens` reads it.
    """

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="gebiedsgrens"
    )
    kern = models.OneToOneField(
        Kern, on_delete=models.CASCADE, null=True, blank=True, related_name="gebiedsgrens"
    )
    wijk = models.OneToOneField(
        Wijk, on_delete=models.CASCADE, null=True, blank=True, related_name="gebiedsgrens"
    )
    buurt = models.OneToOneField(
        Buurt, on_delete=models.CASCADE, null=True, blank=True, related_name="gebiedsgrens"
    )
    geometrie = models.JSONField(
        "grens (GeoJSON)",
        validators=[grens_validator],
        help_text="De grens als GeoJSON-geometrie (Polygon of MultiPolygon, WGS 84).",
    )

    class Meta:
        verbose_name = "grens"
        verbose_name_plural = "grenzen"
        constraints = [
            CheckConstraint(
                condition=(
                    models.Q(gemeente__isnull=False, kern__isnull=True, wijk__isnull=True, buurt__isnull=True)
                    | models.Q(
                        gemeente__isnull=True, kern__isnull=False, wijk__isnull=True, buurt__isnull=True
                    )
                    | models.Q(
                        gemeente__isnull=True, kern__isnull=True, wijk__isnull=False, buurt__isnull=True
                    )
                    | models.Q(
                        gemeente__isnull=True, kern__isnull=True, wijk__isnull=True, buurt__isnull=False
                    )
                ),
                name="gebiedsgrens_precies_een_gebied",
            ),
        ]

    def __str__(self):
        return f"Grens van {self.gebied}"

    @property
    def gebied(self):
        return self.gemeente or self.kern or self.wijk or self.buurt


class Gebiedsprofiel(models.Model):
    """CBS figures of one gemeente, wijk or buurt in one year (datagestuurd werken).

    Filled by the CBS import when the file has the columns; a kern's figures are the sum of its wijken.
    """

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="profielen"
    )
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, null=True, blank=True, related_name="profielen")
    buurt = models.ForeignKey(
        Buurt, on_delete=models.CASCADE, null=True, blank=True, related_name="profielen"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    inwoners = models.PositiveIntegerField("inwoners", null=True, blank=True)
    mannen = models.PositiveIntegerField("mannen", null=True, blank=True)
    vrouwen = models.PositiveIntegerField("vrouwen", null=True, blank=True)
    huishoudens = models.PositiveIntegerField("huishoudens", null=True, blank=True)
    leeftijd_0_15 = models.PositiveIntegerField("0 tot 15 jaar", null=True, blank=True)
    leeftijd_15_25 = models.PositiveIntegerField("15 tot 25 jaar", null=True, blank=True)
    leeftijd_25_45 = models.PositiveIntegerField("25 tot 45 jaar", null=True, blank=True)
    leeftijd_45_65 = models.PositiveIntegerField("45 tot 65 jaar", null=True, blank=True)
    leeftijd_65_plus = models.PositiveIntegerField("65 jaar of ouder", null=True, blank=True)
    woningvoorraad = models.PositiveIntegerField("woningen", null=True, blank=True)
    gemiddelde_woz = models.DecimalField(
        "gemiddelde WOZ-waarde (euro)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    bevolkingsdichtheid = models.PositiveIntegerField("inwoners per km²", null=True, blank=True)
    oppervlakte_land_ha = models.PositiveIntegerField("oppervlakte land (ha)", null=True, blank=True)

    class Meta:
        ordering = ["-jaar"]
        verbose_name = "gebiedsprofiel"
        verbose_name_plural = "gebiedsprofielen"
        constraints = [
            CheckConstraint(
                condition=(
                    models.Q(gemeente__isnull=False, wijk__isnull=True, buurt__isnull=True)
                    | models.Q(gemeente__isnull=True, wijk__isnull=False, buurt__isnull=True)
                    | models.Q(gemeente__isnull=True, wijk__isnull=True, buurt__isnull=False)
                ),
                name="gebiedsprofiel_precies_een_gebied",
            ),
            models.UniqueConstraint(fields=["gemeente", "jaar"], name="gebiedsprofiel_gemeente_jaar_uniek"),
            models.UniqueConstraint(fields=["wijk", "jaar"], name="gebiedsprofiel_wijk_jaar_uniek"),
            models.UniqueConstraint(fields=["buurt", "jaar"], name="gebiedsprofiel_buurt_jaar_uniek"),
            CheckConstraint(
                condition=models.Q(gemiddelde_woz__gte=0), name="gebiedsprofiel_woz_niet_negatief"
            ),
        ]

    def __str__(self):
        return f"{self.gebied} ({self.jaar})"

    @property
    def gebied(self):
        return self.gemeente or self.wijk or self.buurt

    # Figures that the page shows; the import fills the same names.
    CIJFERS = (
        "inwoners",
        "mannen",
        "vrouwen",
        "huishoudens",
        "leeftijd_0_15",
        "leeftijd_15_25",
        "leeftijd_25_45",
        "leeftijd_45_65",
        "leeftijd_65_plus",
        "woningvoorraad",
        "gemiddelde_woz",
        "bevolkingsdichtheid",
        "oppervlakte_land_ha",
    )


class Postcodegebied(models.Model):
    """Which area a postcode (PC4 or PC6), optionally a house-number range or a street, lies in.

    Filled by `postcodes_importeren` from CBS's "postcode en huisnummer per buurt" or from a simple
    table of the gemeente's own. When several rows fit an address the most specific wins: a PC6 before
    a PC4, a house-number range before a whole postcode. A four-digit table is only approximate (a PC4
    may cross the border of a kern): `bij_benadering` makes the page say so."""

    class Bron(models.TextChoices):
        CBS = "cbs", "CBS: postcode en huisnummer per buurt"
        TABEL = "tabel", "eigen tabel (postcode en gebiedscode)"

    postcode = models.CharField("postcode", max_length=6, db_index=True, help_text="1234 of 1234AB")
    huisnummer_van = models.PositiveIntegerField("huisnummer vanaf", null=True, blank=True)
    huisnummer_tot = models.PositiveIntegerField("huisnummer tot en met", null=True, blank=True)
    straat = models.CharField("straat", max_length=120, blank=True)
    straat_zoeknaam = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="postcodegebieden")
    kern = models.ForeignKey(Kern, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    buurt = models.ForeignKey(Buurt, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    bij_benadering = models.BooleanField("bij benadering", default=False)
    bron = models.CharField("bron", max_length=10, choices=Bron.choices)

    class Meta:
        ordering = ["postcode", "huisnummer_van"]
        verbose_name = "postcodegebied"
        verbose_name_plural = "postcodegebieden"
        constraints = [
            CheckConstraint(
                condition=(
                    models.Q(kern__isnull=False, wijk__isnull=True, buurt__isnull=True)
                    | models.Q(kern__isnull=True, wijk__isnull=False, buurt__isnull=True)
                    | models.Q(kern__isnull=True, wijk__isnull=True, buurt__isnull=False)
                ),
                name="postcodegebied_precies_een_gebied",
            ),
            CheckConstraint(
                condition=models.Q(huisnummer_van__isnull=True, huisnummer_tot__isnull=True)
                | models.Q(
                    huisnummer_van__isnull=False,
                    huisnummer_tot__isnull=False,
                    huisnummer_van__lte=models.F("huisnummer_tot"),
                ),
                name="postcodegebied_huisnummers_van_tot",
            ),
        ]

    def __str__(self):
        nummers = f" {self.huisnummer_van}-{self.huisnummer_tot}" if self.huisnummer_van is not None else ""
        return f"{self.postcode}{nummers}: {self.gebied}"

    def save(self, *args, **kwargs):
        self.straat_zoeknaam = normaliseer(self.straat)
        super().save(*args, **kwargs)

    @property
    def gebied(self):
        return self.buurt or self.wijk or self.kern

    @property
    def specificiteit(self) -> int:
        return len(self.postcode) * 10 + (5 if self.huisnummer_van is not None else 0)
