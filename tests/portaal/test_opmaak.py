from decimal import Decimal

import pytest

from portaal.templatetags.portaal import datum, euro, getal


@pytest.mark.parametrize(
    "bedrag,verwacht",
    [
        (Decimal("1234.56"), "€ 1.234,56"),
        (Decimal("0"), "€ 0,00"),
        (Decimal("1234567.5"), "€ 1.234.567,50"),
        (Decimal("-42.10"), "€ -42,10"),
        (Decimal("999.995"), "€ 1.000,00"),
        (None, "–"),
    ],
)
def test_euro(bedrag, verwacht):
    assert euro(bedrag) == verwacht


def test_datum_en_getal():
    import datetime

    assert datum(datetime.date(2026, 3, 5)) == "05-03-2026"
    assert getal(65878) == "65.878"
    assert getal(None) == "–"


def test_datum_van_een_tijdstip_is_de_dag_hier_niet_in_utc():
    """23:30 UTC on 1 December is already 2 December in Amsterdam: the page must say 02-12."""
    import datetime

    laat = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC)
    assert datum(laat) == "02-12-2026"
    assert datum(datetime.datetime(2026, 7, 1, 21, 59, tzinfo=datetime.UTC)) == "01-07-2026"  # 23:59 CEST
