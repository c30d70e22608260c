"""axe-core (WCAG 2.0/2.1 A and AA) on every page of the portal, as the user the page is for.

The pages come from the permission table (docs/permissions.md, read as tests/test_permissietabel.py
reads it): every URL name that answers 200 to a GET, in the same world of two gemeenten with every
model in it (tests/permissietabel/objecten.py), with the URL arguments registered there. Each kind of
user gets one test that logs in once through the real form and opens every page it may see:

- anoniem: the public pages;
- lid A, raadslid, medewerker: the pages that need a login and that they may see, plus the public
  pages that show them more (forms, links, staff controls), plus extra states of the same pages
  (an application in every step, the work queue with all applications, a registration to handle).

Members are volunteers who often use their phone: lid A's pages are checked on the `telefoon` page
(390×844). Every page, whoever it is for, must fit a phone without scrolling sideways (WCAG 1.4.10
Reflow): after axe, the same page is resized to 390 and 320 CSS px wide (no second request), where a
wide table may only scroll inside its own box. Each table must sit in that box ({% scrolltabel %}), and
the names of links, buttons and fields must be tidy as Chromium gives them to a screen reader (no
"Verantwoording insturen : Bankjes").

Downloads (PDF, CSV, feeds, uploaded files) are not pages: they are listed in NIET_HTML, and the test
fails if any other page turns out not to be HTML. A page with a violation does not stop the others:
the test reports every page with its violations at the end.
"""

import pytest
from django.urls import reverse

from gebiedsagenda import services as agenda
from tests.bewonersgroepen.factories import GroepFactory
from tests.browser.helpers import (
    axe_violations,
    format_violations,
    inloggen,
    past_op_telefoons,
    rommelige_namen,
    tabellen_zonder_scrollvak,
    toegankelijke_namen,
)
from tests.permissietabel.objecten import SOORTEN, URL_KWARGS, bouw_wereld
from tests.test_permissietabel import ALLEEN_POST, TABEL_RIJEN

pytestmark = pytest.mark.browser

# Answers that are files, not pages (each has its own download test elsewhere).
NIET_HTML = {
    "portaal:gezond",  # text/plain for the load balancer
    "portaal:gereed",  # JSON for the load balancer
    "bewonersgroepen:overeenkomst_document",
    "leefbaarheidsbudget:beschikking",
    "leefbaarheidsbudget:vaststelling",
    "leefbaarheidsbudget:bijlage",
    "leefbaarheidsbudget:export",
    "leefbaarheidsbudget:export_xlsx",
    "meldingen:foto",
    "meldingen:openbare_foto",  # a published photo (image/jpeg or png)
    "meldingen:wijk_punten",  # JSON for "show all on the map" (tests/meldingen/test_kern_en_alle_punten.py)
    "meldingen:kern_punten",
    "raad:dashboard_csv",
    "raad:dashboard_xlsx",
    "raad:transparantie_csv",
    "raad:transparantie_xlsx",
    "gebiedsagenda:feed_gemeente_rss",
    "gebiedsagenda:feed_gemeente_atom",
    "gebiedsagenda:feed_kern_rss",
    "gebiedsagenda:feed_kern_atom",
    "gebiedsagenda:feed_wijk_rss",
    "gebiedsagenda:feed_wijk_atom",
    "gebiedsagenda:kalender_gemeente",  # iCalendar (tests/gebiedsagenda/test_kalender.py)
    "gebiedsagenda:kalender_kern",
    "gebiedsagenda:kalender_wijk",
    "participatie:participatieverslag",  # PDF (tests/participatie/)
    "participatie:reacties_csv",
    "participatie:reacties_xlsx",
    # The open data API answers JSON (tests/api/); only its documentation page is a page.
    *(
        f"api:{naam}"
        for naam in (
            "openapi",
            *(f"{soort}-list" for soort in ("gemeente", "kern", "wijk", "buurt", "contactpersoon")),
            *(f"{soort}-list" for soort in ("bewonersgroep", "opgave", "nieuws", "budgetcijfers", "melding")),
            "project-list",
            *(
                f"{soort}-detail"
                for soort in ("gemeente", "kern", "wijk", "buurt", "bewonersgroep", "opgave")
            ),
            *(f"{soort}-detail" for soort in ("nieuws", "melding", "project")),
        )
    ),
}
# Public pages that show a logged-in user more than an anonymous visitor.
OOK_INGELOGD = {
    "portaal:home",
    "gebieden:kern",
    "gebieden:wijk",
    "gebiedsagenda:opgave",
    "gebiedsagenda:agenda_overzicht",
    "gebiedsagenda:nieuws",
    "rollen:project",
    "rollen:contactpersonen",
}
# The application detail page in every step of the workflow (objects of the permission world).
AANVRAAG_STAPPEN = [
    "aanvraag_open",
    "aanvraag_toegekend",
    "aanvraag_uitbetaald",
    "aanvraag_verantwoord",
    "aanvraag_vastgesteld",
]


def _pad(naam, wereld) -> str:
    try:
        return reverse(naam)
    except Exception:
        return reverse(naam, kwargs=URL_KWARGS[naam](wereld))


