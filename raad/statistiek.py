"""Percentiles computed by the database: PostgreSQL's percentile_cont; elsewhere (SQLite has no
percentile function) one query with window functions that ranks the values per group and returns only
the two rows around each percentile, which are then interpolated here. Both give percentile_cont's
answer: linear interpolation between the two nearest ranks."""

import math
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Aggregate, F, FloatField

HONDERDSTE = Decimal("0.01")


class PercentileCont(Aggregate):
    """PERCENTILE_CONT(fractie) WITHIN GROUP (ORDER BY expr) — PostgreSQL only."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fractie)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, *, fractie: float, **extra):
        fractie = float(fractie)
        if not 0 <= fractie <= 1:
            raise ValueError("fractie ligt tussen 0 en 1")
        super().__init__(expression, fractie=repr(fractie), **extra)


def percentiel(gesorteerd: list, fractie: float):
    """percentile_cont over an already sorted list, rounded to hundredths; None for an empty list."""
    if not gesorteerd:
        return None
    positie = Decimal(str(fractie)) * (len(gesorteerd) - 1)
    onder = math.floor(positie)
    boven = min(onder + 1, len(gesorteerd) - 1)
    a, b = Decimal(gesorteerd[onder]), Decimal(gesorteerd[boven])
    return _afgerond(a + (b - a) * (positie - onder))


def _afgerond(waarde) -> Decimal | None:
    if waarde is None:
        return None
    return Decimal(str(waarde)).quantize(HONDERDSTE, rounding=ROUND_HALF_UP)


def _rang(fractie: float, n: int) -> tuple[int, Fraction]:
    """(lower rank, weight of the next) of percentile_cont at `fractie` over n sorted values (rank 0-based)."""
    positie = Fraction(str(fractie)) * (n - 1)
    onder = math.floor(positie)
    return onder, positie - onder


def _uit_rangen(rangen: dict, n: int, fractie: float):
    """percentile_cont from only the values at the ranks it needs ({rank: value})."""
    if not n:
        return None
    onder, gewicht = _rang(fractie, n)
    a = Decimal(str(rangen[onder]))  # str: a float from the driver becomes its shortest decimal
    b = Decimal(str(rangen[min(onder + 1, n - 1)]))
    return _afgerond(a + (b - a) * Decimal(gewicht.numerator) / Decimal(gewicht.denominator))


def _rang_sql(fractie: float, n: str) -> str:
    """SQL for the lower rank of `fractie` over `n` values, in integers (no floating-point rounding)."""
    breuk = Fraction(str(fractie))
    return f"((({n}) - 1) * {breuk.numerator}) / {breuk.denominator}"


def percentielen_per_groep(qs, *, groep: str, waarde, fracties: tuple[float, ...]) -> tuple[dict, list]:
    """Percentiles of `waarde` per value of `groep`, and over all rows.

    Returns ({groep_waarde: [p for each fractie]}, [p for each fractie over everything]), as Decimals.
    PostgreSQL: two queries (per group, and in total). Other databases: one query that returns at most
    two rows per percentile per group and in total, whatever the number of rows.
    """
    fracties = tuple(float(f) for f in fracties)
    if not all(0 <= f <= 1 for f in fracties):
        raise ValueError("fractie ligt tussen 0 en 1")
    verbinding = connections[qs.db]
    if verbinding.vendor == "postgresql":
        annotaties = {f"p{i}": PercentileCont(waarde, fractie=f) for i, f in enumerate(fracties)}
        per_groep = {
            rij[groep]: [_afgerond(rij[f"p{i}"]) for i in range(len(fracties))]
            for rij in qs.order_by().values(groep).annotate(**annotaties)
        }
        totaal_rij = qs.order_by().aggregate(**annotaties)
        return per_groep, [_afgerond(totaal_rij[f"p{i}"]) for i in range(len(fracties))]

    basis = (
        qs.order_by()
        .annotate(pct_groep=F(groep), pct_waarde=waarde)
        .filter(pct_waarde__isnull=False)
        .values("pct_groep", "pct_waarde")
    )
    try:
        sql, params = basis.query.sql_with_params()
    except EmptyResultSet:  # a queryset that can match nothing (qs.none())
        return {}, [None] * len(fracties)

    def nodig(rang: str, n: str) -> str:
        return " OR ".join(f"{rang} IN ({_rang_sql(f, n)}, {_rang_sql(f, n)} + 1)" for f in fracties)

    gerangschikt = (
        "SELECT pct_groep, pct_waarde,"
        " ROW_NUMBER() OVER (PARTITION BY pct_groep ORDER BY pct_waarde) - 1 AS rang_groep,"
        " COUNT(*) OVER (PARTITION BY pct_groep) AS n_groep,"
        " ROW_NUMBER() OVER (ORDER BY pct_waarde) - 1 AS rang_alles,"
        " COUNT(*) OVER () AS n_alles"
        f" FROM ({sql}) AS pct_basis"
    )
    with verbinding.cursor() as cursor:
        cursor.execute(
            f"SELECT pct_groep, pct_waarde, rang_groep, n_groep, rang_alles, n_alles FROM ({gerangschikt})"
            f" AS pct_rangen WHERE {nodig('rang_groep', 'n_groep')} OR {nodig('rang_alles', 'n_alles')}",
            params,
        )
        rijen = cursor.fetchall()
    per_groep_rangen, per_groep_n = defaultdict(dict), {}
    alle_rangen, n_alles = {}, 0
    for sleutel, w, rang_groep, n_groep, rang_alles, n in rijen:
        per_groep_rangen[sleutel][rang_groep] = w
        per_groep_n[sleutel] = n_groep
        alle_rangen[rang_alles] = w
        n_alles = n
    per_groep = {
        sleutel: [_uit_rangen(rangen, per_groep_n[sleutel], f) for f in fracties]
        for sleutel, rangen in per_groep_rangen.items()
    }
    return per_groep, [_uit_rangen(alle_rangen, n_alles, f) for f in fracties]


def medianen_per_indeling(qs, *, waarde, indelingen: tuple[str, ...]) -> tuple[dict, Decimal | None]:
    """The median of `waarde` per value of each of `indelingen` (e.g. per kern and per wijk) and over
    all rows, in one query on either database.

    Returns ({(indeling, waarde_van_indeling): mediaan}, mediaan over alles). PostgreSQL: percentile_cont
    with GROUPING SETS. Other databases: one window query per partition that returns only the rows
    around each median, interpolated here as percentile_cont does.
    """
    aliassen = {f"pct_i{i}": F(indeling) for i, indeling in enumerate(indelingen)}
    basis = (
        qs.order_by()
        .annotate(**aliassen, pct_waarde=waarde)
        .filter(pct_waarde__isnull=False)
        .values(*aliassen, "pct_waarde")
    )
    try:
        sql, params = basis.query.sql_with_params()
    except EmptyResultSet:
        return {}, None
    kolommen = list(aliassen)
    verbinding = connections[qs.db]
    per_indeling: dict = {}
    if verbinding.vendor == "postgresql":
        sets = ", ".join([f"({k})" for k in kolommen] + ["()"])
        with verbinding.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(kolommen)}, GROUPING({', '.join(kolommen)}),"
                " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY pct_waarde)"
                f" FROM ({sql}) AS pct_basis GROUP BY GROUPING SETS ({sets})",
                params,
            )
            rijen = cursor.fetchall()
        totaal = None
        volle_bitmask = (1 << len(kolommen)) - 1
        for rij in rijen:
            *sleutels, bits, mediaan = rij
            if bits == volle_bitmask:
                totaal = _afgerond(mediaan)
                continue
            # GROUPING sets a bit (first column highest) for every column that is not grouped on.
            i = next(i for i in range(len(kolommen)) if not bits & (1 << (len(kolommen) - 1 - i)))
            per_indeling[(indelingen[i], sleutels[i])] = _afgerond(mediaan)
        return per_indeling, totaal

    vensters = [(k, f"PARTITION BY {k} ") for k in kolommen] + [("alles", "")]
    selectie = ", ".join(
        f"ROW_NUMBER() OVER ({deel}ORDER BY pct_waarde) - 1 AS r_{naam}, COUNT(*) OVER ({deel[:-1]}) AS n_{naam}"
        for naam, deel in vensters
    )
    rond_mediaan = " OR ".join(
        f"r_{naam} IN ({_rang_sql(0.5, f'n_{naam}')}, {_rang_sql(0.5, f'n_{naam}')} + 1)"
        for naam, _ in vensters
    )
    uitvoer = ", ".join(kolommen + ["pct_waarde"] + [f"r_{n}, n_{n}" for n, _ in vensters])
    with verbinding.cursor() as cursor:
        cursor.execute(
            f"SELECT {uitvoer} FROM (SELECT {', '.join(kolommen)}, pct_waarde, {selectie}"
            f" FROM ({sql}) AS pct_basis) AS pct_rangen WHERE {rond_mediaan}",
            params,
        )
        rijen = cursor.fetchall()
    rangen, aantallen = defaultdict(dict), {}
    for rij in rijen:
        sleutels, w, rest = rij[: len(kolommen)], rij[len(kolommen)], rij[len(kolommen) + 1 :]
        for j in range(len(vensters)):
            sleutel = (indelingen[j], sleutels[j]) if j < len(kolommen) else "alles"
            rangen[sleutel][rest[2 * j]] = w
            aantallen[sleutel] = rest[2 * j + 1]
    uitkomst = {s: _uit_rangen(rangen[s], aantallen[s], 0.5) for s in rangen}
    totaal = uitkomst.pop("alles", None)
    return uitkomst, totaal
