import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify

from rollen import registry
from rollen.constants import Rol
from rollen.models import Overdracht, Participatiestap, Project, Rolbeschrijving, Toewijzing
from rollen.services import toewijzing_aanmaken
from tests.factories import GemeenteFactory, KernFactory, UserFactory, WijkFactory

from .factories import ProjectFactory

D = datetime.date
CONTACT = reverse("rollen:contactpersonen")


@pytest.fixture
def bezet(wijk, medewerker, collega):
    """Wijk 02 Breukelen with a beheerder, its kern with an adviseur, a wijkwethouder and a project."""
    toewijzing_aanmaken(rol=Rol.BEHEERDER, wijk=wijk, medewerker=collega, van=D(2024, 1, 1))
    adviseur = toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=wijk.kern, medewerker=medewerker, van=D(2024, 1, 1))
    toewijzing_aanmaken(
        rol=Rol.WIJKWETHOUDER,
        kern=wijk.kern,
        naam="Wethouder Wil",
        email="wil@stichtsevecht.demo",
        van=D(2024, 1, 1),
    )
    project = ProjectFactory(gemeente=wijk.gemeente, kernen=[wijk.kern], naam="Stationsgebied Breukelen")
    om = UserFactory(medewerker=True, gemeente=wijk.gemeente, naam="Olga Omgeving")
    toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=om, van=D(2024, 1, 1))
    return {"adviseur": adviseur, "project": project}


def test_opzoeken_toont_de_juiste_mensen_voor_wijk_en_kern(client, wijk, bezet):
    andere_kern = KernFactory(gemeente=wijk.gemeente, naam="Loenen")
    toewijzing_aanmaken(
        rol=Rol.ADVISEUR,
        kern=andere_kern,
        medewerker=UserFactory(medewerker=True, gemeente=wijk.gemeente, naam="Anna Anders"),
        van=D(2024, 1, 1),
    )
    for keuze in (f"wijk-{wijk.code}", f"kern-{wijk.kern.pk}"):
        tekst = client.get(CONTACT, {"gebied": keuze}).text
        for naam in (
            "Cor Collega",
            "Mila Medewerker",
            "Wethouder Wil",
            "Olga Omgeving",
            "Stationsgebied Breukelen",
        ):
            assert naam in tekst, (keuze, naam)
        assert "Anna Anders" not in tekst  # another kern's adviseur
        assert "mailto:wil@stichtsevecht.demo" in tekst
    tekst = client.get(CONTACT, {"gebied": f"kern-{andere_kern.pk}"}).text
    assert "Anna Anders" in tekst and "Cor Collega" not in tekst
    assert "geen Beheerder Leefomgeving voor dit gebied" in tekst


def test_gebiedspagina_toont_contactpersonen(client, wijk, bezet):
    assert "Cor Collega" in client.get(wijk.get_absolute_url()).text
    kernpagina = client.get(wijk.kern.get_absolute_url()).text
    assert "Contactpersonen" in kernpagina and "Cor Collega" in kernpagina and "Wethouder Wil" in kernpagina


def test_zoeken_en_onbekend_gebied(client, wijk):
    tekst = client.get(CONTACT, {"q": "breuk"}).text
    assert f"?gebied=wijk-{wijk.code}" in tekst and f"?gebied=kern-{wijk.kern.pk}" in tekst
    assert "Dit gebied kennen wij niet" in client.get(CONTACT, {"gebied": "kern-99999"}).text


def _gemeente_met_gebieden(naam, kernen=3):
    gemeente = GemeenteFactory(naam=naam, slug=slugify(naam))
    for i in range(kernen):
        kern = KernFactory(gemeente=gemeente, naam=f"{naam} kern {i}")
        WijkFactory(kern=kern, gemeente=gemeente, naam=f"{naam} wijk {i}")
    return gemeente


