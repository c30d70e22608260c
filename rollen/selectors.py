"""Reads of rollen: who is the contact for an area, who gets new work, where are the gaps."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404

from accounts.constants import Gebruikerssoort
from gebieden.models import Buurt, Gemeente, Kern, Wijk
from gebieden.selectors import werkgebied_vooraf

from .constants import (
    DEKKING_VOORUIT_DAGEN,
    GEBIEDSROLLEN,
    LOPENDE_FASEN,
    OFFICIELE_BESCHRIJVINGEN,
    VERPLICHTE_ROLLEN,
    Rol,
)
from .models import Overdracht, Participatiestap, Project, Rolbeschrijving, Routeringsregel, Toewijzing
from .registry import open_werk_providers


def _vandaag(op):
    return op or datetime.date.today()


def ontleed_gebied(gebied) -> tuple[Wijk | None, Kern | None, int | None]:
    """(wijk, kern, gemeente_id) of a Gemeente, Kern, Wijk or Buurt."""
    if isinstance(gebied, Buurt):
        gebied = gebied.wijk
    if isinstance(gebied, Wijk):
        return gebied, gebied.kern, gebied.gemeente_id
    if isinstance(gebied, Kern):
        return None, gebied, gebied.gemeente_id
    if isinstance(gebied, Gemeente):
        return None, None, gebied.pk
    raise TypeError(f"Geen gebied: {gebied!r}")


def rolbeschrijvingen() -> dict[str, str]:
    """Description per role value, as the functional admin last edited it."""
    beschrijvingen = {str(rol): tekst for rol, tekst in OFFICIELE_BESCHRIJVINGEN.items()}
    beschrijvingen.update(dict(Rolbeschrijving.objects.values_list("rol", "beschrijving")))
    return beschrijvingen


def actieve_omgevingsmanagers(op=None) -> Prefetch:
    """Prefetch for Project: today's Omgevingsmanager assignment as `actieve_omgevingsmanagers`."""
    return Prefetch(
        "toewijzingen",
        queryset=Toewijzing.objects.actief_op(op)
        .filter(rol=Rol.OMGEVINGSMANAGER)
        .select_related("medewerker"),
        to_attr="actieve_omgevingsmanagers",
    )


def lopende_projecten_in(gebied, op=None):
    """Running projects in a kern or wijk, including those for its whole kern or the whole gemeente."""
    wijk, kern, gemeente_id = ontleed_gebied(gebied)
    heel_gemeente = Q(kernen__isnull=True, wijken__isnull=True)
    waar = heel_gemeente
    if kern is not None:
        waar |= Q(kernen=kern)
        if wijk is None:  # on a kern page: projects in any of its wijken too
            waar |= Q(wijken__kern=kern)
    if wijk is not None:
        waar |= Q(wijken=wijk)
    ids = Project.objects.filter(waar, gemeente_id=gemeente_id, fase__in=LOPENDE_FASEN).values("pk")
    return (
        Project.objects.filter(pk__in=ids)
        .select_related("gemeente")
        .prefetch_related(actieve_omgevingsmanagers(op))
        .order_by("naam")
    )


# --- contact lookup -------------------------------------------------------------------------------
@dataclass
class Contact:
    rol: str
    naam: str
    email: str
    telefoon: str
    geldt_voor: str
    project: Project | None = None


@dataclass
class RolContacten:
    rol: Rol
    beschrijving: str
    contacten: list[Contact] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.rol.label


@dataclass
class Contactpersonen:
    gebied: object
    per_rol: list[RolContacten]

    @property
    def gemeente(self):
        """The gemeente whose general number and address stand in for an empty slot."""
        if isinstance(self.gebied, Gemeente):
            return self.gebied
        return self.gebied.wijk.gemeente if isinstance(self.gebied, Buurt) else self.gebied.gemeente

    def van(self, rol) -> list[Contact]:
        return next(r.contacten for r in self.per_rol if r.rol == rol)

    def namen(self, rol) -> list[str]:
        return [c.naam for c in self.van(rol) if c.naam]


def _contact(toewijzing: Toewijzing, geldt_voor: str) -> Contact:
    return Contact(
        rol=toewijzing.rol,
        naam=toewijzing.persoon_naam,
        email=toewijzing.persoon_email,
        telefoon=toewijzing.persoon_telefoon,
        geldt_voor=geldt_voor,
    )


