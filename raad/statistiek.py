"""Percentiles computed by the database where it can (PostgreSQL's percentile_cont), with one fixed
query per figure otherwise (SQLite has no percentile function: it returns the ordered values once and
the same interpolation runs here). Both give percentile_cont's answer: linear interpolation between
the two nearest ranks."""

import math
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Aggregate, FloatField

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


def percentielen_per_groep(qs, *, groep: str, waarde, fracties: tuple[float, ...]) -> tuple[dict, list]:
    """Percentiles of `waarde` per value of `groep`, and over all rows.

    Returns ({groep_waarde: [p for each fractie]}, [p for each fractie over everything]), as Decimals.
    PostgreSQL: two queries (per group, and in total). Other databases: one query.
    """
    if connection.vendor == "postgresql":
        annotaties = {f"p{i}": PercentileCont(waarde, fractie=f) for i, f in enumerate(fracties)}
        per_groep = {
            rij[groep]: [_afgerond(rij[f"p{i}"]) for i in range(len(fracties))]
            for rij in qs.order_by().values(groep).annotate(**annotaties)
        }
        totaal_rij = qs.order_by().aggregate(**annotaties)
        return per_groep, [_afgerond(totaal_rij[f"p{i}"]) for i in range(len(fracties))]
    rijen = list(
        qs.annotate(_percentiel_waarde=waarde)
        .order_by("_percentiel_waarde")
        .values_list(groep, "_percentiel_waarde")
    )
    waarden = defaultdict(list)
    alle = []
    for sleutel, w in rijen:
        if w is None:
            continue
        waarden[sleutel].append(w)
        alle.append(w)
    per_groep = {sleutel: [percentiel(lijst, f) for f in fracties] for sleutel, lijst in waarden.items()}
    return per_groep, [percentiel(alle, f) for f in fracties]
