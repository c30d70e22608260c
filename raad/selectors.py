"""Reads for the council pages: the motions, and the dashboard figures per kern and year."""

import datetime
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from bewonersgroepen.constants import VERLOOPT_BINNEN_DAGEN, Groepsoort, Groepstatus, Overeenkomststatus
from bewonersgroepen.models import Groep, Samenwerkingsovereenkomst
from bewonersgroepen.selectors import verlopende_overeenkomsten
from gebieden.models import Gemeente, Kern, Wijk
from leefbaarheidsbudget.constants import Status as AanvraagStatus
from leefbaarheidsbudget.models import Aanvraag, Budget, Regeling
from leefbaarheidsbudget.selectors import (
    Budgetcijfers,
    aanvragen_van_jaar,
    jaarcijfers,
    kernplafond,
    regeling_voor,
)
from meldingen.selectors import cijfer_tellers, cijferbasis
from participatie.raadpleging_constants import Raadplegingstatus
from participatie.raadpleging_models import Raadpleging
from rollen.constants import DEKKING_VOORUIT_DAGEN
from rollen.models import Participatiestap, Project
from rollen.selectors import dekking_annotaties, dekking_per_kern

from .figuren import (
    CIJFER,
    DAGEN,
    EURO,
    PROCENT,
    STATUSKLEUREN,
    VEEL_REEKSKLEUREN,
    Figuur,
    Kolom,
    Rij,
    afronden,
    opmaak,
)
from .models import Motie, Motiestatuswijziging, Voortgangsupdate
from .permissions import is_raadslezer
from .statistiek import percentielen_per_groep, sommen_en_medianen


def gemeenten_voor(user) -> QuerySet[Gemeente]:
    """The gemeenten whose council pages this user may read: their own, or every one for a superuser."""
    if not is_raadslezer(user):
        return Gemeente.objects.none()
    if user.is_superuser:
        return Gemeente.objects.order_by("naam")
    return Gemeente.objects.filter(pk=user.gemeente_id).order_by("naam")


def leesbare_gemeenten(user) -> list[Gemeente]:
    """`gemeenten_voor` as a list; for anyone but a superuser that is their own gemeente, which the
    logged-in user of a request already carries (accounts.backends): no query."""
    if not is_raadslezer(user):
        return []
    if user.is_superuser or not user.gemeente_id:
        return list(gemeenten_voor(user))
    return [user.gemeente]


def moties_zichtbaar_voor(user) -> QuerySet[Motie]:
    return Motie.objects.filter(gemeente__in=gemeenten_voor(user))


def moties_lijst(user, *, status: str = "", zoekterm: str = "") -> QuerySet[Motie]:
    """The motions this user may read, filtered, with their kernen, themes and last update in few queries.
    The list shows the kernen's names only: no gemeente in each row."""
    qs = moties_zichtbaar_voor(user)
    if status:
        qs = qs.filter(status=status)
    zoekterm = zoekterm.strip()
    if zoekterm:
        qs = qs.filter(
            Q(nummer__icontains=zoekterm)
            | Q(titel__icontains=zoekterm)
            | Q(indieners__icontains=zoekterm)
            | Q(gevraagde_actie__icontains=zoekterm)
        )
    return (
        qs.annotate(aantal_updates=Count("updates", distinct=True), laatste_update=Max("updates__datum"))
        .prefetch_related(
            Prefetch("kernen", queryset=Kern.objects.only("pk", "naam").order_by("naam")), "themas"
        )
        .order_by("-jaar", "nummer")
    )


def motie_detail(user, pk: int) -> Motie:
    """One motion with its timeline (newest first); 404 when it is not visible to this user."""
    updates = Voortgangsupdate.objects.select_related("auteur").order_by("-datum", "-aangemaakt_op", "-pk")
    return get_object_or_404(
        moties_zichtbaar_voor(user)
        .select_related("gemeente")
        .prefetch_related(
            Prefetch("kernen", queryset=Kern.objects.select_related("gemeente").order_by("naam")),
            "themas",
            Prefetch("projecten", queryset=Project.objects.select_related("gemeente").order_by("naam")),
            Prefetch("updates", queryset=updates),
            Prefetch("statuswijzigingen", queryset=Motiestatuswijziging.objects.select_related("door")),
        ),
        pk=pk,
    )


