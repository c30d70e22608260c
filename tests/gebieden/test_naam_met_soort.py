"""No doubled words (issue 18, item 9): where an area's name already starts with its kind ("Wijk 02
Breukelen", as CBS names most wijken), the kind is not put before it again ("wijk Wijk 02 Breukelen")."""

import pytest

from gebieden.models import naam_met_soort
from gebieden.selectors import _omschrijving
from tests.factories import BuurtFactory, WijkFactory
from tests.rollen.factories import ToewijzingFactory


@pytest.mark.parametrize(
    ("soort", "naam", "getoond"),
    [
        ("wijk", "Wijk 02 Breukelen", "Wijk 02 Breukelen"),
        ("wijk", "wijk Oost", "wijk Oost"),
        ("wijk", "Oost", "wijk Oost"),
        ("wijk", "Wijkerveld", "wijk Wijkerveld"),
        ("kern", "Breukelen", "kern Breukelen"),
        ("kern", "Kern", "Kern"),
        ("project", "Project Stationsplein", "Project Stationsplein"),
    ],
)
def test_naam_met_soort(soort, naam, getoond):
    assert naam_met_soort(soort, naam) == getoond


def test_wijk_en_kern_op_de_plekken_waar_ze_met_soort_staan(wijk, kern):
    assert wijk.naam == "Wijk 02 Breukelen"
    assert wijk.naam_met_soort == "Wijk 02 Breukelen"
    assert kern.naam_met_soort == "kern Breukelen"
    toewijzing = ToewijzingFactory.build(kern=None, wijk=wijk, medewerker=None, email="a@example.nl")
    assert toewijzing.gebied_naam == "Wijk 02 Breukelen"
    buurt = BuurtFactory(wijk=wijk, naam="Buurt 00 Centrum")
    omschrijving = _omschrijving(buurt)
    assert omschrijving == "Buurt 00 Centrum, Wijk 02 Breukelen, kern Breukelen (gemeente Stichtse Vecht)"
    assert "wijk Wijk" not in omschrijving and "buurt Buurt" not in omschrijving
    ander = WijkFactory(kern=kern, gemeente=kern.gemeente, naam="Oost")
    assert _omschrijving(ander) == "wijk Oost, kern Breukelen (gemeente Stichtse Vecht)"