def test_keuzelijst_toont_alleen_de_gebieden_van_een_gemeente(client, wijk, bezet):
    _gemeente_met_gebieden("Westland")

    # More than one gemeente: first choose the gemeente, no areas yet.
    tekst = client.get(CONTACT).text
    assert 'name="gemeente"' in tekst and 'name="gebied"' not in tekst
    assert ">Stichtse Vecht</option>" in tekst and ">Westland</option>" in tekst

    # The chosen gemeente's kernen and wijken only, and a way back to the others.
    tekst = client.get(CONTACT, {"gemeente": "stichtse-vecht"}).text
    assert "Kies een kern of wijk in Stichtse Vecht" in tekst
    assert f'value="kern-{wijk.kern.pk}"' in tekst and f'value="wijk-{wijk.code}"' in tekst
    assert "Westland kern" not in tekst and "Westland wijk" not in tekst
    assert "Kies een andere gemeente" in tekst

    # A chosen area: the list of its own gemeente, with the area selected.
    tekst = client.get(CONTACT, {"gebied": f"wijk-{wijk.code}"}).text
    assert f'<option value="wijk-{wijk.code}" selected>' in tekst
    assert "Westland kern" not in tekst and "Cor Collega" in tekst

    # The search box reaches every gemeente: its areas and the gemeente itself.
    tekst = client.get(CONTACT, {"q": "westland"}).text
    assert "?gemeente=westland" in tekst and "Westland kern 0" in tekst and "Westland wijk 0" in tekst

    assert "Deze gemeente kennen wij niet" in client.get(CONTACT, {"gemeente": "bestaat-niet"}).text


def test_een_gemeente_toont_meteen_haar_gebieden(client, wijk):
    tekst = client.get(CONTACT).text
    assert 'name="gemeente"' not in tekst and f'value="wijk-{wijk.code}"' in tekst
    assert "Kies een andere gemeente" not in tekst


def _meting(client, data):
    cache.clear()  # the page as rendered, not as stored for visitors (weergave/cache.py)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CONTACT, data)
    assert response.status_code == 200
    return len(queries), len(response.content)


def test_contactpagina_kost_hetzelfde_bij_meer_gemeenten(client, wijk, bezet):
    """Queries and bytes of the lookup for one area do not grow with the number of gemeenten."""
    _gemeente_met_gebieden("Eerste andere")  # from the start: 'another gemeente' is offered
    verzoeken = [
        {"gebied": f"wijk-{wijk.code}"},
        {"gebied": f"kern-{wijk.kern.pk}"},
        {"gemeente": wijk.gemeente.slug},
    ]
    voor = [_meting(client, data) for data in verzoeken]
    eerste_stap_voor = _meting(client, {})[0]
    for i in range(15):
        _gemeente_met_gebieden(f"Gemeente nummer {i:02d}", kernen=4)
    na = [_meting(client, data) for data in verzoeken]
    assert voor == na
    assert all(aantal <= 10 for aantal, _ in na), na
    # The first step (choose a gemeente) lists every gemeente by name: more bytes, the same queries.
    assert _meting(client, {})[0] == eerste_stap_voor


def test_rolbeschrijving_door_beheer_aan_te_passen(client, db):
    Rolbeschrijving.objects.filter(rol=Rol.ADVISEUR).update(
        beschrijving="Nieuwe tekst van functioneel beheer."
    )
    tekst = client.get(reverse("rollen:rollen")).text
    assert "Nieuwe tekst van functioneel beheer." in tekst
    assert "Herkenbaar gezicht in de wijk" in tekst  # official text seeded by the migration


def test_dekking_toont_een_gat(client, medewerker, wijk, bezet):
    zonder = WijkFactory(kern=wijk.kern, gemeente=wijk.gemeente, naam="Wijk zonder beheerder")
    client.force_login(medewerker)
    tekst = client.get(reverse("rollen:dekking")).text
    assert "Wijk zonder beheerder" in tekst and zonder.get_absolute_url() in tekst
    assert "Geen gaten in de komende 90 dagen" in tekst


