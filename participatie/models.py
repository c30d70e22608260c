"""The participation plan of a project, its stakeholders, and the gemeente's register of ketenpartners.

The plan's steps are `rollen.Participatiestap` rows of the plan's project (`plan.project.stappen`), each
with its level on the ladder and whether it is done; consultation rounds (later) hang off a step."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from invoer.regels import CheckConstraint
from werkstroom.models import Historie

from .constants import ALGEMENE_SOORTEN, Belanghebbendesoort, Besluitorgaan, Partnersoort, Planstatus


class Ketenpartner(models.Model):
    """A partner organisation of a gemeente. Organisation contacts only: never a person's name or details."""

    gemeente = models.ForeignKey(
        "gebieden.Gemeente", verbose_name="gemeente", on_delete=models.PROTECT, related_name="ketenpartners"
    )
    naam = models.CharField("naam", max_length=150)
    soort = models.CharField("soort organisatie", max_length=20, choices=Partnersoort.choices)
    omschrijving = models.TextField("wat doet de organisatie", blank=True)
    kernen = models.ManyToManyField(
        "gebieden.Kern",
        verbose_name="kernen",
        blank=True,
        related_name="ketenpartners",
        help_text="Waar de organisatie werkt. Laat kernen en wijken leeg voor de hele gemeente.",
    )
    wijken = models.ManyToManyField(
        "gebieden.Wijk", verbose_name="wijken", blank=True, related_name="ketenpartners"
    )
    themas = models.ManyToManyField(
        "gebiedsagenda.Thema", verbose_name="thema's", blank=True, related_name="ketenpartners"
    )
    email = models.EmailField(
        "e-mailadres van de organisatie", blank=True, help_text="Een algemeen adres, geen persoonlijk adres."
    )
    telefoon = models.CharField(
        "telefoonnummer van de organisatie", max_length=30, blank=True, help_text="Een algemeen nummer."
    )
    website = models.URLField("website", blank=True)
    actief = models.BooleanField("actief", default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "naam"]
        verbose_name = "ketenpartner"
        verbose_name_plural = "ketenpartners"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="ketenpartner_naam_uniek_per_gemeente"),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("participatie:ketenpartner", kwargs={"pk": self.pk})


class Participatieplan(models.Model):
    """How a project involves people: the question, what is open for influence, the decision it feeds.

    Public once published (werkstromen.PLAN); its steps are the project's `stappen`."""

    project = models.OneToOneField(
        "rollen.Project", verbose_name="project", on_delete=models.CASCADE, related_name="participatieplan"
    )
    vraag = models.TextField("de vraag", help_text="Waar gaat het traject over? Eén of twee zinnen.")
    wel_invloed = models.TextField("waar u invloed op heeft")
    geen_invloed = models.TextField(
        "waar u geen invloed op heeft",
        blank=True,
        help_text="Bijvoorbeeld: wat al besloten is, of wat de wet vastlegt.",
    )
    besluitorgaan = models.CharField(
        "wie besluit", max_length=10, choices=Besluitorgaan.choices, default=Besluitorgaan.COLLEGE
    )
    besluit_verwacht = models.DateField("besluit verwacht in", null=True, blank=True)
    besluit_genomen_op = models.DateField("besluit genomen op", null=True, blank=True)
    besluit = models.TextField(
        "het besluit", blank=True, help_text="Wat is besloten? Vul in als het besluit er is."
    )
    themas = models.ManyToManyField(
        "gebiedsagenda.Thema",
        verbose_name="thema's",
        blank=True,
        related_name="participatieplannen",
        help_text="Helpt om ketenpartners voor te stellen.",
    )
    status = models.CharField("status", max_length=20, choices=Planstatus.choices, default=Planstatus.CONCEPT)
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "participatieplan"
        verbose_name_plural = "participatieplannen"
        constraints = [
            CheckConstraint(
                condition=Q(besluit="") | Q(besluit_genomen_op__isnull=False),
                name="plan_besluit_met_datum",
            ),
        ]

    def __str__(self):
        return f"Participatieplan {self.project}"

    def get_absolute_url(self):
        return reverse(
            "participatie:plan", kwargs={"gemeente": self.project.gemeente.slug, "slug": self.project.slug}
        )

    def clean(self):
        if self.besluit.strip() and not self.besluit_genomen_op:
            raise ValidationError({"besluit_genomen_op": "Vul in wanneer het besluit is genomen."})

    @property
    def is_gepubliceerd(self) -> bool:
        return self.status == Planstatus.GEPUBLICEERD


class Planstatuswijziging(Historie):
    """Append-only: one row per status step of a plan (werkstromen.PLAN writes it)."""

    plan = models.ForeignKey(Participatieplan, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField("van", max_length=30, choices=Planstatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=Planstatus.choices)

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"

    def __str__(self):
        return f"{self.plan}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


class Belanghebbende(models.Model):
    """A stakeholder a plan involves: a resident group, a ketenpartner, the area's residents, or the
    council members (for information). Groups and partners are named publicly; no private person is."""

    plan = models.ForeignKey(Participatieplan, on_delete=models.CASCADE, related_name="belanghebbenden")
    soort = models.CharField("soort", max_length=20, choices=Belanghebbendesoort.choices)
    groep = models.ForeignKey(
        "bewonersgroepen.Groep", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    ketenpartner = models.ForeignKey(
        Ketenpartner, on_delete=models.CASCADE, null=True, blank=True, related_name="belanghebbenden"
    )
    toelichting = models.CharField(
        "rol in het traject",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: denkt mee over de inrichting.",
    )
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    toegevoegd_op = models.DateTimeField("toegevoegd op", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["soort", "pk"]
        verbose_name = "belanghebbende"
        verbose_name_plural = "belanghebbenden"
        constraints = [
            CheckConstraint(
                condition=(
                    Q(soort=Belanghebbendesoort.GROEP, groep__isnull=False, ketenpartner__isnull=True)
                    | Q(
                        soort=Belanghebbendesoort.KETENPARTNER, groep__isnull=True, ketenpartner__isnull=False
                    )
                    | Q(soort__in=ALGEMENE_SOORTEN, groep__isnull=True, ketenpartner__isnull=True)
                ),
                name="belanghebbende_soort_past",
            ),
            models.UniqueConstraint(fields=["plan", "groep"], name="belanghebbende_groep_eenmaal"),
            models.UniqueConstraint(fields=["plan", "ketenpartner"], name="belanghebbende_partner_eenmaal"),
            models.UniqueConstraint(
                fields=["plan", "soort"],
                condition=Q(soort__in=ALGEMENE_SOORTEN),
                name="belanghebbende_algemeen_eenmaal",
            ),
        ]

    def __str__(self):
        return self.naam

    @property
    def naam(self) -> str:
        if self.groep_id:
            return self.groep.naam
        if self.ketenpartner_id:
            return self.ketenpartner.naam
        return self.get_soort_display()


from .raadpleging_models import *  # noqa: E402,F401,F403  (consultation rounds: raadpleging_models.py)
