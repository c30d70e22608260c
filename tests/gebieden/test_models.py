import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from gebieden.models import Buurt, Gebiedsgrens, Gemeente, Wijk
from tests.factories import GemeenteFactory, KernFactory, WijkFactory


@pytest.mark.parametrize("code", ["GM1904", "GM0363"])
def test_gemeentecode_geldig(db, code):
    Gemeente(code=code, naam="X", slug="x").full_clean()


@pytest.mark.parametrize("code", ["GM190", "GM19045", "gm1904", "WK1904", "GM19A4", ""])
def test_gemeentecode_ongeldig(db, code):
    with pytest.raises(ValidationError) as fout:
        Gemeente(code=code, naam="X", slug="x").full_clean()
    assert "code" in fout.value.message_dict


@pytest.mark.parametrize(
    "code,geldig", [("WK190401", True), ("WK0363AA", True), ("WK19040", False), ("WK1904a1", False)]
)
def test_wijkcode_formaat(db, code, geldig):
    gemeente = GemeenteFactory(code="GM" + code[2:6])
    wijk = Wijk(code=code, naam="W", slug="w", gemeente=gemeente)
    if geldig:
        wijk.full_clean()
    else:
        with pytest.raises(ValidationError):
            wijk.full_clean()


def test_wijkcode_moet_bij_gemeente_horen(gemeente):
    wijk = Wijk(code="WK178301", naam="Naaldwijk", slug="naaldwijk", gemeente=gemeente)
    with pytest.raises(ValidationError) as fout:
        wijk.full_clean()
    assert "cijfers van de gemeente (1904)" in fout.value.message_dict["code"][0]


def test_kern_van_wijk_moet_in_dezelfde_gemeente_liggen(gemeente):
    andere_kern = KernFactory(gemeente=GemeenteFactory(code="GM1783"))
    wijk = Wijk(code="WK190401", naam="W", slug="w", gemeente=gemeente, kern=andere_kern)
    with pytest.raises(ValidationError) as fout:
        wijk.full_clean()
    assert "kern" in fout.value.message_dict


def test_buurtcode_moet_bij_wijk_horen(wijk):
    Buurt(code="BU19040201", naam="B", slug="b", wijk=wijk).full_clean()
    with pytest.raises(ValidationError) as fout:
        Buurt(code="BU19040301", naam="B", slug="b", wijk=wijk).full_clean()
    assert "cijfers van de wijk (190402)" in fout.value.message_dict["code"][0]


def test_codes_zijn_uniek(wijk):
    with pytest.raises(IntegrityError):
        WijkFactory(code=wijk.code, kern=wijk.kern, gemeente=wijk.gemeente)


def test_kernnaam_uniek_per_gemeente(kern):
    KernFactory(naam=kern.naam)  # another gemeente: fine
    with pytest.raises(IntegrityError):
        KernFactory(gemeente=kern.gemeente, naam=kern.naam, slug="iets-anders")


@pytest.mark.parametrize(
    "code,geldig",
    [
        ("BU0363AA03", True),  # Amsterdam: capitals in the wijk and buurt part
        ("BU03630000", True),
        ("BU0363aa03", False),
        ("BU0363AA0", False),
        ("BU0363AA031", False),
        ("BUA363AA03", False),  # the gemeente part is always digits
    ],
)
def test_buurtcode_formaat(db, code, geldig):
    gemeente = GemeenteFactory(code="GM0363", naam="Amsterdam", slug="amsterdam")
    wijk = WijkFactory(
        kern=KernFactory(gemeente=gemeente), gemeente=gemeente, code="WK0363" + code[6:8].upper()
    )
    buurt = Buurt(code=code, naam="B", slug="b", wijk=wijk)
    if geldig:
        buurt.full_clean()
    else:
        with pytest.raises(ValidationError) as fout:
            buurt.full_clean()
        assert "code" in fout.value.message_dict


VIERKANT = [[[5.0, 52.1], [5.1, 52.1], [5.1, 52.2], [5.0, 52.2], [5.0, 52.1]]]


@pytest.mark.parametrize(
    "grens,melding",
    [
        (None, None),
        ({"type": "Polygon", "coordinates": VIERKANT}, None),
        ({"type": "MultiPolygon", "coordinates": [VIERKANT, VIERKANT]}, None),
        ({"type": "Point", "coordinates": [5.0, 52.1]}, 'van het type "Polygon" of "MultiPolygon"'),
        ("Breukelen", 'van het type "Polygon" of "MultiPolygon"'),
        ({"type": "Polygon", "coordinates": []}, "geen coördinaten"),
        ({"type": "Polygon", "coordinates": [VIERKANT[0][:3]]}, "minstens vier punten"),
        ({"type": "Polygon", "coordinates": [VIERKANT[0][:-1] + [[5.0, 52.15]]]}, "gesloten"),
        ({"type": "Polygon", "coordinates": [[[155000, 463000]] * 5]}, "buiten de wereld"),  # RD, not WGS 84
        ({"type": "Polygon", "coordinates": [[["5.0", "52.1"]] * 5]}, "[lengtegraad, breedtegraad]"),
    ],
)
def test_grens_is_een_geojson_vlak(kern, grens, melding):
    if grens is None:  # no boundary: no row
        assert kern.grens is None
        return
    vlak = Gebiedsgrens(kern=kern, geometrie=grens)
    if melding is None:
        vlak.full_clean()
    else:
        with pytest.raises(ValidationError) as fout:
            vlak.full_clean()
        assert melding in fout.value.message_dict["geometrie"][0]