def contactpersonen(gebied, op=None, *, met_beschrijvingen: bool = True) -> Contactpersonen:
    """Today's Beheerder, Adviseur, Wijkwethouder and the Omgevingsmanagers of running projects for a
    Kern or Wijk, with what holds for its whole kern or gemeente. Work contact details only.

    `met_beschrijvingen=False` saves the query for the role descriptions (area pages link to them)."""
    op = _vandaag(op)
    wijk, kern, gemeente_id = ontleed_gebied(gebied)
    waar = Q(pk__in=[])
    if kern is not None:
        waar |= Q(kern=kern)
        if wijk is None:
            waar |= Q(wijk__kern=kern)  # on a kern page: the beheerders of its wijken too
    if wijk is not None:
        waar |= Q(wijk=wijk)
    toewijzingen = (
        Toewijzing.objects.actief_op(op)
        .filter(waar, gemeente_id=gemeente_id, rol__in=GEBIEDSROLLEN)  # gemeente: the index to use
        .select_related("medewerker", "kern", "wijk")
        .order_by("rol", "wijk__code", "van")
    )
    beschrijvingen = rolbeschrijvingen() if met_beschrijvingen else {}
    per_rol = {rol: RolContacten(rol=rol, beschrijving=beschrijvingen.get(rol.value, "")) for rol in Rol}
    for t in toewijzingen:
        geldt_voor = t.wijk.naam if t.wijk_id else f"heel {t.kern.naam}"
        per_rol[Rol(t.rol)].contacten.append(_contact(t, geldt_voor))
    for project in lopende_projecten_in(gebied, op):
        om = project.actieve_omgevingsmanagers[0] if project.actieve_omgevingsmanagers else None
        contact = (
            _contact(om, f"project {project.naam}")
            if om
            else Contact(Rol.OMGEVINGSMANAGER, "", "", "", f"project {project.naam}")
        )
        contact.project = project
        per_rol[Rol.OMGEVINGSMANAGER].contacten.append(contact)
    volgorde = [Rol.BEHEERDER, Rol.ADVISEUR, Rol.WIJKWETHOUDER, Rol.OMGEVINGSMANAGER]
    return Contactpersonen(gebied=gebied, per_rol=[per_rol[r] for r in volgorde])


def openbare_contacten(op=None):
    """Every contact the public may see today (the open data API): the area roles (Beheerder, Adviseur,
    Wijkwethouder) and the Omgevingsmanagers of running projects, as on /contactpersonen/. Work contact
    details only (Toewijzing.persoon_*)."""
    return (
        Toewijzing.objects.actief_op(_vandaag(op))
        .filter(Q(rol__in=GEBIEDSROLLEN) | Q(rol=Rol.OMGEVINGSMANAGER, project__fase__in=LOPENDE_FASEN))
        .select_related("medewerker", "gemeente", "kern", "wijk", "project")
        .order_by("gemeente__naam", "rol", "pk")
    )


def houder(rol, *, kern=None, wijk=None, op=None) -> Toewijzing | None:
    """Who holds an area role on a day. A wijk's Beheerder is its own, else the one for its whole kern."""
    op = _vandaag(op)
    qs = Toewijzing.objects.actief_op(op).filter(rol=rol).select_related("medewerker")
    if rol == Rol.BEHEERDER and wijk is not None:
        gevonden = {
            ("w" if t.wijk_id else "k"): t for t in qs.filter(Q(wijk=wijk) | Q(kern=wijk.kern_id, wijk=None))
        }
        return gevonden.get("w") or gevonden.get("k")
    if kern is None:
        return None
    return qs.filter(kern=kern).first()


