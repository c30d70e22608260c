"""The yearly budget, its regulation and (later in this module) the applications against it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from simple_history.models import HistoricalRecords

NUL = Decimal("0.00")


def bedrag_veld(verbose_name, **kwargs):
    kwargs.setdefault("validators", [MinValueValidator(NUL, "Het bedrag mag niet negatief zijn.")])
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class Regeling(models.Model):
    """The rules of the Leefbaarheidsbudget of one gemeente for one year."""

    gemeente = models.ForeignKey(
        "gebieden.Gemeente", on_delete=models.PROTECT, related_name="budgetregelingen"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    max_per_aanvraag = bedrag_veld(
        "maximum per aanvraag", null=True, blank=True, help_text="Leeg: geen maximum per aanvraag."
    )
    max_per_groep_per_jaar = bedrag_veld(
        "maximum per groep per jaar", null=True, blank=True, help_text="Leeg: geen maximum per groep."
    )
    minimale_voorbereiding_dagen = models.PositiveSmallIntegerField(
        "minimale tijd tussen aanvraag en activiteit (dagen)",
        default=42,
        help_text="Bijvoorbeeld 42 dagen (zes weken): zo veel dagen vóór de activiteit moet de aanvraag binnen zijn.",
    )
    beslistermijn_weken = models.PositiveSmallIntegerField(
        "beslistermijn (weken)",
        default=8,
        validators=[MinValueValidator(1, "De beslistermijn is minstens één week.")],
        help_text="Binnen deze termijn beslist de gemeente (Awb: acht weken als de regeling niets zegt).",
    )
    direct_vaststellen_tot = bedrag_veld(
        "direct vaststellen tot en met",
        default=Decimal("5000.00"),
        help_text="Toekenningen tot en met dit bedrag worden meteen vastgesteld: geen verantwoording nodig.",
    )
    sluitingsdatum = models.DateField(
        "sluitingsdatum",
        null=True,
        blank=True,
        help_text="Aanvragen die ná deze datum worden ingediend, tellen mee voor het budget van volgend jaar.",
    )
    vier_ogen = models.BooleanField(
        "vier-ogenprincipe",
        default=True,
        help_text="Wie besliste, registreert niet de betaling; wie de betaling registreerde, stelt niet vast.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "-jaar"]
        verbose_name = "regeling"
        verbose_name_plural = "regelingen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar"], name="regeling_uniek_per_gemeente_jaar"),
            models.CheckConstraint(
                condition=Q(max_per_aanvraag__isnull=True) | Q(max_per_aanvraag__gte=0),
                name="regeling_max_aanvraag_niet_negatief",
            ),
            models.CheckConstraint(
                condition=Q(max_per_groep_per_jaar__isnull=True) | Q(max_per_groep_per_jaar__gte=0),
                name="regeling_max_groep_niet_negatief",
            ),
            models.CheckConstraint(
                condition=Q(direct_vaststellen_tot__gte=0), name="regeling_direct_niet_negatief"
            ),
            models.CheckConstraint(
                condition=Q(beslistermijn_weken__gte=1), name="regeling_beslistermijn_positief"
            ),
        ]

    def __str__(self):
        return f"Regeling {self.gemeente} {self.jaar}"

    def clean(self):
        super().clean()
        if self.sluitingsdatum and self.jaar and self.sluitingsdatum.year != self.jaar:
            raise ValidationError({"sluitingsdatum": f"De sluitingsdatum moet in {self.jaar} liggen."})
        if (
            self.max_per_aanvraag is not None
            and self.max_per_groep_per_jaar is not None
            and self.max_per_aanvraag > self.max_per_groep_per_jaar
        ):
            raise ValidationError(
                {"max_per_aanvraag": "Het maximum per aanvraag is hoger dan het maximum per groep per jaar."}
            )

    @property
    def beslistermijn_dagen(self) -> int:
        return self.beslistermijn_weken * 7


class Budget(models.Model):
    """The money of one gemeente for one year. `vastgelegd` is what grants hold: never above `totaal`.

    `vastgelegd` = granted-but-not-settled + settled amounts. Only the services in `services.py`
    change it, with a locked row and a conditional UPDATE, so it is never over-committed.
    """

    gemeente = models.ForeignKey("gebieden.Gemeente", on_delete=models.PROTECT, related_name="budgetten")
    jaar = models.PositiveSmallIntegerField("jaar")
    totaal = bedrag_veld("totaal")
    vastgelegd = bedrag_veld("vastgelegd", default=NUL, editable=False)
    toelichting = models.TextField("toelichting", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "-jaar"]
        verbose_name = "budget"
        verbose_name_plural = "budgetten"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar"], name="budget_uniek_per_gemeente_jaar"),
            models.CheckConstraint(condition=Q(totaal__gte=0), name="budget_totaal_niet_negatief"),
            models.CheckConstraint(condition=Q(vastgelegd__gte=0), name="budget_vastgelegd_niet_negatief"),
            models.CheckConstraint(condition=Q(vastgelegd__lte=F("totaal")), name="budget_niet_overschreden"),
        ]

    def __str__(self):
        return f"Leefbaarheidsbudget {self.gemeente} {self.jaar}"

    def clean(self):
        super().clean()
        if self.totaal is not None and self.vastgelegd is not None and self.totaal < self.vastgelegd:
            raise ValidationError(
                {"totaal": f"Er is al {self.vastgelegd} toegekend; het totaal kan niet lager zijn dan dat."}
            )
        if self.pk and self.totaal is not None:
            plafonds = self.kernplafonds.aggregate(s=Sum("plafond"))["s"] or NUL
            if plafonds > self.totaal:
                raise ValidationError(
                    {
                        "totaal": f"De plafonds van de kernen zijn samen {plafonds}: het totaal moet minstens zo hoog zijn."
                    }
                )

    @property
    def vrij(self) -> Decimal:
        return self.totaal - self.vastgelegd


class Kernplafond(models.Model):
    """Optional ceiling for one kern inside a year's budget; grants in that kern count against both."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="kernplafonds")
    kern = models.ForeignKey("gebieden.Kern", on_delete=models.PROTECT, related_name="budgetplafonds")
    plafond = bedrag_veld("plafond")
    vastgelegd = bedrag_veld("vastgelegd", default=NUL, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kern__naam"]
        verbose_name = "kernplafond"
        verbose_name_plural = "kernplafonds"
        constraints = [
            models.UniqueConstraint(fields=["budget", "kern"], name="kernplafond_uniek_per_budget_kern"),
            models.CheckConstraint(condition=Q(plafond__gte=0), name="kernplafond_niet_negatief"),
            models.CheckConstraint(
                condition=Q(vastgelegd__gte=0), name="kernplafond_vastgelegd_niet_negatief"
            ),
            models.CheckConstraint(
                condition=Q(vastgelegd__lte=F("plafond")), name="kernplafond_niet_overschreden"
            ),
        ]

    def __str__(self):
        return f"{self.kern}: {self.plafond}"

    def clean(self):
        super().clean()
        if self.kern_id and self.budget_id and self.kern.gemeente_id != self.budget.gemeente_id:
            raise ValidationError({"kern": "Deze kern hoort niet bij de gemeente van het budget."})
        if self.plafond is not None and self.vastgelegd is not None and self.plafond < self.vastgelegd:
            raise ValidationError(
                {
                    "plafond": f"Er is in deze kern al {self.vastgelegd} toegekend; het plafond kan niet lager zijn."
                }
            )
        if self.budget_id and self.plafond is not None:
            andere = (
                Kernplafond.objects.filter(budget_id=self.budget_id)
                .exclude(pk=self.pk)
                .aggregate(s=Sum("plafond"))["s"]
                or NUL
            )
            if andere + self.plafond > self.budget.totaal:
                raise ValidationError(
                    {"plafond": "De plafonds van de kernen zijn samen hoger dan het totale budget."}
                )

    @property
    def vrij(self) -> Decimal:
        return self.plafond - self.vastgelegd
