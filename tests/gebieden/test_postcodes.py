"""Postcodes and streets: the import command (CBS's table and a simple one) and finding an area by them."""

import io

import pytest
from django.core.management import CommandError, call_command

from gebieden.models import Postcodegebied
from gebieden.selectors import zoek_gebieden, zoek_gemeenten, zoek_op_postcode, zoek_op_straat
from gebieden.zoeken import Postcode, lees_postcode, normaliseer
from tests.factories import BuurtFactory, GemeenteFactory, KernFactory, WijkFactory


@pytest.fixture
def oud_zuilen(gemeente):
    kern = KernFactory(gemeente=gemeente, naam="Oud-Zuilen", slug="oud-zuilen")
    return WijkFactory(kern=kern, gemeente=gemeente, code="WK190411", naam="Wijk 11 Oud Zuilen")


@pytest.fixture
def buurten(wijk):
    return (
        BuurtFactory(wijk=wijk, code="BU19040201", naam="Breukelen-Noord"),
        BuurtFactory(wijk=wijk, code="BU19040202", naam="Breukelen-Zuid"),
    )


def _importeer(tmp_path, tekst, *args):
    pad = tmp_path / "postcodes.csv"
    pad.write_text(tekst, encoding="utf-8")
    uit, fout = io.StringIO(), io.StringIO()
    call_command("postcodes_importeren", str(pad), *args, stdout=uit, stderr=fout)
    return uit.getvalue()


CBS = (
    "\ufeffPC6;Huisnummer;Buurt2023;Wijk2023;Gemeente2023\n"
    "3621AB;1;19040201;190402;1904\n"
    "3621AB;3;19040201;190402;1904\n"
    "3621AB;12;19040202;190402;1904\n"
    "3621AB;14;19040202;190402;1904\n"
    "3621AC;2;BU19040201;WK190402;GM1904\n"
    "1011AB;1;03630000;036300;0363\n"  # Amsterdam: not in this portal
)


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Oud-Zuilen", "oudzuilen"),
        ("oud zuilen", "oudzuilen"),
        ("OUD  ZUILEN", "oudzuilen"),
        ("'s-Gravenzande", "sgravenzande"),
        ("Nieuwer Ter Aa", "nieuwerteraa"),
        ("Zoë Café", "zoecafe"),
    ],
)
def test_normaliseer_negeert_hoofdletters_streepjes_spaties_en_accenten(tekst, verwacht):
    assert normaliseer(tekst) == verwacht


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("3621", Postcode("3621")),
        ("3621 AB", Postcode("3621", "AB")),
        ("3621ab", Postcode("3621", "AB")),
        (" 3621 AB 12 ", Postcode("3621", "AB", 12)),
        ("3621AB12a", Postcode("3621", "AB", 12)),
        ("3621 AB, 12-2", Postcode("3621", "AB", 12)),
        ("0621", None),  # no Dutch postcode starts with 0
        ("3621 12", None),  # a house number needs the letters
        ("362", None),
        ("Straatweg", None),
    ],
)
def test_postcode_lezen(tekst, verwacht):
    assert lees_postcode(tekst) == verwacht


def test_zoeken_op_naam_is_gelijk_voor_schrijfwijzen(oud_zuilen, kern):
    gevonden = {
        schrijfwijze: zoek_gebieden(schrijfwijze)
        for schrijfwijze in ("Oud Zuilen", "Oud-Zuilen", "oud zuilen", "OUDZUILEN")
    }
    kernen = {tuple(k.pk for k in kernen) for kernen, _ in gevonden.values()}
    wijken = {tuple(w.pk for w in wijken) for _, wijken in gevonden.values()}
    assert kernen == {(oud_zuilen.kern.pk,)}
    assert wijken == {(oud_zuilen.pk,)}
    assert [g.naam for g in zoek_gemeenten("stichtse-vecht")] == ["Stichtse Vecht"]
    assert zoek_gebieden("--") == ([], [])


