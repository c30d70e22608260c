"""Reads: the regulation in force, the work queue, an application with everything on its page, and
the figures the budget overview and the council dashboard (app `raad`) show.

Figures for `raad` (all aggregated in the database, no personal data):
- `budgetcijfers(gemeente=, jaar=, kern=None) -> Budgetcijfers` totaal, toegekend, gereserveerd,
  uitbetaald, vastgesteld, vrij (a kern without ceiling has totaal/vrij None);
- `budgetcijfers_per_kern(gemeente=, jaar=) -> list[Budgetcijfers]` one row per kern with money or a ceiling;
- `jaarcijfers(gemeente=, jaar=) -> Jaarcijfers` the same in total, per kern and without kern in two
  queries, with `kernplafond(jaar)` as the annotation that gives a kern list its ceilings;
- `aanvragen_van_jaar(gemeente=, jaar=) -> QuerySet[Aanvraag]` the applications groups made (no jaarbijdragen),
  which the counts per status use; the money figures count the jaarbijdragen too;
- `aanvragen_per_status(gemeente=, jaar=, kern=None) -> dict[Status, int]` every status, zero included;
- `doorlooptijden(gemeente=, jaar=, kern=None) -> Doorlooptijden` decided count, mean/median days,
  share decided within the legal term.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from statistics import median

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gebieden.models import Kern
from invoer.spreadsheet import euro

from .constants import OPEN_WERK, TOEGEKEND_STATUSSEN, Soort, Status
from .models import NUL, Aanvraag, Budget, Kernplafond, Regeling, Statuswijziging, te_laat_q
from .permissions import zichtbare_aanvragen, zichtbare_budgetten

GELD = DecimalField(max_digits=12, decimal_places=2)


def regeling_voor(*, gemeente, jaar: int) -> Regeling | None:
    """The regulation of that year, or else the latest earlier one (a regulation stays until replaced)."""
    return Regeling.objects.filter(gemeente=gemeente, jaar__lte=jaar).order_by("-jaar").first()


def begrotingsjaar_en_regeling(*, gemeente, op: date) -> tuple[int, Regeling | None]:
    """The budget year an application submitted on `op` counts against (next year after the cut-off)
    and the regulation that applies to it, in one query: the latest two regulations up to next year's
    give both this year's (`regeling_voor`) and next year's."""
    laatste = list(Regeling.objects.filter(gemeente=gemeente, jaar__lte=op.year + 1).order_by("-jaar")[:2])
    volgend_jaar = laatste[0] if laatste else None
    dit_jaar = next((r for r in laatste if r.jaar <= op.year), None)
    if dit_jaar and dit_jaar.jaar == op.year and dit_jaar.sluitingsdatum and op > dit_jaar.sluitingsdatum:
        return op.year + 1, volgend_jaar
    return op.year, dit_jaar


def begrotingsjaar(*, gemeente, op: date) -> int:
    """The budget year an application submitted on `op` counts against: next year after the cut-off."""
    return begrotingsjaar_en_regeling(gemeente=gemeente, op=op)[0]


def toegekend_aan_groep(*, groep, jaar: int, behalve: Aanvraag | None = None) -> Decimal:
    """What the group holds in `jaar`: granted amounts, or the settled amount once settled."""
    qs = Aanvraag.objects.filter(groep=groep, begrotingsjaar=jaar, status__in=TOEGEKEND_STATUSSEN)
    if behalve is not None and behalve.pk:
        qs = qs.exclude(pk=behalve.pk)
    return qs.aggregate(s=Coalesce(Sum(Coalesce("vastgesteld_bedrag", "toegekend_bedrag")), Value(NUL)))["s"]


SOORT_WERK_AANVRAAG = "aanvraag"  # the key of rollen's routing rules for new applications


def verantwoordelijke_adviseur(aanvraag: Aanvraag):
    """The staff member who gets a new application, by rollen's routing rules for its wijk (when the
    activity is in one wijk) or kern; without a rule the kern's adviseur, if any."""
    from rollen.selectors import verantwoordelijke_voor

    gebied = aanvraag.wijk if aanvraag.wijk_id else aanvraag.kern
    if gebied is None:
        return None
    return verantwoordelijke_voor(gebied=gebied, soort_werk=SOORT_WERK_AANVRAAG)