def verantwoordelijke_voor(*, gebied, soort_werk, op=None, terugval: bool = True):
    """The staff member who gets new work of this kind in this area, or None.

    The most specific routing rule wins (wijk, kern, whole gemeente); a rule that names a role whose
    holder is missing falls through to the next one; without any, the kern's Adviseur Leefomgeving
    (`terugval=False`: None instead, for work that has its own next step, such as meldingen).
    """
    wijk, kern, gemeente_id = ontleed_gebied(gebied)
    waar = Q(kern=None, wijk=None)
    if kern is not None:
        waar |= Q(kern=kern, wijk=None)
    if wijk is not None:
        waar |= Q(wijk=wijk)
    regels = sorted(
        Routeringsregel.objects.filter(
            waar, gemeente_id=gemeente_id, soort_werk=str(soort_werk)
        ).select_related("medewerker"),
        key=lambda r: -r.specificiteit,
    )
    for regel in regels:
        if regel.medewerker_id:
            if regel.medewerker.is_active:
                return regel.medewerker
            continue
        toewijzing = houder(regel.rol, kern=kern, wijk=wijk, op=op)
        if toewijzing and toewijzing.medewerker_id:
            return toewijzing.medewerker
    if terugval and kern is not None:
        toewijzing = houder(Rol.ADVISEUR, kern=kern, op=op)
        if toewijzing:
            return toewijzing.medewerker
    return None


# --- coverage -------------------------------------------------------------------------------------
@dataclass
class Gat:
    """An area without an active Beheerder or Adviseur from `vanaf` on."""

    gebied: object
    rol: Rol
    vanaf: datetime.date
    laatste: Toewijzing | None = None  # the assignment that ends, for gaps still to come

    @property
    def gebied_soort(self) -> str:
        return self.gebied.niveau


def _eerste_gat(
    toewijzingen, begin: datetime.date, einde: datetime.date
) -> tuple[datetime.date | None, object]:
    """First day in [begin, einde] that no assignment covers, and the assignment that ends just before it."""
    dag, vorige = begin, None
    while dag <= einde:
        dekkend = [t for t in toewijzingen if t.van <= dag and (t.tot is None or t.tot >= dag)]
        if not dekkend:
            return dag, vorige
        if any(t.tot is None for t in dekkend):
            return None, None
        vorige = max(dekkend, key=lambda t: t.tot)
        dag = vorige.tot + datetime.timedelta(days=1)
    return None, None


@dataclass
class Dekking:
    gemeente: Gemeente
    op: datetime.date
    tot: datetime.date
    nu: list[Gat]
    binnenkort: list[Gat]


def dekking(gemeente: Gemeente, op=None, dagen: int = DEKKING_VOORUIT_DAGEN) -> Dekking:
    """Areas of a gemeente without an active Beheerder or Adviseur today, and gaps in the coming days
    because an assignment ends. A Beheerder for a whole kern covers its wijken."""
    op = _vandaag(op)
    einde = op + datetime.timedelta(days=dagen)
    kernen = list(Kern.objects.filter(gemeente=gemeente).select_related("gemeente").order_by("naam"))
    wijken = list(Wijk.objects.filter(gemeente=gemeente).select_related("gemeente", "kern").order_by("code"))
    toewijzingen = list(
        Toewijzing.objects.filter(gemeente=gemeente, rol__in=VERPLICHTE_ROLLEN)
        .overlappend(op, einde)
        .select_related("medewerker", "kern", "wijk")
    )
    per_kern = {(rol, k.pk): [] for rol in VERPLICHTE_ROLLEN for k in kernen}
    per_wijk = {w.pk: [] for w in wijken}
    for t in toewijzingen:
        if t.kern_id:
            per_kern.setdefault((t.rol, t.kern_id), []).append(t)
        elif t.wijk_id:
            per_wijk.setdefault(t.wijk_id, []).append(t)

    te_dekken = [(k, Rol.ADVISEUR, per_kern[(Rol.ADVISEUR, k.pk)]) for k in kernen]
    kernen_met_wijken = {w.kern_id for w in wijken if w.kern_id}
    for k in kernen:
        if k.pk not in kernen_met_wijken:
            te_dekken.append((k, Rol.BEHEERDER, per_kern[(Rol.BEHEERDER, k.pk)]))
    for w in wijken:
        kernbreed = per_kern.get((Rol.BEHEERDER, w.kern_id), []) if w.kern_id else []
        te_dekken.append((w, Rol.BEHEERDER, per_wijk[w.pk] + kernbreed))

    nu, binnenkort = [], []
    for gebied, rol, lijst in te_dekken:
        vanaf, laatste = _eerste_gat(lijst, op, einde)
        if vanaf == op:
            nu.append(Gat(gebied, rol, vanaf))
        elif vanaf is not None:
            binnenkort.append(Gat(gebied, rol, vanaf, laatste))
    binnenkort.sort(key=lambda g: (g.vanaf, g.gebied.naam))
    return Dekking(gemeente=gemeente, op=op, tot=einde, nu=nu, binnenkort=binnenkort)


