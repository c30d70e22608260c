from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from gebieden.models import Kern
from raad.statistiek import percentiel, percentielen_per_groep
from tests.factories import GemeenteFactory, KernFactory


def test_percentiel_interpoleert_zoals_percentile_cont():
    assert percentiel([], 0.5) is None
    assert percentiel([7], 0.9) == 7
    assert percentiel([1, 2, 3, 4], 0.5) == Decimal("2.5")
    # 0.9 * (5 - 1) = 3.6: 40 + 0.6 * (100 - 40) = 76
    assert percentiel([10, 20, 30, 40, 100], 0.9) == Decimal("76.0")


@pytest.mark.django_db
def test_percentielen_per_groep_in_de_database():
    a, b = GemeenteFactory(), GemeenteFactory()
    for n in [10, 20, 30, 40, 100]:
        KernFactory(gemeente=a, inwoners=n)
    for n in [5, 1]:
        KernFactory(gemeente=b, inwoners=n)
    KernFactory(gemeente=b, inwoners=None)  # unknown values do not count
    with CaptureQueriesContext(connection) as ctx:
        per_groep, totaal = percentielen_per_groep(
            Kern.objects.filter(inwoners__isnull=False),
            groep="gemeente_id",
            waarde=F("inwoners"),
            fracties=(0.5, 0.9),
        )
    assert len(ctx.captured_queries) == 1  # PostgreSQL: GROUPING SETS; elsewhere one window query
    # The database ranks the values; Python never sees every row.
    functie = "PERCENTILE_CONT" if connection.vendor == "postgresql" else "ROW_NUMBER() OVER"
    assert all(functie in q["sql"] for q in ctx.captured_queries)
    assert per_groep[a.pk] == [Decimal("30"), Decimal("76")]
    assert per_groep[b.pk] == [Decimal("3"), Decimal("4.6")]
    # All seven: 1 5 10 20 30 40 100 -> median 20; 0.9 * 6 = 5.4: 40 + 0.4 * 60 = 64
    assert totaal == [Decimal("20"), Decimal("64")]


@pytest.mark.django_db
@pytest.mark.parametrize("zaad", range(4))
def test_percentielen_gelijk_aan_percentile_cont_op_willekeurige_gegevens(zaad):
    """Groups of 1 to 40 values with ties, a group of kernen without gemeente-link aside: every fraction
    gives what percentile_cont gives over the sorted values."""
    import random

    from gebieden.models import Gemeente

    toeval = random.Random(zaad)
    gemeenten = [GemeenteFactory() for _ in range(3)]
    waarden = {
        g.pk: [
            toeval.choice([0, 1, 7, 7, 30, 56, 100, toeval.randint(0, 400)])
            for _ in range(toeval.randint(1, 40))
        ]
        for g in gemeenten
    }
    for gemeente_id, lijst in waarden.items():
        for w in lijst:
            KernFactory(gemeente=Gemeente.objects.get(pk=gemeente_id), inwoners=w)
    fracties = (0, 0.1, 0.25, 0.5, 0.9, 0.95, 1)
    per_groep, totaal = percentielen_per_groep(
        Kern.objects.all(), groep="gemeente_id", waarde=F("inwoners"), fracties=fracties
    )
    for gemeente_id, lijst in waarden.items():
        assert per_groep[gemeente_id] == [percentiel(sorted(lijst), f) for f in fracties], gemeente_id
    alles = sorted(w for lijst in waarden.values() for w in lijst)
    assert totaal == [percentiel(alles, f) for f in fracties]


@pytest.mark.django_db
def test_geen_waarden_geen_percentielen():
    per_groep, totaal = percentielen_per_groep(
        Kern.objects.none(), groep="gemeente_id", waarde=F("inwoners"), fracties=(0.5, 0.9)
    )
    assert per_groep == {} and totaal == [None, None]