# --- Applications ---------------------------------------------------------------------------------


def mijn_aanvragen(user) -> QuerySet:
    """The applications of all groups the user is a member of (not those they see as staff)."""
    from bewonersgroepen.selectors import groepen_van_lid

    # Only the group is shown beside the application's own fields: each further join made PostgreSQL's
    # planning of this query (with its membership subquery) dearer than running it (7 ms at scale 100).
    return (
        Aanvraag.objects.filter(groep__in=groepen_van_lid(user))
        .select_related("groep")
        .order_by("-gewijzigd_op")
    )


def _in_gebieden_van(user, vandaag: date) -> Q:
    """Applications in the kernen and wijken where `user` holds a role today (rollen's assignments):
    an assignment for a kern covers its wijken, one for a wijk covers that wijk."""
    from rollen.models import Toewijzing

    toewijzingen = Toewijzing.objects.actief_op(vandaag).filter(medewerker_id=user.pk)
    kernen = toewijzingen.filter(kern__isnull=False).values("kern_id")
    wijken = toewijzingen.filter(wijk__isnull=False).values("wijk_id")
    return Q(kern_id__in=kernen) | Q(wijk_id__in=wijken)


WERKVOORRAAD_FILTERS = {
    "mijn": "Aan mij toegewezen",
    "mijn_gebieden": "Open in mijn kernen en wijken",
    "gebied": "Alle open aanvragen van de gemeente",
    "te_laat": "Over de termijn",
    "alle": "Alle aanvragen",
}


def werkvoorraad(
    user,
    *,
    filter: str = "mijn",
    status: str = "",
    kern_id: int | None = None,
    jaar: int | None = None,
    zoek: str = "",
    vandaag: date | None = None,
) -> QuerySet:
    """Staff's work queue, soonest deadline first; decided and paid ones only with filter 'alle'."""
    vandaag = vandaag or timezone.localdate()
    qs = zichtbare_aanvragen(user, Aanvraag.objects.exclude(status=Status.CONCEPT))
    if filter == "mijn":
        qs = qs.filter(behandelaar=user).exclude(
            status__in=[Status.AFGEWEZEN, Status.INGETROKKEN, Status.VASTGESTELD]
        )
    elif filter == "te_laat":
        qs = qs.filter(te_laat_q(vandaag))
    elif filter == "gebied":
        qs = qs.filter(status__in=OPEN_WERK)
    elif filter == "mijn_gebieden":
        qs = qs.filter(status__in=OPEN_WERK).filter(_in_gebieden_van(user, vandaag))
    if status:
        qs = qs.filter(status=status)
    if kern_id:
        qs = qs.filter(kern_id=kern_id)
    if jaar:
        qs = qs.filter(begrotingsjaar=jaar)
    zoek = (zoek or "").strip()[:100]
    if zoek:
        voorwaarde = Q(titel__icontains=zoek) | Q(groep__naam__icontains=zoek)
        if zoek.upper().startswith("LB-") and zoek.rsplit("-", 1)[-1].isdigit():
            voorwaarde |= Q(pk=int(zoek.rsplit("-", 1)[-1]))
        qs = qs.filter(voorwaarde)
    # The columns the queue shows (and Aanvraag.kenmerk, is_jaarbijdrage and termijn_opgeschort read), not
    # the 149 of the application with its group, areas and handler: PostgreSQL sends less and Django hashes
    # less for the ORDER BY beside the `te_laat` mark.
    return (
        qs.select_related("groep", "kern", "behandelaar")
        .only(
            "titel",
            "begrotingsjaar",
            "soort",
            "status",
            "opgeschort_sinds",
            "uiterste_beslisdatum",
            "gevraagd_bedrag",
            "groep__naam",
            "groep__iban",
            "kern__naam",
            "behandelaar__naam",
        )
        .annotate(
            te_laat=Case(
                When(te_laat_q(vandaag), then=Value(True)),
                default=Value(False),
            )
        )
        .order_by(F("uiterste_beslisdatum").asc(nulls_last=True), "pk")
    )


