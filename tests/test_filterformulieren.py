"""The filter forms above the lists, one way for all (invoer.formulier.Filterformulier and
templates/_filterformulier.html): labelled fields with Bootstrap's classes, a refused value told at its
field and linked to it, the list's tab kept, and the kern select with only the user's kernen, read in one plain
query."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import KernFactory

LIJSTEN = {
    # page: (a value its form refuses, the field, the message)
    "bewonersgroepen:lijst": ({"soort": "geen-soort"}, "soort", "Selecteer een geldige keuze."),
    "leefbaarheidsbudget:werkvoorraad": ({"jaar": "twintig"}, "jaar", "Voer een geheel getal in."),
    "meldingen:wachtrij": ({"ouder_dan": "veel"}, "ouder_dan", "Voer een geheel getal in."),
    "raad:moties": ({"status": "weg"}, "status", "Selecteer een geldige keuze."),
    "rollen:toewijzingen": ({"stand": "ooit"}, "stand", "Selecteer een geldige keuze."),
    "rollen:projecten": ({"fase": "klaar"}, "fase", "Selecteer een geldige keuze."),
    "gebiedsagenda:agenda_overzicht": ({"niveau": "land"}, "niveau", "Selecteer een geldige keuze."),
}
MET_KERNKEUZE = {"bewonersgroepen:lijst", "leefbaarheidsbudget:werkvoorraad", "meldingen:wachtrij"}
ZOEKVELD = {
    "bewonersgroepen:lijst": "zoek",
    "leefbaarheidsbudget:werkvoorraad": "q",
    "raad:moties": "q",
    "rollen:toewijzingen": "q",
}


def _veld(html: str, naam: str) -> str:
    return re.search(rf'<(?:input|select)[^>]*name="{naam}"[^>]*>', html).group(0)


@pytest.mark.parametrize("pagina", LIJSTEN)
def test_filter_met_labels_zoekgebied_en_wissen(client, medewerker, kern, pagina):
    KernFactory(naam="Elders")  # a kern of another gemeente: not offered
    client.force_login(medewerker)
    html = client.get(reverse(pagina)).content.decode()
    formulier = re.search(r'<form method="get"[^>]*role="search".*?</form>', html, re.S).group(0)
    velden = re.findall(r'<(?:input(?! type="hidden")|select)[^>]*id="(id_\w+)"', formulier)
    assert velden
    for veld_id in velden:
        assert f'for="{veld_id}"' in formulier, f"{veld_id} heeft geen label"
    assert "required" not in formulier
    if pagina in ZOEKVELD:
        assert 'type="search"' in _veld(formulier, ZOEKVELD[pagina])
    if pagina not in MET_KERNKEUZE:
        return
    assert 'class="form-select"' in _veld(formulier, "kern")
    kernkeuze = re.search(r'<select[^>]*name="kern".*?</select>', formulier, re.S).group(0)
    opties = re.findall(r"<option[^>]*>([^<]*)</option>", kernkeuze)
    assert "Breukelen" in opties and "Elders" not in opties


@pytest.mark.parametrize("pagina", LIJSTEN)
def test_geweigerde_waarde_staat_bij_het_veld_en_is_eraan_gekoppeld(client, medewerker, kern, pagina):
    waarden, naam, melding = LIJSTEN[pagina]
    client.force_login(medewerker)
    response = client.get(reverse(pagina), waarden)
    assert response.status_code == 200
    html = response.content.decode()
    veld = _veld(html, naam)
    assert "is-invalid" in veld
    assert f'aria-describedby="id_{naam}_error"' in veld
    fout = re.search(rf'<div class="invalid-feedback d-block" id="id_{naam}_error">(.*?)</div>', html, re.S)
    assert fout and melding in fout.group(1)


def test_werkvoorraad_houdt_het_tabblad_bij_filteren(client, medewerker, kern):
    client.force_login(medewerker)
    html = client.get(
        reverse("leefbaarheidsbudget:werkvoorraad"), {"filter": "alle", "q": "x"}
    ).content.decode()
    assert re.search(r'<input type="hidden" name="filter" value="alle"', html)


def test_toewijzingen_houdt_de_gekozen_gemeente_alleen_voor_wie_mag_kiezen(client, medewerker, gemeente):
    from tests.factories import GemeenteFactory, UserFactory

    andere = GemeenteFactory(naam="De Ronde Venen", slug="de-ronde-venen")
    url = reverse("rollen:toewijzingen")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(url, {"gemeente": andere.slug}).content.decode()
    assert re.search(r'<input type="hidden" name="gemeente" value="de-ronde-venen"', html)
    client.force_login(medewerker)
    assert 'name="gemeente"' not in client.get(url, {"gemeente": andere.slug}).content.decode()


def test_een_geweigerde_waarde_filtert_niets_de_andere_wel(client, medewerker, gemeente, kern):
    from bewonersgroepen.constants import Groepstatus
    from tests.bewonersgroepen.factories import GroepFactory

    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Actieve groep")
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Stille groep", status=Groepstatus.INACTIEF)
    client.force_login(medewerker)
    html = client.get(reverse("bewonersgroepen:lijst"), {"soort": "geen-soort", "status": "inactief"}).text
    assert "Stille groep" in html and "Actieve groep" not in html
    assert 'id="id_soort_error"' in html


@pytest.mark.parametrize("pagina", sorted(MET_KERNKEUZE))
def test_keuzes_uit_een_gewone_vraag_en_de_gekozen_blijft_gekozen(client, medewerker, kern, pagina):
    """No server-side cursor for a select's options (Django's default for a model choice; on PostgreSQL three
    round trips for a few dozen rows)."""
    client.force_login(medewerker)
    with CaptureQueriesContext(connection) as vragen:
        html = client.get(reverse(pagina), {"kern": kern.pk}).content.decode()
    assert not [v["sql"] for v in vragen.captured_queries if v["sql"].startswith("DECLARE")]
    kernkeuze = re.search(r'<select[^>]*name="kern".*?</select>', html, re.S).group(0)
    assert '<option value="">' in kernkeuze
    assert re.search(rf'<option value="{kern.pk}" selected>Breukelen</option>', kernkeuze)


def test_een_filter_leest_zijn_keuzes_een_keer(kern, django_assert_num_queries):
    from bewonersgroepen.forms import FilterForm

    form = FilterForm(None, gemeente_ids=[kern.gemeente_id])
    with django_assert_num_queries(1):
        eerste, tweede = str(form["kern"]), str(form["kern"])
    assert eerste == tweede and ">Breukelen</option>" in eerste
