"""invoer: amounts as people here type and read them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from invoer import BedragInput, bedrag_invoer


@pytest.mark.parametrize(
    "getypt,bedrag",
    [
        ("€ 1.250,50", Decimal("1250.50")),
        ("1.250", Decimal("1250")),
        ("1.234.567", Decimal("1234567")),
        ("1250.50", Decimal("1250.50")),
        ("2.5", Decimal("2.5")),
        ("12,5", Decimal("12.5")),
        ("\xa0€\xa0300 ", Decimal("300")),
    ],
)
def test_bedrag_zoals_getypt(getypt, bedrag):
    assert bedrag_invoer("Bedrag").clean(getypt) == bedrag


def test_geen_bedrag_geeft_een_nederlandse_fout():
    with pytest.raises(ValidationError) as fout:
        bedrag_invoer("Bedrag").clean("veel")
    assert fout.value.messages == ["Vul een bedrag in, bijvoorbeeld 125,50."]


def test_opgeslagen_bedrag_met_komma_getypt_bedrag_zoals_getypt():
    invoer = BedragInput()
    assert invoer.format_value(Decimal("1250.5")) == "1250,50"
    assert invoer.format_value("1.250,5") == "1.250,5"
    assert 'inputmode="decimal"' in invoer.render("bedrag", Decimal("3"))
