"""Gebiedsagenda: future perspective and opgaven per kern; lifecycle, ownership default, public reading."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gebiedsagenda import services
from gebiedsagenda.constants import OpgaveStatus
from gebiedsagenda.models import Gebiedsagenda, Opgave, Thema
from rollen.constants import Rol
from rollen.models import Toewijzing
from tests.factories import UserFactory
from tests.gebiedsagenda.factories import AgendaFactory, OpgaveFactory


@pytest.fixture
def adviseur(gemeente, kern):
    persoon = UserFactory(medewerker=True, gemeente=gemeente, naam="Aisha Adviseur")
    Toewijzing.objects.create(
        rol=Rol.ADVISEUR, medewerker=persoon, gemeente=gemeente, kern=kern, van=datetime.date(2024, 1, 1)
    )
    return persoon


def _nieuwe_opgave(door, agenda, **extra):
    return services.opgave_aanmaken(
        door=door,
        agenda=agenda,
        titel="Verkeersveiligheid Straatweg",
        thema=Thema.objects.get(naam="Verkeer en mobiliteit"),
        beschrijving="Te hard rijden op de Straatweg.",
        **extra,
    )


def test_themas_zijn_gezaaid(db):
    assert list(Thema.objects.values_list("naam", flat=True)) == [
        "Wonen",
        "Verkeer en mobiliteit",
        "Veiligheid",
        "Duurzaamheid en groen",
        "Jeugd",
        "Ouderen en zorg",
        "Voorzieningen en dorpshuizen",
        "Economie",
    ]


def test_eigenaar_is_standaard_de_adviseur_van_de_kern(medewerker, kern, wijk, adviseur):
    agenda = services.agenda_opslaan(door=medewerker, gebied=kern, toekomstbeeld="Een vitaal dorp.")
    assert _nieuwe_opgave(medewerker, agenda).eigenaar == adviseur
    # A wijk's agenda takes the adviseur of its kern.
    wijkagenda = services.agenda_opslaan(door=medewerker, gebied=wijk, toekomstbeeld="Rustig wonen.")
    assert _nieuwe_opgave(medewerker, wijkagenda).eigenaar == adviseur
    # An explicitly chosen owner wins.
    assert _nieuwe_opgave(medewerker, agenda, eigenaar=medewerker).eigenaar == medewerker


def test_zonder_adviseur_geen_eigenaar(medewerker, kern):
    agenda = services.agenda_opslaan(door=medewerker, gebied=kern, toekomstbeeld="x")
    assert _nieuwe_opgave(medewerker, agenda).eigenaar is None


def test_eigenaar_uit_andere_gemeente_geweigerd(medewerker, kern, medewerker_elders):
    agenda = AgendaFactory(kern=kern)
    with pytest.raises(ValidationError) as fout:
        _nieuwe_opgave(medewerker, agenda, eigenaar=medewerker_elders)
    assert "eigenaar" in fout.value.message_dict
    assert not Opgave.objects.exists()


def test_levensloop_van_een_opgave(medewerker, kern):
    opgave = _nieuwe_opgave(medewerker, AgendaFactory(kern=kern))
    assert opgave.status == OpgaveStatus.SIGNALERING
    for naar in (OpgaveStatus.IN_ONDERZOEK, OpgaveStatus.IN_UITVOERING, OpgaveStatus.GEREALISEERD):
        services.opgave_status_wijzigen(door=medewerker, opgave=opgave, naar=naar)
    opgave.refresh_from_db()
    assert opgave.status == OpgaveStatus.GEREALISEERD
    assert [(w.van, w.naar) for w in opgave.statuswijzigingen.all()] == [
        ("", "signalering"),
        ("signalering", "in_onderzoek"),
        ("in_onderzoek", "in_uitvoering"),
        ("in_uitvoering", "gerealiseerd"),
    ]
    assert all(w.door == medewerker for w in opgave.statuswijzigingen.all())


def test_geen_stap_overslaan_en_terug_alleen_met_reden(medewerker, kern):
    opgave = OpgaveFactory(agenda__kern=kern)
    with pytest.raises(ValidationError):
        services.opgave_status_wijzigen(door=medewerker, opgave=opgave, naar=OpgaveStatus.GEREALISEERD)
    services.opgave_status_wijzigen(door=medewerker, opgave=opgave, naar=OpgaveStatus.IN_ONDERZOEK)
    with pytest.raises(ValidationError) as fout:
        services.opgave_status_wijzigen(door=medewerker, opgave=opgave, naar=OpgaveStatus.SIGNALERING)
    assert "toelichting" in fout.value.message_dict
    services.opgave_status_wijzigen(
        door=medewerker, opgave=opgave, naar=OpgaveStatus.SIGNALERING, toelichting="Eerst meer signalen."
    )
    assert Opgave.objects.get().status == OpgaveStatus.SIGNALERING


def test_alleen_staf_van_de_gemeente_bewerkt(kern, medewerker_elders, groepslid):
    opgave = OpgaveFactory(agenda__kern=kern)
    for wie in (medewerker_elders, groepslid):
        with pytest.raises(PermissionDenied):
            services.opgave_status_wijzigen(door=wie, opgave=opgave, naar=OpgaveStatus.IN_ONDERZOEK)
        with pytest.raises(PermissionDenied):
            services.voortgang_toevoegen(door=wie, opgave=opgave, tekst="x")
        with pytest.raises(PermissionDenied):
            services.agenda_opslaan(door=wie, gebied=kern, toekomstbeeld="x")


def test_publiek_leest_agenda_op_kern_en_wijkpagina(client, kern, wijk, medewerker):
    agenda = services.agenda_opslaan(
        door=medewerker, gebied=kern, toekomstbeeld="Breukelen blijft een vitaal dorp."
    )
    opgave = _nieuwe_opgave(medewerker, agenda)
    services.voortgang_toevoegen(
        door=medewerker, opgave=opgave, tekst="Snelheidsmeting gedaan.", datum=datetime.date(2026, 3, 5)
    )
    for pagina in (kern.get_absolute_url(), wijk.get_absolute_url()):
        tekst = client.get(pagina).text
        assert "Breukelen blijft een vitaal dorp." in tekst and "Verkeersveiligheid Straatweg" in tekst
        assert "Toekomstbeeld bewerken" not in tekst
    tekst = client.get(opgave.get_absolute_url()).text
    assert "Snelheidsmeting gedaan." in tekst and "05-03-2026" in tekst and "Signalering" in tekst
    assert "Status wijzigen" not in tekst


def test_medewerker_werkt_via_de_paginas(client, kern, medewerker, adviseur):
    client.force_login(medewerker)
    client.post(
        reverse("gebiedsagenda:agenda_kern", args=[kern.gemeente.slug, kern.slug]),
        {"toekomstbeeld": "Groen en levendig."},
    )
    agenda = Gebiedsagenda.objects.get(kern=kern)
    response = client.post(
        reverse("gebiedsagenda:opgave_nieuw", args=[agenda.pk]),
        {
            "titel": "Dorpshuis",
            "thema": Thema.objects.get(naam="Voorzieningen en dorpshuizen").pk,
            "beschrijving": "x",
        },
    )
    opgave = Opgave.objects.get()
    assert response.status_code == 302 and opgave.eigenaar == adviseur
    client.post(reverse("gebiedsagenda:opgave_status", args=[opgave.pk]), {"naar": "in_onderzoek"})
    client.post(
        reverse("gebiedsagenda:opgave_notitie", args=[opgave.pk]),
        {"datum": "05-03-2026", "tekst": "Gesprek."},
    )
    opgave.refresh_from_db()
    assert opgave.status == OpgaveStatus.IN_ONDERZOEK and opgave.notities.get().datum == datetime.date(
        2026, 3, 5
    )
    response = client.post(reverse("gebiedsagenda:opgave_status", args=[opgave.pk]), {"naar": "signalering"})
    assert response.status_code == 400 and "Leg uit waarom" in response.text


def test_medewerker_elders_krijgt_404_op_bewerkpaginas(client, kern, medewerker_elders):
    opgave = OpgaveFactory(agenda__kern=kern)
    client.force_login(medewerker_elders)
    assert client.get(reverse("gebiedsagenda:opgave_bewerken", args=[opgave.pk])).status_code == 404
    assert (
        client.post(
            reverse("gebiedsagenda:opgave_status", args=[opgave.pk]), {"naar": "in_onderzoek"}
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("gebiedsagenda:agenda_kern", args=[kern.gemeente.slug, kern.slug])).status_code
        == 403
    )


def test_agendaoverzicht_telt_per_status(client, kern, andere_kern):
    agenda = AgendaFactory(kern=kern)
    OpgaveFactory(agenda=agenda)
    OpgaveFactory(agenda=agenda, status=OpgaveStatus.IN_UITVOERING)
    AgendaFactory(kern=andere_kern)
    response = client.get(reverse("gebiedsagenda:agenda_overzicht"))
    assert response.status_code == 200
    assert "Breukelen" in response.text and "Loenen aan de Vecht" in response.text


class TestReacties:
    def test_een_reactie_per_groep_eerst_alleen_voor_staf(self, client, kern, groepslid, groep, medewerker):
        opgave = OpgaveFactory(agenda__kern=kern)
        client.force_login(groepslid)
        url = reverse("gebiedsagenda:opgave_reageren", args=[opgave.pk])
        client.post(url, {"groep": groep.pk, "tekst": "Wij willen een zebrapad."})
        client.post(url, {"groep": groep.pk, "tekst": "Wij willen een zebrapad bij de school."})
        reactie = opgave.reacties.get()  # one per group: the second text replaced the first
        assert reactie.tekst == "Wij willen een zebrapad bij de school." and not reactie.is_gepubliceerd
        client.logout()
        assert "zebrapad" not in client.get(opgave.get_absolute_url()).text  # not public yet
        client.force_login(medewerker)
        pagina = client.get(opgave.get_absolute_url()).text
        assert "zebrapad bij de school" in pagina and groepslid.naam in pagina
        client.post(reverse("gebiedsagenda:reactie_publiceren", args=[reactie.pk]), {"publiceren": "1"})
        client.logout()
        pagina = client.get(opgave.get_absolute_url()).text
        assert "zebrapad bij de school" in pagina and "Dorpsraad Breukelen" in pagina
        assert groepslid.naam not in pagina  # the public sees the group, not the person

    def test_nieuwe_tekst_moet_opnieuw_gepubliceerd(self, kern, groepslid, groep, medewerker):
        opgave = OpgaveFactory(agenda__kern=kern)
        reactie = services.reactie_geven(door=groepslid, opgave=opgave, groep=groep, tekst="Eens.")
        services.reactie_publiceren(door=medewerker, reactie=reactie)
        reactie = services.reactie_geven(door=groepslid, opgave=opgave, groep=groep, tekst="Toch oneens.")
        assert not reactie.is_gepubliceerd

    def test_alleen_leden_namens_hun_groep(self, kern, groepslid, groep, medewerker):
        from tests.bewonersgroepen.factories import GroepFactory

        opgave = OpgaveFactory(agenda__kern=kern)
        with pytest.raises(PermissionDenied):
            services.reactie_geven(
                door=groepslid, opgave=opgave, groep=GroepFactory(gemeente=kern.gemeente), tekst="x"
            )
        with pytest.raises(PermissionDenied):
            services.reactie_geven(door=medewerker, opgave=opgave, groep=groep, tekst="x")

    def test_te_lange_reactie_geweigerd(self, client, kern, groepslid, groep):
        opgave = OpgaveFactory(agenda__kern=kern)
        client.force_login(groepslid)
        response = client.post(
            reverse("gebiedsagenda:opgave_reageren", args=[opgave.pk]),
            {"groep": groep.pk, "tekst": "x" * 1001},
        )
        assert response.status_code == 400 and "hoogstens 1000" in response.text.lower()
        assert not opgave.reacties.exists()

    def test_staf_elders_kan_niet_publiceren(self, client, kern, groepslid, groep, medewerker_elders):
        opgave = OpgaveFactory(agenda__kern=kern)
        reactie = services.reactie_geven(door=groepslid, opgave=opgave, groep=groep, tekst="Eens.")
        client.force_login(medewerker_elders)
        url = reverse("gebiedsagenda:reactie_publiceren", args=[reactie.pk])
        assert client.post(url, {"publiceren": "1"}).status_code == 404
        reactie.refresh_from_db()
        assert not reactie.is_gepubliceerd


def test_gekoppelde_groepen_uit_eigen_gemeente(medewerker, kern, groep):
    from tests.bewonersgroepen.factories import GroepFactory

    agenda = AgendaFactory(kern=kern)
    opgave = _nieuwe_opgave(medewerker, agenda, groepen=[groep])
    assert list(opgave.groepen.all()) == [groep]
    with pytest.raises(ValidationError) as fout:
        _nieuwe_opgave(medewerker, agenda, groepen=[GroepFactory()])
    assert "groepen" in fout.value.message_dict


def test_gekoppelde_projecten_uit_eigen_gemeente(client, medewerker, kern):
    from tests.rollen.factories import ProjectFactory

    agenda = AgendaFactory(kern=kern)
    project = ProjectFactory(gemeente=kern.gemeente, naam="Herinrichting Stationsgebied")
    opgave = _nieuwe_opgave(medewerker, agenda, projecten=[project])
    assert list(opgave.projecten.all()) == [project]
    assert "Herinrichting Stationsgebied" in client.get(opgave.get_absolute_url()).text  # public page
    with pytest.raises(ValidationError) as fout:
        _nieuwe_opgave(medewerker, agenda, projecten=[ProjectFactory()])
    assert "projecten" in fout.value.message_dict


def test_overdracht_verplaatst_open_opgaven_naar_opvolger(medewerker, kern, wijk, adviseur, andere_kern):
    from rollen.services import toewijzing_beeindigen

    opvolger = UserFactory(medewerker=True, gemeente=kern.gemeente, naam="Otto Opvolger")
    open_kern = OpgaveFactory(agenda__kern=kern, eigenaar=adviseur)
    open_wijk = OpgaveFactory(agenda__kern=None, agenda__wijk=wijk, eigenaar=adviseur)
    klaar = OpgaveFactory(agenda=open_kern.agenda, eigenaar=adviseur, status=OpgaveStatus.GEREALISEERD)
    elders = OpgaveFactory(agenda__kern=andere_kern, eigenaar=adviseur)
    toewijzing = Toewijzing.objects.get(medewerker=adviseur)
    toewijzing_beeindigen(
        toewijzing=toewijzing, tot=datetime.date.today(), opvolger=opvolger, door=medewerker
    )
    eigenaren = {o.pk: o.eigenaar for o in Opgave.objects.all()}
    assert eigenaren[open_kern.pk] == opvolger and eigenaren[open_wijk.pk] == opvolger
    assert eigenaren[klaar.pk] == adviseur  # realised: stays with who did it
    assert eigenaren[elders.pk] == adviseur  # another kern's opgave is not part of this hand-over


def test_functioneel_beheerder_houdt_de_themalijst_bij(client, beheerder, medewerker, kern):
    """The theme list is kept in the Django admin; only active themes can be chosen for an opgave."""
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:gebiedsagenda_thema_add"),
        {"naam": "Cultuur en erfgoed", "volgorde": 9, "actief": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    economie = Thema.objects.get(naam="Economie")
    response = client.post(
        reverse("admin:gebiedsagenda_thema_change", args=[economie.pk]),
        {"naam": "Economie", "volgorde": economie.volgorde},  # 'actief' unticked
    )
    assert response.status_code == 302
    assert not Thema.objects.get(pk=economie.pk).actief

    agenda = AgendaFactory(kern=kern)
    client.force_login(medewerker)
    formulier = client.get(reverse("gebiedsagenda:opgave_nieuw", args=[agenda.pk]))
    keuzes = [label for _, label in formulier.context["form"].fields["thema"].choices]
    assert "Cultuur en erfgoed" in keuzes and "Economie" not in keuzes and "Wonen" in keuzes
    response = client.post(
        reverse("gebiedsagenda:opgave_nieuw", args=[agenda.pk]),
        {"titel": "Winkels", "thema": economie.pk, "beschrijving": "x"},
    )
    assert response.status_code == 200 and not Opgave.objects.exists()  # an inactive theme is refused


def test_alleen_functioneel_beheer_bewerkt_themas(client, medewerker):
    client.force_login(medewerker)
    response = client.post(reverse("admin:gebiedsagenda_thema_add"), {"naam": "Eigen thema", "volgorde": 1})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Thema.objects.filter(naam="Eigen thema").exists()


def test_beheerpagina_toont_reacties_die_wachten(client, kern, medewerker, medewerker_elders):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory

    def reactie(opgave, naam, gepubliceerd=False):
        groep = GroepFactory(gemeente=opgave.agenda.kern.gemeente, naam=naam)
        lid = LidmaatschapFactory(groep=groep, gebruiker=UserFactory(groepslid=True)).gebruiker
        r = services.reactie_geven(door=lid, opgave=opgave, groep=groep, tekst=f"Reactie van {naam}.")
        if gepubliceerd:
            services.reactie_publiceren(door=medewerker, reactie=r)
        return r

    opgave = OpgaveFactory(agenda__kern=kern, titel="Veilige schoolroutes")
    reactie(opgave, "Dorpsraad Breukelen")
    reactie(opgave, "Wijkcomité Broeckland", gepubliceerd=True)
    elders = OpgaveFactory(agenda__kern__gemeente=medewerker_elders.gemeente, titel="Opgave elders")
    services.reactie_geven(
        door=LidmaatschapFactory(
            groep=(g := GroepFactory(gemeente=medewerker_elders.gemeente, naam="Groep elders")),
            gebruiker=UserFactory(groepslid=True),
        ).gebruiker,
        opgave=elders,
        groep=g,
        tekst="x",
    )
    client.force_login(medewerker)
    url = reverse("gebiedsagenda:nieuws_beheer")

    def tel():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return response, len(queries)

    response, klein = tel()
    tekst = response.text
    assert "Reacties die wachten op publicatie" in tekst and "1 reactie van bewonersgroepen" in tekst
    assert "Dorpsraad Breukelen" in tekst and "Veilige schoolroutes" in tekst
    assert "Wijkcomité Broeckland" not in tekst  # already published
    assert "Groep elders" not in tekst and "Opgave elders" not in tekst  # another gemeente
    for i in range(5):
        reactie(OpgaveFactory(agenda=opgave.agenda), f"Groep {i}")
    response, groot = tel()
    assert "6 reacties van bewonersgroepen" in response.text and groot == klein
