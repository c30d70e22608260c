"""Boundaries from a GeoJSON file (CBS wijk- en buurtkaart in WGS84): wijken get theirs, a kern the
combination of its wijken, and the council map then colours the kern."""

import json

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from gebieden.models import Gebiedsgrens, Gemeente, Kern, Wijk
from tests.factories import KernFactory, WijkFactory


def _vierkant(x, y, zijde=0.01, hoogte=False):
    punten = [[x, y], [x + zijde, y], [x + zijde, y + zijde], [x, y + zijde], [x, y]]
    if hoogte:
        punten = [[*p, 0.0] for p in punten]
    return {"type": "Polygon", "coordinates": [punten]}


def _feature(geometrie, **eigenschappen):
    return {"type": "Feature", "properties": eigenschappen, "geometry": geometrie}


def _bestand(tmp_path, features, **extra):
    pad = tmp_path / "wijken.geojson"
    pad.write_text(json.dumps({"type": "FeatureCollection", "features": features, **extra}), encoding="utf-8")
    return str(pad)


@pytest.fixture
def breukelen(gemeente):
    kern = KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")
    WijkFactory(kern=kern, gemeente=gemeente, code="WK190402", naam="Wijk 02 Breukelen")
    WijkFactory(kern=kern, gemeente=gemeente, code="WK190413", naam="Wijk 13 Breukelen-Noord")
    return kern


def test_wijken_en_kern_krijgen_hun_grens(tmp_path, breukelen, capsys):
    eenzaam = KernFactory(gemeente=breukelen.gemeente, naam="Loenen", slug="loenen")
    WijkFactory(kern=eenzaam, gemeente=breukelen.gemeente, code="WK190403")  # no boundary in the file
    features = [
        # CBS's kaart names the wijk's gemeente too: the wijk code is the one that counts.
        _feature(_vierkant(5.0, 52.1, hoogte=True), gemeentecode="GM1904", wijkcode="WK190402  "),
        _feature(_vierkant(5.0123456789, 52.11), statcode="WK190413", statnaam="Wijk 13"),
        _feature(_vierkant(4.0, 52.0), statcode="WK036301"),  # another gemeente, not imported here
    ]
    call_command("import_grenzen", _bestand(tmp_path, features))
    wijk = Wijk.objects.get(code="WK190402")
    assert wijk.grens == _vierkant(5.0, 52.1)  # height dropped
    assert Wijk.objects.get(code="WK190413").grens["coordinates"][0][0] == [5.012346, 52.11]  # rounded
    kern = Kern.objects.get(pk=breukelen.pk)
    assert kern.grens["type"] == "MultiPolygon" and len(kern.grens["coordinates"]) == 2
    assert Kern.objects.get(pk=eenzaam.pk).grens is None  # not every wijk has a boundary yet
    uit = capsys.readouterr().out
    assert (
        "wijk: 2 grenzen" in uit and "kernen: 1 grenzen" in uit and "1 codes niet gevonden (WK036301)" in uit
    )


def test_de_kaart_kleurt_de_kern_na_het_importeren(client, raadslid, tmp_path, breukelen):
    features = [
        _feature(_vierkant(5.0, 52.1), wijkcode="WK190402"),
        _feature(_vierkant(5.01, 52.1), wijkcode="WK190413"),
    ]
    client.force_login(raadslid)
    assert 'id="raad-kaart"' not in client.get(reverse("raad:kaart")).text  # no boundaries: table only
    call_command("import_grenzen", _bestand(tmp_path, features))
    cache.clear()  # the council figures (with the kernen's boundaries) are cached until they expire
    tekst = client.get(reverse("raad:kaart")).text
    assert 'id="raad-kaart"' in tekst and '"MultiPolygon"' in tekst


def test_rd_coordinaten_geweigerd_en_niets_opgeslagen(tmp_path, breukelen):
    goed = _feature(_vierkant(5.0, 52.1), wijkcode="WK190402")
    rd = _feature(_vierkant(135000, 455000, zijde=100), wijkcode="WK190413")
    with pytest.raises(CommandError, match="gebied 2: WK190413: .*RD \\(EPSG:28992\\)"):
        call_command("import_grenzen", _bestand(tmp_path, [goed, rd]))
    assert not Wijk.objects.filter(gebiedsgrens__isnull=False).exists()
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    with pytest.raises(CommandError, match="EPSG:4326"):
        call_command("import_grenzen", _bestand(tmp_path, [goed], crs=crs))


@pytest.mark.parametrize(
    ("geometrie", "melding"),
    [
        ({"type": "Point", "coordinates": [5.0, 52.1]}, '"Polygon" of "MultiPolygon"'),
        ({"type": "Polygon", "coordinates": [[[5.0, 52.1], [5.1, 52.1], [5.0, 52.1]]]}, "vier punten"),
        ({"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [6, 53], [5, 53.5]]]}, "eindigen waar"),
        ({"type": "Polygon", "coordinates": [[[5, "52"], [6, 52], [6, 53], [5, 52]]]}, "geen getal"),
        (None, '"Polygon" of "MultiPolygon"'),
    ],
)
def test_ongeldige_geometrie_geweigerd(tmp_path, breukelen, geometrie, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("import_grenzen", _bestand(tmp_path, [_feature(geometrie, wijkcode="WK190402")]))


def test_gebied_zonder_code_of_geen_geojson(tmp_path, breukelen):
    with pytest.raises(CommandError, match="gebied 1: Gebied 1 heeft geen CBS-code"):
        call_command("import_grenzen", _bestand(tmp_path, [_feature(_vierkant(5, 52), naam="Breukelen")]))
    pad = tmp_path / "kapot.geojson"
    pad.write_text("{niet json", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldig GeoJSON"):
        call_command("import_grenzen", str(pad))


def test_grens_in_het_beheer_wordt_gecontroleerd(gemeente):
    """A functional admin may paste a boundary in the admin: the model checks it the same way."""
    vlak = Gebiedsgrens(
        gemeente=gemeente,
        geometrie={
            "type": "Polygon",
            "coordinates": [[[135000, 455000], [135100, 455000], [135100, 455100], [135000, 455000]]],
        },
    )
    with pytest.raises(ValidationError) as fout:
        vlak.full_clean()
    assert "WGS84" in fout.value.message_dict["geometrie"][0]
    vlak.geometrie = _vierkant(5.0, 52.1)
    vlak.full_clean()
    vlak.save()
    assert Gemeente.objects.get(pk=gemeente.pk).grens == _vierkant(5.0, 52.1)


def test_grens_opslaan_zet_wijzigt_en_haalt_weg(kern, django_assert_num_queries):
    from gebieden.services import grens_opslaan

    grens_opslaan(kern, _vierkant(5.0, 52.1))
    assert Kern.objects.get(pk=kern.pk).grens == _vierkant(5.0, 52.1)
    with django_assert_num_queries(1):  # the same boundary again: read, nothing written
        grens_opslaan(kern, _vierkant(5.0, 52.1))
    grens_opslaan(kern, _vierkant(5.2, 52.2))
    assert kern.grens == _vierkant(5.2, 52.2)  # the object knows at once
    assert Kern.objects.get(pk=kern.pk).grens == _vierkant(5.2, 52.2)
    assert Gebiedsgrens.objects.filter(kern=kern).count() == 1
    grens_opslaan(kern, None)
    assert kern.grens is None and Kern.objects.get(pk=kern.pk).grens is None
    assert not Gebiedsgrens.objects.filter(kern=kern).exists()