def aanvraag_detail(user, pk: int) -> Aanvraag:
    """One application with its lines, attachments and timeline, or 404 if this user may not see it.
    The people the page names come along; who decided or settled it only the letters name (one query
    there): each join more made PostgreSQL's planning dearer than the query itself."""
    qs = (
        zichtbare_aanvragen(user)
        .select_related(
            "groep",
            "kern",
            "wijk",
            "gemeente",
            "behandelaar",
            "ingevoerd_door",
        )
        .prefetch_related(
            "kostenposten",
            "bijlagen",
            Prefetch("statuswijzigingen", queryset=Statuswijziging.objects.select_related("door")),
        )
    )
    return get_object_or_404(qs, pk=pk)


def openstaande_vraag(aanvraag: Aanvraag) -> Statuswijziging | None:
    """The gemeente's question the group still has to answer (the step to "aanvulling gevraagd"), or None.
    Reads the timeline through `.all()`, so a prefetched one (`aanvraag_detail`) costs no query."""
    if aanvraag.status != Status.AANVULLING_GEVRAAGD:
        return None
    vragen = [
        w
        for w in aanvraag.statuswijzigingen.all()
        if w.naar == Status.AANVULLING_GEVRAAGD and w.van != Status.AANVULLING_GEVRAAGD
    ]
    return max(vragen, key=lambda w: (w.op, w.pk), default=None)


def aanvraag_voor(user, pk: int) -> Aanvraag:
    """The bare application for an action view (404 when not visible)."""
    return get_object_or_404(zichtbare_aanvragen(user).select_related("groep", "gemeente"), pk=pk)


def export_aanvragen(*, gemeente_id: int | None, jaar: int) -> QuerySet:
    qs = Aanvraag.objects.filter(begrotingsjaar=jaar).exclude(status=Status.CONCEPT)
    if gemeente_id:
        qs = qs.filter(gemeente_id=gemeente_id)
    return qs.select_related("groep", "kern", "wijk", "gemeente").order_by("pk")


EXPORT_KOLOMMEN = [
    "kenmerk",
    "soort",  # aanvraag or jaarbijdrage (of a samenwerkingsovereenkomst)
    "gemeente",
    "groep",
    "titel",
    "kern",
    "wijk",
    "status",
    "ingediend_op",
    "besluit_op",
    "totale_kosten",
    "eigen_bijdrage",
    "cofinanciering",
    "gevraagd_bedrag",
    "toegekend_bedrag",
    "uitbetaald_op",
    "uitbetaald_bedrag",
    "vastgesteld_bedrag",
    "terug_te_vorderen",
    "terugontvangen_op",
    "iban",
]
BEDRAG_KOLOMMEN = [
    "totale_kosten",
    "eigen_bijdrage",
    "cofinanciering",
    "gevraagd_bedrag",
    "toegekend_bedrag",
    "uitbetaald_bedrag",
    "vastgesteld_bedrag",
    "terug_te_vorderen",
]


