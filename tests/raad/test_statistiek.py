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
    assert len(ctx.captured_queries) == (2 if connection.vendor == "postgresql" else 1)
    assert per_groep[a.pk] == [Decimal("30"), Decimal("76")]
    assert per_groep[b.pk] == [Decimal("3"), Decimal("4.6")]
    # All seven: 1 5 10 20 30 40 100 -> median 20; 0.9 * 6 = 5.4: 40 + 0.4 * 60 = 64
    assert totaal == [Decimal("20"), Decimal("64")]
