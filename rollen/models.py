"""Who is responsible for which area: roles, assignments over time, projects and routing rules."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from accounts.constants import Gebruikerssoort
from gebieden.models import naam_met_soort
from invoer.regels import CheckConstraint

from . import registry
from .constants import GEBIEDSROLLEN, LOPENDE_FASEN, NIVEAU_UITLEG, Fase, Participatieniveau, Rol, SoortWerk


def _datum(dag) -> str:
    return dag.strftime("%d-%m-%Y") if dag else "–"


class Rolbeschrijving(models.Model):
    """The description of a role shown to users. The set of roles is fixed in code (`Rol`)."""

    rol = models.CharField("rol", max_length=20, choices=Rol.choices, unique=True)
    beschrijving = models.TextField("beschrijving")

    history = HistoricalRecords()

    class Meta:
        ordering = ["rol"]
        verbose_name = "rolbeschrijving"
        verbose_name_plural = "rolbeschrijvingen"

    def __str__(self):
        return self.get_rol_display()


class Project(models.Model):
    """A big development that needs an Omgevingsmanager and a participation trajectory."""

    gemeente = models.ForeignKey(
        "gebieden.Gemeente", verbose_name="gemeente", on_delete=models.PROTECT, related_name="projecten"
    )
    naam = models.CharField("naam", max_length=150)
    slug = models.SlugField("slug", max_length=150)
    beschrijving = models.TextField("beschrijving", blank=True)
    fase = models.CharField("fase", max_length=20, choices=Fase.choices, default=Fase.INITIATIEF)
    kernen = models.ManyToManyField(
        "gebieden.Kern",
        verbose_name="kernen",
        blank=True,
        related_name="projecten",
        help_text="De kernen waar het project speelt. Laat kernen en wijken leeg voor de hele gemeente.",
    )
    wijken = models.ManyToManyField(
        "gebieden.Wijk", verbose_name="wijken", blank=True, related_name="projecten"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "naam"]
        verbose_name = "project"
        verbose_name_plural = "projecten"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "slug"], name="project_slug_uniek_per_gemeente"),
        ]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.naam)[:150]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("rollen:project", kwargs={"gemeente": self.gemeente.slug, "slug": self.slug})

    @property
    def is_lopend(self) -> bool:
        return self.fase in LOPENDE_FASEN

    def omgevingsmanager_toewijzing(self, op: datetime.date | None = None):
        """Today's (or that day's) Omgevingsmanager assignment, or None.

        Selectors prefetch it as `actieve_omgevingsmanagers` so lists need no query per project.
        """
        if op is None and hasattr(self, "actieve_omgevingsmanagers"):
            return self.actieve_omgevingsmanagers[0] if self.actieve_omgevingsmanagers else None
        return (
            self.toewijzingen.actief_op(op)
            .filter(rol=Rol.OMGEVINGSMANAGER)
            .select_related("medewerker")
            .first()
        )

    @property
    def omgevingsmanager(self):
        """The User who is Omgevingsmanager today, or None."""
        toewijzing = self.omgevingsmanager_toewijzing()
        return toewijzing.medewerker if toewijzing else None


class Participatiestap(models.Model):
    """One dated step of a project's participation trajectory."""

    project = models.ForeignKey(
        Project, verbose_name="project", on_delete=models.CASCADE, related_name="stappen"
    )
    datum = models.DateField("datum")
    wat = models.CharField(
        "wat", max_length=200, help_text="Bijvoorbeeld: informatieavond, enquête, werksessie."
    )
    met_wie = models.CharField(
        "met wie", max_length=200, help_text="Welke groepen of partijen deden mee. Geen namen van inwoners."
    )
    uitkomst = models.TextField("uitkomst", blank=True)
    niveau = models.CharField(
        "niveau",
        max_length=20,
        choices=Participatieniveau.choices,
        blank=True,
        help_text="De trede op de participatieladder: hoe zwaar telt de inbreng in deze stap?",
    )
    uitgevoerd = models.BooleanField(
        "uitgevoerd", default=False, help_text="Aan: de stap is gedaan. Uit: de stap is gepland."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "datum", "pk"]
        verbose_name = "participatiestap"
        verbose_name_plural = "participatiestappen"

    def __str__(self):
        return f"{_datum(self.datum)} {self.wat}"

    @property
    def niveau_uitleg(self) -> str:
        """What this step's level means for the weight of input (B1), or "" without a level."""
        return NIVEAU_UITLEG.get(self.niveau, "")


class ToewijzingQuerySet(models.QuerySet):
    def actief_op(self, dag: datetime.date | None = None):
        dag = dag or datetime.date.today()
        return self.filter(Q(tot__isnull=True) | Q(tot__gte=dag), van__lte=dag)

    def overlappend(self, van: datetime.date, tot: datetime.date | None):
        """Assignments whose period shares at least one day with [van, tot] (tot None: open-ended)."""
        qs = self.filter(Q(tot__isnull=True) | Q(tot__gte=van))
        if tot is not None:
            qs = qs.filter(van__lte=tot)
        return qs