def _buiten(naam: str, diepte: int):
    """A reference to column `naam` of the area row, `diepte` subqueries further in."""
    ref = naam
    for _ in range(diepte):
        ref = OuterRef(ref)
    return ref


def _gat_expressies(gemeente: Gemeente, rol: Rol, waar, op: datetime.date, einde: datetime.date):
    """(gap today, gap to come) for the area of the outer query, as two boolean SQL expressions.

    `waar(diepte)` is the Q that picks the assignments covering that area. The same rule as `dekking`
    (`_eerste_gat`): a gap today when no assignment covers `op`; a gap to come when `op` is covered but
    some assignment ends before `einde` and no assignment covers the day after it.
    """

    def dekkers(diepte):
        return Toewijzing.objects.filter(waar(diepte), gemeente=gemeente, rol=rol)

    actief = dekkers(1).filter(Q(tot__isnull=True) | Q(tot__gte=op), van__lte=op)
    dag_erna = ExpressionWrapper(OuterRef("tot") + datetime.timedelta(days=1), output_field=DateField())
    opvolger = dekkers(2).filter(Q(tot__isnull=True) | Q(tot__gt=OuterRef("tot")), van__lte=dag_erna)
    eindigt = dekkers(1).filter(tot__gte=op, tot__lt=einde).filter(~Exists(opvolger))
    return ~Exists(actief), Exists(actief) & Exists(eindigt)


def dekking_annotaties(gemeente: Gemeente, op=None, dagen: int = DEKKING_VOORUIT_DAGEN) -> dict:
    """Annotations for a Kern queryset of `gemeente`: the kern-level part of `dekking_per_kern`, so a page
    that lists the kernen anyway (the council dashboard) gets it in that same query."""
    op = _vandaag(op)
    einde = op + datetime.timedelta(days=dagen)
    eigen_kern = lambda diepte: Q(kern=_buiten("pk", diepte))  # noqa: E731
    adviseur_nu, adviseur_straks = _gat_expressies(gemeente, Rol.ADVISEUR, eigen_kern, op, einde)
    beheer_nu, beheer_straks = _gat_expressies(gemeente, Rol.BEHEERDER, eigen_kern, op, einde)
    return {
        "dekking_adviseur_nu": adviseur_nu,
        "dekking_adviseur_straks": adviseur_straks,
        "dekking_heeft_wijken": Exists(Wijk.objects.filter(kern=OuterRef("pk"), gemeente=gemeente)),
        "dekking_beheer_nu": beheer_nu,
        "dekking_beheer_straks": beheer_straks,
    }


def dekking_per_kern(gemeente: Gemeente, op=None, dagen: int = DEKKING_VOORUIT_DAGEN, kernen=None) -> dict:
    """The counts of `dekking` per kern, computed by the database in two queries whatever the size.

    Returns {kern_id (None: wijken without a kern): {"zonder_adviseur", "zonder_beheerder", "binnenkort"}}
    for every kern of the gemeente: kernen without an Adviseur; areas without a Beheerder (each wijk,
    or the kern itself when it has no wijken; a Beheerder of the whole kern covers its wijken); and
    gaps in the coming `dagen` days because an assignment ends. `kernen`: the gemeente's kernen already
    annotated with `dekking_annotaties` for the same day (then one query).
    """
    op = _vandaag(op)
    einde = op + datetime.timedelta(days=dagen)
    if kernen is None:
        kernen = Kern.objects.filter(gemeente=gemeente).annotate(**dekking_annotaties(gemeente, op, dagen))
    uitkomst = {}
    for kern in kernen:
        eigen_beheer = not kern.dekking_heeft_wijken
        uitkomst[kern.pk] = {
            "zonder_adviseur": int(kern.dekking_adviseur_nu),
            "zonder_beheerder": int(eigen_beheer and kern.dekking_beheer_nu),
            "binnenkort": int(kern.dekking_adviseur_straks)
            + int(eigen_beheer and kern.dekking_beheer_straks),
        }
    wijk_of_kern = lambda diepte: Q(wijk=_buiten("pk", diepte)) | Q(kern=_buiten("kern_id", diepte))  # noqa: E731
    wijk_nu, wijk_straks = _gat_expressies(gemeente, Rol.BEHEERDER, wijk_of_kern, op, einde)
    for rij in (
        Wijk.objects.filter(gemeente=gemeente)
        .values("kern_id")
        .annotate(nu=Count("pk", filter=wijk_nu), straks=Count("pk", filter=wijk_straks))
        .order_by()
    ):
        telling = uitkomst.setdefault(
            rij["kern_id"], {"zonder_adviseur": 0, "zonder_beheerder": 0, "binnenkort": 0}
        )
        telling["zonder_beheerder"] += rij["nu"]
        telling["binnenkort"] += rij["straks"]
    return uitkomst


