from collections import Counter

from gebieden.models import Gebiedsprofiel, Kern
from gebiedsagenda.constants import NieuwsStatus
from gebiedsagenda.models import Gebiedsagenda, Nieuwsbericht, Opgave, Reactie


def test_demo_geeft_elke_kern_van_stichtse_vecht_een_agenda(client, demo):
    kernen = Kern.objects.filter(gemeente__code="GM1904")
    assert kernen.count() == 12
    for kern in kernen:
        assert 2 <= kern.gebiedsagenda.opgaven.count() <= 3, kern
        assert kern.gebiedsagenda.toekomstbeeld
        # Every opgave has an owner: the kern's Adviseur Leefomgeving where the demo assigns one.
        assert not kern.gebiedsagenda.opgaven.filter(eigenaar__isnull=True).exists(), kern
    # Opgaven linked to the demo's real projects and resident groups.
    station = Opgave.objects.get(titel="Stationsomgeving Breukelen")
    assert list(station.projecten.values_list("naam", flat=True)) == [
        "Herinrichting Stationsgebied Breukelen"
    ]
    assert list(station.groepen.values_list("naam", flat=True)) == ["Wijkcomité Broeckland"]
    assert Opgave.objects.filter(groepen__isnull=False).distinct().count() >= 8
    gepubliceerd = Nieuwsbericht.objects.filter(status=NieuwsStatus.GEPUBLICEERD)
    for kern in kernen:  # some news in every kern, on its own page and (inherited) on its wijk's page
        assert gepubliceerd.filter(kernen=kern).exists(), kern
        bericht = gepubliceerd.filter(kernen=kern).first()
        assert bericht.titel in client.get(kern.get_absolute_url()).text
        assert bericht.titel in client.get(kern.wijken.get().get_absolute_url()).text
    # Profile figures for the wijken (and the gemeente) from the demo file's CBS numbers.
    profiel = Gebiedsprofiel.objects.get(wijk__code="WK190402", jaar=2024)
    assert (profiel.woningvoorraad, profiel.mannen, profiel.vrouwen) == (5440, 5215, 5465)
    assert Gebiedsprofiel.objects.filter(wijk__gemeente__code="GM1904").count() == 12
    # The wijk page shows them with year and source, next to the gemeente's figures (29.138 dwellings).
    wijkpagina = client.get(profiel.wijk.get_absolute_url()).text
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024" in wijkpagina
    assert "5.440" in wijkpagina and "29.138" in wijkpagina
    # Agendas at every level, and an opgave that spans kernen (issue 18, item 11).
    niveaus = Counter(a.niveau for a in Gebiedsagenda.objects.filter(gemeente__code="GM1904"))
    assert (
        niveaus["gemeente"] == 1 and niveaus["kern"] == 12 and niveaus["wijk"] >= 2 and niveaus["buurt"] >= 2
    )
    fiets = Opgave.objects.get(titel="Fietsroute langs de Vecht")
    assert sorted(fiets.ook_kernen.values_list("naam", flat=True)) == ["Loenen aan de Vecht", "Nieuwersluis"]
    loenen = Kern.objects.get(gemeente__code="GM1904", naam="Loenen aan de Vecht")
    pagina = client.get(loenen.get_absolute_url()).text
    assert "Fietsroute langs de Vecht" in pagina and "Woningen voor starters en ouderen" in pagina
    assert Reactie.objects.filter(opgave__titel="Woningen voor starters en ouderen").count() == 1
    assert Reactie.objects.count() == 1
    # Running it again changes no row of any table: tests/demo/test_portaal.py.