class Toewijzing(models.Model):
    """A person holds a role for an area (kern or wijk) or a project during a period."""

    rol = models.CharField("rol", max_length=20, choices=Rol.choices)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="medewerker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toewijzingen",
        limit_choices_to={"groups__name": Gebruikerssoort.MEDEWERKER},
        help_text="Een medewerker van de gemeente. Voor een wijkwethouder mag u ook alleen naam en contact invullen.",
    )
    naam = models.CharField(
        "naam",
        max_length=150,
        blank=True,
        help_text="Alleen als de persoon geen account heeft (wijkwethouder).",
    )
    email = models.EmailField("e-mail (werk)", blank=True)
    telefoon = models.CharField("telefoon (werk)", max_length=30, blank=True)
    gemeente = models.ForeignKey(
        "gebieden.Gemeente",
        verbose_name="gemeente",
        on_delete=models.PROTECT,
        related_name="toewijzingen",
        editable=False,
    )
    kern = models.ForeignKey(
        "gebieden.Kern",
        verbose_name="kern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toewijzingen",
    )
    wijk = models.ForeignKey(
        "gebieden.Wijk",
        verbose_name="wijk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toewijzingen",
    )
    project = models.ForeignKey(
        Project,
        verbose_name="project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toewijzingen",
    )
    van = models.DateField("van")
    tot = models.DateField("tot en met", null=True, blank=True, help_text="Leeg: tot nader order.")

    objects = ToewijzingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["rol", "van", "pk"]
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        constraints = [
            CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")),
                name="toewijzing_tot_na_van",
                violation_error_message="De einddatum ligt voor de begindatum.",
            ),
            CheckConstraint(
                condition=(
                    Q(rol=Rol.BEHEERDER, project__isnull=True)
                    & (Q(kern__isnull=False, wijk__isnull=True) | Q(kern__isnull=True, wijk__isnull=False))
                )
                | Q(
                    rol__in=[Rol.ADVISEUR, Rol.WIJKWETHOUDER],
                    kern__isnull=False,
                    wijk__isnull=True,
                    project__isnull=True,
                )
                | Q(rol=Rol.OMGEVINGSMANAGER, project__isnull=False, kern__isnull=True, wijk__isnull=True),
                name="toewijzing_gebied_past_bij_rol",
                violation_error_message="Het gebied past niet bij de rol.",
            ),
            CheckConstraint(
                condition=Q(medewerker__isnull=False) | (Q(rol=Rol.WIJKWETHOUDER) & ~Q(naam="")),
                name="toewijzing_heeft_persoon",
                violation_error_message="Kies een medewerker (of vul voor een wijkwethouder een naam in).",
            ),
        ]

    def __str__(self):
        return f"{self.get_rol_display()} {self.gebied_naam}: {self.persoon_naam}"

    def save(self, *args, **kwargs):
        self.gemeente_id = self._afgeleide_gemeente_id() or self.gemeente_id
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # The gemeente follows from the area; derive it before the required-field check.
        self.gemeente_id = self._afgeleide_gemeente_id() or self.gemeente_id
        super().clean_fields(exclude=exclude)

    # --- who and where -------------------------------------------------------------------------
    @property
    def persoon_naam(self) -> str:
        return self.medewerker.naam if self.medewerker_id else self.naam

    @property
    def persoon_email(self) -> str:
        return self.medewerker.email if self.medewerker_id else self.email

    @property
    def persoon_telefoon(self) -> str:
        return self.medewerker.telefoon if self.medewerker_id else self.telefoon

    @property
    def gebied(self):
        return self.wijk or self.kern or self.project

    @property
    def gebied_naam(self) -> str:
        if self.wijk_id:
            return self.wijk.naam_met_soort
        if self.kern_id:
            return self.kern.naam_met_soort
        if self.project_id:
            return naam_met_soort("project", self.project.naam)
        return ""

    def is_actief_op(self, dag: datetime.date | None = None) -> bool:
        dag = dag or datetime.date.today()
        return self.van <= dag and (self.tot is None or self.tot >= dag)

    def _afgeleide_gemeente_id(self):
        if self.wijk_id:
            return self.wijk.gemeente_id
        if self.kern_id:
            return self.kern.gemeente_id
        if self.project_id:
            return self.project.gemeente_id
        return None

    # --- rules ---------------------------------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        self._clean_gebied(errors)
        self._clean_persoon(errors)
        if self.van and self.tot and self.tot < self.van:
            errors["tot"] = "De einddatum ligt voor de begindatum."
        if errors:
            raise ValidationError(errors)
        self.gemeente_id = self._afgeleide_gemeente_id()
        self._clean_overlap()

    def _clean_gebied(self, errors):
        rol = self.rol
        if rol == Rol.OMGEVINGSMANAGER:
            if not self.project_id:
                errors["project"] = "Een Omgevingsmanager wordt aan een project toegewezen: kies een project."
            if self.kern_id or self.wijk_id:
                errors["kern"] = "Een Omgevingsmanager hoort bij een project, niet bij een kern of wijk."
        elif rol in (Rol.ADVISEUR, Rol.WIJKWETHOUDER):
            label = Rol(rol).label
            if not self.kern_id:
                errors["kern"] = f"Een {label} wordt aan een kern toegewezen: kies een kern."
            if self.wijk_id:
                errors["wijk"] = f"Een {label} hoort bij een hele kern, niet bij een wijk."
            if self.project_id:
                errors["project"] = f"Een {label} hoort bij een kern, niet bij een project."
        elif rol == Rol.BEHEERDER:
            if self.kern_id and self.wijk_id:
                errors["wijk"] = "Kies een wijk óf een hele kern, niet allebei."
            elif not (self.kern_id or self.wijk_id):
                errors["wijk"] = "Een Beheerder Leefomgeving wordt aan een wijk of een hele kern toegewezen."
            if self.project_id:
                errors["project"] = (
                    "Een Beheerder Leefomgeving hoort bij een wijk of kern, niet bij een project."
                )

    def _clean_persoon(self, errors):
        if self.medewerker_id:
            user = self.medewerker
            if not user.is_medewerker:
                errors["medewerker"] = f"{user.naam} is geen medewerker van een gemeente."
            else:
                gemeente_id = self._afgeleide_gemeente_id()
                if gemeente_id and user.gemeente_id != gemeente_id:
                    errors["medewerker"] = f"{user.naam} werkt niet voor de gemeente van dit gebied."
            if self.naam:
                errors["naam"] = "Vul geen naam in als u een medewerker kiest: de naam komt van het account."
        elif self.rol == Rol.WIJKWETHOUDER:
            if not self.naam:
                errors["naam"] = "Kies een medewerker of vul de naam van de wijkwethouder in."
            if not (self.email or self.telefoon):
                errors["email"] = (
                    "Vul een e-mailadres of telefoonnummer (werk) in, zodat inwoners contact kunnen opnemen."
                )
        elif self.rol:
            errors["medewerker"] = f"Kies de medewerker die {Rol(self.rol).label} wordt."

    def _clean_overlap(self):
        """At most one Beheerder, Adviseur and Wijkwethouder per area, and one Omgevingsmanager per project,
        on any day. A Beheerder for a whole kern covers each of its wijken."""
        if not self.van:
            return
        andere = Toewijzing.objects.filter(rol=self.rol).exclude(pk=self.pk).overlappend(self.van, self.tot)
        if self.rol == Rol.OMGEVINGSMANAGER:
            andere = andere.filter(project_id=self.project_id)
        elif self.rol == Rol.BEHEERDER and self.wijk_id:
            gebied = Q(wijk_id=self.wijk_id)
            if self.wijk.kern_id:
                gebied |= Q(kern_id=self.wijk.kern_id)
            andere = andere.filter(gebied)
        elif self.rol == Rol.BEHEERDER:
            andere = andere.filter(Q(kern_id=self.kern_id) | Q(wijk__kern_id=self.kern_id))
        elif self.rol in GEBIEDSROLLEN:
            andere = andere.filter(kern_id=self.kern_id)
        botsing = andere.select_related("medewerker", "kern", "wijk", "project").order_by("van").first()
        if botsing:
            periode = f"van {_datum(botsing.van)}" + (
                f" tot en met {_datum(botsing.tot)}" if botsing.tot else ""
            )
            raise ValidationError(
                {
                    "van": (
                        f"Deze periode overlapt met {botsing.persoon_naam}, {botsing.get_rol_display()} "
                        f"voor {botsing.gebied_naam} {periode}. Per gebied is er op elke dag hoogstens één "
                        f"{botsing.get_rol_display()}. Beëindig eerst die toewijzing of kies een latere begindatum."
                    )
                }
            )


