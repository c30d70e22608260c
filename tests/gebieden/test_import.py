import pytest
from django.core.management import CommandError, call_command

from gebieden.models import Buurt, Gemeente, Kern, Wijk

CBS_KOP = (
    "ID,WijkenEnBuurten,Gemeentenaam_1,SoortRegio_2,Codering_3,IndelingswijzigingGemeenteWijkBuurt_4,"
    "AantalInwoners_5\n"
)
CBS_RIJEN = [
    '0,"Stichtse Vecht                          ","Stichtse Vecht  ","Gemeente  ","GM1904    ",".",65878',
    '1,"Wijk 01 Maarssen","Stichtse Vecht","Wijk      ","WK190401  ","1",15930',
    '2,"Maarsseveen","Stichtse Vecht","Buurt     ","BU19040101","1",.',
    '3,"Wijk 02 Breukelen","Stichtse Vecht","Wijk      ","WK190402  ","1",10680',
    '4,"Nederland","","Land      ","NL00      ",".",17942942',
]


@pytest.fixture
def cbs_bestand(tmp_path):
    pad = tmp_path / "kwb-2024.csv"
    pad.write_text(CBS_KOP + "\n".join(CBS_RIJEN) + "\n", encoding="utf-8")
    return pad


def test_import_leest_cbs_bestand(db, cbs_bestand, capsys):
    call_command("import_gebieden", str(cbs_bestand))
    gemeente = Gemeente.objects.get(code="GM1904")
    assert gemeente.naam == "Stichtse Vecht"
    assert gemeente.inwoners == 65878
    assert gemeente.cbs_jaar == 2024
    wijk = Wijk.objects.get(code="WK190401")
    assert (wijk.naam, wijk.inwoners, wijk.gemeente, wijk.kern) == ("Wijk 01 Maarssen", 15930, gemeente, None)
    buurt = Buurt.objects.get(code="BU19040101")
    assert buurt.wijk == wijk and buurt.inwoners is None
    assert Gemeente.objects.count() == 1  # the 'Land' row is skipped
    assert "wijk: 2 nieuw" in capsys.readouterr().out


def test_import_twee_keer_verandert_niets(db, cbs_bestand, capsys):
    call_command("import_gebieden", str(cbs_bestand))
    voor = [list(M.objects.order_by("pk").values()) for M in (Gemeente, Wijk, Buurt, Kern)]
    capsys.readouterr()
    call_command("import_gebieden", str(cbs_bestand))
    na = [list(M.objects.order_by("pk").values()) for M in (Gemeente, Wijk, Buurt, Kern)]
    assert voor == na
    uit = capsys.readouterr().out
    assert "0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in uit


def test_import_puntkomma_en_bom(db, tmp_path):
    pad = tmp_path / "statline.csv"
    tekst = CBS_KOP.replace(",", ";") + "\n".join(r.replace(",", ";") for r in CBS_RIJEN[:2]) + "\n"
    pad.write_bytes(b"\xef\xbb\xbf" + tekst.encode("utf-8"))
    call_command("import_gebieden", str(pad), "--jaar", "2023")
    assert Wijk.objects.get(code="WK190401").cbs_jaar == 2023


def test_import_werkt_bijgewerkte_cijfers_bij(db, cbs_bestand, tmp_path):
    call_command("import_gebieden", str(cbs_bestand))
    nieuw = tmp_path / "kwb-2025.csv"
    nieuw.write_text(
        CBS_KOP + "\n".join([CBS_RIJEN[0], CBS_RIJEN[1].replace("15930", "16000")]), encoding="utf-8"
    )
    call_command("import_gebieden", str(nieuw))
    wijk = Wijk.objects.get(code="WK190401")
    assert (wijk.inwoners, wijk.cbs_jaar) == (16000, 2025)


def test_import_met_kernbestand(db, cbs_bestand, tmp_path):
    kernen = tmp_path / "kernen.csv"
    kernen.write_text("wijkcode,kern\nWK190401,Maarssen-Dorp\nWK190402,Breukelen\n", encoding="utf-8")
    call_command("import_gebieden", str(cbs_bestand), "--kernen", str(kernen))
    assert Wijk.objects.get(code="WK190401").kern.naam == "Maarssen-Dorp"
    assert set(Kern.objects.values_list("naam", flat=True)) == {"Maarssen-Dorp", "Breukelen"}
    call_command("import_gebieden", str(cbs_bestand), "--kernen", str(kernen))
    assert Kern.objects.count() == 2