def exportrijen(qs) -> Iterator[list]:
    """The rows of finance's export (CSV and XLSX alike) of `export_aanvragen`: the header, one row per
    application and the totals. Typed values: amounts as `Euro`, days as dates (`invoer.spreadsheet`)."""
    totalen = dict.fromkeys(BEDRAG_KOLOMMEN, NUL)
    yield EXPORT_KOLOMMEN
    for a in qs.iterator(chunk_size=500):
        for kolom in BEDRAG_KOLOMMEN:
            totalen[kolom] += getattr(a, kolom) or Decimal(0)
        yield [
            a.kenmerk,
            a.get_soort_display().lower(),
            a.gemeente.naam,
            a.groep.naam,
            a.titel,
            a.kern.naam if a.kern else "",
            a.wijk.naam if a.wijk else "",
            a.get_status_display(),
            a.ingediend_op,
            a.besluit_op,
            *[euro(getattr(a, k)) for k in BEDRAG_KOLOMMEN[:5]],
            a.uitbetaald_op,
            euro(a.uitbetaald_bedrag),
            euro(a.vastgesteld_bedrag),
            euro(a.terug_te_vorderen),
            a.terugontvangen_op,
            a.uitbetaalrekening,  # as recorded at the payment (else the decision), not the group's IBAN now
        ]
    rij = {k: "" for k in EXPORT_KOLOMMEN}
    rij["kenmerk"] = "Totaal"
    for kolom in BEDRAG_KOLOMMEN:
        rij[kolom] = euro(totalen[kolom])
    yield [rij[k] for k in EXPORT_KOLOMMEN]


# --- Figures --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Budgetcijfers:
    totaal: Decimal | None
    toegekend: Decimal  # everything granted (in the year, still standing)
    gereserveerd: Decimal  # granted but not yet settled
    uitbetaald: Decimal  # paid out, minus what came back
    vastgesteld: Decimal  # settled final amounts
    terug_te_vorderen: Decimal  # still to be paid back by groups
    kern: object | None = None

    @property
    def vastgelegd(self) -> Decimal:
        return self.gereserveerd + self.vastgesteld

    @property
    def vrij(self) -> Decimal | None:
        return None if self.totaal is None else self.totaal - self.vastgelegd


def _geldsommen(prefix: str = "", extra: Q | None = None):
    """Sum expressions over applications; `prefix` reaches them through a relation (e.g. 'aanvragen__')."""

    def q(**kwargs):
        voorwaarde = Q(**{prefix + k: v for k, v in kwargs.items()})
        return voorwaarde & extra if extra is not None else voorwaarde

    def som(veld, voorwaarde):
        return Coalesce(Sum(prefix + veld, filter=voorwaarde), Value(NUL), output_field=GELD)

    toegekend = {"status__in": TOEGEKEND_STATUSSEN}
    return {
        "toegekend": som("toegekend_bedrag", q(**toegekend)),
        "gereserveerd": som("toegekend_bedrag", q(**toegekend, vastgesteld_bedrag__isnull=True)),
        "vastgesteld": som("vastgesteld_bedrag", q(**toegekend, vastgesteld_bedrag__isnull=False)),
        "betaald": som("uitbetaald_bedrag", q(uitbetaald_bedrag__isnull=False)),
        "terug_ontvangen": som("terug_te_vorderen", q(terugontvangen_op__isnull=False)),
        "terug_open": som("terug_te_vorderen", q(terugontvangen_op__isnull=True)),
    }


def _cijfers(rij: dict, totaal, kern=None) -> Budgetcijfers:
    return Budgetcijfers(
        totaal=totaal,
        toegekend=rij["toegekend"],
        gereserveerd=rij["gereserveerd"],
        uitbetaald=rij["betaald"] - rij["terug_ontvangen"],
        vastgesteld=rij["vastgesteld"],
        terug_te_vorderen=rij["terug_open"],
        kern=kern,
    )