def participatie_per_project(gemeente: Gemeente) -> QuerySet[Project]:
    """The projects of a gemeente for the council: per project its participation plan, the levels of its
    steps (`niveaus`), its consultation rounds past concept (`rondes`, each with `aantal_reacties`:
    confirmed responses, and whether its summary is published) and the motions linked to it. A fixed
    number of queries per page, whatever the number of projects, rounds or responses."""
    rondes = (
        Raadpleging.objects.exclude(status=Raadplegingstatus.CONCEPT)
        .annotate(aantal_reacties=Count("reacties", filter=Q(reacties__bevestigd_op__isnull=False)))
        .order_by("open_van", "pk")
    )
    return (
        Project.objects.filter(gemeente=gemeente)
        .select_related("gemeente", "participatieplan")
        .prefetch_related(
            Prefetch(
                "stappen",
                queryset=Participatiestap.objects.exclude(niveau="").order_by("datum", "pk"),
                to_attr="stappen_met_niveau",
            ),
            Prefetch("participatieplan__raadplegingen", queryset=rondes, to_attr="rondes"),
            Prefetch("moties", queryset=Motie.objects.order_by("-jaar", "nummer")),
        )
        .order_by("naam", "pk")
    )


@dataclass
class Projectrij:
    project: Project
    plan: object  # participatie.Participatieplan or None
    niveaus: list[str]
    rondes: list
    moties: list[Motie]

    @property
    def aantal_reacties(self) -> int:
        return sum(r.aantal_reacties for r in self.rondes)

    @property
    def terugkoppeling(self) -> bool | None:
        """True: every closed round has its summary published; False: one is closed without; None: no
        round has closed yet."""
        klaar = [r for r in self.rondes if r.status != Raadplegingstatus.OPEN]
        if not klaar:
            return None
        return all(r.status == Raadplegingstatus.GEPUBLICEERD for r in klaar)


def projectrijen(projecten) -> list[Projectrij]:
    """The rows of `participatie_per_project` (one page of it), without further queries."""
    rijen = []
    for project in projecten:
        plan = getattr(project, "participatieplan", None) if hasattr(project, "participatieplan") else None
        niveaus = []
        for stap in project.stappen_met_niveau:
            if stap.get_niveau_display() not in niveaus:
                niveaus.append(stap.get_niveau_display())
        rijen.append(
            Projectrij(
                project=project,
                plan=plan,
                niveaus=niveaus,
                rondes=list(getattr(plan, "rondes", [])) if plan else [],
                moties=list(project.moties.all()),
            )
        )
    return rijen


# --- dashboard ----------------------------------------------------------------------------------
#
# Every figure is one table per kern plus a total row, built with a fixed number of queries whatever
# the number of kernen, applications or groups (a test runs the pages at two data sizes).


@dataclass
class Dashboard:
    gemeente: Gemeente
    jaar: int
    kernen: list[Kern]
    figuren: list[Figuur]

    def figuur(self, key: str) -> Figuur:
        return next(f for f in self.figuren if f.key == key)


def dashboard_kernen(gemeente: Gemeente, annotaties: dict | None = None) -> list[Kern]:
    """The gemeente's kernen with `inwoners_bekend` (their own figure, else the sum of their wijken) and
    the per-kern `annotaties` the figures ask for (`KERN_ANNOTATIES`): one query for all of them. Each kern
    also carries its boundary as the JSON text it is stored as (`grens_tekst`), for the map of the same
    figures: kept with them, and parsed by the map alone. Parsed here, its thousands of coordinate pairs
    made Python's garbage collector sweep now and then while building or reading the cached figures
    (the dashboard's p95 with an empty cache doubled)."""
    wijken = Wijk.objects.filter(kern=OuterRef("pk")).order_by().values("kern").annotate(s=Sum("inwoners"))
    kernen = list(
        Kern.objects.filter(gemeente=gemeente)
        .annotate(
            inwoners_wijken=Subquery(wijken.values("s")[:1]),
            grens_tekst=Cast("gebiedsgrens__geometrie", output_field=TextField()),
            **(annotaties or {}),
        )
        .order_by("naam")
    )
    for kern in kernen:
        kern.gemeente = gemeente  # no query per kern for its URL
        kern.inwoners_bekend = kern.inwoners if kern.inwoners is not None else kern.inwoners_wijken
    return kernen


def dashboard_jaren(gemeente: Gemeente, vandaag: datetime.date | None = None) -> tuple[list[int], int]:
    """The years to choose from (every year with a budget, and the current year; newest first) and the
    year a page opens on: the latest budget year with submitted applications (figures to show), else the
    newest year to choose from. One query."""
    jaar = (vandaag or timezone.localdate()).year
    ingediend = Aanvraag.objects.filter(gemeente=gemeente, begrotingsjaar=OuterRef("jaar")).exclude(
        status=AanvraagStatus.CONCEPT
    )
    rijen = list(
        Budget.objects.filter(gemeente=gemeente)
        .annotate(met_cijfers=Exists(ingediend))
        .order_by()
        .values_list("jaar", "met_cijfers")
    )
    jaren = sorted({j for j, _ in rijen} | {jaar}, reverse=True)
    met_cijfers = [j for j, met in rijen if met]
    return jaren, max(met_cijfers, default=jaren[0])


