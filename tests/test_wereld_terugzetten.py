"""The permission world's objects start every test as the world was built (tests/conftest.py, `wereld`):
`terugzetten` gives an object what `refresh_from_db()` would give it after the test's rollback, without a
query, whatever the test did to it in memory."""

import copy

from bewonersgroepen.models import Samenwerkingsovereenkomst
from gebieden.models import Kern
from tests.bewonersgroepen.factories import SamenwerkingsovereenkomstFactory
from tests.conftest import beginstand, terugzetten
from tests.factories import GemeenteFactory, KernFactory
from tests.meldingen.factories import WEST


def _kolommen(obj) -> dict:
    return {veld.attname: getattr(obj, veld.attname) for veld in obj._meta.concrete_fields}


def test_kolommen_json_en_gekoppeld_object_zoals_de_database_ze_heeft(db, django_assert_num_queries):
    kern = KernFactory(naam="Breukelen", grens=copy.deepcopy(WEST))  # its own: the test changes it in place
    stand = beginstand(kern)
    eigen_gemeente = kern.gemeente
    for _ in range(2):  # a second time too: the first test's change must not have reached the start values
        kern.naam = "Veranderd"
        kern.grens["coordinates"][0][0] = [0.0, 0.0]  # changed in place, as a dict is
        kern.gemeente = GemeenteFactory(naam="Andere gemeente")  # another id, and that object cached
        with django_assert_num_queries(0):
            terugzetten(kern, stand)
        assert _kolommen(kern) == _kolommen(Kern.objects.get(pk=kern.pk))
        assert kern.naam == "Breukelen" and kern.grens == WEST
        assert kern.gemeente == eigen_gemeente  # read again, not the cached other one


def test_een_bestand_houdt_zijn_naam_en_hoort_bij_zijn_eigen_object(db):
    overeenkomst = SamenwerkingsovereenkomstFactory(actief=True)
    naam = overeenkomst.ondertekend_document.name
    stand = beginstand(overeenkomst)
    overeenkomst.ondertekend_document = "ander/bestand.pdf"
    terugzetten(overeenkomst, stand)
    assert overeenkomst.ondertekend_document.name == naam
    assert overeenkomst.ondertekend_document.instance is overeenkomst
    assert _kolommen(overeenkomst) == _kolommen(Samenwerkingsovereenkomst.objects.get(pk=overeenkomst.pk))