def budgetcijfers(*, gemeente, jaar: int, kern=None) -> Budgetcijfers:
    """Money of one gemeente and year (or one kern in it), from the applications in the database."""
    if kern is not None:
        # One query: the kern with its ceiling (subquery) and its applications' sums for the year.
        plafond = Kernplafond.objects.filter(
            budget__gemeente=gemeente, budget__jaar=jaar, kern=OuterRef("pk")
        )
        rij = (
            Kern.objects.filter(pk=kern.pk)
            .annotate(
                plafond=Subquery(plafond.values("plafond")[:1]),
                **_geldsommen("aanvragen__", Q(aanvragen__begrotingsjaar=jaar)),
            )
            .values(
                "plafond",
                "toegekend",
                "gereserveerd",
                "vastgesteld",
                "betaald",
                "terug_ontvangen",
                "terug_open",
            )
            .get()
        )
        return _cijfers(rij, rij["plafond"], kern)
    qs = Aanvraag.objects.filter(gemeente=gemeente, begrotingsjaar=jaar)
    totaal = Budget.objects.filter(gemeente=gemeente, jaar=jaar).values_list("totaal", flat=True).first()
    return _cijfers(qs.aggregate(**_geldsommen()), totaal, kern)


_SOMMEN = ("toegekend", "gereserveerd", "vastgesteld", "betaald", "terug_ontvangen", "terug_open")


def _sommen_per_kern(*, gemeente, jaar: int) -> dict:
    """{kern_id (None: no kern): the `_geldsommen` of the year's applications}, in one query."""
    return {
        rij["kern"]: rij
        for rij in Aanvraag.objects.filter(gemeente=gemeente, begrotingsjaar=jaar)
        .values("kern")
        .annotate(**_geldsommen())
        .order_by()
    }


def budgetcijfers_per_kern(*, gemeente, jaar: int) -> list[Budgetcijfers]:
    """One row per kern of the gemeente, in two queries (kernen with ceilings, sums per kern)."""
    sommen = _sommen_per_kern(gemeente=gemeente, jaar=jaar)
    plafonds = Kernplafond.objects.filter(budget__jaar=jaar, budget__gemeente=gemeente)
    kernen = (
        Kern.objects.filter(gemeente=gemeente)
        .order_by("naam")
        .prefetch_related(Prefetch("budgetplafonds", queryset=plafonds, to_attr="plafonds_jaar"))
    )
    leeg = dict.fromkeys(_SOMMEN, NUL)
    rijen = []
    for kern in kernen:
        plafond = kern.plafonds_jaar[0].plafond if kern.plafonds_jaar else None
        rijen.append(_cijfers(sommen.get(kern.pk, leeg), plafond, kern))
    return rijen


def budgetcijfers_van_kernen(kernen, *, jaar: int) -> list[Budgetcijfers]:
    """`budgetcijfers` of the given kernen (of any gemeenten; annotated with `kernplafond(jaar)` as
    `plafond`), for a page of them: one query for the sums of all of them together."""
    kernen = list(kernen)
    sommen = {
        rij["kern"]: rij
        for rij in Aanvraag.objects.filter(kern__in=[k.pk for k in kernen], begrotingsjaar=jaar)
        .values("kern")
        .annotate(**_geldsommen())
        .order_by()
    }
    leeg = dict.fromkeys(_SOMMEN, NUL)
    return [_cijfers(sommen.get(kern.pk, leeg), kern.plafond, kern) for kern in kernen]


def kernplafond(jaar: int) -> Subquery:
    """An annotation for a Kern queryset: the kern's ceiling in its gemeente's budget of `jaar` (or None),
    so a page that lists the kernen anyway gets the ceilings in that same query."""
    return Subquery(
        Kernplafond.objects.filter(
            budget__jaar=jaar, budget__gemeente=OuterRef("gemeente"), kern=OuterRef("pk")
        ).values("plafond")[:1]
    )


