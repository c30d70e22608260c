"""One message for one wrong amount (issue 18, item 9): "abc", "12,345" or "-5" in a money field give
one clear Dutch message on that field, not a second one from the form's or the service's own checks."""

import pytest
from django.core.exceptions import ValidationError

from bewonersgroepen.forms import OvereenkomstForm
from invoer import FOUT_BEDRAG, FOUTEN_BEDRAG
from invoer.formulier import fout_op_formulier
from leefbaarheidsbudget.forms import BesluitForm, KostenpostForm, VaststellenForm

FOUT = [
    ("abc", FOUT_BEDRAG),
    ("12,345", FOUTEN_BEDRAG["max_decimal_places"]),
    ("-5", FOUTEN_BEDRAG["min_value"]),
    ("123456789012", FOUTEN_BEDRAG["max_digits"]),
]


@pytest.mark.parametrize(("getypt", "melding"), FOUT)
def test_kostenpost_een_melding(getypt, melding):
    form = KostenpostForm(data={"omschrijving": "Verf", "bedrag": getypt})
    assert not form.is_valid()
    assert form.errors == {"bedrag": [melding]}


@pytest.mark.parametrize(("getypt", "melding"), FOUT)
def test_besluit_en_vaststellen_een_melding(getypt, melding):
    form = BesluitForm(data={"besluit": "toekennen", "bedrag": getypt, "motivering": "Goed plan."})
    assert not form.is_valid()
    assert form.errors == {"bedrag": [melding]}
    form = VaststellenForm(data={"bedrag": getypt})
    assert not form.is_valid()
    assert form.errors == {"bedrag": [melding]}


def test_jaarbijdrage_van_de_overeenkomst_een_melding(db):
    form = OvereenkomstForm(data={"jaarbijdrage": "12,345"})
    form.is_valid()
    assert form.errors["jaarbijdrage"] == [FOUTEN_BEDRAG["max_decimal_places"]]
    form = OvereenkomstForm(data={"jaarbijdrage": "abc"})
    form.is_valid()
    assert form.errors["jaarbijdrage"] == [FOUT_BEDRAG]


def test_dienst_voegt_geen_tweede_melding_toe_aan_een_onleesbaar_bedrag():
    form = KostenpostForm(data={"omschrijving": "Verf", "bedrag": "abc"})
    assert not form.is_valid()
    fout_op_formulier(form, ValidationError({"bedrag": "Vul het bedrag in.", "omschrijving": "Te lang."}))
    assert form.errors["bedrag"] == [FOUT_BEDRAG]
    assert form.errors["omschrijving"] == ["Te lang."]
    # A field the form read well still gets the service's message.
    form = KostenpostForm(data={"omschrijving": "Verf", "bedrag": "10"})
    assert form.is_valid()
    fout_op_formulier(form, ValidationError({"bedrag": "Te hoog.", "omschrijving": "Te lang."}))
    assert form.errors == {"bedrag": ["Te hoog."], "omschrijving": ["Te lang."]}
