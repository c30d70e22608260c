"""Which pages read an area's boundary (`grens`: GeoJSON, with the CBS map kilobytes per wijk or kern and far
more per gemeente) from the database. Only the pages that draw a map need it; every other page that selects an
area with its object (`select_related("gemeente")`, a prefetch of kernen) carries the boundary along unseen.

Every page of the permission table is requested once, as the first kind of user that may see it, in the
permission world with a boundary on each gemeente, kern and wijk. A page that reads a boundary must be a map
(KAARTEN) or on the list of pages that still do so (NOG_ZONDER_GRENS_TE_MAKEN): a new page or a changed query
that reads boundaries fails here, and so does a listed page that no longer reads them (take it off the list).
The list is the work left; the structural remedy is the boundary in a table of its own (see docs/performance.md).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gebieden.models import Gemeente, Kern, Wijk
from tests.permissietabel.objecten import SOORTEN
from tests.test_permissietabel import TABEL_RIJEN, _inloggen, _url

VIERKANT = {
    "type": "Polygon",
    "coordinates": [[[5.0, 52.1], [5.1, 52.1], [5.1, 52.2], [5.0, 52.2], [5.0, 52.1]]],
}
KAARTEN = {"meldingen:wijk", "meldingen:kern", "raad:kaart"}
# Pages that read boundaries they do not show, per app: 93 of the permission table's 203 addresses
# (7 December 2026).
NOG_ZONDER_GRENS_TE_MAKEN = {
    "api": (
        "bewonersgroep-detail bewonersgroep-list budgetcijfers-list buurt-detail buurt-list "
        "contactpersoon-list kern-detail kern-list nieuws-detail nieuws-list opgave-detail opgave-list "
        "wijk-detail wijk-list"
    ),
    "bewonersgroepen": (
        "aanmelden aanmelding_bevestigen betaalgegevens lid_wijzigen overeenkomst overeenkomst_document "
        "overeenkomst_nieuw overeenkomst_wijzigen uitnodigen wijzigen"
    ),
    "gebieden": "gemeente kern overzicht wijk",
    "gebiedsagenda": (
        "agenda_buurt agenda_gemeente agenda_kern agenda_overzicht agenda_wijk feed_gemeente_atom "
        "feed_gemeente_rss feed_kern_atom feed_kern_rss feed_wijk_atom feed_wijk_rss kalender_gemeente "
        "kalender_kern kalender_wijk nieuws nieuws_beheer nieuws_nieuw nieuwsbericht opgave "
        "opgave_bewerken opgave_nieuw volgen_afmelden volgen_bevestigen volgen_kern volgen_project "
        "volgen_wijk"
    ),
    "leefbaarheidsbudget": "aanvraag_bewerken aanvraag_namens beschikking budget budgetten export_xlsx vaststelling",
    "meldingen": "dubbel heropenen",
    "participatie": (
        "ketenpartner ketenpartner_toevoegen participatieverslag plan plan_wijzigen raadpleging "
        "raadpleging_openbaar raadpleging_toevoegen raadpleging_wijzigen reactie_inwoner reacties_csv "
        "reacties_xlsx reageren_groep reageren_partner stap_toevoegen stap_wijzigen"
    ),
    "raad": "dashboard motie_toevoegen motie_wijzigen transparantie",
    "rollen": (
        "dekking medewerker project project_toevoegen project_wijzigen stap_toevoegen "
        "toewijzing_beeindigen toewijzing_toevoegen toewijzingen werklast"
    ),
}


def _leest_grens(client, wereld, naam: str) -> bool:
    cellen = dict(zip(SOORTEN, TABEL_RIJEN[naam], strict=True))
    soort = next((s for s in SOORTEN if cellen[s] == "200"), None)
    if soort is None:
        return False
    _inloggen(client, wereld, soort)
    with CaptureQueriesContext(connection) as vragen:
        client.get(_url(naam, wereld))
    return any('."grens"' in vraag["sql"] for vraag in vragen.captured_queries)


def test_alleen_kaarten_lezen_grenzen_en_de_lijst_van_de_rest_klopt(client, wereld):
    for model in (Gemeente, Kern, Wijk):
        model.objects.update(grens=VIERKANT)
    lezen = {naam for naam in sorted(TABEL_RIJEN) if _leest_grens(client, wereld, naam)}
    bekend = {f"{app}:{naam}" for app, namen in NOG_ZONDER_GRENS_TE_MAKEN.items() for naam in namen.split()}
    nieuw = sorted(lezen - KAARTEN - bekend)
    assert not nieuw, f"Deze pagina's lezen grenzen die ze niet tonen: {nieuw}"
    klaar = sorted(bekend - lezen)
    assert not klaar, f"Deze pagina's lezen geen grenzen meer: haal ze van de lijst: {klaar}"