class Overdracht(models.Model):
    """Append-only record of a hand-over: an assignment ended and its open work moved to a successor."""

    toewijzing = models.ForeignKey(
        Toewijzing,
        verbose_name="beëindigde toewijzing",
        on_delete=models.PROTECT,
        related_name="overdrachten",
    )
    opvolging = models.ForeignKey(
        Toewijzing,
        verbose_name="toewijzing van de opvolger",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    van = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="van", on_delete=models.PROTECT, null=True, related_name="+"
    )
    naar = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="naar", on_delete=models.PROTECT, null=True, related_name="+"
    )
    datum = models.DateField("laatste dag oude toewijzing")
    reden = models.TextField("reden", blank=True)
    verplaatst = models.JSONField("verplaatst werk", default=dict, help_text="Aantal per soort open werk.")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        ordering = ["-vastgelegd_op", "-pk"]
        verbose_name = "overdracht"
        verbose_name_plural = "overdrachten"

    def __str__(self):
        return f"Overdracht {self.toewijzing} per {_datum(self.datum)}"

    @property
    def totaal_verplaatst(self) -> int:
        return sum(self.verplaatst.values())


class Routeringsregel(models.Model):
    """Sends a kind of new work in an area to a role holder or a named staff member.

    The most specific rule wins (wijk, then kern, then the whole gemeente); without a rule, or when
    nobody holds the role, the work goes to the kern's Adviseur Leefomgeving.
    """

    gemeente = models.ForeignKey(
        "gebieden.Gemeente",
        verbose_name="gemeente",
        on_delete=models.CASCADE,
        related_name="routeringsregels",
    )
    soort_werk = models.CharField(
        "soort werk",
        max_length=50,
        help_text="Sleutel van het soort werk, bijvoorbeeld: "
        + ", ".join(f"{s.value} ({s.label.lower()})" for s in SoortWerk),
    )
    kern = models.ForeignKey(
        "gebieden.Kern",
        verbose_name="kern",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routeringsregels",
        help_text="Leeg laten (en geen wijk) voor de hele gemeente.",
    )
    wijk = models.ForeignKey(
        "gebieden.Wijk",
        verbose_name="wijk",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routeringsregels",
    )
    rol = models.CharField(
        "naar rol",
        max_length=20,
        blank=True,
        choices=[(Rol.BEHEERDER.value, Rol.BEHEERDER.label), (Rol.ADVISEUR.value, Rol.ADVISEUR.label)],
        help_text="Wie deze rol vandaag in het gebied heeft, krijgt het werk.",
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="naar medewerker",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"groups__name": Gebruikerssoort.MEDEWERKER},
    )
    toelichting = models.CharField("toelichting", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "soort_werk", "pk"]
        verbose_name = "routeringsregel"
        verbose_name_plural = "routeringsregels"
        constraints = [
            CheckConstraint(
                condition=(Q(rol="") & Q(medewerker__isnull=False))
                | (~Q(rol="") & Q(medewerker__isnull=True)),
                name="routeringsregel_rol_of_medewerker",
                violation_error_message="Kies een rol óf een medewerker.",
            ),
            CheckConstraint(
                condition=Q(kern__isnull=True) | Q(wijk__isnull=True),
                name="routeringsregel_kern_of_wijk",
                violation_error_message="Kies een kern óf een wijk (of geen van beide voor de hele gemeente).",
            ),
        ]

    def __str__(self):
        gebied = self.wijk or self.kern or self.gemeente
        naar = self.medewerker or self.get_rol_display()
        return f"{self.soort_werk_label} in {gebied} → {naar}"

    @property
    def soort_werk_label(self) -> str:
        return registry.soort_werk_label(self.soort_werk)

    @property
    def specificiteit(self) -> int:
        return 2 if self.wijk_id else 1 if self.kern_id else 0

    def clean(self):
        super().clean()
        errors = {}
        if self.rol and self.medewerker_id:
            errors["medewerker"] = "Kies een rol óf een medewerker, niet allebei."
        elif not self.rol and not self.medewerker_id:
            errors["rol"] = "Kies naar welke rol of welke medewerker het werk gaat."
        if self.kern_id and self.wijk_id:
            errors["wijk"] = "Kies een kern óf een wijk, niet allebei."
        if self.gemeente_id:
            if self.kern_id and self.kern.gemeente_id != self.gemeente_id:
                errors["kern"] = "Deze kern hoort bij een andere gemeente."
            if self.wijk_id and self.wijk.gemeente_id != self.gemeente_id:
                errors["wijk"] = "Deze wijk hoort bij een andere gemeente."
            if self.medewerker_id and self.medewerker.gemeente_id != self.gemeente_id:
                errors["medewerker"] = "Deze medewerker werkt niet voor deze gemeente."
        if self.soort_werk and self.soort_werk not in dict(registry.soorten_werk()):
            errors["soort_werk"] = "Dit soort werk kent het portaal niet. Kies een soort werk uit de lijst."
        if errors:
            raise ValidationError(errors)
        dubbel = Routeringsregel.objects.filter(
            gemeente_id=self.gemeente_id,
            soort_werk=self.soort_werk,
            kern_id=self.kern_id,
            wijk_id=self.wijk_id,
        ).exclude(pk=self.pk)
        if self.gemeente_id and dubbel.exists():
            raise ValidationError(
                {"soort_werk": "Er is al een regel voor dit soort werk in dit gebied. Pas die regel aan."}
            )
