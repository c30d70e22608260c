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


# --- Spreadsheet cells (OWASP CSV injection) ----------------------------------------------------------


@pytest.mark.parametrize(
    "tekst",
    [
        '=HYPERLINK("http://x","y")',
        "+cmd|' /C calc'!A0",
        "@SUM(1)",
        "-2+3",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        "  =1+1",
        "＝1+1",
    ],
)
def test_tekst_die_een_formule_kan_zijn_wordt_tekst(tekst):
    from invoer.spreadsheet import cel

    assert cel(tekst) == "'" + tekst


def test_getallen_blijven_getallen_en_gewone_tekst_blijft_gelijk():
    from invoer.spreadsheet import cel

    assert cel(Decimal("-12.50")) == "-12,50"
    assert cel(Decimal("1800.00")) == "1800,00"
    assert cel(Decimal("1E+3")) == "1000"
    assert cel(-3) == "-3" and cel(0) == "0"
    assert cel(None) == ""
    assert cel("Feest; met puntkomma") == "Feest; met puntkomma"
    assert cel("NL91ABNA0417164300") == "NL91ABNA0417164300"
    assert cel("Totaal 2-3") == "Totaal 2-3"
    assert cel(True) == "True"  # not a number to a spreadsheet


def test_csv_schrijver_puntkomma_en_aanhalingstekens():
    import csv
    import io

    from invoer.spreadsheet import csv_schrijver

    uit = io.StringIO()
    csv_schrijver(uit).writerows([["=1;2", Decimal("-1.5"), 'a"b']])
    assert uit.getvalue() == '"\'=1;2";-1,5;"a""b"\r\n'
    assert next(csv.reader(io.StringIO(uit.getvalue()), delimiter=";")) == ["'=1;2", "-1,5", 'a"b']


def test_datum_en_euro_in_een_csv():
    import datetime
    from zoneinfo import ZoneInfo

    from invoer.spreadsheet import cel, euro

    assert cel(datetime.date(2026, 12, 5)) == "05-12-2026"
    # A moment is the day here: 23:30 UTC on 4 December is 5 December in Amsterdam.
    assert cel(datetime.datetime(2026, 12, 4, 23, 30, tzinfo=ZoneInfo("UTC"))) == "05-12-2026"
    assert cel(euro("12.5")) == "12,50" and cel(euro("-3")) == "-3,00" and euro(None) is None


def test_xlsx_schrijver_getypte_cellen_en_nooit_een_formule():
    import datetime
    import io

    from openpyxl import load_workbook

    from invoer.spreadsheet import DATUM_OPMAAK, EURO_OPMAAK, euro, xlsx_schrijver

    schrijver = xlsx_schrijver("Blad: [1/2]")
    schrijver.writerow(["naam", "bedrag", "dag", "aantal"])
    schrijver.writerow(["=1+1", euro("1234.5"), datetime.date(2026, 12, 5), 3])
    schrijver.writerow(["@a\x00b", None, "", Decimal("1.5")])
    schrijver.nieuw_blad("Blad: [1/2]")  # the same name again: made unique
    schrijver.writerow(["kop"])
    boek = load_workbook(io.BytesIO(schrijver.opslaan()))
    assert boek.sheetnames == ["Blad   1 2", "Blad   1 2 (2)"]
    blad = boek.worksheets[0]
    assert [c.font.b for c in blad[1]] == [True] * 4 and not blad["A2"].font.b and blad.freeze_panes == "A2"
    assert (blad["A2"].value, blad["A2"].data_type) == ("'=1+1", "s")
    assert (blad["B2"].value, blad["B2"].data_type, blad["B2"].number_format) == (1234.5, "n", EURO_OPMAAK)
    assert blad["C2"].is_date and blad["C2"].value == datetime.datetime(2026, 12, 5)
    assert blad["C2"].number_format == DATUM_OPMAAK
    assert (blad["D2"].value, blad["D2"].data_type) == (3, "n")
    assert (blad["A3"].value, blad["B3"].value, blad["C3"].value, blad["D3"].value) == (
        "'@ab",
        None,
        None,
        1.5,
    )
    assert boek.worksheets[1]["A1"].value == "kop"