@dataclass(frozen=True)
class Jaarcijfers:
    """The money of one gemeente and year at once: in total, per kern (without the kern's ceiling, which
    `kernplafond` gives) and of the applications that name no kern (None when there are none)."""

    totaal: Budgetcijfers
    per_kern: dict[int, Budgetcijfers]
    zonder_kern: Budgetcijfers | None

    def van_kern(self, kern, plafond) -> Budgetcijfers:
        rij = self.per_kern.get(kern.pk) or _cijfers(dict.fromkeys(_SOMMEN, NUL), None)
        return replace(rij, totaal=plafond, kern=kern)


def jaarcijfers(*, gemeente, jaar: int) -> Jaarcijfers:
    """`budgetcijfers` in total, per kern and without kern, in two queries: the sums grouped by kern (the
    total is their sum: every application has one kern or none) and the budget's total."""
    per_kern, zonder_kern = {}, None
    alles = dict.fromkeys(_SOMMEN, NUL)
    for rij in _sommen_per_kern(gemeente=gemeente, jaar=jaar).values():
        for som in _SOMMEN:
            alles[som] += rij[som]
        if rij["kern"] is None:
            zonder_kern = _cijfers(rij, None)
        else:
            per_kern[rij["kern"]] = _cijfers(rij, None)
    totaal = Budget.objects.filter(gemeente=gemeente, jaar=jaar).values_list("totaal", flat=True).first()
    return Jaarcijfers(totaal=_cijfers(alles, totaal), per_kern=per_kern, zonder_kern=zonder_kern)


def aanvragen_van_jaar(*, gemeente, jaar: int) -> QuerySet[Aanvraag]:
    """The applications groups made for the year's budget. Not the jaarbijdragen: an agreement grants
    those by itself, so they are no request in a state of handling. Counts per status use this; the
    money figures count the jaarbijdragen too (they are reserved against the budget)."""
    return Aanvraag.objects.filter(gemeente=gemeente, begrotingsjaar=jaar, soort=Soort.AANVRAAG)


def aanvragen_per_status(*, gemeente, jaar: int, kern=None) -> dict[str, int]:
    """`aanvragen_van_jaar` per status (jaarbijdragen not included), every status, zero included."""
    qs = aanvragen_van_jaar(gemeente=gemeente, jaar=jaar)
    if kern is not None:
        qs = qs.filter(kern=kern)
    tellingen = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: tellingen.get(status.value, 0) for status in Status}


@dataclass(frozen=True)
class Doorlooptijden:
    aantal_besluiten: int
    gemiddeld_dagen: float | None
    mediaan_dagen: float | None
    binnen_termijn: int

    @property
    def percentage_binnen_termijn(self) -> float | None:
        return (
            None if not self.aantal_besluiten else round(100 * self.binnen_termijn / self.aantal_besluiten, 1)
        )


def doorlooptijden(*, gemeente, jaar: int, kern=None) -> Doorlooptijden:
    """Lead times (submission to decision, in days, stored at decision time) of decided applications."""
    qs = Aanvraag.objects.filter(gemeente=gemeente, begrotingsjaar=jaar, doorlooptijd_dagen__isnull=False)
    if kern is not None:
        qs = qs.filter(kern=kern)
    rijen = list(qs.values_list("doorlooptijd_dagen", "besluit_op", "uiterste_beslisdatum"))
    dagen = [r[0] for r in rijen]
    binnen = sum(1 for _, besluit, uiterst in rijen if uiterst and timezone.localdate(besluit) <= uiterst)
    return Doorlooptijden(
        aantal_besluiten=len(dagen),
        gemiddeld_dagen=round(sum(dagen) / len(dagen), 1) if dagen else None,
        mediaan_dagen=float(median(dagen)) if dagen else None,
        binnen_termijn=binnen,
    )