# --- workload, assignments, projects ---------------------------------------------------------------
def medewerkers_van(gemeente_ids):
    """Staff members (group Medewerker) of the given gemeenten (None: all)."""
    qs = get_user_model().objects.filter(groups__name=Gebruikerssoort.MEDEWERKER, is_active=True)
    if gemeente_ids is not None:
        qs = qs.filter(gemeente_id__in=gemeente_ids)
    return qs.select_related("gemeente").order_by("naam", "pk").distinct()


def actieve_toewijzingen_prefetch(op=None) -> Prefetch:
    return Prefetch(
        "toewijzingen",
        queryset=Toewijzing.objects.actief_op(op)
        .select_related("kern", "wijk", "project")
        .order_by("rol", "kern__naam", "wijk__code", "project__naam"),
        to_attr="actieve_toewijzingen",
    )


@dataclass
class Werklast:
    medewerker: object
    toewijzingen: list[Toewijzing]
    open_werk: list[tuple[str, str, int]]  # (key, label, count)

    @property
    def totaal_open(self) -> int:
        return sum(n for _, _, n in self.open_werk)


def werklast(medewerkers: list) -> list[Werklast]:
    """Per staff member (one page of them): active assignments and open work per registered provider.
    Uses a fixed number of queries when every provider offers a batch count."""
    medewerkers = list(medewerkers)
    prefetch_related_objects(medewerkers, actieve_toewijzingen_prefetch())
    tellingen = [(p.key, p.label, p.counts(medewerkers)) for p in open_werk_providers()]
    return [
        Werklast(
            medewerker=m,
            toewijzingen=m.actieve_toewijzingen,
            open_werk=[(key, label, counts.get(m.pk, 0)) for key, label, counts in tellingen],
        )
        for m in medewerkers
    ]


def toewijzingen_van(medewerker):
    return (
        Toewijzing.objects.filter(medewerker=medewerker)
        .select_related("kern", "wijk", "project", "gemeente")
        .order_by("-van", "pk")
    )


# Which assignments the overview shows, by their period compared with today.
TOEWIJZING_STANDEN = {
    "actief": "Vandaag actief",
    "komend": "Begint later",
    "lopend": "Actief of komend",
    "afgelopen": "Afgelopen",
    "alle": "Alle",
}


def toewijzingen_overzicht(gemeente_ids, *, rol: str = "", stand: str = "lopend", zoek: str = "", op=None):
    """Assignments of the given gemeenten (None: all), by role, period and a search on person or area."""
    op = _vandaag(op)
    qs = Toewijzing.objects.select_related("medewerker", "kern", "wijk", "project", "gemeente").order_by(
        "gemeente__naam", "rol", "kern__naam", "wijk__code", "project__naam", "-van", "pk"
    )
    if gemeente_ids is not None:
        qs = qs.filter(gemeente_id__in=gemeente_ids)
    if rol:
        qs = qs.filter(rol=rol)
    if stand == "actief":
        qs = qs.actief_op(op)
    elif stand == "komend":
        qs = qs.filter(van__gt=op)
    elif stand == "lopend":
        qs = qs.filter(Q(tot__isnull=True) | Q(tot__gte=op))
    elif stand == "afgelopen":
        qs = qs.filter(tot__lt=op)
    zoek = (zoek or "").strip()
    if zoek:
        qs = qs.filter(
            Q(medewerker__naam__icontains=zoek)
            | Q(naam__icontains=zoek)
            | Q(kern__naam__icontains=zoek)
            | Q(wijk__naam__icontains=zoek)
            | Q(wijk__code__iexact=zoek)
            | Q(project__naam__icontains=zoek)
        )
    return qs