def test_zoeknaam_volgt_een_nieuwe_naam(kern):
    kern.naam = "Nieuwer Ter Aa"
    kern.save(update_fields=["naam"])
    kern.refresh_from_db()
    assert kern.zoeknaam == "nieuwerteraa"


def test_cbs_tabel_importeren_en_vinden_per_huisnummer(tmp_path, buurten):
    noord, zuid = buurten
    uitvoer = _importeer(tmp_path, CBS)
    assert "6 regels gelezen" in uitvoer
    assert "3 postcodegebieden (3 nieuw, 0 ongewijzigd, 0 van een vorige import verwijderd)" in uitvoer
    assert "1 regels overgeslagen (gemeente niet in het portaal)" in uitvoer
    assert "Stichtse Vecht 3" in uitvoer
    # 3621AB is split over two buurten: one row per run of house numbers; 3621AC is whole.
    rijen = {
        (r.postcode, r.huisnummer_van, r.huisnummer_tot, r.buurt_id) for r in Postcodegebied.objects.all()
    }
    assert rijen == {
        ("3621AB", 1, 3, noord.pk),
        ("3621AB", 12, 14, zuid.pk),
        ("3621AC", None, None, noord.pk),
    }

    [nummer_12] = zoek_op_postcode(lees_postcode("3621 AB 12"))
    assert nummer_12.gebied == zuid and nummer_12.sleutel == "wijk-WK190402"
    assert "buurt Breukelen-Zuid" in nummer_12.uitleg and "Postcode 3621 AB 12" in nummer_12.uitleg
    assert not nummer_12.bij_benadering
    # Without a house number both buurten fit; both are in the same wijk, whose contacts the page shows.
    assert [v.contactgebied for v in zoek_op_postcode(lees_postcode("3621AB"))] == [noord.wijk]
    # A PC4 the table only knows as PC6s finds their areas.
    assert [v.contactgebied for v in zoek_op_postcode(lees_postcode("3621"))] == [noord.wijk]
    # A number outside every range falls back to the postcode itself.
    assert zoek_op_postcode(lees_postcode("3621 AB 99"))
    assert zoek_op_postcode(lees_postcode("3622")) == []


def test_import_is_idempotent(tmp_path, buurten):
    _importeer(tmp_path, CBS)
    eerste = sorted(Postcodegebied.objects.values_list("pk", "postcode", "huisnummer_van", "buurt_id"))
    uitvoer = _importeer(tmp_path, CBS)
    assert "(0 nieuw, 3 ongewijzigd, 0 van een vorige import verwijderd)" in uitvoer
    # The same rows, not new copies of them.
    assert (
        sorted(Postcodegebied.objects.values_list("pk", "postcode", "huisnummer_van", "buurt_id")) == eerste
    )
    # A newer file: what it no longer has goes, what changed is new, the rest stays.
    uitvoer = _importeer(tmp_path, CBS.replace("3621AC;2;BU19040201", "3621AC;2;BU19040202"))
    assert "(1 nieuw, 2 ongewijzigd, 1 van een vorige import verwijderd)" in uitvoer


def test_cbs_buurt_die_het_portaal_niet_kent_valt_terug_op_de_wijk(tmp_path, wijk):
    _importeer(tmp_path, "PC6;Huisnummer;Buurt2024\n3621AB;1;BU19040299\n")
    [rij] = Postcodegebied.objects.all()
    assert rij.wijk == wijk and rij.buurt is None


