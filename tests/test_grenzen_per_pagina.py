"""Only the pages that draw a map read areas' boundaries (gebieden.Gebiedsgrens: GeoJSON, with the CBS map
kilobytes per wijk and far more per gemeente). They live in a table of their own so that no query that selects
an area with something else (a group's gemeente, the kern of a link) carries them along; this test keeps it so.

Every page of the permission table is requested once, as the first kind of user that may see it, in the
permission world with a boundary on every gemeente, kern, wijk and buurt; a page that reads a boundary must be
one of LEZEN_GRENZEN, and each of those must still read them (else it comes off the list).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gebieden.models import Buurt, Gebiedsgrens, Gemeente, Kern, Wijk
from tests.factories import VIERKANT
from tests.permissietabel.objecten import SOORTEN
from tests.test_permissietabel import TABEL_RIJEN, _inloggen, _url

LEZEN_GRENZEN = {
    "meldingen:wijk": "the map of the wijk's open meldingen",
    "meldingen:kern": "the map of the kern's open meldingen, with its wijken",
    # The council's figures are built once per cache period, with their kernen's boundaries for the map of
    # the same figures (raad:kaart), which then reads them from the cache.
    "raad:dashboard": "the council figures, which the map reads",
    "raad:transparantie": "the council figures, which the map reads",
}


def _leest_grens(client, wereld, naam: str) -> bool:
    cellen = dict(zip(SOORTEN, TABEL_RIJEN[naam], strict=True))
    soort = next((s for s in SOORTEN if cellen[s] == "200"), None)
    if soort is None:
        return False
    _inloggen(client, wereld, soort)
    with CaptureQueriesContext(connection) as vragen:
        client.get(_url(naam, wereld))
    return any(Gebiedsgrens._meta.db_table in vraag["sql"] for vraag in vragen.captured_queries)


def test_alleen_kaarten_lezen_grenzen(client, wereld):
    for model in (Gemeente, Kern, Wijk, Buurt):
        soort = model._meta.model_name
        Gebiedsgrens.objects.bulk_create(
            [
                Gebiedsgrens(**{soort: gebied}, geometrie=VIERKANT)
                for gebied in model.objects.filter(gebiedsgrens=None)
            ]
        )
    lezen = {naam for naam in sorted(TABEL_RIJEN) if _leest_grens(client, wereld, naam)}
    assert lezen == LEZEN_GRENZEN.keys(), f"Lezen grenzen: {sorted(lezen)}"
