"""The permission world's objects start every test as the world was built (tests/conftest.py, `wereld`):
`terugzetten` gives an object what `refresh_from_db()` would give it after the test's rollback, without a
query, whatever the test did to it in memory."""

import copy

from bewonersgroepen.models import Samenwerkingsovereenkomst
from gebieden.models import Gebiedsgrens
from tests.bewonersgroepen.factories import SamenwerkingsovereenkomstFactory
from tests.conftest import beginstand, terugzetten
from tests.factories import GebiedsgrensFactory, KernFactory
from tests.meldingen.factories import WEST


def _kolommen(obj) -> dict:
    return {veld.attname: getattr(obj, veld.attname) for veld in obj._meta.concrete_fields}


def test_kolommen_json_en_gekoppeld_object_zoals_de_database_ze_heeft(db, django_assert_num_queries):
    # Its own copy of WEST: the test changes it in place.
    vlak = GebiedsgrensFactory(kern=KernFactory(naam="Breukelen"), geometrie=copy.deepcopy(WEST))
    stand = beginstand(vlak)
    eigen_kern = vlak.kern
    for _ in range(2):  # a second time too: the first test's change must not have reached the start values
        vlak.geometrie["coordinates"][0][0] = [0.0, 0.0]  # changed in place, as a dict is
        vlak.kern = KernFactory(naam="Andere kern")  # another id, and that object cached
        with django_assert_num_queries(0):
            terugzetten(vlak, stand)
        assert _kolommen(vlak) == _kolommen(Gebiedsgrens.objects.get(pk=vlak.pk))
        assert vlak.geometrie == WEST
        assert vlak.kern == eigen_kern  # read again, not the cached other one


def test_een_bestand_houdt_zijn_naam_en_hoort_bij_zijn_eigen_object(db):
    overeenkomst = SamenwerkingsovereenkomstFactory(actief=True)
    naam = overeenkomst.ondertekend_document.name
    stand = beginstand(overeenkomst)
    overeenkomst.ondertekend_document = "ander/bestand.pdf"
    terugzetten(overeenkomst, stand)
    assert overeenkomst.ondertekend_document.name == naam
    assert overeenkomst.ondertekend_document.instance is overeenkomst
    assert _kolommen(overeenkomst) == _kolommen(Samenwerkingsovereenkomst.objects.get(pk=overeenkomst.pk))