def budgetten_overzicht(user) -> list[tuple[Budget, Budgetcijfers]]:
    """Every budget this user may see with its figures (two queries in all)."""
    budgetten = list(zichtbare_budgetten(user).select_related("gemeente").order_by("gemeente__naam", "-jaar"))
    if not budgetten:
        return []
    sommen = {
        (rij["gemeente"], rij["begrotingsjaar"]): rij
        for rij in Aanvraag.objects.filter(gemeente__in={b.gemeente_id for b in budgetten})
        .values("gemeente", "begrotingsjaar")
        .annotate(**_geldsommen())
        .order_by()
    }
    leeg = dict.fromkeys(_SOMMEN, NUL)
    return [(b, _cijfers(sommen.get((b.gemeente_id, b.jaar), leeg), b.totaal)) for b in budgetten]


def budget_detail(user, pk: int) -> Budget:
    return get_object_or_404(zichtbare_budgetten(user).select_related("gemeente"), pk=pk)


# --- Jaarbijdragen: the yearly contributions a samenwerkingsovereenkomst promises ----------------------


@dataclass(frozen=True)
class Jaarbijdrageregel:
    """One year of an agreement's schedule: the period it covers, the amount, and the contribution
    itself once it is reserved (an `Aanvraag` of soort jaarbijdrage), else None."""

    jaar: int
    van: date
    tot: date
    bedrag: Decimal
    aanvraag: Aanvraag | None = None

    @property
    def heel_jaar(self) -> bool:
        return self.van == date(self.jaar, 1, 1) and self.tot == date(self.jaar, 12, 31)


def jaarbijdrage_periode(overeenkomst, jaar: int) -> Jaarbijdrageregel | None:
    """The part of `jaar` that the agreement covers (start and end date included) and its amount: the
    yearly amount for a whole year, pro rata by days for a part of a year. None: no day of `jaar`."""
    van = max(overeenkomst.startdatum, date(jaar, 1, 1))
    tot = min(overeenkomst.einddatum, date(jaar, 12, 31))
    if tot < van:
        return None
    dagen = (tot - van).days + 1
    in_jaar = (date(jaar, 12, 31) - date(jaar, 1, 1)).days + 1
    bedrag = overeenkomst.jaarbijdrage
    if dagen < in_jaar:
        bedrag = (bedrag * dagen / in_jaar).quantize(Decimal("0.01"))  # ROUND_HALF_EVEN: Decimal's default
    return Jaarbijdrageregel(jaar=jaar, van=van, tot=tot, bedrag=bedrag)


def jaarbijdrage_schema(overeenkomst, *, bijdragen: list[Aanvraag] | None = None) -> list[Jaarbijdrageregel]:
    """Every year of the agreement's term with its amount and, where reserved, its contribution.
    `bijdragen`: the agreement's contributions when already read (else one query)."""
    if bijdragen is None:
        bijdragen = list(overeenkomst.jaarbijdragen.all())
    per_jaar = {a.begrotingsjaar: a for a in bijdragen}
    regels = []
    for jaar in range(overeenkomst.startdatum.year, overeenkomst.einddatum.year + 1):
        regel = jaarbijdrage_periode(overeenkomst, jaar)
        if regel is not None:
            regels.append(replace(regel, aanvraag=per_jaar.get(jaar)))
    return regels


def jaarbijdragen_van_groep(groep) -> list[tuple[object, list[Jaarbijdrageregel]]]:
    """(agreement, schedule) for the group's agreements that promise money, newest first; two queries."""
    from bewonersgroepen.constants import Overeenkomststatus
    from bewonersgroepen.models import Samenwerkingsovereenkomst

    overeenkomsten = list(
        Samenwerkingsovereenkomst.objects.filter(groep=groep, jaarbijdrage__gt=0)
        .exclude(status__in=[Overeenkomststatus.CONCEPT, Overeenkomststatus.TER_ONDERTEKENING])
        .prefetch_related(Prefetch("jaarbijdragen", queryset=Aanvraag.objects.order_by("begrotingsjaar")))
        .order_by("-versie")
    )
    return [(o, jaarbijdrage_schema(o, bijdragen=list(o.jaarbijdragen.all()))) for o in overeenkomsten]