def gemeente_met_cijfers(gemeenten: list[Gemeente]) -> Gemeente:
    """For a visitor without a gemeente of their own: the first gemeente (by name) with submitted
    applications, so the page does not open on empty figures; else the first."""
    pks = [g.pk for g in gemeenten]
    met = set(
        Aanvraag.objects.filter(gemeente_id__in=pks)
        .exclude(status=AanvraagStatus.CONCEPT)
        .values_list("gemeente_id", flat=True)
        .distinct()
    )
    return next((g for g in gemeenten if g.pk in met), gemeenten[0])


def _per_inwoner(bedrag, inwoners) -> Decimal | None:
    if bedrag is None or not inwoners:
        return None
    return afronden(Decimal(bedrag) / Decimal(inwoners))


def figuur_geld(gemeente: Gemeente, jaar: int, kernen: list[Kern]) -> Figuur:
    """Budget, granted, committed, paid and free money per kern and in total; money per inhabitant.

    Asks `leefbaarheidsbudget.selectors` (the budget app's own rules for what counts as committed and paid);
    the kernen carry their ceiling (`kernplafond`, in `KERN_ANNOTATIES`).
    """
    cijfers = jaarcijfers(gemeente=gemeente, jaar=jaar)
    figuur = Figuur(
        key="geld",
        titel="Leefbaarheidsbudget",
        uitleg=(
            "Het budget van het jaar (per kern: het plafond van die kern, als die er een heeft), wat is "
            "toegekend, wat daarvan is vastgelegd (toegekend en nog niet vastgesteld, plus de vastgestelde "
            "bedragen), wat is uitbetaald en wat nog vrij is. Per inwoner: het vastgelegde bedrag gedeeld "
            "door het aantal inwoners, als dat bekend is."
        ),
        kolommen=[
            Kolom("budget", "Budget", EURO),
            Kolom("toegekend", "Toegekend", EURO),
            Kolom("vastgelegd", "Vastgelegd", EURO),
            Kolom("uitbetaald", "Uitbetaald", EURO),
            Kolom("vrij", "Vrij", EURO),
            Kolom("per_inwoner", "Vastgelegd per inwoner", EURO, in_grafiek=False),
        ],
    )

    def waarden(cijfers: Budgetcijfers, inwoners) -> dict:
        return {
            "budget": cijfers.totaal,
            "toegekend": cijfers.toegekend,
            "vastgelegd": cijfers.vastgelegd,
            "uitbetaald": cijfers.uitbetaald,
            "vrij": cijfers.vrij,
            "per_inwoner": _per_inwoner(cijfers.vastgelegd, inwoners),
        }

    for kern in kernen:
        rij = cijfers.van_kern(kern, kern.plafond)
        figuur.rijen.append(Rij(kern.naam, waarden(rij, kern.inwoners_bekend), kern.pk))
    # Applications that name no kern count in the total; this row shows them, so the rows add up.
    zonder_kern = cijfers.zonder_kern
    if zonder_kern and any((zonder_kern.toegekend, zonder_kern.vastgelegd, zonder_kern.uitbetaald)):
        figuur.rijen.append(Rij("Geen kern gekozen", waarden(zonder_kern, None)))
    figuur.totaal = Rij(f"Totaal {gemeente.naam}", waarden(cijfers.totaal, gemeente.inwoners))
    return figuur


# The Awb term when a gemeente has no regeling for the year: the regeling's own default (eight weeks).
AWB_TERMIJN_DAGEN = Regeling._meta.get_field("beslistermijn_weken").default * 7

# Applications that reached the municipality (a concept is still the group's own draft).
AANVRAAGSTATUSSEN = [s for s in AanvraagStatus if s != AanvraagStatus.CONCEPT]