def projecten_lijst(*, gemeente=None, fase: str = ""):
    qs = (
        Project.objects.select_related("gemeente")
        .prefetch_related(*werkgebied_vooraf(), actieve_omgevingsmanagers())
        .order_by("gemeente__naam", "naam")
    )
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente)
    if fase:
        qs = qs.filter(fase=fase)
    return qs


def project_detail(gemeente_slug: str, slug: str) -> Project:
    return get_object_or_404(
        Project.objects.select_related("gemeente").prefetch_related(
            "kernen",
            "wijken",
            actieve_omgevingsmanagers(),
            Prefetch("stappen", queryset=Participatiestap.objects.order_by("datum", "pk")),
        ),
        gemeente__slug=gemeente_slug,
        slug=slug,
    )


def lopende_projecten_van(user):
    """Running projects of which the user is Omgevingsmanager today."""
    return (
        Project.objects.filter(
            fase__in=LOPENDE_FASEN,
            toewijzingen__in=Toewijzing.objects.actief_op().filter(rol=Rol.OMGEVINGSMANAGER, medewerker=user),
        )
        .select_related("gemeente")
        .distinct()
        .order_by("naam")
    )


def overdrachten_van(persoon):
    """Hand-overs from or to a person, newest first (the timeline on their page)."""
    return (
        Overdracht.objects.filter(Q(van=persoon) | Q(naar=persoon))
        .select_related("van", "naar", "door", "toewijzing__kern", "toewijzing__wijk", "toewijzing__project")
        .order_by("-vastgelegd_op", "-pk")
    )


@dataclass
class GemeenteKeuze:
    gemeente: Gemeente
    kernen: list
    wijken: list


def gemeenten_keuzelijst() -> list[Gemeente]:
    """Every gemeente (name and slug only), for the first step of the lookup: choose your gemeente."""
    return list(Gemeente.objects.only("pk", "naam", "slug").order_by("naam"))


def gebieden_keuzelijst(gemeente: Gemeente) -> GemeenteKeuze:
    """The kernen and wijken of one gemeente, for the choose-your-area list (two queries).

    One gemeente only, so that the page stays the same size however many gemeenten the portal holds;
    the search box finds areas of the others."""
    kernen = list(Kern.objects.filter(gemeente=gemeente).only("pk", "naam").order_by("naam", "pk"))
    wijken = list(Wijk.objects.filter(gemeente=gemeente).only("pk", "code", "naam").order_by("naam", "code"))
    return GemeenteKeuze(gemeente, kernen, wijken)


def andere_gemeenten_bestaan(gemeente: Gemeente) -> bool:
    """Whether the portal holds another gemeente to choose (else 'another gemeente' makes no sense)."""
    return Gemeente.objects.exclude(pk=gemeente.pk).exists()


def kernen_zonder_wijkwethouder(gemeente: Gemeente, op=None):
    """Kernen of the gemeente without an active wijkwethouder today (a gap the functional admin fills)."""
    houders = Toewijzing.objects.actief_op(_vandaag(op)).filter(rol=Rol.WIJKWETHOUDER, kern__isnull=False)
    return (
        Kern.objects.filter(gemeente=gemeente)
        .exclude(pk__in=houders.values("kern_id"))
        .select_related("gemeente")
        .order_by("naam")
    )


def projecten_zonder_omgevingsmanager(gemeente: Gemeente, op=None):
    """Running projects of the gemeente without an active Omgevingsmanager today."""
    houders = Toewijzing.objects.actief_op(_vandaag(op)).filter(
        rol=Rol.OMGEVINGSMANAGER, project__isnull=False
    )
    return (
        Project.objects.filter(gemeente=gemeente, fase__in=LOPENDE_FASEN)
        .exclude(pk__in=houders.values("project_id"))
        .select_related("gemeente")
        .order_by("naam")
    )