def test_dekking_toont_een_gat_binnen_90_dagen(client, medewerker, kern):
    over_een_maand = datetime.date.today() + datetime.timedelta(days=30)
    toewijzing_aanmaken(
        rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1), tot=over_een_maand
    )
    client.force_login(medewerker)
    tekst = client.get(reverse("rollen:dekking")).text
    eerste_dag = over_een_maand + datetime.timedelta(days=1)
    assert eerste_dag.strftime("%d-%m-%Y") in tekst and "Opvolger kiezen" in tekst


def test_overdracht_via_de_pagina_verplaatst_het_werk(client, medewerker, collega, wijk, bezet):
    project = ProjectFactory(gemeente=wijk.gemeente, wijken=[wijk], naam="Brug over de Vecht")
    toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=medewerker, van=D(2024, 1, 1))
    client.force_login(medewerker)
    gisteren = datetime.date.today() - datetime.timedelta(days=1)
    response = client.post(
        reverse("rollen:toewijzing_beeindigen", args=[bezet["adviseur"].pk]),
        {"tot": gisteren.isoformat(), "opvolger": collega.pk, "reden": "Nieuwe functie"},
    )
    assert response.status_code == 302
    assert project.omgevingsmanager == collega
    overdracht = Overdracht.objects.get()
    assert overdracht.verplaatst["projecten"] == 1 and overdracht.door == medewerker
    pagina = client.get(reverse("rollen:medewerker", args=[collega.pk])).text
    assert "Brug over de Vecht" in pagina and "Nieuwe functie" in pagina


def test_overdracht_gebruikt_elke_geregistreerde_bron_in_een_transactie(
    monkeypatch, medewerker, collega, kern
):
    """Higher apps plug their open work in through the registry; a failing provider rolls all back."""
    from rollen.services import toewijzing_beeindigen

    aanroepen = []

    def overdragen(*, van, naar, gebied, toewijzing):
        aanroepen.append((van, naar, gebied))
        return 3

    def mislukt(**kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(registry, "_providers", dict(registry._providers))
    registry.register_open_werk("aanvragen", "Open aanvragen", lambda u: 3, lambda u: [], overdragen)
    adviseur = toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1))
    overdracht = toewijzing_beeindigen(toewijzing=adviseur, tot=D(2025, 1, 1), opvolger=collega)
    assert aanroepen == [(medewerker, collega, kern)] and overdracht.verplaatst["aanvragen"] == 3

    registry.register_open_werk("kapot", "Kapot", lambda u: 0, lambda u: [], mislukt)
    opvolging = Toewijzing.objects.get(medewerker=collega)
    with pytest.raises(RuntimeError):
        toewijzing_beeindigen(toewijzing=opvolging, tot=D(2025, 6, 1), opvolger=medewerker)
    opvolging.refresh_from_db()
    assert opvolging.tot is None and Toewijzing.objects.count() == 2 and Overdracht.objects.count() == 1


def test_overlap_via_de_pagina_geeft_melding_bij_het_veld(client, medewerker, collega, kern):
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=D(2024, 1, 1))
    client.force_login(medewerker)
    response = client.post(
        reverse("rollen:toewijzing_toevoegen"),
        {"rol": Rol.ADVISEUR, "medewerker": collega.pk, "kern": kern.pk, "van": "01-03-2024"},
    )
    assert response.status_code == 200
    assert "overlapt met Mila Medewerker" in response.text and 'id="error_1_id_van"' in response.text
    assert Toewijzing.objects.count() == 1


def test_toewijzing_toevoegen_kan_geen_gebied_van_andere_gemeente_kiezen(client, medewerker):
    elders = KernFactory()
    client.force_login(medewerker)
    response = client.post(
        reverse("rollen:toewijzing_toevoegen"),
        {"rol": Rol.ADVISEUR, "medewerker": medewerker.pk, "kern": elders.pk, "van": "2024-01-01"},
    )
    assert response.status_code == 200 and Toewijzing.objects.count() == 0


