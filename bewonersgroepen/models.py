"""Resident groups, their members and invitations, and the samenwerkingsovereenkomst."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.emailadres import EmailadresVeld
from bestanden import Bestandstype, BestandValidator, WillekeurigeNaam, prive_opslag
from invoer.regels import CheckConstraint
from werkstroom.models import Historie

from .constants import (
    BESTUURSFUNCTIES,
    OVEREENKOMST_MAX_MB,
    Functie,
    Groepsoort,
    Groepstatus,
    Overeenkomststatus,
    Standpunt,
    Wijzigingsstatus,
)
from .validators import (
    iban_validator,
    kvk_nummer_validator,
    normaliseer_iban,
    normaliseer_postcode,
    postcode_validator,
)


class Groep(models.Model):
    """A resident group of one of four kinds, working in one or more kernen/wijken of one gemeente."""

    soort = models.CharField("soort groep", max_length=30, choices=Groepsoort.choices)
    naam = models.CharField("naam", max_length=150)
    slug = models.SlugField("slug", max_length=160)
    gemeente = models.ForeignKey(
        "gebieden.Gemeente", verbose_name="gemeente", on_delete=models.PROTECT, related_name="groepen"
    )
    kernen = models.ManyToManyField(
        "gebieden.Kern", verbose_name="kernen", blank=True, related_name="groepen"
    )
    wijken = models.ManyToManyField(
        "gebieden.Wijk", verbose_name="wijken", blank=True, related_name="groepen"
    )
    beschrijving = models.TextField("wat doet de groep", blank=True)
    email = models.EmailField("e-mailadres (openbaar)")
    kvk_nummer = models.CharField(
        "KvK-nummer", max_length=8, blank=True, validators=[kvk_nummer_validator], help_text="8 cijfers."
    )
    # The group's postal address: the address block of the gemeente's letters (beschikking, vaststelling).
    adres = models.CharField(
        "postadres", max_length=150, blank=True, help_text="Straat en huisnummer, of een postbus."
    )
    postcode = models.CharField(
        "postcode",
        max_length=7,
        blank=True,
        validators=[postcode_validator],
        help_text="Bijvoorbeeld 3621 AB.",
    )
    plaats = models.CharField("plaats", max_length=80, blank=True)
    iban = models.CharField(
        "IBAN",
        max_length=34,
        blank=True,
        validators=[iban_validator],
        help_text="Voor betalingen aan de groep.",
    )
    tenaamstelling = models.CharField(
        "rekening op naam van",
        max_length=150,
        blank=True,
        help_text="De naam waarop de rekening staat, zoals de bank die kent.",
    )
    achterban_grootte = models.PositiveIntegerField(
        "grootte achterban",
        null=True,
        blank=True,
        help_text="Alleen voor een bewonersgroep: voor hoeveel bewoners spreekt de groep ongeveer?",
    )
    project = models.ForeignKey(
        "rollen.Project",
        verbose_name="project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projectcommissies",
        help_text="Alleen voor een projectcommissie: het project waar de commissie aan werkt.",
    )
    thema = models.CharField(
        "thema",
        max_length=200,
        blank=True,
        help_text="Alleen voor een themacommissie: om welke ontwikkeling gaat het?",
    )
    standpunt = models.CharField(
        "standpunt",
        max_length=10,
        choices=Standpunt.choices,
        blank=True,
        help_text="Alleen voor een themacommissie.",
    )
    status = models.CharField(
        "status", max_length=20, choices=Groepstatus.choices, default=Groepstatus.AANGEMELD
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="behandelaar",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="behandelde_groepen",
        help_text="De medewerker die de aanmelding behandelt en aanspreekpunt is.",
    )
    aanmelder_naam = models.CharField("naam aanmelder", max_length=150, blank=True)
    aanmelder_email = EmailadresVeld("e-mailadres aanmelder", blank=True)  # canonical: privacy looks it up
    aangemaakt_op = models.DateTimeField("aangemeld op", default=timezone.now)
    # Optimistic locking: raised by every change of the group's details (services.groep_bijwerken); the
    # edit form sends the one it showed, so a newer edit by someone else is never silently overwritten.
    versie = models.PositiveIntegerField("versie", default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = "groep"
        verbose_name_plural = "groepen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "slug"], name="groep_slug_uniek_per_gemeente"),
            CheckConstraint(
                condition=~Q(soort=Groepsoort.PROJECTCOMMISSIE) | Q(project__isnull=False),
                name="projectcommissie_heeft_project",
            ),
            CheckConstraint(
                condition=~Q(soort=Groepsoort.THEMACOMMISSIE) | (~Q(thema="") & ~Q(standpunt="")),
                name="themacommissie_heeft_thema_en_standpunt",
            ),
            CheckConstraint(
                condition=~Q(soort=Groepsoort.BEWONERSGROEP) | Q(achterban_grootte__isnull=False),
                name="bewonersgroep_heeft_achterban",
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "status", "soort"])]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("bewonersgroepen:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        self.iban = normaliseer_iban(self.iban)
        self.postcode = normaliseer_postcode(self.postcode)
        fouten = {}
        if any((self.adres, self.postcode, self.plaats)) and not all(
            (self.adres, self.postcode, self.plaats)
        ):
            fouten.update(
                {
                    veld: "Vul het hele postadres in: adres, postcode en plaats."
                    for veld in ("adres", "postcode", "plaats")
                    if not getattr(self, veld).strip()
                }
            )
        if self.soort == Groepsoort.BEWONERSGROEP:
            if self.achterban_grootte is None:
                fouten["achterban_grootte"] = (
                    "Vul in voor hoeveel bewoners de bewonersgroep ongeveer spreekt."
                )
        elif self.achterban_grootte is not None:
            fouten["achterban_grootte"] = "Alleen een bewonersgroep vult de grootte van de achterban in."
        if self.soort == Groepsoort.PROJECTCOMMISSIE:
            if self.project_id is None:
                fouten["project"] = "Een projectcommissie hoort bij één project. Kies het project."
            elif self.gemeente_id and self.project.gemeente_id != self.gemeente_id:
                fouten["project"] = "Dit project hoort bij een andere gemeente."
        elif self.project_id is not None:
            fouten["project"] = "Alleen een projectcommissie hoort bij een project."
        if self.soort == Groepsoort.THEMACOMMISSIE:
            if not self.thema.strip():
                fouten["thema"] = "Vul het thema in: om welke ontwikkeling gaat het?"
            if not self.standpunt:
                fouten["standpunt"] = "Kies of de commissie de ontwikkeling bevordert of er tegen is."
        else:
            if self.thema:
                fouten["thema"] = "Alleen een themacommissie heeft een thema."
            if self.standpunt:
                fouten["standpunt"] = "Alleen een themacommissie heeft een standpunt."
        if fouten:
            raise ValidationError(fouten)

    @property
    def is_actief(self) -> bool:
        return self.status == Groepstatus.ACTIEF

    @property
    def bestuursfuncties(self) -> frozenset[str]:
        """The functions of this kind of group whose holders are its officers."""
        return BESTUURSFUNCTIES.get(self.soort, frozenset())


class Betaalgegevenswijziging(models.Model):
    """A proposed new IBAN and account name for a group. It counts only once a second person confirms
    it: another officer of the group (not the one who proposed it) or staff. Kept as history: who
    proposed what and when, who confirmed or refused it, when and why."""

    groep = models.ForeignKey(Groep, on_delete=models.CASCADE, related_name="betaalgegevenswijzigingen")
    iban = models.CharField("nieuw IBAN", max_length=34, blank=True, validators=[iban_validator])
    tenaamstelling = models.CharField("rekening op naam van", max_length=150, blank=True)
    oude_iban = models.CharField("IBAN daarvoor", max_length=34, blank=True)
    oude_tenaamstelling = models.CharField("op naam van daarvoor", max_length=150, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Wijzigingsstatus.choices, default=Wijzigingsstatus.VOORGESTELD
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="voorgesteld door",
        on_delete=models.PROTECT,
        related_name="+",
    )
    voorgesteld_op = models.DateTimeField("voorgesteld op", default=timezone.now)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bevestigd of afgewezen door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    afgehandeld_op = models.DateTimeField("bevestigd of afgewezen op", null=True, blank=True)
    reden = models.TextField("reden", blank=True)

    class Meta:
        ordering = ["-voorgesteld_op", "-pk"]
        verbose_name = "wijziging betaalgegevens"
        verbose_name_plural = "wijzigingen betaalgegevens"
        constraints = [
            models.UniqueConstraint(
                fields=["groep"],
                condition=Q(status=Wijzigingsstatus.VOORGESTELD),
                name="een_open_betaalgegevenswijziging_per_groep",
            ),
            CheckConstraint(
                condition=Q(status=Wijzigingsstatus.VOORGESTELD)
                | (Q(afgehandeld_door__isnull=False) & Q(afgehandeld_op__isnull=False)),
                name="betaalgegevenswijziging_afgehandeld_met_wie_en_wanneer",
            ),
            CheckConstraint(
                condition=~Q(afgehandeld_door=models.F("voorgesteld_door"))
                | ~Q(status=Wijzigingsstatus.BEVESTIGD),
                name="betaalgegevenswijziging_niet_door_voorsteller_bevestigd",
            ),
        ]

    def __str__(self):
        return (
            f"{self.groep}: IBAN {self.oude_iban or '–'} → {self.iban or '–'} ({self.get_status_display()})"
        )

    def clean(self):
        super().clean()
        self.iban = normaliseer_iban(self.iban)
        self.tenaamstelling = (self.tenaamstelling or "").strip()

    @property
    def is_open(self) -> bool:
        return self.status == Wijzigingsstatus.VOORGESTELD


class Betaalgegevensstap(Historie):
    """Append-only: the proposal of new payment details and its confirmation or refusal (werkstromen.
    BETAALGEGEVENS writes it); the proposal row keeps the old and new IBAN."""

    wijziging = models.ForeignKey(Betaalgegevenswijziging, on_delete=models.CASCADE, related_name="stappen")
    van = models.CharField("van", max_length=30, choices=Wijzigingsstatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=Wijzigingsstatus.choices)

    class Meta(Historie.Meta):
        verbose_name = "stap van een wijziging van betaalgegevens"
        verbose_name_plural = "stappen van wijzigingen van betaalgegevens"

    def __str__(self):
        return f"{self.wijziging.groep}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


class Groepaanmelding(models.Model):
    """A registration from the public form that waits for the registrant's confirmation (double opt-in).

    Not a group yet, so no staff list, work queue, dashboard, count or admin list shows it. The link in
    the confirmation mail turns it into a Groep (status aangemeld, staff notified) and deletes this row;
    unconfirmed it is deleted after AANMELDING_BEVESTIGEN_DAGEN days. Deliberately without history: an
    unconfirmed registration must be gone, not kept in an audit table.
    """

    gemeente = models.ForeignKey(
        "gebieden.Gemeente", verbose_name="gemeente", on_delete=models.CASCADE, related_name="+"
    )
    aanmelder_email = EmailadresVeld("e-mailadres aanmelder")
    # The form's fields as given (areas and project by id), for groep_registreren once confirmed.
    gegevens = models.JSONField("gegevens", encoder=DjangoJSONEncoder)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField("aangemeld op", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["aangemaakt_op"]
        verbose_name = "onbevestigde aanmelding"
        verbose_name_plural = "onbevestigde aanmeldingen"

    def __str__(self):
        return f"Onbevestigde aanmelding {self.pk}"


class Groepstatusovergang(Historie):
    """Append-only: one row per status change of a group."""

    groep = models.ForeignKey(Groep, on_delete=models.CASCADE, related_name="statusovergangen")
    van = models.CharField("van", max_length=30, choices=Groepstatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=Groepstatus.choices)

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging groep"
        verbose_name_plural = "statuswijzigingen groepen"

    def __str__(self):
        return f"{self.groep}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"


class Lidmaatschap(models.Model):
    groep = models.ForeignKey(Groep, on_delete=models.CASCADE, related_name="lidmaatschappen")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="lid", on_delete=models.PROTECT, related_name="lidmaatschappen"
    )
    functie = models.CharField("functie", max_length=20, choices=Functie.choices, default=Functie.LID)
    is_contactpersoon = models.BooleanField(
        "contactpersoon", default=False, help_text="De gemeente neemt contact op met deze persoon."
    )
    van = models.DateField("lid sinds", default=timezone.localdate)
    tot = models.DateField("lid tot", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["groep", "-is_contactpersoon", "gebruiker__naam"]
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        constraints = [
            models.UniqueConstraint(
                fields=["groep", "gebruiker"],
                condition=Q(tot__isnull=True),
                name="een_actief_lidmaatschap_per_groep",
            ),
            CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")), name="lid_tot_na_van"
            ),
        ]

    def __str__(self):
        return f"{self.gebruiker} ({self.get_functie_display()}, {self.groep})"

    @property
    def is_actief(self) -> bool:
        return self.tot is None or self.tot > timezone.localdate()


class Uitnodiging(models.Model):
    """An e-mailed link with which a person sets a password and becomes a member. Only the hash is kept."""

    groep = models.ForeignKey(Groep, on_delete=models.CASCADE, related_name="uitnodigingen")
    email = EmailadresVeld("e-mailadres")  # canonical: matched exactly to an account
    naam = models.CharField("naam", max_length=150)
    functie = models.CharField("functie", max_length=20, choices=Functie.choices, default=Functie.LID)
    is_contactpersoon = models.BooleanField("contactpersoon", default=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("verstuurd op", default=timezone.now)
    verloopt_op = models.DateTimeField("geldig tot")
    geaccepteerd_op = models.DateTimeField("geaccepteerd op", null=True, blank=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geaccepteerd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"

    def __str__(self):
        return f"{self.naam} <{self.email}> voor {self.groep}"

    @property
    def is_open(self) -> bool:
        return self.geaccepteerd_op is None and self.verloopt_op > timezone.now()


class Samenwerkingsovereenkomst(models.Model):
    """The cooperation agreement of a Bewonersgroep, one version per period."""

    groep = models.ForeignKey(Groep, on_delete=models.PROTECT, related_name="overeenkomsten")
    versie = models.PositiveSmallIntegerField("versie", default=1)
    vorige = models.OneToOneField(
        "self",
        verbose_name="vorige versie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opvolger",
    )
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum")
    jaarbijdrage = models.DecimalField(
        "jaarlijkse bijdrage (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    overlegfrequentie = models.CharField(
        "hoe vaak overleg", max_length=150, help_text="Bijvoorbeeld: vier keer per jaar met de adviseur."
    )
    onderwerpen = models.TextField("onderwerpen van de samenwerking")
    verplichtingen_groep = models.TextField("wat de bewonersgroep doet")
    verplichtingen_gemeente = models.TextField("wat de gemeente doet")
    ondertekenaar_naam = models.CharField("ondertekend namens de gemeente door", max_length=150)
    ondertekenaar_functie = models.CharField("functie ondertekenaar", max_length=150)
    ondertekend_document = models.FileField(
        "ondertekende overeenkomst (PDF)",
        storage=prive_opslag,
        upload_to=WillekeurigeNaam("overeenkomsten"),
        validators=[BestandValidator(soorten=[Bestandstype.PDF], max_mb=OVEREENKOMST_MAX_MB)],
        blank=True,
        max_length=200,
        help_text=f"Een PDF-bestand van hoogstens {OVEREENKOMST_MAX_MB} MB.",
    )
    status = models.CharField(
        "status", max_length=20, choices=Overeenkomststatus.choices, default=Overeenkomststatus.CONCEPT
    )
    beeindigingsreden = models.TextField("reden van beëindiging", blank=True)
    # The day the group was told the agreement ends soon (einde_overeenkomsten_aankondigen): told once.
    einde_aangekondigd_op = models.DateField("einde aangekondigd op", null=True, blank=True, editable=False)
    # The second reminder, a month before the end (HERINNER_EINDE_DAGEN): also once.
    einde_herinnerd_op = models.DateField("einde nogmaals gemeld op", null=True, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["groep", "-versie"]
        verbose_name = "samenwerkingsovereenkomst"
        verbose_name_plural = "samenwerkingsovereenkomsten"
        constraints = [
            models.UniqueConstraint(
                fields=["groep"],
                condition=Q(status=Overeenkomststatus.ACTIEF),
                name="een_actieve_overeenkomst_per_groep",
            ),
            models.UniqueConstraint(fields=["groep", "versie"], name="overeenkomst_versie_uniek"),
            CheckConstraint(
                condition=Q(einddatum__gt=models.F("startdatum")), name="overeenkomst_eind_na_start"
            ),
            CheckConstraint(condition=Q(jaarbijdrage__gte=0), name="overeenkomst_bijdrage_niet_negatief"),
            CheckConstraint(
                condition=Q(status__in=[Overeenkomststatus.CONCEPT, Overeenkomststatus.TER_ONDERTEKENING])
                | ~Q(ondertekend_document=""),
                name="actieve_overeenkomst_is_ondertekend",
            ),
        ]

    def __str__(self):
        return f"Samenwerkingsovereenkomst {self.groep} (versie {self.versie})"

    def get_absolute_url(self):
        return reverse("bewonersgroepen:overeenkomst", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        fouten = {}
        if self.groep_id and self.groep.soort != Groepsoort.BEWONERSGROEP:
            fouten["groep"] = "Alleen een bewonersgroep heeft een samenwerkingsovereenkomst."
        if self.startdatum and self.einddatum and self.einddatum <= self.startdatum:
            fouten["einddatum"] = "De einddatum moet na de startdatum liggen."
        if fouten:
            raise ValidationError(fouten)

    @property
    def is_bewerkbaar(self) -> bool:
        return self.status in (Overeenkomststatus.CONCEPT, Overeenkomststatus.TER_ONDERTEKENING)

    @property
    def downloadnaam(self) -> str:
        from django.utils.text import slugify

        return f"samenwerkingsovereenkomst-{slugify(self.groep.naam)}-v{self.versie}.pdf"


class Overeenkomststatusovergang(Historie):
    """Append-only: one row per status change of an agreement."""

    overeenkomst = models.ForeignKey(
        Samenwerkingsovereenkomst, on_delete=models.CASCADE, related_name="statusovergangen"
    )
    van = models.CharField("van", max_length=30, choices=Overeenkomststatus.choices, blank=True)
    naar = models.CharField("naar", max_length=30, choices=Overeenkomststatus.choices)

    class Meta(Historie.Meta):
        verbose_name = "statuswijziging overeenkomst"
        verbose_name_plural = "statuswijzigingen overeenkomsten"

    def __str__(self):
        return f"{self.overeenkomst}: {self.get_van_display() or 'nieuw'} → {self.get_naar_display()}"
