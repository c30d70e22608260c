"""Reads of meldingen: routing, the queues, the public timeline. Every list has a fixed number of queries."""

import datetime
import math

from django.db.models import Case, Count, Exists, F, FloatField, Func, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from gebieden.models import Wijk
from rollen.constants import Rol
from rollen.models import Toewijzing
from rollen.selectors import houder, verantwoordelijke_voor

from .constants import OPEN, SOORT_WERK, MeldingStatus, soort_werk_van
from .models import Categorie, Doorzetting, Melding


# --- routing ----------------------------------------------------------------------------------------
def behandelaar_voor(*, categorie: Categorie, wijk=None, kern=None, op: datetime.date | None = None):
    """Who gets a new melding, or None (the gemeente's unassigned queue).

    1. a routing rule for this main category ("melding_<slug>", e.g. overlast → a named colleague);
    2. a routing rule for every melding ("melding");
    3. the Beheerder Leefomgeving of the wijk on that day (the wijk's own, else the one for its kern).
    No rule and no beheerder: nobody; never the adviseur (rollen's fallback for other work)."""
    gebied = wijk or kern
    if gebied is None:
        return None
    for soort in (soort_werk_van(categorie.hoofd.slug), SOORT_WERK):
        persoon = verantwoordelijke_voor(gebied=gebied, soort_werk=soort, op=op, terugval=False)
        if persoon is not None:
            return persoon
    if wijk is not None:
        toewijzing = houder(Rol.BEHEERDER, wijk=wijk, op=op)
        if toewijzing is not None and toewijzing.medewerker_id and toewijzing.medewerker.is_active:
            return toewijzing.medewerker
    return None


def wijk_bij_punt(gemeente, lat: float, lon: float) -> Wijk | None:
    """The wijk of the gemeente whose boundary holds the point (ray casting on the GeoJSON rings)."""
    wijken = Wijk.objects.filter(gemeente=gemeente, gebiedsgrens__isnull=False).select_related(
        "kern", "gebiedsgrens"
    )
    for wijk in wijken:
        if _in_geometrie(wijk.grens, float(lon), float(lat)):
            return wijk
    return None


def kern_bij_punt(gemeente, lat: float, lon: float):
    """The kern of the gemeente whose boundary holds the point, or None: for a point in no wijk (a kern
    without wijken has a boundary of its own)."""
    from gebieden.models import Kern

    for kern in Kern.objects.filter(gemeente=gemeente, gebiedsgrens__isnull=False).select_related(
        "gebiedsgrens"
    ):
        if _in_geometrie(kern.grens, float(lon), float(lat)):
            return kern
    return None


def grenzen_voor_kaart(gemeente) -> list[dict]:
    """The wijken of the gemeente that have a boundary, for the map on the report form: name and GeoJSON.
    Empty when no boundary is known (then the form shows no map, only the list and the street)."""
    return [
        {"naam": naam, "grens": grens}
        for naam, grens in Wijk.objects.filter(gemeente=gemeente, gebiedsgrens__isnull=False)
        .order_by("naam")
        .values_list("naam", "gebiedsgrens__geometrie")
    ]


def _in_ring(ring, x: float, y: float) -> bool:
    binnen = False
    for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            binnen = not binnen
    return binnen


def _in_geometrie(geometrie, x: float, y: float) -> bool:
    if not isinstance(geometrie, dict):
        return False
    vlakken = geometrie.get("coordinates") or []
    if geometrie.get("type") == "Polygon":
        vlakken = [vlakken]
    for vlak in vlakken:
        if vlak and _in_ring(vlak[0], x, y) and not any(_in_ring(gat, x, y) for gat in vlak[1:]):
            return True
    return False


# --- categories -------------------------------------------------------------------------------------
def categorie_keuzes(gemeente) -> list[tuple[str, list[tuple[int, str]]]]:
    """For a select with optgroups: (main category, [(id, name)]) — the subcategories, or the main
    category itself when it has none. One query."""
    alle = list(Categorie.objects.filter(gemeente=gemeente, actief=True).order_by("volgorde", "naam"))
    hoofden = [c for c in alle if c.hoofdcategorie_id is None]
    groepen = []
    for hoofd in hoofden:
        subs = [(c.pk, c.naam) for c in alle if c.hoofdcategorie_id == hoofd.pk]
        groepen.append((hoofd.naam, subs or [(hoofd.pk, hoofd.naam)]))
    return groepen