def test_elke_csv_gaat_door_de_veilige_schrijver():
    """A new export with csv.writer of its own would let formulas through: only invoer.spreadsheet writes."""
    import ast
    from pathlib import Path

    from django.conf import settings

    basis = Path(settings.BASE_DIR)
    fout = []
    mappen = [m for m in basis.iterdir() if (m / "__init__.py").exists() and m.name != "tests"]
    for pad in sorted(p for m in mappen for p in m.rglob("*.py")):
        if pad == basis / "invoer" / "spreadsheet.py":
            continue
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            schrijver = (
                isinstance(knoop, ast.Attribute)
                and knoop.attr in {"writer", "DictWriter"}
                and isinstance(knoop.value, ast.Name)
                and knoop.value.id == "csv"
            ) or (
                isinstance(knoop, ast.ImportFrom)
                and knoop.module == "csv"
                and bool({a.name for a in knoop.names} & {"writer", "DictWriter"})
            )
            if schrijver:
                fout.append(f"{pad.relative_to(basis)}:{knoop.lineno}")
    assert not fout, "Schrijf CSV met invoer.spreadsheet.csv_schrijver: " + ", ".join(fout)


def test_fout_op_formulier_zet_elke_melding_bij_haar_veld():
    from django import forms
    from django.core.exceptions import ValidationError

    from invoer.formulier import fout_op_formulier

    class Formulier(forms.Form):
        bedrag = forms.DecimalField()

    form = Formulier(data={"bedrag": "10"})
    assert form.is_valid()
    kostenregels = []
    fout_op_formulier(
        form,
        ValidationError({"bedrag": "Te hoog.", "kosten": "Eén regel te veel.", "onbekend": "Iets anders."}),
        extra={"kosten": kostenregels},
    )
    assert form.errors["bedrag"] == ["Te hoog."]
    assert form.non_field_errors() == ["Iets anders."]
    assert kostenregels == ["Eén regel te veel."]

    form = Formulier(data={"bedrag": "10"})
    form.is_valid()
    fout_op_formulier(form, ValidationError("Dit kan nu niet."))
    assert form.non_field_errors() == ["Dit kan nu niet."]


# --- invoer.regels.CheckConstraint: Django's rule, checked against only the fields it names ------------


def test_controle_op_de_velden_die_de_regel_noemt(kern, wijk, django_assert_num_queries):
    from gebieden.models import Postcodegebied

    goed = Postcodegebied(postcode="3621", kern=kern, bron=Postcodegebied.Bron.TABEL)
    goed.validate_constraints()
    twee_gebieden = Postcodegebied(postcode="3621", kern=kern, wijk=wijk, bron=Postcodegebied.Bron.TABEL)
    with pytest.raises(ValidationError) as fout:
        twee_gebieden.validate_constraints()
    assert "postcodegebied_precies_een_gebied" in str(fout.value)
    # A field compared with another field (F) counts as named too.
    omgekeerd = Postcodegebied(
        postcode="3621", kern=kern, huisnummer_van=9, huisnummer_tot=1, bron=Postcodegebied.Bron.TABEL
    )
    with pytest.raises(ValidationError) as fout:
        omgekeerd.validate_constraints()
    assert "postcodegebied_huisnummers_van_tot" in str(fout.value)


def test_controle_met_een_expressie_en_een_regel_over_een_andere_tabel(db):
    from django.db.models import Q
    from django.db.models.functions import Length
    from django.db.models.lookups import GreaterThan

    from gebieden.models import Gemeente
    from invoer.regels import CheckConstraint

    regel = CheckConstraint(condition=Q(GreaterThan(Length("naam"), 3)), name="naam_langer_dan_drie")
    regel.validate(Gemeente, Gemeente(naam="Vecht", code="GM0001", slug="v"))
    with pytest.raises(ValidationError):
        regel.validate(Gemeente, Gemeente(naam="Aa", code="GM0001", slug="a"))
    # A condition on a field of another table (a join) cannot be checked on one row: skipped, as Django does.
    CheckConstraint(condition=Q(kernen__naam="x"), name="y").validate(Gemeente, Gemeente(naam="Aa"))
    # Migrations see Django's own class.
    assert regel.deconstruct()[0] == "django.db.models.CheckConstraint"