def test_project_en_stap_toevoegen(client, medewerker, kern):
    client.force_login(medewerker)
    response = client.post(
        reverse("rollen:project_toevoegen"),
        {"gemeente": kern.gemeente.pk, "naam": "Nieuwe brug", "fase": "initiatief", "kernen": [kern.pk]},
    )
    project = Project.objects.get(naam="Nieuwe brug")
    assert response.status_code == 302 and list(project.kernen.all()) == [kern]
    url = reverse("rollen:stap_toevoegen", args=[kern.gemeente.slug, project.slug])
    assert (
        client.post(url, {"datum": "12-05-2025", "wat": "Inloopavond", "met_wie": "Dorpsraad"}).status_code
        == 302
    )
    assert Participatiestap.objects.get().datum == D(2025, 5, 12)
    tekst = client.get(project.get_absolute_url()).text
    assert "12-05-2025" in tekst and "Inloopavond" in tekst
    # bad input: clear message, nothing saved
    response = client.post(url, {"datum": "", "wat": "", "met_wie": "x"})
    assert response.status_code == 200 and "verplicht" in response.text.lower()
    assert Participatiestap.objects.count() == 1


def test_project_met_dezelfde_naam_geeft_duidelijke_melding(client, medewerker, kern):
    client.force_login(medewerker)
    gegevens = {"gemeente": kern.gemeente.pk, "naam": "Nieuwe brug", "fase": "initiatief"}
    assert client.post(reverse("rollen:project_toevoegen"), gegevens).status_code == 302
    response = client.post(reverse("rollen:project_toevoegen"), {**gegevens, "naam": "Nieuwe  Brug!"})
    assert response.status_code == 200
    assert "Er is al een project met deze naam in deze gemeente." in response.text
    assert 'id="error_1_id_naam"' in response.text  # next to the field
    assert Project.objects.count() == 1


def test_werklast_telt_projecten(client, medewerker, bezet):
    client.force_login(medewerker)
    tekst = client.get(reverse("rollen:werklast")).text
    assert "Olga Omgeving" in tekst and "Lopende projecten (omgevingsmanager)" in tekst


def _contacten_wereld(gemeente, n):
    for _ in range(n):
        kern = KernFactory(gemeente=gemeente)
        wijk = WijkFactory(kern=kern, gemeente=gemeente)
        mw = UserFactory(medewerker=True, gemeente=gemeente)
        toewijzing_aanmaken(rol=Rol.BEHEERDER, wijk=wijk, medewerker=mw, van=D(2024, 1, 1))
        toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=mw, van=D(2024, 1, 1))
        project = ProjectFactory(gemeente=gemeente, kernen=[kern])
        toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=mw, van=D(2024, 1, 1))
        ProjectFactory(gemeente=gemeente)  # whole gemeente: shows everywhere
    WijkFactory(kern=KernFactory(gemeente=gemeente), gemeente=gemeente)  # a gap
    return kern, wijk


def _aantal_queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data).status_code == 200
    return len(queries)


# Each page is measured at two data sizes and must use the same number of queries (no N+1). The
# ceilings leave room for the page chrome (session, user, menu) that other apps add to every page.
@pytest.mark.parametrize(
    "pagina,plafond",
    [
        ("contact_wijk", 15),
        ("contact_kern", 15),
        ("rollen:dekking", 15),
        ("rollen:werklast", 15),
        ("rollen:toewijzingen", 10),
    ],
)
def test_vast_aantal_queries_bij_twee_groottes(client, medewerker, gemeente, pagina, plafond):
    client.force_login(medewerker)
    metingen = []
    for n in (1, 6):
        kern, wijk = _contacten_wereld(gemeente, n)
        if pagina == "contact_wijk":
            metingen.append(_aantal_queries(client, CONTACT, {"gebied": f"wijk-{wijk.code}"}))
        elif pagina == "contact_kern":
            metingen.append(_aantal_queries(client, CONTACT, {"gebied": f"kern-{kern.pk}"}))
        else:
            metingen.append(_aantal_queries(client, reverse(pagina)))
    werklast_extra = len(registry.open_werk_providers()) if pagina == "rollen:werklast" else 0
    assert metingen[0] == metingen[1], metingen
    assert metingen[0] <= plafond + werklast_extra, metingen