def paginas_voor(soort: str, wereld) -> list[tuple[str, str]]:
    """(label, path) of every page `soort` is to be checked on."""
    paginas = []
    for naam, cellen in sorted(TABEL_RIJEN.items()):
        if naam in ALLEEN_POST or naam in NIET_HTML:
            continue
        mag = dict(zip(SOORTEN, cellen, strict=True))
        if mag[soort] != "200":
            continue
        if soort != "anoniem" and mag["anoniem"] == "200" and naam not in OOK_INGELOGD:
            continue
        paginas.append((naam, _pad(naam, wereld)))
    nieuws = reverse("gebiedsagenda:nieuwsbericht", args=[wereld.objecten["nieuws_gepubliceerd"].pk])
    paginas.append(("nieuwsbericht (gepubliceerd)", nieuws))
    if soort in ("lid A", "medewerker"):
        for sleutel in AANVRAAG_STAPPEN:
            pk = wereld.objecten[sleutel].pk
            paginas.append((f"aanvraag ({sleutel})", reverse("leefbaarheidsbudget:aanvraag", args=[pk])))
    if soort == "medewerker":
        paginas.append(("werkvoorraad (alle)", reverse("leefbaarheidsbudget:werkvoorraad") + "?filter=alle"))
        paginas.append(("groepen gefilterd", reverse("bewonersgroepen:lijst") + "?soort=bewonersgroep"))
    return paginas


@pytest.fixture
def wereld(transactional_db):
    wereld = bouw_wereld()
    # A registration waiting for staff, so the list shows its "to handle" table too.
    GroepFactory(
        gemeente=wereld.gemeente_x,
        kernen=[wereld.kern_x],
        aangemeld=True,
        naam="Nieuwe Buurtcommissie",
        aanmelder_naam="Bea Bewoner",
        aanmelder_email="bea@example.nl",
    )
    # Published news and progress on the opgave, so their pages show content, not only empty states.
    wereld.objecten["nieuws_gepubliceerd"] = agenda.nieuws_publiceren(
        door=wereld.medewerker,
        titel="Nieuwe bankjes",
        tekst="Op het plein staan nieuwe bankjes.",
        kernen=[wereld.kern_x],
    )
    agenda.voortgang_toevoegen(
        door=wereld.medewerker, opgave=wereld.objecten["opgave_x"], tekst="Eerste gesprek gevoerd."
    )
    agenda.reactie_publiceren(door=wereld.medewerker, reactie=wereld.objecten["reactie_a"])
    return wereld


# (kind of user, part, parts): the staff's 60-odd pages in two halves, so that the two halves run on both
# cores (pytest-xdist) instead of one test of 40 s at the end of the run.
DELEN = [("anoniem", 0, 1), ("lid A", 0, 1), ("raadslid", 0, 1), ("medewerker", 0, 2), ("medewerker", 1, 2)]


@pytest.mark.parametrize(
    "soort, deel, delen",
    DELEN,
    ids=[soort if delen == 1 else f"{soort} {deel + 1}" for soort, deel, delen in DELEN],
)
def test_elke_pagina_zonder_toegankelijkheidsfouten(request, live_server, wereld, soort, deel, delen):
    page = request.getfixturevalue("telefoon" if soort == "lid A" else "page")
    if soort != "anoniem":
        inloggen(page, live_server, wereld.gebruikers[soort])
    alle = paginas_voor(soort, wereld)
    assert len(alle) >= {"anoniem": 20, "lid A": 15, "raadslid": 5, "medewerker": 40}[soort]
    paginas = alle[deel::delen]
    fouten = []
    for label, pad in paginas:
        response = page.goto(live_server.url + pad)
        soort_inhoud = response.headers.get("content-type", "")
        if response.status != 200 or not soort_inhoud.startswith("text/html"):
            fouten.append(f"{label} {pad}: {response.status} {soort_inhoud}")
            continue
        hier = []
        koppen = page.locator("h1").count()
        if koppen != 1:
            hier.append(f"{koppen} h1-koppen")
        if violations := axe_violations(page):
            hier.append(format_violations(violations))
        if zonder_vak := tabellen_zonder_scrollvak(page):
            hier.append(f"tabellen niet in een scrollvak met hun caption als naam: {zonder_vak}")
        if rommelig := rommelige_namen(page):
            hier.append(f"namen met een losse spatie: {rommelig}")
        try:
            past_op_telefoons(page)
        except AssertionError as fout:
            hier.append(str(fout))
        if hier:
            fouten.append(f"{label} {pad}:\n" + "\n".join(hier))
    assert not fouten, f"{len(fouten)} van {len(paginas)} pagina's als {soort} hebben fouten:\n" + "\n".join(
        fouten
    )


def test_herhaalde_links_hebben_een_nette_naam(telefoon, live_server, wereld):
    """Mijn aanvragen repeats "Verder invullen" and "Verantwoording insturen" per row; a hidden suffix
    makes each name unique. A screen reader must hear "Verantwoording insturen (titel)", not
    "Verantwoording insturen : titel": the hidden span is a box of its own (position: absolute), so
    Chromium puts a space before it whatever the template does; the suffix starts with a space."""
    inloggen(telefoon, live_server, wereld.lid_a)
    telefoon.goto(live_server.url + reverse("leefbaarheidsbudget:mijn_aanvragen"))
    for sleutel, tekst in [
        ("aanvraag_concept", "Verder invullen"),
        ("aanvraag_uitbetaald", "Verantwoording insturen"),
    ]:
        naam = f"{tekst} ({wereld.objecten[sleutel].titel})"
        assert telefoon.get_by_role("link", name=naam, exact=True).count() == 1, naam
        assert ("link", naam) in toegankelijke_namen(telefoon, {"link"})  # as Chromium names it
    assert rommelige_namen(telefoon) == []
