"""Area profile (datagestuurd werken): CBS figures per area and year, shown on the area pages."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from gebieden.models import Gebiedsprofiel, Kern, Wijk

# Column keys as in CBS table 85984NED (2024), with their year-specific suffixes.
KOP = (
    "ID;WijkenEnBuurten;Gemeentenaam_1;SoortRegio_2;Codering_3;IndelingswijzigingGemeenteWijkBuurt_4;"
    "AantalInwoners_5;Mannen_6;Vrouwen_7;k_0Tot15Jaar_8;k_15Tot25Jaar_9;k_25Tot45Jaar_10;k_45Tot65Jaar_11;"
    "k_65JaarOfOuder_12;HuishoudensTotaal_29;Bevolkingsdichtheid_34;Woningvoorraad_35;"
    "GemiddeldeWOZWaardeVanWoningen_39\n"
)
RIJEN = [
    '0;"Stichtse Vecht  ";"Stichtse Vecht";"Gemeente  ";"GM1904    ";".";65878;32285;33593;'
    "10000;7000;15000;18000;15878;28500;686;29138;455",
    '1;"Wijk 01 Maarssen";"Stichtse Vecht";"Wijk      ";"WK190401  ";"1";15930;7705;8220;'
    "2400;1700;3900;4100;3830;7000;1697;7096;398",
    '2;"Maarsseveen";"Stichtse Vecht";"Buurt     ";"BU19040101";"1";.;.;.;.;.;.;.;.;.;.;.;.',
    '3;"Wijk 02 Breukelen";"Stichtse Vecht";"Wijk      ";"WK190402  ";"1";10680;5215;5465;'
    "1700;1200;2300;3000;2480;4700;589;5440;512,5",
]


def _bestand(tmp_path, rijen, naam="kwb-2024.csv"):
    pad = tmp_path / naam
    pad.write_text(KOP + "\n".join(rijen) + "\n", encoding="utf-8")
    return pad


@pytest.fixture
def kernen(tmp_path):
    pad = tmp_path / "kernen.csv"
    pad.write_text("wijkcode,kern\nWK190401,Maarssen-Dorp\nWK190402,Breukelen\n", encoding="utf-8")
    return pad


def test_import_slaat_profielcijfers_op_per_gebied_en_jaar(db, tmp_path, kernen):
    call_command("import_gebieden", str(_bestand(tmp_path, RIJEN)), "--kernen", str(kernen))
    profiel = Gebiedsprofiel.objects.get(wijk__code="WK190402", jaar=2024)
    assert profiel.huishoudens == 4700
    assert (
        profiel.leeftijd_0_15,
        profiel.leeftijd_15_25,
        profiel.leeftijd_25_45,
        profiel.leeftijd_45_65,
        profiel.leeftijd_65_plus,
    ) == (1700, 1200, 2300, 3000, 2480)
    assert profiel.woningvoorraad == 5440
    assert profiel.gemiddelde_woz == Decimal("512500.00")  # CBS gives thousands of euros
    assert profiel.inwoners == 10680
    assert Gebiedsprofiel.objects.get(gemeente__code="GM1904").huishoudens == 28500
    # The buurt has no figures at all (every value '.'): no empty profile.
    assert not Gebiedsprofiel.objects.filter(buurt__isnull=False).exists()


def test_import_twee_keer_en_een_nieuw_jaar(db, tmp_path):
    call_command("import_gebieden", str(_bestand(tmp_path, RIJEN)))
    voor = list(Gebiedsprofiel.objects.order_by("pk").values())
    call_command("import_gebieden", str(_bestand(tmp_path, RIJEN)))
    assert list(Gebiedsprofiel.objects.order_by("pk").values()) == voor
    nieuw = [RIJEN[0], RIJEN[1].replace(";7000;1697", ";7100;1697")]
    call_command("import_gebieden", str(_bestand(tmp_path, nieuw, "kwb-2025.csv")))
    wijk = Wijk.objects.get(code="WK190401")
    assert list(wijk.profielen.values_list("jaar", "huishoudens")) == [(2025, 7100), (2024, 7000)]


def test_bestand_zonder_profielkolommen_maakt_geen_profiel(db, tmp_path):
    pad = tmp_path / "kort-2024.csv"
    pad.write_text(
        "WijkenEnBuurten,SoortRegio_2,Codering_3,AantalInwoners_5\nStichtse Vecht,Gemeente,GM1904,65878\n",
        encoding="utf-8",
    )
    call_command("import_gebieden", str(pad))
    assert not Gebiedsprofiel.objects.exists()


def test_profiel_zonder_jaar_wordt_niet_opgeslagen(db, tmp_path, capsys):
    call_command("import_gebieden", str(_bestand(tmp_path, RIJEN[:1], "kwb.csv")))
    assert not Gebiedsprofiel.objects.exists()
    assert "jaar onbekend" in capsys.readouterr().out


def test_ongeldig_profielcijfer_slaat_niets_op(db, tmp_path):
    fout = RIJEN[1].replace(";7000;", ";zeven;")
    with pytest.raises(CommandError, match="regel 3: 'zeven' in kolom HuishoudensTotaal is geen getal"):
        call_command("import_gebieden", str(_bestand(tmp_path, [RIJEN[0], fout])))
    assert not Gebiedsprofiel.objects.exists() and not Wijk.objects.exists()


def test_wijkpagina_toont_profiel_naast_gemeente(client, db, tmp_path, kernen):
    call_command("import_gebieden", str(_bestand(tmp_path, RIJEN)), "--kernen", str(kernen))
    response = client.get(Wijk.objects.get(code="WK190402").get_absolute_url())
    tekst = response.text
    assert "Bron: CBS" in tekst and "2024" in tekst
    assert "Huishoudens" in tekst and "4.700" in tekst and "28.500" in tekst  # wijk next to gemeente
    assert "€ 512.500,00" in tekst and "€ 455.000,00" in tekst
    assert "Gemeente Stichtse Vecht" in tekst


def test_kernpagina_telt_wijken_op(client, db, tmp_path):
    kernen = tmp_path / "kernen.csv"
    kernen.write_text("wijkcode,kern\nWK190401,Vecht\nWK190402,Vecht\n", encoding="utf-8")
    call_command("import_gebieden", str(_bestand(tmp_path, RIJEN)), "--kernen", str(kernen))
    response = client.get(Kern.objects.get(naam="Vecht").get_absolute_url())
    assert "11.700" in response.text  # 7.000 + 4.700 households
    # WOZ weighted by dwellings: (398.000 * 7.096 + 512.500 * 5.440) / 12.536
    assert "€ 447.687,30" in response.text


def test_gemeentepagina_toont_eigen_cijfers(client, db, tmp_path):
    call_command("import_gebieden", str(_bestand(tmp_path, RIJEN)))
    response = client.get("/gebieden/stichtse-vecht/")
    assert "Kerncijfers wijken en buurten 2024" in response.text and "28.500" in response.text


def test_geen_profiel_geen_tabel(client, wijk):
    assert "Bron: CBS" not in client.get(wijk.get_absolute_url()).text


def _queries_kernpagina(client, kern, aantal, eerste):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import WijkFactory

    Gebiedsprofiel.objects.create(gemeente=kern.gemeente, jaar=2024, inwoners=60000, huishoudens=25000)
    for i in range(aantal):
        wijk = WijkFactory(kern=kern, gemeente=kern.gemeente, code=f"WK1904{i + eerste:02d}")
        Gebiedsprofiel.objects.create(wijk=wijk, jaar=2024, inwoners=1000, huishoudens=400)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(kern.get_absolute_url())
    assert f"{400 * aantal:,}".replace(",", ".") in response.text
    return len(queries)


def test_kernpagina_met_profiel_vast_aantal_queries(client, gemeente):
    from tests.factories import KernFactory

    klein = _queries_kernpagina(client, KernFactory(gemeente=gemeente), 1, 10)
    Gebiedsprofiel.objects.all().delete()
    groot = _queries_kernpagina(client, KernFactory(gemeente=gemeente), 5, 20)
    assert klein == groot


def test_kernprofiel_laatste_jaar_en_ontbrekende_cijfers(gemeente):
    """Hand-computed: the latest year only; a figure missing in one wijk stays empty, not a partial sum."""
    from gebieden.selectors import gebiedsprofiel
    from tests.factories import KernFactory, WijkFactory

    kern = KernFactory(gemeente=gemeente, naam="Vecht")
    a = WijkFactory(kern=kern, gemeente=gemeente, code="WK190481")
    b = WijkFactory(kern=kern, gemeente=gemeente, code="WK190482")
    Gebiedsprofiel.objects.create(wijk=a, jaar=2023, inwoners=1, huishoudens=1)  # older: ignored
    Gebiedsprofiel.objects.create(
        wijk=a,
        jaar=2024,
        inwoners=1000,
        huishoudens=400,
        woningvoorraad=300,
        gemiddelde_woz=Decimal("300000"),
        oppervlakte_land_ha=50,
    )
    Gebiedsprofiel.objects.create(
        wijk=b,
        jaar=2024,
        inwoners=500,
        huishoudens=None,
        woningvoorraad=100,
        gemiddelde_woz=Decimal("500000"),
        oppervlakte_land_ha=25,
    )
    Gebiedsprofiel.objects.create(gemeente=gemeente, jaar=2024, inwoners=60000, huishoudens=25000)
    rijen = {r["label"]: r for r in gebiedsprofiel(kern)["rijen"]}
    assert rijen["Inwoners"]["gebied"] == 1500
    assert rijen["Huishoudens"]["gebied"] is None and rijen["Huishoudens"]["gemeente"] == 25000
    assert rijen["Woningen"]["gebied"] == 400
    # (300.000 * 300 + 500.000 * 100) / 400 = 350.000; 1.500 inhabitants on 75 ha = 2.000 per km²
    assert rijen["Gemiddelde WOZ-waarde"]["gebied"] == Decimal("350000.00")
    assert rijen["Inwoners per km²"]["gebied"] == 2000
    assert gebiedsprofiel(kern)["jaar"] == 2024


def test_kern_van_een_wijk_toont_de_cijfers_van_die_wijk(gemeente):
    from gebieden.selectors import gebiedsprofiel
    from tests.factories import KernFactory, WijkFactory

    kern = KernFactory(gemeente=gemeente, naam="Nigtevecht")
    wijk = WijkFactory(kern=kern, gemeente=gemeente, code="WK190408")
    Gebiedsprofiel.objects.create(
        wijk=wijk,
        jaar=2024,
        inwoners=1580,
        woningvoorraad=648,
        bevolkingsdichtheid=397,
        gemiddelde_woz=Decimal("512000"),
    )
    rijen = {r["label"]: r["gebied"] for r in gebiedsprofiel(kern)["rijen"]}
    assert rijen["Inwoners per km²"] == 397  # CBS's own figure, not recomputed
    assert rijen["Gemiddelde WOZ-waarde"] == Decimal("512000.00")
    assert rijen["Woningen"] == 648