def test_foute_regel_slaat_niets_op_en_noemt_het_regelnummer(db, tmp_path):
    pad = tmp_path / "fout.csv"
    rijen = CBS_RIJEN[:2] + ['5,"Kapotte wijk","Stichtse Vecht","Wijk","WK19X401",".",10']
    pad.write_text(CBS_KOP + "\n".join(rijen) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as fout:
        call_command("import_gebieden", str(pad))
    assert "regel 4" in str(fout.value)
    assert "WK gevolgd door 6 tekens" in str(fout.value)
    assert Gemeente.objects.count() == 0 and Wijk.objects.count() == 0


def test_onbekende_gemeente_van_wijk(db, tmp_path):
    pad = tmp_path / "fout.csv"
    pad.write_text(CBS_KOP + CBS_RIJEN[1].replace('"Stichtse Vecht"', '""') + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="regel 2: Gemeente GM1904 van wijk WK190401 is onbekend"):
        call_command("import_gebieden", str(pad))


def test_bestand_zonder_gemeenteregel_maakt_de_gemeente_uit_de_kolom_gemeentenaam(db, tmp_path):
    pad = tmp_path / "kwb-2024.csv"
    pad.write_text(CBS_KOP + "\n".join(CBS_RIJEN[1:3]) + "\n", encoding="utf-8")
    call_command("import_gebieden", str(pad))
    gemeente = Gemeente.objects.get(code="GM1904")
    assert (gemeente.naam, gemeente.slug, gemeente.inwoners, gemeente.cbs_jaar) == (
        "Stichtse Vecht",
        "stichtse-vecht",
        None,
        2024,
    )
    assert Buurt.objects.get(code="BU19040101").wijk.gemeente == gemeente


def test_gemeentenaam_die_niet_bij_de_code_past_stopt_de_import(db, tmp_path):
    pad = tmp_path / "fout.csv"
    rijen = [CBS_RIJEN[0], CBS_RIJEN[1], CBS_RIJEN[3].replace('"Stichtse Vecht"', '"Utrecht"')]
    pad.write_text(CBS_KOP + "\n".join(rijen) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as fout:
        call_command("import_gebieden", str(pad))
    assert "regel 4: WK190402 hoort volgens de code bij gemeente GM1904 (Stichtse Vecht)" in str(fout.value)
    assert "Gemeentenaam zegt 'Utrecht'" in str(fout.value)
    assert not Gemeente.objects.exists()


def test_foute_regel_na_opgeslagen_regels_rolt_alles_terug(db, tmp_path):
    """The gemeente and wijk are saved before the buurt of an unknown wijk is reached: all undone."""
    pad = tmp_path / "fout.csv"
    rijen = CBS_RIJEN[:3] + ['6,"Verdwaalde buurt","Stichtse Vecht","Buurt     ","BU19049901",".",.']
    pad.write_text(CBS_KOP + "\n".join(rijen) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as fout:
        call_command("import_gebieden", str(pad))
    assert "fout.csv, regel 5: Wijk WK190499 van buurt BU19049901 is onbekend." in str(fout.value)
    assert "Er is niets opgeslagen" in str(fout.value)
    assert (Gemeente.objects.count(), Wijk.objects.count(), Buurt.objects.count()) == (0, 0, 0)


def test_codes_met_hoofdletters_zoals_amsterdam(db, tmp_path):
    """CBS codes may hold capitals in the wijk and buurt part (Amsterdam: BU0363AA03); lower case is read too."""
    pad = tmp_path / "amsterdam-2024.csv"
    rijen = [
        '0,"Amsterdam","Amsterdam  ","Gemeente  ","GM0363    ",".",931298',
        '1,"Burgwallen-Oude Zijde","Amsterdam","Wijk      ","WK0363AA  ","1",4340',
        '2,"Kop Zeedijk","Amsterdam","Buurt     ","bu0363aa03","1",1000',
    ]
    pad.write_text(CBS_KOP + "\n".join(rijen) + "\n", encoding="utf-8")
    call_command("import_gebieden", str(pad))
    buurt = Buurt.objects.get(code="BU0363AA03")
    assert buurt.wijk.code == "WK0363AA" and buurt.wijk.gemeente.code == "GM0363"
    assert buurt.inwoners == 1000


def test_ander_jaar_andere_kolomnummers_en_statline_formaat(db, tmp_path):
    """2021 (table 85039NED) numbers the columns differently; StatLine: semicolons, BOM, CRLF, padding, '.'."""
    kop = "ID;WijkenEnBuurten;Gemeentenaam_2;SoortRegio_3;Codering_4;AantalInwoners_7\r\n"
    rijen = [
        '0;"Stichtse Vecht          ";"Stichtse Vecht  ";"Gemeente  ";"GM1904    ";64513',
        '1;"Wijk 01 Maarssen        ";"Stichtse Vecht  ";"Wijk      ";"WK190401  ";.',
        '2;"Maarsseveen             ";"Stichtse Vecht  ";"Buurt     ";"BU19040101";',
    ]
    pad = tmp_path / "85039NED.csv"
    pad.write_bytes(b"\xef\xbb\xbf" + (kop + "\r\n".join(rijen) + "\r\n").encode("utf-8"))
    call_command("import_gebieden", str(pad))
    gemeente = Gemeente.objects.get()
    assert (gemeente.naam, gemeente.inwoners, gemeente.cbs_jaar) == ("Stichtse Vecht", 64513, 2021)
    wijk = Wijk.objects.get()
    assert (wijk.naam, wijk.inwoners, wijk.code) == ("Wijk 01 Maarssen", None, "WK190401")
    assert Buurt.objects.get().naam == "Maarsseveen"


def test_bestand_zonder_jaar_laat_het_bekende_jaar_staan(db, cbs_bestand, tmp_path):
    call_command("import_gebieden", str(cbs_bestand))
    zonder_jaar = tmp_path / "wijken.csv"
    zonder_jaar.write_text(cbs_bestand.read_text(encoding="utf-8"), encoding="utf-8")
    call_command("import_gebieden", str(zonder_jaar))
    assert Wijk.objects.get(code="WK190401").cbs_jaar == 2024


def test_kernbestand_met_puntkomma_en_bom(db, cbs_bestand, tmp_path):
    kernen = tmp_path / "kernen.csv"
    kernen.write_bytes(b"\xef\xbb\xbf" + b"wijkcode;kern\nWK190401  ;Maarssen-Dorp  \n")
    call_command("import_gebieden", str(cbs_bestand), "--kernen", str(kernen))
    assert Wijk.objects.get(code="WK190401").kern.naam == "Maarssen-Dorp"
    assert Wijk.objects.get(code="WK190402").kern is None  # waits in the admin for a kern


def test_te_lange_kernnaam_in_het_kernbestand_noemt_dat_bestand(db, cbs_bestand, tmp_path):
    kernen = tmp_path / "kernen.csv"
    kernen.write_text("wijkcode,kern\nWK190401,Maarssen\nWK190402," + "B" * 200 + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as fout:
        call_command("import_gebieden", str(cbs_bestand), "--kernen", str(kernen))
    assert str(fout.value).startswith(f"{kernen}, regel 3: naam:")
    assert not Wijk.objects.exists() and not Kern.objects.exists()


def test_bestand_bestaat_niet(db, tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_gebieden", str(tmp_path / "weg.csv"))


def test_ongeldig_aantal_inwoners(db, tmp_path):
    pad = tmp_path / "fout.csv"
    pad.write_text(CBS_KOP + CBS_RIJEN[0].replace("65878", "veel") + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="regel 2: 'veel' in kolom AantalInwoners is geen getal"):
        call_command("import_gebieden", str(pad))
    assert not Gemeente.objects.exists()


def test_geen_cbs_bestand(db, tmp_path):
    pad = tmp_path / "iets.csv"
    pad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="geen CBS-bestand"):
        call_command("import_gebieden", str(pad))


def test_onbekende_wijk_in_kernbestand(db, cbs_bestand, tmp_path):
    kernen = tmp_path / "kernen.csv"
    kernen.write_text("wijkcode,kern\nWK190401,Maarssen-Dorp\nWK199999,Nergens\n", encoding="utf-8")
    with pytest.raises(CommandError, match="regel 3: Wijk WK199999 uit het kernbestand is onbekend"):
        call_command("import_gebieden", str(cbs_bestand), "--kernen", str(kernen))
    assert not Wijk.objects.exists()
