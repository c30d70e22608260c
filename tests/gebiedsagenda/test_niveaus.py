"""The gebiedsagenda at every level (issue 18, item 11): gemeente-wide, kern, wijk and buurt agendas,
opgaven that span areas, the area page, the overview's level filter, reactions in the admin."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebiedsagenda import selectors, services
from gebiedsagenda.models import Gebiedsagenda, Reactie
from tests.factories import BuurtFactory, GemeenteFactory, KernFactory, UserFactory, WijkFactory
from tests.gebiedsagenda.factories import OpgaveFactory


@pytest.fixture
def buurt(wijk):
    return BuurtFactory(wijk=wijk, code="BU19040201", naam="Breukelen-Noord")


@pytest.fixture
def agendas(medewerker, gemeente, kern, wijk, buurt):
    """One agenda at each level of one chain: gemeente > kern > wijk > buurt."""
    return {
        gebied.niveau: services.agenda_opslaan(
            door=medewerker, gebied=gebied, toekomstbeeld=f"Beeld {gebied.naam}"
        )
        for gebied in (gemeente, kern, wijk, buurt)
    }


# --- services --------------------------------------------------------------------------------------


def test_agenda_op_elk_niveau(agendas, gemeente, kern, wijk, buurt):
    assert {n: a.niveau for n, a in agendas.items()} == {n: n for n in ("gemeente", "kern", "wijk", "buurt")}
    assert {a.gemeente_id for a in agendas.values()} == {gemeente.pk}
    assert [agendas[n].gebied for n in ("gemeente", "kern", "wijk", "buurt")] == [gemeente, kern, wijk, buurt]
    assert agendas["buurt"].get_absolute_url() == wijk.get_absolute_url()  # a buurt has no page
    assert agendas["gemeente"].get_absolute_url() == gemeente.get_absolute_url()


def test_opnieuw_opslaan_wijzigt_dezelfde_agenda(agendas, medewerker, gemeente, buurt):
    for gebied, niveau in ((gemeente, "gemeente"), (buurt, "buurt")):
        agenda = services.agenda_opslaan(door=medewerker, gebied=gebied, toekomstbeeld="Nieuw beeld")
        assert agenda.pk == agendas[niveau].pk
        assert selectors.agenda_van(gebied).toekomstbeeld == "Nieuw beeld"
    assert Gebiedsagenda.objects.count() == 4


def test_een_hele_gemeente_agenda_per_gemeente(agendas, gemeente):
    with pytest.raises(IntegrityError), transaction.atomic():
        Gebiedsagenda.objects.create(gemeente=gemeente, toekomstbeeld="Tweede")


def test_ten_hoogste_een_gebied_onder_de_gemeente(gemeente, kern, wijk):
    with pytest.raises(IntegrityError), transaction.atomic():
        Gebiedsagenda.objects.create(gemeente=gemeente, kern=kern, wijk=wijk, toekomstbeeld="Twee")


def test_gebied_van_een_andere_gemeente_geweigerd(kern):
    elders = GemeenteFactory(code="GM0736", naam="De Ronde Venen", slug="de-ronde-venen")
    with pytest.raises(ValidationError):
        Gebiedsagenda(gemeente=elders, kern=kern, toekomstbeeld="x").full_clean()


def test_medewerker_elders_mag_geen_gemeente_of_buurtagenda(medewerker_elders, gemeente, buurt):
    for gebied in (gemeente, buurt):
        with pytest.raises(PermissionDenied):
            services.agenda_opslaan(door=medewerker_elders, gebied=gebied, toekomstbeeld="x")


def test_opgave_over_meer_gebieden(agendas, medewerker, kern, andere_kern, wijk, buurt):
    from gebiedsagenda.models import Thema

    opgave = services.opgave_aanmaken(
        door=medewerker,
        agenda=agendas["kern"],
        titel="Fietsroute langs de Vecht",
        thema=Thema.objects.get(naam="Verkeer en mobiliteit"),
        beschrijving="Een veilige route tussen de kernen.",
        ook_kernen=[andere_kern, kern],  # its own kern is not repeated
        ook_buurten=[buurt],
    )
    assert list(opgave.ook_kernen.all()) == [andere_kern]
    assert list(opgave.ook_buurten.all()) == [buurt]


def test_opgave_kan_geen_gebied_van_een_andere_gemeente_omvatten(agendas, medewerker):
    from gebiedsagenda.models import Thema

    elders = KernFactory(gemeente=GemeenteFactory(code="GM0736", naam="De Ronde Venen", slug="drv"))
    with pytest.raises(ValidationError):
        services.opgave_aanmaken(
            door=medewerker,
            agenda=agendas["kern"],
            titel="x",
            thema=Thema.objects.get(naam="Wonen"),
            beschrijving="x",
            ook_kernen=[elders],
        )


# --- selectors: what each area page shows ----------------------------------------------------------


def _getoond(gebied):
    return [(a.verhouding, a.niveau) for a in selectors.agendas_voor_gebied(gebied)]


def test_gemeente_toont_alleen_haar_eigen_agenda(agendas, gemeente):
    assert _getoond(gemeente) == [("eigen", "gemeente")]


def test_kern_toont_eigen_de_gemeente_erboven_en_de_wijken_eronder(agendas, kern):
    assert _getoond(kern) == [("eigen", "kern"), ("boven", "gemeente"), ("onder", "wijk")]


def test_wijk_toont_eigen_kern_en_gemeente_erboven_en_buurten_eronder(agendas, wijk):
    assert _getoond(wijk) == [("eigen", "wijk"), ("boven", "kern"), ("boven", "gemeente"), ("onder", "buurt")]


def test_buurt_ziet_de_hele_keten(agendas, buurt):
    assert _getoond(buurt) == [
        ("eigen", "buurt"),
        ("boven", "wijk"),
        ("boven", "kern"),
        ("boven", "gemeente"),
    ]


def test_andere_kern_ziet_alleen_de_gemeente(agendas, andere_kern):
    assert _getoond(andere_kern) == [("boven", "gemeente")]


def test_agenda_van_een_andere_gemeente_komt_nergens(agendas, medewerker_elders, kern):
    elders = medewerker_elders.gemeente
    services.agenda_opslaan(door=medewerker_elders, gebied=elders, toekomstbeeld="Elders")
    assert ("boven", "gemeente") in _getoond(kern)
    assert [a.gemeente_id for a in selectors.agendas_voor_gebied(kern)].count(elders.pk) == 0


def test_gedeelde_opgave_staat_bij_elk_gebied_dat_ze_raakt(agendas, kern, andere_kern, wijk, buurt):
    wijk_elders = WijkFactory(kern=andere_kern, gemeente=andere_kern.gemeente, code="WK190407")
    opgave = OpgaveFactory(agenda=agendas["kern"], titel="Fietsroute")
    opgave.ook_kernen.set([andere_kern])
    op_buurt = OpgaveFactory(agenda=agendas["gemeente"], titel="Groen in de buurt")
    op_buurt.ook_buurten.set([buurt])

    def gedeeld(gebied):
        return [o.titel for o in selectors.gedeelde_opgaven(gebied, selectors.agendas_voor_gebied(gebied))]

    assert gedeeld(andere_kern) == ["Fietsroute"]
    assert gedeeld(wijk_elders) == ["Fietsroute"]  # the kern above it is spanned
    assert gedeeld(kern) == []  # its own agenda shows it already
    assert gedeeld(wijk) == []  # the gemeente agenda (shown above) has "Groen in de buurt"
    assert gedeeld(buurt) == []


# --- pages ------------------------------------------------------------------------------------------


def test_kernpagina_toont_ook_de_gemeente_en_gedeelde_opgaven(client, agendas, gemeente, kern, andere_kern):
    OpgaveFactory(agenda=agendas["gemeente"], titel="Wonen voor starters")
    fiets = OpgaveFactory(agenda=agendas["kern"], titel="Fietsroute langs de Vecht")
    fiets.ook_kernen.set([andere_kern])
    tekst = client.get(kern.get_absolute_url()).content.decode()
    assert f"Ook voor heel de gemeente {gemeente.naam}" in tekst
    assert "Wonen voor starters" in tekst
    tekst = client.get(andere_kern.get_absolute_url()).content.decode()
    assert "Opgaven van andere gebieden die ook hier spelen" in tekst
    assert "Fietsroute langs de Vecht" in tekst
    assert "Wonen voor starters" in tekst


def test_wijkpagina_toont_de_buurtagenda_en_de_kern(client, agendas, kern, wijk, buurt):
    tekst = client.get(wijk.get_absolute_url()).content.decode()
    assert f"Ook voor heel de kern {kern.naam}" in tekst
    assert f"Uit de agenda van de buurt {buurt.naam}" in tekst


def test_gemeentepagina_toont_de_gemeenteagenda(client, agendas, gemeente):
    tekst = client.get(gemeente.get_absolute_url()).content.decode()
    assert f"Toekomstbeeld van {gemeente.naam}" in tekst


def test_overzicht_filtert_op_niveau(client, agendas, gemeente, kern, wijk, buurt):
    url = reverse("gebiedsagenda:agenda_overzicht")
    for niveau, gebied in (("gemeente", gemeente), ("kern", kern), ("wijk", wijk), ("buurt", buurt)):
        antwoord = client.get(url, {"niveau": niveau})
        assert [a.niveau for a in antwoord.context["agendas"]] == [niveau]
        assert gebied.naam in antwoord.content.decode()
    assert len(client.get(url).context["agendas"]) == 4
    assert len(client.get(url, {"niveau": "onzin"}).context["agendas"]) == 4


def test_medewerker_maakt_gemeente_en_buurtagenda(client, medewerker, gemeente, wijk, buurt):
    client.force_login(medewerker)
    for url_naam, args, gebied, terug in (
        ("gebiedsagenda:agenda_gemeente", [gemeente.slug], gemeente, gemeente.get_absolute_url()),
        ("gebiedsagenda:agenda_buurt", [buurt.code], buurt, wijk.get_absolute_url()),
    ):
        antwoord = client.post(
            reverse(url_naam, args=args), {"toekomstbeeld": f"Samen verder in {gebied.naam}."}
        )
        assert antwoord.status_code == 302 and antwoord.url == terug
        assert selectors.agenda_van(gebied).toekomstbeeld == f"Samen verder in {gebied.naam}."


def test_wijkpagina_biedt_staf_een_buurtagenda_aan(client, medewerker, wijk, buurt):
    client.force_login(medewerker)
    tekst = client.get(wijk.get_absolute_url()).content.decode()
    assert f"Gebiedsagenda maken voor de buurt {buurt.naam}" in tekst
    assert reverse("gebiedsagenda:agenda_buurt", args=[buurt.code]) in tekst


def test_opgaveformulier_biedt_gebieden_van_de_gemeente(
    client, medewerker, agendas, kern, andere_kern, buurt
):
    client.force_login(medewerker)
    form = client.get(reverse("gebiedsagenda:opgave_nieuw", args=[agendas["kern"].pk])).context["form"]
    assert list(form.fields["ook_kernen"].queryset) == [andere_kern]  # not its own kern
    assert list(form.fields["ook_buurten"].queryset) == [buurt]


def test_agendapagina_vast_aantal_queries(client, medewerker, gemeente, kern):
    """The overview and an area page run the same number of queries with 4 agendas as with 24."""

    def tel(url):
        cache.clear()  # the page as rendered, not as stored for visitors (weergave/cache.py)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def vul(n):
        for i in range(n):
            k = KernFactory(gemeente=gemeente, naam=f"Kern {n}-{i}")
            w = WijkFactory(kern=k, gemeente=gemeente)
            for gebied in (k, w, BuurtFactory(wijk=w)):
                agenda = services.agenda_opslaan(door=medewerker, gebied=gebied, toekomstbeeld="x")
                OpgaveFactory(agenda=agenda).ook_kernen.set([kern])

    services.agenda_opslaan(door=medewerker, gebied=gemeente, toekomstbeeld="Gemeente")
    overzicht = reverse("gebiedsagenda:agenda_overzicht")
    vul(1)
    voor = (tel(overzicht), tel(kern.get_absolute_url()), tel(gemeente.get_absolute_url()))
    vul(7)
    assert (tel(overzicht), tel(kern.get_absolute_url()), tel(gemeente.get_absolute_url())) == voor


# --- admin -----------------------------------------------------------------------------------------


def test_reacties_in_de_admin(client, agendas, groep, groepslid):
    opgave = OpgaveFactory(agenda=agendas["wijk"], titel="Speelplek")
    Reactie.objects.create(opgave=opgave, groep=groep, tekst="Graag bij de school.", auteur=groepslid)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("admin:gebiedsagenda_reactie_changelist")
    for query in ({}, {"q": "school"}, {"gepubliceerd_op__isempty": "1"}, {"opgave__status": "signalering"}):
        antwoord = client.get(url, query)
        assert antwoord.status_code == 200
        assert "Dorpsraad Breukelen" in antwoord.content.decode(), query
    assert "Dorpsraad Breukelen" not in client.get(url, {"q": "onbekend"}).content.decode()
    reactie = Reactie.objects.get()
    assert client.get(reverse("admin:gebiedsagenda_reactie_change", args=[reactie.pk])).status_code == 200


def test_geen_dubbel_woord_in_de_gebiedsnaam(agendas, client, kern, wijk, buurt):
    wijk.naam = "Wijk 02 Breukelen"
    wijk.save()
    assert agendas["wijk"].gebiedsnaam == "Wijk 02 Breukelen"
    assert agendas["buurt"].gebiedsnaam == f"buurt {buurt.naam}"
    assert agendas["kern"].gebiedsnaam == f"kern {kern.naam}"
    tekst = client.get(kern.get_absolute_url()).content.decode()
    assert "Uit de agenda van de Wijk 02 Breukelen" in tekst
    assert "wijk Wijk" not in tekst


# --- news for the whole gemeente ------------------------------------------------------------------


def test_nieuws_voor_de_hele_gemeente_staat_bij_elke_kern_en_wijk(
    medewerker, gemeente, kern, andere_kern, wijk
):
    bericht = services.nieuws_publiceren(
        door=medewerker, titel="Raadsbesluit dorpshuizen", tekst="x", gemeente=gemeente
    )
    assert not bericht.kernen.exists() and not bericht.wijken.exists()
    for gebied in (gemeente, kern, andere_kern, wijk):
        assert list(selectors.nieuws_voor_gebied(gebied)) == [bericht], gebied
    elders = GemeenteFactory(code="GM0736", naam="De Ronde Venen", slug="de-ronde-venen")
    assert not selectors.nieuws_voor_gebied(KernFactory(gemeente=elders)).exists()


def test_nieuwsformulier_hele_gemeente(client, medewerker, gemeente, kern):
    client.force_login(medewerker)
    url = reverse("gebiedsagenda:nieuws_nieuw")
    antwoord = client.post(url, {"titel": "Voor iedereen", "tekst": "Tekst.", "hele_gemeente": "on"})
    assert antwoord.status_code == 302
    assert "Voor iedereen" in client.get(kern.get_absolute_url()).content.decode()
    fout = client.post(url, {"titel": "Beide", "tekst": "x", "hele_gemeente": "on", "kernen": [kern.pk]})
    assert fout.status_code == 200 and "niet allebei" in fout.content.decode()
    fout = client.post(url, {"titel": "Geen", "tekst": "x"})
    assert "of de hele gemeente" in fout.content.decode()


def test_lid_stelt_nieuws_voor_de_hele_gemeente_voor(groep, groepslid, gemeente):
    bericht = services.nieuws_plaatsen(
        door=groepslid, titel="Burendag", tekst="x", groep=groep, gemeente=gemeente
    )
    assert bericht.status == "voorgesteld" and bericht.gemeente_id == gemeente.pk
    assert not bericht.kernen.exists()
