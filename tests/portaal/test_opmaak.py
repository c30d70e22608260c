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


def test_datum_van_een_moment_is_de_dag_hier(settings):
    """A moment just after midnight in Amsterdam is stored as the evening before in UTC."""
    import datetime

    settings.TIME_ZONE = "Europe/Amsterdam"
    na_middernacht = datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 5 March here
    assert datum(na_middernacht) == "05-03-2026"