# --- queues -----------------------------------------------------------------------------------------
WACHTRIJEN = {
    "mijn": "Mijn meldingen",
    "wijken": "Mijn wijken",
    "niet_toegewezen": "Niet toegewezen",
    "te_laat": "Over de termijn",
    "heropenverzoek": "Verzoek om heropenen",
    "wacht_op_antwoord": "Wacht op antwoord",
    "alle": "Alle open meldingen",
}


def wijken_van(user, op: datetime.date | None = None) -> list[int]:
    """The wijken where the user is Beheerder Leefomgeving today (also via a whole kern)."""
    op = op or timezone.localdate()
    toewijzingen = Toewijzing.objects.actief_op(op).filter(medewerker=user, rol=Rol.BEHEERDER)
    kernen = [t.kern_id for t in toewijzingen if t.kern_id and not t.wijk_id]
    wijken = {t.wijk_id for t in toewijzingen if t.wijk_id}
    if kernen:
        wijken |= set(Wijk.objects.filter(kern__in=kernen).values_list("pk", flat=True))
    return sorted(wijken)


def _voorwaarde(soort: str, user, vandaag: datetime.date, wijken: list[int] | None = None) -> Q:
    """Which meldingen belong in one queue, as a condition (a filter, or a filtered count)."""
    open_ = Q(status__in=OPEN)
    if soort == "mijn":
        return Q(behandelaar=user) & open_
    if soort == "wijken":
        return Q(wijk__in=wijken_van(user, vandaag) if wijken is None else wijken) & open_
    if soort == "niet_toegewezen":
        return Q(behandelaar=None) & open_
    if soort == "te_laat":
        return Q(deadline__lt=vandaag) & open_
    if soort == "heropenverzoek":
        return Q(heropenverzoek_op__isnull=False)
    if soort == "wacht_op_antwoord":  # an open question to a vakafdeling or ketenpartner
        return Q(Exists(Doorzetting.objects.filter(melding=OuterRef("pk"), beantwoord_op=None))) & open_
    return open_


def wachtrij(qs, soort: str, user, *, vandaag: datetime.date | None = None, wijken: list[int] | None = None):
    """One queue of the visible meldingen `qs` (already scoped to the user's gemeente); `wijken`: the
    user's wijken (wijken_van) when the caller has them already."""
    return qs.filter(_voorwaarde(soort, user, vandaag or timezone.localdate(), wijken))


OUDER_DAN_MAX_DAGEN = 36_500


def filteren(qs, *, categorie=None, status=None, kern=None, wijk=None, ouder_dan_dagen=None):
    if categorie:
        qs = qs.filter(Q(categorie_id=categorie) | Q(categorie__hoofdcategorie_id=categorie))
    if status:
        qs = qs.filter(status=status)
    if wijk:
        qs = qs.filter(wijk_id=wijk)
    elif kern:
        qs = qs.filter(Q(kern_id=kern) | Q(wijk__kern_id=kern))
    # More days than the calendar holds (or fewer than one) filter nothing, not a 500.
    if ouder_dan_dagen and 0 < int(ouder_dan_dagen) <= OUDER_DAN_MAX_DAGEN:
        qs = qs.filter(gemeld_op__lt=timezone.now() - datetime.timedelta(days=int(ouder_dan_dagen)))
    return qs


def voor_lijst(qs):
    return qs.select_related(
        "categorie", "categorie__hoofdcategorie", "wijk", "kern", "behandelaar"
    ).order_by("deadline", "pk")


def aantallen(
    qs, user, vandaag: datetime.date | None = None, wijken: list[int] | None = None
) -> dict[str, int]:
    """How many in each queue: one query, a filtered count per queue."""
    vandaag = vandaag or timezone.localdate()
    wijken = wijken_van(user, vandaag) if wijken is None else wijken
    # Only rows that can be in a queue: the open ones (an index) and those with a reopen request.
    return qs.filter(Q(status__in=OPEN) | Q(heropenverzoek_op__isnull=False)).aggregate(
        **{soort: Count("pk", filter=_voorwaarde(soort, user, vandaag, wijken)) for soort in WACHTRIJEN}
    )


# --- the handler's open work (rollen.registry) ---------------------------------------------------------
def open_meldingen_van(user):
    return voor_lijst(Melding.objects.filter(behandelaar=user, status__in=OPEN))


