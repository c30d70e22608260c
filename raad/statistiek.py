"""Percentiles computed by the database: PostgreSQL's percentile_cont; elsewhere (SQLite has no
percentile function) one query with window functions that ranks the values per group and returns only
the two rows around each percentile, which are then interpolated here. Both give percentile_cont's
answer: linear interpolation between the two nearest ranks."""

import math
from collections import defaultdict
from dataclasses import dataclass
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
    PostgreSQL: one query with GROUPING SETS (per group, and in total). Other databases: one query that returns at most
    two rows per percentile per group and in total, whatever the number of rows.
    """
    fracties = tuple(float(f) for f in fracties)
    if not all(0 <= f <= 1 for f in fracties):
        raise ValueError("fractie ligt tussen 0 en 1")
    verbinding = connections[qs.db]
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

    if verbinding.vendor == "postgresql":
        # One query: per group and in total (the empty grouping set; GROUPING() tells the two apart).
        kolommen = ", ".join(f"PERCENTILE_CONT({f!r}) WITHIN GROUP (ORDER BY pct_waarde)" for f in fracties)
        with verbinding.cursor() as cursor:
            cursor.execute(
                f"SELECT pct_groep, GROUPING(pct_groep), {kolommen} FROM ({sql}) AS pct_basis"
                " GROUP BY GROUPING SETS ((pct_groep), ())",
                params,
            )
            rijen = cursor.fetchall()
        per_groep, totaal = {}, [None] * len(fracties)
        for sleutel, alles, *waarden in rijen:
            if alles:
                totaal = [_afgerond(w) for w in waarden]
            else:
                per_groep[sleutel] = [_afgerond(w) for w in waarden]
        return per_groep, totaal

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


@dataclass
class Groepscijfers:
    """What `sommen_en_medianen` returns: the sums per group, and the medians per value of an indeling."""

    groepen: list[dict]  # per combination of the group columns: those columns and the sums
    medianen: dict  # {(indeling, value): median}
    mediaan_totaal: Decimal | None


def sommen_en_medianen(
    qs, *, groep: dict, sommen: dict, waarde, indelingen: tuple[str, ...]
) -> Groepscijfers:
    """In one query on either database: the sums of the per-row `sommen` for every combination of the
    `groep` columns ({name: expression}), and the median (percentile_cont's) of `waarde` per value of each
    of `indelingen` (names in `groep`) and over all rows where `waarde` is not empty.

    Window functions rank every row once; the database returns one row per group (its sums) and the rows
    around each median, so the answer stays small whatever the number of rows. The same SQL runs on
    PostgreSQL and SQLite (3.25+)."""
    kolommen = [f"pct_g{i}" for i in range(len(groep))]
    namen = dict(zip(groep, kolommen, strict=True))
    tellers = [f"pct_s{i}" for i in range(len(sommen))]
    basis = (
        qs.order_by()
        .annotate(
            **{namen[g]: expr for g, expr in groep.items()},
            pct_waarde=waarde,
            **{t: expr for t, expr in zip(tellers, sommen.values(), strict=True)},
        )
        .values(*kolommen, "pct_waarde", *tellers)
    )
    try:
        sql, params = basis.query.sql_with_params()
    except EmptyResultSet:
        return Groepscijfers([], {}, None)
    fijn = f"PARTITION BY {', '.join(kolommen)}"
    vensters = [(namen[i], f"PARTITION BY {namen[i]}, (pct_waarde IS NULL)") for i in indelingen]
    vensters.append(("alles", "PARTITION BY (pct_waarde IS NULL)"))
    selectie = [f"ROW_NUMBER() OVER ({fijn}) AS pct_eerste"]
    selectie += [f"SUM({t}) OVER ({fijn}) AS {t}_som" for t in tellers]
    for naam, deel in vensters:
        selectie.append(f"ROW_NUMBER() OVER ({deel} ORDER BY pct_waarde) - 1 AS r_{naam}")
        selectie.append(f"COUNT(*) OVER ({deel}) AS n_{naam}")
    rond_mediaan = " OR ".join(
        f"r_{naam} IN ({_rang_sql(0.5, f'n_{naam}')}, {_rang_sql(0.5, f'n_{naam}')} + 1)"
        for naam, _ in vensters
    )
    uitvoer = kolommen + ["pct_waarde", "pct_eerste"] + [f"{t}_som" for t in tellers]
    uitvoer += [f"r_{naam}, n_{naam}" for naam, _ in vensters]
    verbinding = connections[qs.db]
    with verbinding.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(uitvoer)} FROM (SELECT {', '.join(kolommen)}, pct_waarde, {', '.join(selectie)}"
            f" FROM ({sql}) AS pct_basis) AS pct_rangen"
            f" WHERE pct_eerste = 1 OR (pct_waarde IS NOT NULL AND ({rond_mediaan}))",
            params,
        )
        rijen = cursor.fetchall()
    groepen, rangen, aantallen = [], defaultdict(dict), {}
    for rij in rijen:
        sleutels = rij[: len(kolommen)]
        w, eerste = rij[len(kolommen)], rij[len(kolommen) + 1]
        sommen_rij = rij[len(kolommen) + 2 : len(kolommen) + 2 + len(tellers)]
        rest = rij[len(kolommen) + 2 + len(tellers) :]
        if eerste == 1:
            groepen.append(
                {
                    **dict(zip(groep, sleutels, strict=True)),
                    **{s: int(v or 0) for s, v in zip(sommen, sommen_rij, strict=True)},
                }
            )
        if w is None:
            continue
        for j in range(len(vensters)):
            sleutel = (
                (indelingen[j], sleutels[kolommen.index(namen[indelingen[j]])])
                if j < len(indelingen)
                else "alles"
            )
            rangen[sleutel][rest[2 * j]] = w
            aantallen[sleutel] = rest[2 * j + 1]
    uitkomst = {s: _uit_rangen(rangen[s], aantallen[s], 0.5) for s in rangen}
    totaal = uitkomst.pop("alles", None)
    return Groepscijfers(groepen, uitkomst, totaal)