def figuur_aanvragen(gemeente: Gemeente, jaar: int, kernen: list[Kern]) -> Figuur:
    """Applications of the budget year per state, per kern and in total, in one query. Only what groups
    applied for (`aanvragen_van_jaar`): a jaarbijdrage is granted by its agreement, never handled; its
    money does count in `figuur_geld`."""
    tellingen = Counter()
    for kern_id, status, n in (
        aanvragen_van_jaar(gemeente=gemeente, jaar=jaar)
        .exclude(status=AanvraagStatus.CONCEPT)
        .values_list("kern", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        tellingen[(kern_id, status)] += n
    figuur = Figuur(
        key="aanvragen",
        titel="Aanvragen per status",
        uitleg=(
            "Aanvragen van groepen voor het budget van dit jaar, naar de stand waarin ze nu zijn. Concepten "
            "tellen niet mee. Jaarbijdragen uit samenwerkingsovereenkomsten ook niet: dat zijn geen aanvragen. "
            "Hun geld staat wel bij het leefbaarheidsbudget."
        ),
        kolommen=[Kolom(s.value, s.label, kleur=STATUSKLEUREN[s.value]) for s in AANVRAAGSTATUSSEN],
        gestapeld=True,
    )
    for kern in kernen:
        figuur.rijen.append(
            Rij(kern.naam, {s.value: tellingen[(kern.pk, s.value)] for s in AANVRAAGSTATUSSEN}, kern.pk)
        )
    if any(kern_id is None for kern_id, _ in tellingen):
        figuur.rijen.append(
            Rij("Geen kern gekozen", {s.value: tellingen[(None, s.value)] for s in AANVRAAGSTATUSSEN})
        )
    figuur.totaal = Rij(
        f"Totaal {gemeente.naam}",
        {
            s.value: sum(n for (_, status), n in tellingen.items() if status == s.value)
            for s in AANVRAAGSTATUSSEN
        },
    )
    return figuur


def figuur_doorlooptijd(gemeente: Gemeente, jaar: int, kernen: list[Kern]) -> Figuur:
    """Median and 90th percentile of the lead time (submission to decision) against the legal term, and
    the share decided in time (on or before the last day of the term, suspensions included)."""
    besloten = Aanvraag.objects.filter(
        gemeente=gemeente, begrotingsjaar=jaar, doorlooptijd_dagen__isnull=False
    )
    per_kern, totaal = percentielen_per_groep(
        besloten, groep="kern", waarde=F("doorlooptijd_dagen"), fracties=(0.5, 0.9)
    )
    op_tijd = Q(uiterste_beslisdatum__isnull=False, besluit_op__date__lte=F("uiterste_beslisdatum"))
    aantallen = {
        rij["kern"]: rij
        for rij in besloten.values("kern")
        .annotate(aantal=Count("pk"), op_tijd=Count("pk", filter=op_tijd))
        .order_by()
    }
    regeling = regeling_voor(gemeente=gemeente, jaar=jaar)
    termijn = regeling.beslistermijn_dagen if regeling else AWB_TERMIJN_DAGEN
    figuur = Figuur(
        key="doorlooptijd",
        titel="Doorlooptijd van aanvragen",
        uitleg=(
            f"Dagen van indienen tot besluit, voor de aanvragen waarover is besloten. De wettelijke termijn is "
            f"{termijn} dagen{'' if regeling else ' (Awb: acht weken; er is nog geen regeling voor dit jaar)'}. "
            "Op tijd: besloten vóór het einde van de termijn, waarbij de tijd dat de termijn was opgeschort "
            "of verlengd meetelt."
        ),
        kolommen=[
            Kolom("aantal", "Besluiten", in_grafiek=False),
            Kolom("mediaan", "Mediaan", DAGEN),
            Kolom("p90", "90e percentiel", DAGEN),
            Kolom("termijn", "Wettelijke termijn", DAGEN),
            Kolom("op_tijd", "Op tijd besloten", PROCENT, in_grafiek=False),
        ],
    )

    def rij(label, percentielen, aantal_rij, kern_id=None) -> Rij:
        aantal = aantal_rij["aantal"] if aantal_rij else 0
        mediaan, p90 = percentielen or (None, None)
        return Rij(
            label,
            {
                "aantal": aantal,
                "mediaan": mediaan,
                "p90": p90,
                "termijn": termijn,
                "op_tijd": afronden(Decimal(100 * aantal_rij["op_tijd"]) / aantal, 1) if aantal else None,
            },
            kern_id,
        )

    for kern in kernen:
        figuur.rijen.append(rij(kern.naam, per_kern.get(kern.pk), aantallen.get(kern.pk), kern.pk))
    if None in aantallen:
        figuur.rijen.append(rij("Geen kern gekozen", per_kern.get(None), aantallen[None]))
    alles = {
        "aantal": sum(r["aantal"] for r in aantallen.values()),
        "op_tijd": sum(r["op_tijd"] for r in aantallen.values()),
    }
    figuur.totaal = rij(f"Totaal {gemeente.naam}", totaal, alles)
    return figuur


def peildatum(jaar: int, vandaag: datetime.date | None = None) -> datetime.date:
    """The day a 'right now' figure is measured on: today for this and later years, else 31 December."""
    vandaag = vandaag or timezone.localdate()
    return vandaag if jaar >= vandaag.year else datetime.date(jaar, 12, 31)


def figuur_rollen(gemeente: Gemeente, jaar: int, kernen: list[Kern]) -> Figuur:
    """Areas without an active Beheerder or Adviseur, per kern, counted by the database
    (`rollen.selectors.dekking_per_kern`: the rule of the coverage page; its kern part comes with
    the kernen, `KERN_ANNOTATIES`)."""
    op = peildatum(jaar)
    tellingen = dekking_per_kern(gemeente, op=op, kernen=kernen)
    figuur = Figuur(
        key="rollen",
        titel="Gebieden zonder vaste contactpersoon",
        uitleg=(
            f"Op {op:%d-%m-%Y}: kernen zonder Adviseur Leefomgeving en gebieden (wijken, of de kern zelf als die "
            f"geen wijken heeft) zonder Beheerder Leefomgeving. Ook de gaten die de komende "
            f"{DEKKING_VOORUIT_DAGEN} dagen ontstaan omdat een toewijzing afloopt."
        ),
        kolommen=[
            Kolom("zonder_adviseur", "Kern zonder adviseur"),
            Kolom("zonder_beheerder", "Gebieden zonder beheerder"),
            Kolom("binnenkort", f"Gaten binnen {DEKKING_VOORUIT_DAGEN} dagen"),
        ],
    )
    keys = [k.key for k in figuur.kolommen]
    leeg = dict.fromkeys(keys, 0)
    for kern in kernen:
        figuur.rijen.append(Rij(kern.naam, {**leeg, **tellingen.get(kern.pk, {})}, kern.pk))
    if any(tellingen.get(None, leeg).values()):  # wijken that are not linked to a kern yet
        figuur.rijen.append(Rij("Wijken zonder kern", {**leeg, **tellingen[None]}))
    figuur.totaal = Rij(
        f"Totaal {gemeente.naam}", {k: sum(rij.waarden[k] for rij in figuur.rijen) for k in keys}
    )
    return figuur


def _per_kern(qs, *, kern_pad: str, wijk_pad: str):
    """Number of distinct rows of `qs` that work in the kern of the outer query: linked to the kern
    itself or to one of its wijken (the rule of `bewonersgroepen.selectors`). One subquery per use."""
    telling = (
        qs.filter(Q(**{kern_pad: OuterRef("pk")}) | Q(**{wijk_pad: OuterRef("pk")}))
        .order_by()
        .annotate(alles=Value(1))
        .values("alles")  # one group for the whole subquery: COUNT(DISTINCT pk)
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(telling[:1]), 0)


GROEPSOORT_MEERVOUD = {
    Groepsoort.BEWONERSGROEP: "Bewonersgroepen",
    Groepsoort.PROJECTCOMMISSIE: "Projectcommissies",
    Groepsoort.ACTIVITEITENCOMMISSIE: "Activiteitencommissies",
    Groepsoort.THEMACOMMISSIE: "Themacommissies",
}


def figuur_groepen(gemeente: Gemeente, jaar: int, kernen: list[Kern]) -> Figuur:
    """Active groups per kind in each kern and in the whole gemeente (today's status)."""
    soorten = list(Groepsoort)
    actief = _actieve_groepen(gemeente)
    totaal = dict(actief.order_by().values("soort").annotate(n=Count("pk")).values_list("soort", "n"))
    figuur = Figuur(
        key="groepen",
        titel="Actieve groepen",
        uitleg=(
            "Het aantal groepen dat nu actief is, per soort. Een groep die in meer kernen werkt, telt in elke "
            "kern mee, maar in het totaal één keer."
        ),
        kolommen=[Kolom(s.value, GROEPSOORT_MEERVOUD[s]) for s in soorten],
    )
    for kern in kernen:
        figuur.rijen.append(
            Rij(kern.naam, {s.value: getattr(kern, f"groepen_{s.value}") for s in soorten}, kern.pk)
        )
    figuur.totaal = Rij(f"Totaal {gemeente.naam}", {s.value: totaal.get(s.value, 0) for s in soorten})
    return figuur


def figuur_overeenkomsten(gemeente: Gemeente, jaar: int, kernen: list[Kern]) -> Figuur:
    """Active samenwerkingsovereenkomsten and those expiring soon (the rule of `bewonersgroepen`)."""
    actief = _actieve_overeenkomsten(gemeente)
    verlopend = verlopende_overeenkomsten(gemeente_ids=[gemeente.pk], vandaag=timezone.localdate())
    totaal = actief.aggregate(
        actief=Count("pk"), verlopend=Count("pk", filter=Q(pk__in=verlopend.order_by().values("pk")))
    )
    figuur = Figuur(
        key="overeenkomsten",
        titel="Samenwerkingsovereenkomsten",
        uitleg=(
            f"Overeenkomsten met bewonersgroepen die nu gelden, en hoeveel daarvan binnen "
            f"{VERLOOPT_BINNEN_DAGEN} dagen aflopen zonder dat er een nieuwe versie klaarstaat."
        ),
        kolommen=[
            Kolom("actief", "Actief"),
            Kolom("verlopend", f"Lopen af binnen {VERLOOPT_BINNEN_DAGEN} dagen"),
        ],
    )
    for kern in kernen:
        waarden = {"actief": kern.overeenkomsten_actief, "verlopend": kern.overeenkomsten_verlopend}
        figuur.rijen.append(Rij(kern.naam, waarden, kern.pk))
    figuur.totaal = Rij(f"Totaal {gemeente.naam}", totaal)
    return figuur


MELDINGEN_KOLOMMEN = [
    Kolom("aantal", "Meldingen", in_grafiek=False),
    Kolom("afgehandeld", "Afgehandeld", in_grafiek=False),
    Kolom("mediaan", "Mediaan afhandeltijd", DAGEN),
    Kolom("binnen_termijn", "Binnen de termijn", PROCENT, in_grafiek=False),
    Kolom("tevredenheid", "Tevredenheid (1-5)", CIJFER, in_grafiek=False),
    Kolom("beoordeeld", "Beoordelingen", in_grafiek=False),
]
MELDINGEN_UITLEG = (
    "Meldingen over de openbare ruimte die in dit jaar zijn gedaan. Afhandeltijd: dagen van melden tot "
    "afhandelen, voor de afgehandelde meldingen (de helft is sneller klaar dan de mediaan). Binnen de termijn: "
    "afgehandeld op of vóór de laatste dag van de termijn van de categorie; die telt in werkdagen, zonder "
    "weekend en feestdagen. Een dubbele melding telt als melding, maar niet bij de afhandeling. "
    "Tevredenheid: het gemiddelde cijfer van 1 tot 5 van de melders die een cijfer gaven."
)


def _meldingwaarden(tellingen: dict | None, mediaan) -> dict:
    t = tellingen or {}
    aantal, afgehandeld, beoordeeld = t.get("aantal", 0), t.get("afgehandeld", 0), t.get("beoordeeld", 0)
    return {
        "aantal": aantal,
        "afgehandeld": afgehandeld,
        "mediaan": mediaan,
        "binnen_termijn": (
            afronden(Decimal(100 * t["binnen_termijn"]) / afgehandeld, 1) if afgehandeld else None
        ),
        "tevredenheid": afronden(Decimal(t["tevredenheid_som"]) / beoordeeld, 1) if beoordeeld else None,
        "beoordeeld": beoordeeld,
    }


def figuren_meldingen(gemeente: Gemeente, jaar: int, kernen: list[Kern]) -> list[Figuur]:
    """Meldingen of the year per main category, and their handling per kern and per wijk: median days,
    share within the term, average rating. One query whatever the number of meldingen
    (`sommen_en_medianen`): the counts per (kern, wijk, main category), added up here, and the medians."""
    cijfers = sommen_en_medianen(
        cijferbasis(gemeente, jaar),
        groep={
            "cijfer_kern": F("cijfer_kern"),
            "wijk_id": F("wijk_id"),
            "wijk__naam": F("wijk__naam"),
            "hoofd_id": F("hoofd_id"),
            "hoofd_naam": F("hoofd_naam"),
            "hoofd_volgorde": F("hoofd_volgorde"),
        },
        sommen=cijfer_tellers(),
        waarde=F("dagen"),
        indelingen=("cijfer_kern", "wijk_id"),
    )
    medianen, mediaan_totaal = cijfers.medianen, cijfers.mediaan_totaal
    velden = ("aantal", "afgehandeld", "binnen_termijn", "beoordeeld", "tevredenheid_som")
    per_kern, per_wijk, totaal = {}, {}, Counter()
    per_kern_categorie = Counter()
    categorieen, wijknamen = {}, {}
    for g in cijfers.groepen:
        categorieen[g["hoofd_id"]] = (g["hoofd_volgorde"], g["hoofd_naam"])
        per_kern_categorie[(g["cijfer_kern"], g["hoofd_id"])] += g["aantal"]
        for doel, sleutel in ((per_kern, g["cijfer_kern"]), (per_wijk, g["wijk_id"])):
            doel.setdefault(sleutel, Counter()).update({v: g[v] for v in velden})
        totaal.update({v: g[v] for v in velden})
        if g["wijk_id"] is not None:
            wijknamen[g["wijk_id"]] = (g["wijk__naam"], g["cijfer_kern"])
    kernnamen = {kern.pk: kern.naam for kern in kernen}
    volgorde = sorted(categorieen, key=lambda pk: categorieen[pk])
    totaal_label = f"Totaal {gemeente.naam}"

    per_categorie = Figuur(
        key="meldingen",
        titel="Meldingen per categorie",
        uitleg=(
            "Meldingen over de openbare ruimte die in dit jaar zijn gedaan, per hoofdcategorie. Een melding "
            "zonder kern (alleen een straat of een punt buiten de wijken) staat in een eigen rij."
        ),
        kolommen=[
            Kolom(f"c{pk}", categorieen[pk][1], kleur=VEEL_REEKSKLEUREN[i % len(VEEL_REEKSKLEUREN)])
            for i, pk in enumerate(volgorde)
        ],
        gestapeld=True,
    )

    def per_cat(kern_id) -> dict:
        return {f"c{pk}": per_kern_categorie[(kern_id, pk)] for pk in volgorde}

    for kern in kernen:
        per_categorie.rijen.append(Rij(kern.naam, per_cat(kern.pk), kern.pk))
    if None in per_kern:
        per_categorie.rijen.append(Rij("Geen kern gekozen", per_cat(None)))
    per_categorie.totaal = Rij(
        totaal_label,
        {f"c{pk}": sum(n for (_, c), n in per_kern_categorie.items() if c == pk) for pk in volgorde},
    )

    afhandeling = Figuur(
        key="meldingen_afhandeling",
        titel="Afhandeling van meldingen",
        uitleg=MELDINGEN_UITLEG,
        kolommen=MELDINGEN_KOLOMMEN,
    )
    for kern in kernen:
        waarden = _meldingwaarden(per_kern.get(kern.pk), medianen.get(("cijfer_kern", kern.pk)))
        afhandeling.rijen.append(Rij(kern.naam, waarden, kern.pk))
    if None in per_kern:
        waarden = _meldingwaarden(per_kern[None], medianen.get(("cijfer_kern", None)))
        afhandeling.rijen.append(Rij("Geen kern gekozen", waarden))
    afhandeling.totaal = Rij(totaal_label, _meldingwaarden(totaal, mediaan_totaal))

    wijken = Figuur(
        key="meldingen_wijken",
        titel="Afhandeling per wijk",
        uitleg="Dezelfde cijfers per wijk, voor de wijken waar in dit jaar iets is gemeld.",
        kolommen=MELDINGEN_KOLOMMEN,
        rijkop="Wijk",
        leeg="Er is in dit jaar nog niets gemeld in een wijk.",
    )
    for wijk_id, (naam, kern_id) in sorted(
        wijknamen.items(), key=lambda item: (kernnamen.get(item[1][1], ""), item[1][0])
    ):
        label = f"{naam} ({kernnamen[kern_id]})" if kern_id in kernnamen else naam
        waarden = _meldingwaarden(per_wijk[wijk_id], medianen.get(("wijk_id", wijk_id)))
        wijken.rijen.append(Rij(label, waarden))
    if None in per_wijk:
        waarden = _meldingwaarden(per_wijk[None], medianen.get(("wijk_id", None)))
        wijken.rijen.append(Rij("Geen wijk gekozen", waarden))
    wijken.totaal = Rij(totaal_label, _meldingwaarden(totaal, mediaan_totaal))
    return [per_categorie, afhandeling, wijken]


DASHBOARD_FIGUREN = [
    figuur_geld,
    figuur_aanvragen,
    figuur_doorlooptijd,
    figuur_groepen,
    figuur_overeenkomsten,
    figuur_rollen,
    figuren_meldingen,
]


# The public page: aggregates only (money per kern, number of groups per kind, meldingen and their
# handling per kern and wijk), never a name of a person.
TRANSPARANTIE_FIGUREN = [figuur_geld, figuur_groepen, figuren_meldingen]


def _actieve_groepen(gemeente: Gemeente):
    return Groep.objects.filter(gemeente=gemeente, status=Groepstatus.ACTIEF)


def _actieve_overeenkomsten(gemeente: Gemeente):
    return Samenwerkingsovereenkomst.objects.filter(
        groep__gemeente=gemeente, status=Overeenkomststatus.ACTIEF
    )


def _groepen_per_kern(gemeente: Gemeente, jaar: int) -> dict:
    actief = _actieve_groepen(gemeente)
    return {
        f"groepen_{soort.value}": _per_kern(
            actief.filter(soort=soort), kern_pad="kernen", wijk_pad="wijken__kern"
        )
        for soort in Groepsoort
    }


def _overeenkomsten_per_kern(gemeente: Gemeente, jaar: int) -> dict:
    verlopend = verlopende_overeenkomsten(gemeente_ids=[gemeente.pk], vandaag=timezone.localdate())
    paden = {"kern_pad": "groep__kernen", "wijk_pad": "groep__wijken__kern"}
    return {
        "overeenkomsten_actief": _per_kern(_actieve_overeenkomsten(gemeente), **paden),
        "overeenkomsten_verlopend": _per_kern(verlopend, **paden),
    }


# What a figure needs per kern, as annotations on the one query for the kernen (`dashboard_kernen`):
# a subquery per value inside that query instead of a query of its own per figure.
KERN_ANNOTATIES = {
    figuur_geld: lambda gemeente, jaar: {"plafond": kernplafond(jaar)},
    figuur_groepen: _groepen_per_kern,
    figuur_overeenkomsten: _overeenkomsten_per_kern,
    figuur_rollen: lambda gemeente, jaar: dekking_annotaties(gemeente, op=peildatum(jaar)),
}


def dashboard(gemeente: Gemeente, jaar: int, figuren=None) -> Dashboard:
    figuren = DASHBOARD_FIGUREN if figuren is None else figuren
    annotaties = {}
    for bouw in figuren:
        if bouw in KERN_ANNOTATIES:
            annotaties.update(KERN_ANNOTATIES[bouw](gemeente, jaar))
    kernen = dashboard_kernen(gemeente, annotaties)
    gebouwd = []
    for bouw in figuren:  # one figure, or several that share their queries (figuren_meldingen)
        uitkomst = bouw(gemeente, jaar, kernen)
        gebouwd.extend(uitkomst if isinstance(uitkomst, list) else [uitkomst])
    return Dashboard(gemeente, jaar, kernen, gebouwd)


def transparantie(gemeente: Gemeente, jaar: int) -> Dashboard:
    return dashboard(gemeente, jaar, TRANSPARANTIE_FIGUREN)


def _cijfers_seconden() -> int:
    return getattr(settings, "RAAD_CIJFERS_CACHE_SECONDEN", 300)


def _bewaard(soort: str, gemeente: Gemeente, jaar: int, maak) -> Dashboard:
    """A dashboard from the cache, built at most once per RAAD_CIJFERS_CACHE_SECONDEN per gemeente and year.

    The figures are aggregates over years of data: a few minutes old is fine for the council and the
    public, and it keeps the pages fast and cheap under load (benchmark: bench/run.py). They hold no
    user data, so everyone who may see them shares them. 0 switches the cache off.
    """
    seconden = _cijfers_seconden()
    if not seconden:
        return maak(gemeente, jaar)
    return cache.get_or_set(f"raad:{soort}:{gemeente.pk}:{jaar}", lambda: maak(gemeente, jaar), seconden)


def dashboard_bewaard(gemeente: Gemeente, jaar: int) -> Dashboard:
    return _bewaard("dashboard", gemeente, jaar, dashboard)


def transparantie_bewaard(gemeente: Gemeente, jaar: int) -> Dashboard:
    return _bewaard("transparantie", gemeente, jaar, transparantie)


# --- map ----------------------------------------------------------------------------------------

KAART_KLASSEN = 5


@dataclass
class KaartKern:
    naam: str
    url: str
    waarde: Decimal | int | None
    tekst: str
    klasse: int | None
    grens: dict | None


@dataclass
class Kaart:
    maat: str
    label: str
    kernen: list[KaartKern]
    klassen: list[str]

    @property
    def heeft_grenzen(self) -> bool:
        return any(k.grens for k in self.kernen)

    def json(self) -> dict:
        """What static/js/raad.js needs to draw the kernen that have a boundary."""
        return {
            "label": self.label,
            "klassen": self.klassen,
            "kernen": [
                {"naam": k.naam, "url": k.url, "tekst": k.tekst, "klasse": k.klasse, "grens": k.grens}
                for k in self.kernen
                if k.grens
            ],
        }


def kaartmaten(bord: Dashboard) -> list[tuple[str, str]]:
    """The per-kern figures a map can be coloured by: (value for the form, label)."""
    return [
        (f"{figuur.key}.{kolom.key}", f"{figuur.titel}: {kolom.label.lower()}")
        for figuur in bord.figuren
        for kolom in figuur.kolommen
        if any(rij.kern_id for rij in figuur.rijen)
    ]


def kaart(bord: Dashboard, maat: str) -> Kaart:
    """The kernen with the chosen figure and a colour class (equal steps between the lowest and highest).

    `maat` is empty when the gemeente has no kernen: then there is nothing to show.
    """
    if not maat:
        return Kaart(maat="", label="Cijfers", kernen=[], klassen=[])
    figuur_key, kolom_key = maat.split(".", 1)
    figuur = bord.figuur(figuur_key)
    kolom = figuur.kolom(kolom_key)
    waarden = {kern.pk: figuur.waarde(kern.pk, kolom_key) for kern in bord.kernen}
    bekend = [w for w in waarden.values() if w is not None]
    laagste, hoogste = (min(bekend), max(bekend)) if bekend else (0, 0)
    stap = (Decimal(hoogste) - Decimal(laagste)) / KAART_KLASSEN

    def klasse(waarde):
        if waarde is None:
            return None
        if not stap:
            return 0
        return min(int((Decimal(waarde) - Decimal(laagste)) / stap), KAART_KLASSEN - 1)

    klassen = []
    if bekend:
        aantal = KAART_KLASSEN if stap else 1
        for i in range(aantal):
            van = Decimal(laagste) + stap * i
            tot = Decimal(laagste) + stap * (i + 1) if stap else Decimal(hoogste)
            klassen.append(f"{opmaak(van, kolom.soort)} tot en met {opmaak(tot, kolom.soort)}")
    kernen = [
        KaartKern(
            naam=kern.naam,
            url=kern.get_absolute_url(),
            waarde=waarden[kern.pk],
            tekst=opmaak(waarden[kern.pk], kolom.soort),
            klasse=klasse(waarden[kern.pk]),
            grens=json.loads(kern.grens_tekst) if kern.grens_tekst else None,
        )
        for kern in bord.kernen
    ]
    return Kaart(maat=maat, label=f"{figuur.titel}: {kolom.label.lower()}", kernen=kernen, klassen=klassen)