def open_meldingen_per_behandelaar(user_ids) -> dict[int, int]:
    rijen = (
        Melding.objects.filter(behandelaar_id__in=user_ids, status__in=OPEN)
        .values("behandelaar_id")
        .annotate(n=Count("pk"))
    )
    return {r["behandelaar_id"]: r["n"] for r in rijen}


def niet_toegewezen_per_gebied(gemeente):
    """The open meldingen of the gemeente that nobody holds, in total, per wijk and per kern (only those in
    no wijk), for the coverage page (rollen.registry.register_onbeheerd_werk). One query."""
    from django.urls import reverse

    from rollen.registry import OnbeheerdWerk

    rijen = (
        Melding.objects.filter(gemeente=gemeente, behandelaar=None, status__in=OPEN)
        .values("wijk_id", "kern_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totaal, per_wijk, per_kern = 0, {}, {}
    for rij in rijen:
        totaal += rij["n"]
        if rij["wijk_id"]:
            per_wijk[rij["wijk_id"]] = per_wijk.get(rij["wijk_id"], 0) + rij["n"]
        elif rij["kern_id"]:
            per_kern[rij["kern_id"]] = per_kern.get(rij["kern_id"], 0) + rij["n"]
    url = reverse("meldingen:wachtrij") + "?lijst=niet_toegewezen"
    return OnbeheerdWerk(totaal=totaal, per_wijk=per_wijk, per_kern=per_kern, url=url)


def mogelijke_hoofdmeldingen(melding: Melding, aantal: int = 10) -> list[Melding]:
    """Open meldingen that could be the main report of `melding`: same gemeente and main category, same
    wijk (or kern), no duplicate themselves; newest first, at most `aantal`. One query."""
    hoofd = melding.categorie.hoofd
    qs = Melding.objects.filter(
        Q(categorie=hoofd) | Q(categorie__hoofdcategorie=hoofd),
        gemeente_id=melding.gemeente_id,
        status__in=OPEN,
        hoofdmelding=None,
    ).exclude(pk=melding.pk)
    if melding.wijk_id:
        qs = qs.filter(wijk_id=melding.wijk_id)
    elif melding.kern_id:
        qs = qs.filter(Q(kern_id=melding.kern_id) | Q(wijk__kern_id=melding.kern_id))
    return list(qs.select_related("categorie", "wijk", "kern").order_by("-gemeld_op", "-pk")[:aantal])


# --- public ------------------------------------------------------------------------------------------
def publieke_tijdlijn(melding: Melding) -> list[dict]:
    """The steps as the public status page shows them: status and date only (no names, no texts)."""
    return [
        {"status": stap.get_naar_display(), "op": stap.op}
        for stap in melding.statuswijzigingen.all()
        if stap.van != stap.naar
    ]


def openbare_meldingen():
    """The meldingen the public sees (area pages, the open data API): the open ones. Only category,
    status, area and date of them are public; never the text, the street or anything of the reporter."""
    return Melding.objects.filter(status__in=OPEN)


def open_in_gebied(gebied):
    """Open meldingen in a wijk, or in a kern (its wijken too), newest first: for the public area page,
    which shows only category, status and date."""
    from gebieden.models import Kern

    # The kern's wijken from the area page's prefetch (else one query); see in_kern.
    wijk_ids = [w.pk for w in gebied.wijken.all()] if isinstance(gebied, Kern) else None
    qs = openbare_meldingen().filter(_publiek_in(gebied, wijk_ids))
    return qs.select_related("categorie", "categorie__hoofdcategorie").order_by("-gemeld_op", "-pk")


# --- the public map per wijk ----------------------------------------------------------------------------
# Public pages show a point only rounded to the centre of a grid cell of about RASTER_M metres, computed
# here on the server: the exact point (perhaps someone's front door) never leaves it.
RASTER_M = 50
METER_PER_GRAAD_BREEDTE = 111_200


def afgerond_punt(lat, lon) -> tuple[float, float] | None:
    """(lat, lon) moved to the centre of its grid cell of about RASTER_M × RASTER_M metres, or None."""
    if lat is None or lon is None:
        return None
    stap_breedte = RASTER_M / METER_PER_GRAAD_BREEDTE
    rij = math.floor(float(lat) / stap_breedte)
    breedte = (rij + 0.5) * stap_breedte
    # A degree of longitude is shorter away from the equator; the cell's row fixes the scale, so every
    # point in a cell lands on the same centre.
    stap_lengte = stap_breedte / max(math.cos(math.radians(breedte)), 0.01)
    lengte = (math.floor(float(lon) / stap_lengte) + 0.5) * stap_lengte
    return round(breedte, 5), round(lengte, 5)


def in_kern(kern_id: int, wijk_ids=None) -> Q:
    """Meldingen of a kern: the kern itself or one of its wijken, the wijken as a list (`wijk_ids`, or read
    here). Not "or the wijk's kern": that join inside an OR makes PostgreSQL walk every melding by date
    (seconds at a million), where this uses two indexes."""
    if wijk_ids is None:
        wijk_ids = Wijk.objects.filter(kern_id=kern_id).values_list("pk", flat=True)
    return Q(kern_id=kern_id) | Q(wijk_id__in=list(wijk_ids))


def _publiek_in(gebied, wijk_ids=None) -> Q:
    """Where: a wijk, or a kern — the kern itself and its wijken (`wijk_ids`, read once by the caller)."""
    from gebieden.models import Kern

    if isinstance(gebied, Kern):
        return in_kern(gebied.pk, wijk_ids or [])
    return Q(wijk=gebied)


def open_in_kern_publiek(kern, wijk_ids):
    """The open meldingen of a kern and its wijken for the public kern page: as open_in_wijk_publiek."""
    return open_in_wijk_publiek(kern, wijk_ids=wijk_ids)


def open_in_wijk_publiek(wijk, *, wijk_ids=None):
    """The open meldingen of a wijk for the public page, newest first: only what that page may show
    (category, status, date, buurt and the point to round); the reporter's text and details are never
    loaded."""
    return (
        openbare_meldingen()
        .filter(_publiek_in(wijk, wijk_ids))
        .select_related("categorie", "categorie__hoofdcategorie", "buurt")
        .only(
            "referentie",
            "gemeld_op",
            "status",
            "lat",
            "lon",
            "categorie",
            "categorie__naam",
            "categorie__hoofdcategorie",
            "categorie__hoofdcategorie__naam",
            "buurt",
            "buurt__naam",
            "openbare_toelichting",
        )
        .order_by("-gemeld_op", "-pk")
    )


def publieke_regels(meldingen, *, eerste_nr: int = 1) -> list[dict]:
    """What the public page shows of each melding: a number (also on the map), its reference (public, as
    in the open data API: it names the report, not the reporter, so a resident can say "that one is
    already reported"), category, status, date, the buurt, the rounded point, and what staff published
    (their text, photos). Never the reporter's text, never personal data, never the status link."""
    meldingen = list(meldingen)
    fotos = openbare_fotos_per_melding([m.pk for m in meldingen]) if meldingen else {}
    regels = []
    for nr, m in enumerate(meldingen, start=eerste_nr):
        punt = afgerond_punt(m.lat, m.lon)
        regels.append(
            {
                "nr": nr,
                "referentie": m.referentie,
                "categorie": str(m.categorie),
                "status": m.get_status_display(),
                "gemeld_op": m.gemeld_op,
                "buurt": m.buurt.naam if m.buurt_id else "",
                "punt": punt,
                "toelichting": openbare_toelichting(m),
                "fotos": fotos.get(m.pk, []),
            }
        )
    return regels


ALLE_PUNTEN_MAX = 1000


def alle_punten_publiek(gebied, *, wijk_ids=None, maximum: int = ALLE_PUNTEN_MAX) -> dict:
    """Every open melding of a wijk (or kern) with a point, for "show all on the map": only the rounded
    point, the category and the status — no number, no date, no text, nothing of the reporter. The
    `maximum` newest; `afgekapt` says there are more. One query, whatever the number of meldingen."""
    rijen = list(
        openbare_meldingen()
        .filter(_publiek_in(gebied, wijk_ids), lat__isnull=False, lon__isnull=False)
        .order_by("-gemeld_op", "-pk")
        .values_list("lat", "lon", "status", "categorie__naam", "categorie__hoofdcategorie__naam")[
            : maximum + 1
        ]
    )
    punten = []
    for lat, lon, status, naam, hoofd in rijen[:maximum]:
        punt = afgerond_punt(lat, lon)
        punten.append(
            {
                "lat": punt[0],
                "lon": punt[1],
                "categorie": f"{hoofd}: {naam}" if hoofd else naam,
                "status": str(MeldingStatus(status).label),
            }
        )
    return {"punten": punten, "afgekapt": len(rijen) > maximum, "maximum": maximum}


def publieke_kaart(wijk, regels: list[dict], *, grenzen=None) -> dict:
    """The data of the public map: the area's boundary (or, for a kern without one, the boundaries of
    its wijken in `grenzen`) and the rounded points of `regels`."""
    return {
        "grens": wijk.grens,
        "grenzen": [g for g in (grenzen or []) if g],
        "punten": [
            {
                "nr": r["nr"],
                "lat": r["punt"][0],
                "lon": r["punt"][1],
                "tekst": f"{r['categorie']}: {r['status']}",
            }
            for r in regels
            if r["punt"]
        ],
    }


def openbare_fotos(melding: Melding) -> list:
    """The photos of a melding that staff published (services.foto_publiceren), oldest first. Each has
    `get_openbare_url()`. The others are private: staff of the gemeente only."""
    from .models import Foto

    return list(Foto.objects.filter(melding=melding, gepubliceerd_op__isnull=False).order_by("pk"))


def openbare_fotos_per_melding(melding_ids) -> dict[int, list]:
    """For a public list or map: {melding id: [published photos]}, one query for the whole page."""
    from .models import Foto

    uitkomst: dict[int, list] = {}
    for foto in Foto.objects.filter(melding_id__in=list(melding_ids), gepubliceerd_op__isnull=False).order_by(
        "pk"
    ):
        uitkomst.setdefault(foto.melding_id, []).append(foto)
    return uitkomst


def openbare_toelichting(melding: Melding) -> str:
    """The text staff published for everyone (field Melding.openbare_toelichting), or ""."""
    return melding.openbare_toelichting


# --- council figures (raad: per kern, wijk and year) -------------------------------------------------
class DagenTussen(Func):
    """Days from `van` to `tot` (two datetimes) as a float: 1,5 is a day and a half. Computed by the
    database: PostgreSQL from the interval's seconds, SQLite from Julian day numbers."""

    output_field = FloatField()

    def __init__(self, tot, van, **extra):
        super().__init__(tot, van, **extra)

    def as_sql(self, compiler, connection, **extra):
        tot, tot_params = compiler.compile(self.source_expressions[0])
        van, van_params = compiler.compile(self.source_expressions[1])
        params = (*tot_params, *van_params)
        if connection.vendor == "postgresql":
            return f"(CAST(EXTRACT(EPOCH FROM ({tot} - {van})) AS double precision) / 86400.0)", params
        return f"(julianday({tot}) - julianday({van}))", params


# What counts as "handled" in the figures: closed as handled and not a duplicate (a duplicate is closed
# at once when linked to its main report; its handling is the main report's).
AFGEHANDELD_TELT = Q(status=MeldingStatus.AFGEHANDELD, hoofdmelding__isnull=True, gesloten_op__isnull=False)


def cijferbasis(gemeente, jaar: int):
    """The meldingen of a gemeente reported in `jaar`, each with what the council figures need:
    `cijfer_kern` (its kern, or its wijk's), `hoofd_*` (the main category), `dagen` (days from report to
    handling; empty unless handled), `binnen_termijn` (handled on or before the deadline, which counts
    working days without weekends and public holidays) and its rating."""
    return (
        Melding.objects.filter(gemeente=gemeente, gemeld_op__year=jaar)
        .order_by()
        .annotate(
            cijfer_kern=Coalesce(F("kern_id"), F("wijk__kern_id")),
            hoofd_id=Coalesce(F("categorie__hoofdcategorie_id"), F("categorie_id")),
            hoofd_naam=Coalesce(F("categorie__hoofdcategorie__naam"), F("categorie__naam")),
            hoofd_volgorde=Coalesce(F("categorie__hoofdcategorie__volgorde"), F("categorie__volgorde")),
            dagen=Case(When(AFGEHANDELD_TELT, then=DagenTussen(F("gesloten_op"), F("gemeld_op")))),
        )
    )


def _een_als(voorwaarde: Q):
    return Case(When(voorwaarde, then=Value(1)), default=Value(0), output_field=IntegerField())


def cijfer_tellers() -> dict:
    """Per melding what the council figures add up per group: 1 or 0 for each count, and the rating."""
    return {
        "aantal": Value(1, output_field=IntegerField()),
        "afgehandeld": _een_als(AFGEHANDELD_TELT),
        "binnen_termijn": _een_als(AFGEHANDELD_TELT & Q(gesloten_op__date__lte=F("deadline"))),
        "beoordeeld": _een_als(Q(tevredenheid__isnull=False)),
        "tevredenheid_som": Coalesce(F("tevredenheid"), Value(0), output_field=IntegerField()),
    }