def test_slechte_regels_worden_per_regel_gemeld_en_niets_opgeslagen(tmp_path, buurten, capsys):
    tekst = (
        "PC6;Huisnummer;Buurt2023\n"
        "3621AB;1;19040201\n"
        "36X1AB;2;19040201\n"
        "3621AB;twee;19040201\n"
        "3621AB;4;XX\n"
        "3621AB;5;19049999\n"
    )
    pad = tmp_path / "fout.csv"
    pad.write_text(tekst, encoding="utf-8")
    fout = io.StringIO()
    with pytest.raises(CommandError, match="4 foute regel\\(s\\). Er is niets opgeslagen."):
        call_command("postcodes_importeren", str(pad), stdout=io.StringIO(), stderr=fout)
    meldingen = fout.getvalue()
    assert "regel 3: '36X1AB' is geen postcode" in meldingen
    assert "regel 4: 'twee' is geen huisnummer" in meldingen
    assert "regel 5: 'XX' is geen buurtcode" in meldingen
    assert "regel 6: Buurt BU19049999 en wijk WK190499 staan niet in het portaal" in meldingen
    assert not Postcodegebied.objects.exists()


def test_eenvoudige_tabel_met_kern_wijk_buurt_en_straat(tmp_path, buurten, oud_zuilen):
    noord, _ = buurten
    tekst = (
        "# bij benadering\n"
        "postcode,gebiedscode,straat,bij_benadering\n"
        "3611,GM1904/oud zuilen,,ja\n"
        "3621,WK190402,,ja\n"
        "3621,WK190402,Straatweg,ja\n"
        "3621AB,BU19040201,,nee\n"
    )
    uitvoer = _importeer(tmp_path, tekst)
    assert "4 postcodegebieden (4 nieuw" in uitvoer
    [kern] = zoek_op_postcode(lees_postcode("3611"))
    assert kern.gebied == oud_zuilen.kern and kern.bij_benadering
    assert kern.uitleg == "Postcode 3611 ligt in kern Oud-Zuilen (gemeente Stichtse Vecht)."
    # The PC6 row is more specific than the PC4 row.
    [pc6] = zoek_op_postcode(lees_postcode("3621 AB"))
    assert pc6.gebied == noord and not pc6.bij_benadering
    [straat] = zoek_op_straat("straatweg 12")
    assert straat.gebied == noord.wijk and straat.uitleg.startswith(
        "Straatweg (postcode 3621) ligt in Wijk 02"
    )
    assert zoek_op_straat("Dorpsstraat") == []


def test_eenvoudige_tabel_meldt_onbekende_gebiedscode_en_foute_huisnummers(tmp_path, wijk):
    pad = tmp_path / "fout.csv"
    pad.write_text(
        "postcode;gebiedscode;huisnummer_van;huisnummer_tot\n3621;WK999999;;\n3621AB;WK190402;10;2\n",
        encoding="utf-8",
    )
    fout = io.StringIO()
    with pytest.raises(CommandError, match="2 foute regel"):
        call_command("postcodes_importeren", str(pad), stdout=io.StringIO(), stderr=fout)
    assert "regel 2: Gebiedscode 'WK999999' kennen wij niet" in fout.getvalue()
    assert "regel 3: Vul huisnummer_van en huisnummer_tot allebei in" in fout.getvalue()


def test_onbekend_bestand_en_ontbrekend_bestand(tmp_path, db):
    pad = tmp_path / "iets.csv"
    pad.write_text("a,b\n1,2\n", encoding="utf-8")
    fout = io.StringIO()
    with pytest.raises(CommandError):
        call_command("postcodes_importeren", str(pad), stdout=io.StringIO(), stderr=fout)
    assert "Onbekend bestand" in fout.getvalue()
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("postcodes_importeren", str(tmp_path / "weg.csv"))


def test_een_import_vervangt_alleen_de_eigen_gemeente(tmp_path, wijk):
    andere = WijkFactory(kern=KernFactory(gemeente=GemeenteFactory(code="GM0736")), code="WK073601")
    _importeer(tmp_path, "postcode,gebiedscode\n3641,WK073601\n")
    _importeer(tmp_path, "postcode,gebiedscode\n3621,WK190402\n")
    assert set(Postcodegebied.objects.values_list("postcode", "wijk_id")) == {
        ("3641", andere.pk),
        ("3621", wijk.pk),
    }
