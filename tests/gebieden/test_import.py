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
    pad.write_text(CBS_KOP + CBS_RIJEN[1] + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="regel 2: Gemeente GM1904 van wijk WK190401 is onbekend"):
        call_command("import_gebieden", str(pad))


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