def test_toewijzingen_overzicht_met_filters_en_wethouder_zonder_account(client, medewerker, wijk, bezet):
    """The wijkwethouder (a named person without an account) can be ended from the overview too."""
    vandaag = datetime.date.today()
    oud = toewijzing_aanmaken(
        rol=Rol.ADVISEUR,
        kern=KernFactory(gemeente=wijk.gemeente, naam="Loenen"),
        medewerker=medewerker,
        van=D(2020, 1, 1),
        tot=D(2021, 12, 31),
    )
    later = toewijzing_aanmaken(
        rol=Rol.ADVISEUR,
        kern=KernFactory(gemeente=wijk.gemeente, naam="Vreeland"),
        medewerker=medewerker,
        van=vandaag + datetime.timedelta(days=10),
    )
    elders = KernFactory(naam="Mijdrecht")  # another gemeente: never listed
    toewijzing_aanmaken(
        rol=Rol.WIJKWETHOUDER,
        kern=elders,
        naam="Wethouder Elders",
        telefoon="0297 291 616",
        van=D(2024, 1, 1),
    )
    url = reverse("rollen:toewijzingen")
    client.force_login(medewerker)

    tekst = client.get(url).text  # default: active or coming
    for naam in ("Cor Collega", "Mila Medewerker", "Wethouder Wil", "Olga Omgeving", "kern Vreeland"):
        assert naam in tekst, naam
    assert "kern Loenen" not in tekst and "Wethouder Elders" not in tekst
    wethouder = Toewijzing.objects.get(naam="Wethouder Wil")
    assert reverse("rollen:toewijzing_beeindigen", args=[wethouder.pk]) in tekst

    assert "kern Loenen" in client.get(url, {"stand": "afgelopen"}).text
    assert (
        reverse("rollen:toewijzing_beeindigen", args=[oud.pk]) not in client.get(url, {"stand": "alle"}).text
    )
    komend = client.get(url, {"stand": "komend"}).text
    assert "kern Vreeland" in komend and "Cor Collega" not in komend
    alleen_wethouders = client.get(url, {"rol": Rol.WIJKWETHOUDER}).text
    assert "Wethouder Wil" in alleen_wethouders and "Cor Collega" not in alleen_wethouders
    gezocht = client.get(url, {"q": "olga"}).text
    assert "Olga Omgeving" in gezocht and "Wethouder Wil" not in gezocht
    assert "1 gevonden" in client.get(url, {"q": wijk.code.lower()}).text  # a wijk's code finds its beheerder
    assert later  # listed above under 'komend'

    # Ending the named wethouder's assignment from there: back to the overview.
    response = client.post(
        reverse("rollen:toewijzing_beeindigen", args=[wethouder.pk]),
        {"tot": vandaag.isoformat(), "reden": "Nieuw college"},
    )
    assert response.status_code == 302 and response["Location"] == url
    wethouder.refresh_from_db()
    assert wethouder.tot == vandaag


def test_toewijzingen_overzicht_pagineert_en_houdt_de_filters(client, medewerker, gemeente):
    for i in range(30):
        toewijzing_aanmaken(
            rol=Rol.WIJKWETHOUDER,
            kern=KernFactory(gemeente=gemeente, naam=f"Kern {i:02d}"),
            naam=f"Wethouder {i:02d}",
            email=f"w{i}@stichtsevecht.demo",
            van=D(2024, 1, 1),
        )
    client.force_login(medewerker)
    url = reverse("rollen:toewijzingen")
    eerste = client.get(url, {"rol": Rol.WIJKWETHOUDER, "q": "wethouder"})
    assert "30 gevonden, pagina 1 van 2" in eerste.text
    assert "?rol=wijkwethouder&amp;q=wethouder&amp;pagina=2" in eerste.text
    tweede = client.get(url, {"rol": Rol.WIJKWETHOUDER, "q": "wethouder", "pagina": 2})
    assert "Wethouder 29" in tweede.text and "Wethouder 00" not in tweede.text
