"""The yearly budget, its regulation and (later in this module) the applications against it."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bestanden import Bestandstype, BestandValidator, WillekeurigeNaam, prive_opslag
from invoer.regels import CheckConstraint
from werkstroom.models import Historie

from .constants import (
    TERMIJN_LOOPT,
    VOLGENDE_STAP_GROEP,
    VOLGENDE_STAP_JAARBIJDRAGE,
    BijlageSoort,
    Soort,
    Status,
)
from .termijnen import Dwangsom, dwangsom

# The legal term runs while the application is open and not waiting for the group. Asking for information
# stops it (Awb 4:15), except when the term had already passed: a late decision stays late, and the penalty
# of Awb 4:17 keeps running (aanvulling_vragen then leaves opgeschort_sinds empty).
TERMIJN_LOOPT_Q = Q(status__in=TERMIJN_LOOPT) | Q(
    status=Status.AANVULLING_GEVRAAGD, opgeschort_sinds__isnull=True
)


def te_laat_q(vandaag: date) -> Q:
    """Past the decision date while the term runs: the work queue's filter and its mark (one rule with
    `Aanvraag.is_te_laat`, which says it for one application)."""
    return TERMIJN_LOOPT_Q & Q(uiterste_beslisdatum__lt=vandaag)


NUL = Decimal("0.00")


def bedrag_veld(verbose_name, **kwargs):
    kwargs.setdefault("validators", [MinValueValidator(NUL, "Het bedrag mag niet negatief zijn.")])
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def standaard_aanvragers() -> list[str]:
    """Who may apply when a regulation says nothing else: activiteitencommissies (a bewonersgroep is
    financed through its samenwerkingsovereenkomst; project and theme committees elsewhere)."""
    from bewonersgroepen.constants import Groepsoort

    return [Groepsoort.ACTIVITEITENCOMMISSIE.value]


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
    aanvragers = models.JSONField(
        "wie mag aanvragen",
        default=standaard_aanvragers,
        help_text="De soorten groepen die geld kunnen aanvragen. Standaard alleen activiteitencommissies.",
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
            CheckConstraint(
                condition=Q(max_per_aanvraag__isnull=True) | Q(max_per_aanvraag__gte=0),
                name="regeling_max_aanvraag_niet_negatief",
            ),
            CheckConstraint(
                condition=Q(max_per_groep_per_jaar__isnull=True) | Q(max_per_groep_per_jaar__gte=0),
                name="regeling_max_groep_niet_negatief",
            ),
            CheckConstraint(condition=Q(direct_vaststellen_tot__gte=0), name="regeling_direct_niet_negatief"),
            CheckConstraint(condition=Q(beslistermijn_weken__gte=1), name="regeling_beslistermijn_positief"),
        ]

    def __str__(self):
        return f"Regeling {self.gemeente} {self.jaar}"

    def clean(self):
        super().clean()
        from bewonersgroepen.constants import Groepsoort

        if not isinstance(self.aanvragers, list) or any(s not in Groepsoort.values for s in self.aanvragers):
            raise ValidationError({"aanvragers": "Kies uit de soorten groepen."})
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
            CheckConstraint(condition=Q(totaal__gte=0), name="budget_totaal_niet_negatief"),
            CheckConstraint(condition=Q(vastgelegd__gte=0), name="budget_vastgelegd_niet_negatief"),
            CheckConstraint(condition=Q(vastgelegd__lte=F("totaal")), name="budget_niet_overschreden"),
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
            CheckConstraint(condition=Q(plafond__gte=0), name="kernplafond_niet_negatief"),
            CheckConstraint(condition=Q(vastgelegd__gte=0), name="kernplafond_vastgelegd_niet_negatief"),
            CheckConstraint(condition=Q(vastgelegd__lte=F("plafond")), name="kernplafond_niet_overschreden"),
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


class Aanvraag(models.Model):
    """An application of a resident group for money from the year's budget.

    The amount asked is derived from the cost lines (`totale_kosten` minus own contribution and
    co-funding); the services keep the stored figures in step and a constraint proves the sum.
    Status only changes through `services.aanvraag_overgang`, which appends a `Statuswijziging`.
    """

    gemeente = models.ForeignKey("gebieden.Gemeente", on_delete=models.PROTECT, related_name="aanvragen")
    groep = models.ForeignKey("bewonersgroepen.Groep", on_delete=models.PROTECT, related_name="aanvragen")
    # A jaarbijdrage is the year's contribution of a samenwerkingsovereenkomst: one per agreement per year.
    soort = models.CharField("soort", max_length=20, choices=Soort.choices, default=Soort.AANVRAAG)
    overeenkomst = models.ForeignKey(
        "bewonersgroepen.Samenwerkingsovereenkomst",
        verbose_name="samenwerkingsovereenkomst",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jaarbijdragen",
    )
    titel = models.CharField("titel", max_length=200, help_text="Een korte naam voor de activiteit.")
    omschrijving = models.TextField("wat gaat u doen?", blank=True)
    doel = models.TextField(
        "wat levert het op?", blank=True, help_text="Hoe wordt de buurt, wijk of kern er beter van?"
    )
    kern = models.ForeignKey(
        "gebieden.Kern",
        verbose_name="kern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvragen",
    )
    wijk = models.ForeignKey(
        "gebieden.Wijk",
        verbose_name="wijk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvragen",
        help_text="Alleen invullen als de activiteit in één wijk plaatsvindt.",
    )
    datum_van = models.DateField("datum (of eerste dag)", null=True, blank=True)
    datum_tot = models.DateField(
        "laatste dag", null=True, blank=True, help_text="Alleen bij een activiteit van meer dagen."
    )
    verwacht_aantal_deelnemers = models.PositiveIntegerField(
        "verwacht aantal deelnemers", null=True, blank=True
    )
    eigen_bijdrage = bedrag_veld("eigen bijdrage", default=NUL, help_text="Wat de groep zelf betaalt.")
    cofinanciering = bedrag_veld(
        "cofinanciering", default=NUL, help_text="Wat anderen (fondsen, sponsors) betalen."
    )
    cofinanciering_door = models.CharField("cofinanciering door", max_length=200, blank=True)
    totale_kosten = bedrag_veld("totale kosten", default=NUL, editable=False)
    gevraagd_bedrag = bedrag_veld("gevraagd bedrag", default=NUL, editable=False)

    status = models.CharField("status", max_length=30, choices=Status.choices, default=Status.CONCEPT)
    begrotingsjaar = models.PositiveSmallIntegerField(
        "begrotingsjaar", help_text="Het jaar van het budget waar de aanvraag voor telt."
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="behandelaar",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="behandelde_aanvragen",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A staff member who entered the application on the group's behalf (phone, desk); empty when the group
    # itself did. Four eyes: this staff member does not decide it (`vier_ogen`).
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingevoerd door (medewerker, namens de groep)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When a member ticked "Ik heb de voorwaarden gelezen" (the regulation's checklist); needed to submit.
    voorwaarden_gelezen_op = models.DateTimeField("voorwaarden gelezen op", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    # The legal term.
    ingediend_op = models.DateTimeField("ingediend op", null=True, blank=True)
    beslistermijn_dagen = models.PositiveSmallIntegerField("beslistermijn (dagen)", null=True, blank=True)
    opgeschort_dagen = models.PositiveIntegerField("dagen opgeschort", default=0)
    opgeschort_sinds = models.DateField("opgeschort sinds", null=True, blank=True)
    verdaging_dagen = models.PositiveSmallIntegerField("verdaagd met (dagen)", default=0)
    verdaging_reden = models.TextField("reden verdaging", blank=True)
    uiterste_beslisdatum = models.DateField("uiterste beslisdatum", null=True, blank=True, db_index=True)
    ingebrekestelling_op = models.DateField("ingebrekestelling ontvangen op", null=True, blank=True)

    # The decision.
    besluit_op = models.DateTimeField("besluit op", null=True, blank=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    motivering = models.TextField("motivering", blank=True)
    voorwaarden = models.TextField("voorwaarden", blank=True)
    toegekend_bedrag = bedrag_veld("toegekend bedrag", null=True, blank=True)
    # The group's payment details as they were at the decision, and the letter as it was sent.
    besluit_iban = models.CharField("IBAN bij het besluit", max_length=34, blank=True, editable=False)
    besluit_tenaamstelling = models.CharField(
        "op naam van bij het besluit", max_length=150, blank=True, editable=False
    )
    beschikking_pdf = models.FileField(
        "beschikking (PDF)",
        storage=prive_opslag,
        upload_to=WillekeurigeNaam("beschikkingen"),
        validators=[BestandValidator(soorten=[Bestandstype.PDF], max_mb=10)],
        blank=True,
        editable=False,
        max_length=200,
    )
    direct_vastgesteld = models.BooleanField("direct vastgesteld", default=False)
    doorlooptijd_dagen = models.PositiveIntegerField("doorlooptijd (dagen)", null=True, blank=True)
    budget = models.ForeignKey(
        Budget, on_delete=models.PROTECT, null=True, blank=True, related_name="aanvragen"
    )
    kernplafond = models.ForeignKey(
        Kernplafond, on_delete=models.PROTECT, null=True, blank=True, related_name="aanvragen"
    )

    # Payment.
    uitbetaald_op = models.DateField("uitbetaald op", null=True, blank=True)
    uitbetaald_bedrag = bedrag_veld("uitbetaald bedrag", null=True, blank=True)
    betaalkenmerk = models.CharField("betaalkenmerk", max_length=100, blank=True)
    betaling_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Where the money went: the group's payment details when the payment was registered.
    betaling_iban = models.CharField("IBAN bij de betaling", max_length=34, blank=True, editable=False)
    betaling_tenaamstelling = models.CharField(
        "op naam van bij de betaling", max_length=150, blank=True, editable=False
    )

    # Accountability and settlement.
    werkelijke_kosten = bedrag_veld("werkelijke kosten", null=True, blank=True)
    verslag = models.TextField("kort verslag", blank=True)
    verantwoord_op = models.DateTimeField("verantwoording ingediend op", null=True, blank=True)
    vastgesteld_op = models.DateTimeField("vastgesteld op", null=True, blank=True)
    vastgesteld_bedrag = bedrag_veld("vastgesteld bedrag", null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vaststelling_motivering = models.TextField("motivering vaststelling", blank=True)
    terug_te_vorderen = bedrag_veld("terug te vorderen", default=NUL, editable=False)
    terugontvangen_op = models.DateField("terugbetaling ontvangen op", null=True, blank=True)
    vaststelling_pdf = models.FileField(
        "vaststellingsbeschikking (PDF)",
        storage=prive_opslag,
        upload_to=WillekeurigeNaam("beschikkingen"),
        validators=[BestandValidator(soorten=[Bestandstype.PDF], max_mb=10)],
        blank=True,
        editable=False,
        max_length=200,
    )
    # Optimistic locking: every service edit raises it (services._opslaan); an edit form sends the one it
    # showed, so saving over a co-member's newer edit is refused instead of silently overwriting it.
    versie = models.PositiveIntegerField("versie", default=1, editable=False)
    # What a member typed at a concept save that had wrong fields, as sent (field name -> values); the
    # edit form shows it again with its errors. The columns keep the last correct save; a correct save
    # (or a submission) clears this.
    concept_invoer = models.JSONField("invoer van het concept", null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "aanvraag"
        verbose_name_plural = "aanvragen"
        constraints = [
            CheckConstraint(condition=Q(eigen_bijdrage__gte=0), name="aanvraag_eigen_bijdrage_niet_negatief"),
            CheckConstraint(condition=Q(cofinanciering__gte=0), name="aanvraag_cofinanciering_niet_negatief"),
            CheckConstraint(condition=Q(gevraagd_bedrag__gte=0), name="aanvraag_gevraagd_niet_negatief"),
            CheckConstraint(
                condition=Q(gevraagd_bedrag=F("totale_kosten") - F("eigen_bijdrage") - F("cofinanciering")),
                name="aanvraag_gevraagd_volgt_uit_begroting",
            ),
            CheckConstraint(
                condition=Q(toegekend_bedrag__isnull=True) | Q(toegekend_bedrag__gte=0),
                name="aanvraag_toegekend_niet_negatief",
            ),
            CheckConstraint(
                condition=Q(vastgesteld_bedrag__isnull=True)
                | (Q(vastgesteld_bedrag__gte=0) & Q(vastgesteld_bedrag__lte=F("toegekend_bedrag"))),
                name="aanvraag_vastgesteld_binnen_toekenning",
            ),
            CheckConstraint(condition=Q(terug_te_vorderen__gte=0), name="aanvraag_terug_niet_negatief"),
            CheckConstraint(
                condition=Q(datum_tot__isnull=True)
                | Q(datum_van__isnull=True)
                | Q(datum_tot__gte=F("datum_van")),
                name="aanvraag_periode_oplopend",
            ),
            CheckConstraint(
                condition=Q(soort=Soort.AANVRAAG, overeenkomst__isnull=True)
                | Q(soort=Soort.JAARBIJDRAGE, overeenkomst__isnull=False),
                name="jaarbijdrage_hoort_bij_overeenkomst",
            ),
            models.UniqueConstraint(
                fields=["overeenkomst", "begrotingsjaar"],
                condition=Q(soort=Soort.JAARBIJDRAGE),
                name="een_jaarbijdrage_per_overeenkomst_per_jaar",
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "begrotingsjaar", "status"])]

    def __str__(self):
        return f"{self.kenmerk} {self.titel}"

    def get_absolute_url(self):
        return reverse("leefbaarheidsbudget:aanvraag", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        fouten = {}
        if self.kern_id and self.gemeente_id and self.kern.gemeente_id != self.gemeente_id:
            fouten["kern"] = "Kies een kern in de gemeente van uw groep."
        if self.wijk_id and self.kern_id and self.wijk.kern_id != self.kern_id:
            fouten["wijk"] = "Deze wijk ligt niet in de gekozen kern."
        if self.datum_van and self.datum_tot and self.datum_tot < self.datum_van:
            fouten["datum_tot"] = "De laatste dag ligt vóór de eerste dag."
        bedragen = (self.eigen_bijdrage, self.cofinanciering, self.totale_kosten)
        if None not in bedragen and bedragen[0] + bedragen[1] > bedragen[2]:
            fouten["eigen_bijdrage"] = (
                "De eigen bijdrage en de cofinanciering zijn samen hoger dan de kosten in de begroting."
            )
        if fouten:
            raise ValidationError(fouten)

    @property
    def uitbetaalrekening(self) -> str:
        """The IBAN recorded for this application: at the payment, else at the decision."""
        return self.betaling_iban or self.besluit_iban

    @property
    def kenmerk(self) -> str:
        return f"LB-{self.begrotingsjaar}-{self.pk or 0:05d}"

    @property
    def termijn_opgeschort(self) -> bool:
        return self.status == Status.AANVULLING_GEVRAAGD and self.opgeschort_sinds is not None

    @property
    def termijn_loopt(self) -> bool:
        """As TERMIJN_LOOPT_Q, for one application."""
        return self.status in TERMIJN_LOOPT or (
            self.status == Status.AANVULLING_GEVRAAGD and self.opgeschort_sinds is None
        )

    def is_te_laat(self, vandaag: date | None = None) -> bool:
        vandaag = vandaag or timezone.localdate()
        return (
            self.termijn_loopt
            and self.uiterste_beslisdatum is not None
            and self.uiterste_beslisdatum < vandaag
        )

    def dwangsom(self, vandaag: date | None = None) -> Dwangsom | None:
        """The accruing Awb 4:17 penalty, or None when no notice of default was registered."""
        if not self.ingebrekestelling_op:
            return None
        tot = timezone.localdate(self.besluit_op) if self.besluit_op else (vandaag or timezone.localdate())
        return dwangsom(ingebrekestelling_op=self.ingebrekestelling_op, tot=tot)

    @property
    def is_jaarbijdrage(self) -> bool:
        return self.soort == Soort.JAARBIJDRAGE

    @property
    def volgende_stap(self) -> str:
        if self.is_jaarbijdrage and self.status in VOLGENDE_STAP_JAARBIJDRAGE:
            return VOLGENDE_STAP_JAARBIJDRAGE[self.status]
        return VOLGENDE_STAP_GROEP[self.status]

    @property
    def openstaande_terugvordering(self) -> Decimal:
        return NUL if self.terugontvangen_op else self.terug_te_vorderen

    @property
    def is_vastgesteld(self) -> bool:
        """The final amount is settled: after the accountability, or at once with the decision."""
        return self.vastgesteld_bedrag is not None

    @property
    def nog_te_betalen(self) -> Decimal:
        """What the gemeente still pays of the settled amount (a grant settled at once, not yet paid)."""
        if self.vastgesteld_bedrag is None:
            return NUL
        return max(NUL, self.vastgesteld_bedrag - (self.uitbetaald_bedrag or NUL))


class Kostenpost(models.Model):
    """One line of the cost breakdown (begroting)."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="kostenposten")
    omschrijving = models.CharField("omschrijving", max_length=200)
    bedrag = bedrag_veld(
        "bedrag", validators=[MinValueValidator(Decimal("0.01"), "Vul een bedrag hoger dan € 0,00 in.")]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "kostenpost"
        verbose_name_plural = "kostenposten"
        constraints = [CheckConstraint(condition=Q(bedrag__gt=0), name="kostenpost_bedrag_positief")]

    def __str__(self):
        return f"{self.omschrijving}: {self.bedrag}"


class Bijlage(models.Model):
    """A document with the application (quote, plan) or a photo with the accountability."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="bijlagen")
    soort = models.CharField(
        "soort", max_length=10, choices=BijlageSoort.choices, default=BijlageSoort.BIJLAGE
    )
    bestand = models.FileField(
        "bestand",
        storage=prive_opslag,
        upload_to=WillekeurigeNaam("aanvragen"),
        validators=[
            BestandValidator(soorten=[Bestandstype.PDF, Bestandstype.JPEG, Bestandstype.PNG], max_mb=10)
        ],
        help_text="Een PDF, JPG of PNG van hoogstens 10 MB.",
    )
    naam = models.CharField("naam", max_length=200)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    toegevoegd_op = models.DateTimeField("toegevoegd op", auto_now_add=True)

    class Meta:
        ordering = ["toegevoegd_op", "pk"]
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"

    def __str__(self):
        return self.naam


class Statuswijziging(Historie):
    """Append-only history of an application: every transition, and events such as an extension.

    Events keep the status (van == naar) and say what happened in `gebeurtenis`.
    """

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField("van", max_length=30, choices=Status.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=Status.choices)
    gebeurtenis = models.CharField("gebeurtenis", max_length=100, blank=True)
    # The timeline outlives an account that is removed (the decision stays, the name goes).
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"

    def __str__(self):
        return f"{self.aanvraag_id}: {self.van or '–'} → {self.naar}"
