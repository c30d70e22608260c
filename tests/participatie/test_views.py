"""participatie's pages: the public project page (plan, timeline, levels, stakeholders, decision; nothing
private), the area pages' ketenpartners, and the Omgevingsmanager's plan pages."""

import datetime
import re

import pytest
from django.urls import reverse

from participatie import services
from participatie.constants import Belanghebbendesoort, Planstatus
from participatie.models import Belanghebbende, Participatieplan
from rollen.models import Participatiestap
from tests.bewonersgroepen.factories import GroepFactory
from tests.rollen.factories import ParticipatiestapFactory

from .factories import KetenpartnerFactory, ParticipatieplanFactory, raadpleging_maken

pytestmark = pytest.mark.django_db
SLEUTEL = re.compile(r'name="formuliersleutel" value="([^"]+)"')


def _url(project, naam="participatie:plan", **extra):
    return reverse(naam, kwargs={"gemeente": project.gemeente.slug, "slug": project.slug, **extra})


def _vul(project, gemeente, kern, n):
    """A published plan with n steps (half done), n groups and n partners among its stakeholders."""
    plan = ParticipatieplanFactory(project=project, gepubliceerd=True)
    for i in range(n):
        ParticipatiestapFactory(
            project=project,
            datum=datetime.date(2024 + i % 3, 1, 1 + i),
            wat=f"Stap {i}",
            niveau=["informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen"][i % 5],
            uitgevoerd=i % 2 == 0,
        )
        groep = GroepFactory(gemeente=gemeente, kernen=[kern], naam=f"Bewonersgroep {i}")
        partner = KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam=f"Partner {i}")
        Belanghebbende.objects.create(plan=plan, soort=Belanghebbendesoort.GROEP, groep=groep)
        Belanghebbende.objects.create(plan=plan, soort=Belanghebbendesoort.KETENPARTNER, ketenpartner=partner)
    Belanghebbende.objects.create(plan=plan, soort=Belanghebbendesoort.INWONERS)
    return plan


def test_openbare_projectpagina_toont_het_gepubliceerde_plan(client, project, gemeente, kern):
    plan = _vul(project, gemeente, kern, 4)
    plan.besluit_genomen_op = datetime.date(2026, 11, 3)
    plan.besluit = "Het college koos ontwerp B."
    plan.save()
    html = client.get(project.get_absolute_url()).content.decode()
    for tekst in (
        plan.vraag,
        plan.wel_invloed,
        plan.geen_invloed,
        "College van burgemeester en wethouders",
        "03-11-2026",
        "Het college koos ontwerp B.",
        "Gedaan",
        "Wat komt",
        "Coproduceren",
        "U bedenkt en maakt samen met de gemeente een plan.",  # the level's fixed explanation
        "Bewonersgroep 3",
        "Partner 3",
        "Inwoners van het gebied",
        "Volg dit project",  # the follow form (gebiedsagenda), no longer links to the areas
    ):
        assert tekst in html, tekst
    assert "Participatieplan beheren" not in html


def test_openbare_pagina_toont_niets_van_een_concept_en_niets_prive(
    client, project, gemeente, kern, omgevingsmanager
):
    plan = _vul(project, gemeente, kern, 2)
    services.plan_intrekken(plan=plan, door=omgevingsmanager, reden="Geheime reden: wethouder twijfelt.")
    html = client.get(project.get_absolute_url()).content.decode()
    assert plan.vraag not in html and "Geheime reden" not in html and "Bewonersgroep 1" not in html
    assert "participatieplan" not in html.lower().replace("participatietraject", "")
    # Published: still no history (its reasons), no partner contact details (they are on the area pages).
    services.plan_publiceren(plan=Participatieplan.objects.get(pk=plan.pk), door=omgevingsmanager)
    html = client.get(project.get_absolute_url()).content.decode()
    assert plan.vraag in html
    for prive in (
        "Geheime reden",
        "info@woningstichting.example",
        "030 123 45 67",
        "toegevoegd",
    ):
        assert prive not in html, prive


def test_staf_ziet_een_koppeling_naar_het_plan(client, project, collega):
    client.force_login(collega)
    html = client.get(project.get_absolute_url()).content.decode()
    assert _url(project) in html


def test_rondes_van_een_conceptplan_alleen_voor_de_staf(client, project, collega, omgevingsmanager):
    plan = ParticipatieplanFactory(project=project)  # a concept
    raadpleging_maken(plan, omgevingsmanager)  # a concept round
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Uw mening over het plein" not in html and "Raadplegingen" not in html
    client.force_login(collega)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Participatieplan (medewerkers)" in html and "Uw mening over het plein" in html
    assert "Raadpleging maken" not in html  # only the plan's owner makes rounds
    assert "Er zijn nog geen stappen" not in html and "Enquête" in html  # rollen's own timeline stays


def test_stap_toevoegen_wijst_naar_het_plan_als_er_een_is(client, project, omgevingsmanager):
    """The plan read for the page (or its absence) is the one the step rule sees (permissions._stappen_url)."""
    client.force_login(omgevingsmanager)
    html = client.get(project.get_absolute_url()).content.decode()
    assert reverse("rollen:stap_toevoegen", args=[project.gemeente.slug, project.slug]) in html
    ParticipatieplanFactory(project=project)  # a concept
    html = client.get(project.get_absolute_url()).content.decode()
    assert _url(project, "participatie:stap_toevoegen") in html


@pytest.mark.parametrize("n", [1, 5])
def test_openbare_projectpagina_vast_aantal_queries(
    client, project, gemeente, kern, omgevingsmanager, n, django_assert_num_queries
):
    plan = _vul(project, gemeente, kern, n)
    for _ in range(n):
        raadpleging_maken(plan, omgevingsmanager, openen=True)
    # An anonymous visitor: project, kernen, wijken, Omgevingsmanager, steps (rollen's one detail query with
    # its prefetches), the plan, its stakeholders (groups and partners joined), the rounds and their themes,
    # and the gemeente for the menu. The plan is read once for the plan and its rounds. Flat in n.
    with django_assert_num_queries(10):
        assert client.get(project.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [1, 5])
def test_projectpagina_voor_de_omgevingsmanager_vast_aantal_queries(
    client, project, gemeente, kern, omgevingsmanager, n, django_assert_num_queries
):
    plan = _vul(project, gemeente, kern, n)
    for _ in range(n):
        raadpleging_maken(plan, omgevingsmanager, openen=True)
    client.force_login(omgevingsmanager)
    # The visitor's ten, plus session, user and the menu's question about groups. The permission checks
    # (may make a round, may add a step) use the plan and the project already read: no queries.
    with django_assert_num_queries(13):
        html = client.get(project.get_absolute_url()).content.decode()
    assert "Participatieplan beheren" in html and "Raadpleging maken" in html


def test_gebiedspagina_toont_ketenpartners_met_alleen_organisatiecontact(client, gemeente, kern):
    KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam="Vecht en Omstreken", email="info@vo.example")
    KetenpartnerFactory(gemeente=gemeente, kernen=[kern], naam="Oud partner", inactief=True)
    html = client.get(kern.get_absolute_url()).content.decode()
    assert "Ketenpartners in Breukelen" in html and "Vecht en Omstreken" in html and "info@vo.example" in html
    assert "Oud partner" not in html


def test_de_omgevingsmanager_maakt_en_publiceert_het_plan(client, project, kern, gemeente, omgevingsmanager):
    GroepFactory(gemeente=gemeente, kernen=[kern], naam="Wijkcomité Broeckland")
    client.force_login(omgevingsmanager)
    assert "Plan maken" in client.get(_url(project)).content.decode()
    antwoord = client.post(
        _url(project, "participatie:plan_wijzigen"),
        {
            "vraag": "Hoe?",
            "wel_invloed": "Het groen.",
            "besluitorgaan": "raad",
            "besluit_verwacht": "2027-03-01",
        },
    )
    assert antwoord.status_code == 302
    plan = Participatieplan.objects.get(project=project)
    stap_url = _url(project, "participatie:stap_toevoegen")
    sleutel = SLEUTEL.search(client.get(stap_url).content.decode()).group(1)
    antwoord = client.post(
        stap_url,
        {
            "datum": "2027-01-12",
            "wat": "Inloopavond",
            "met_wie": "Omwonenden",
            "niveau": "raadplegen",
            "formuliersleutel": sleutel,
        },
    )
    assert antwoord.status_code == 302
    assert Participatiestap.objects.get(project=project).niveau == "raadplegen"
    pagina = client.get(_url(project)).content.decode()
    assert 'value="groep-' in pagina and "Wijkcomité Broeckland" in pagina
    groep_sleutel = re.search(r'name="suggestie" value="(groep-\d+)"', pagina).group(1)
    client.post(_url(project, "participatie:belanghebbende_toevoegen"), {"suggestie": groep_sleutel})
    assert plan.belanghebbenden.get().groep.naam == "Wijkcomité Broeckland"
    client.post(_url(project, "participatie:plan_status"), {"naar": "gepubliceerd"})
    plan.refresh_from_db()
    assert plan.status == Planstatus.GEPUBLICEERD
    assert "Wijkcomité Broeckland" in client.get(project.get_absolute_url()).content.decode()


def test_een_collega_leest_het_plan_maar_wijzigt_het_niet(client, project, collega):
    ParticipatieplanFactory(project=project)
    client.force_login(collega)
    pagina = client.get(_url(project))
    assert pagina.status_code == 200 and "Plan wijzigen" not in pagina.content.decode()
    assert client.get(_url(project, "participatie:plan_wijzigen")).status_code == 403
    assert client.post(_url(project, "participatie:plan_status"), {"naar": "gepubliceerd"}).status_code == 403


def test_ketenpartner_toevoegen_en_wijzigen(client, medewerker, gemeente, kern):
    client.force_login(medewerker)
    url = reverse("participatie:ketenpartner_toevoegen")
    sleutel = SLEUTEL.search(client.get(url).content.decode()).group(1)
    antwoord = client.post(
        url,
        {
            "naam": "Tympaan-De Baat",
            "soort": "welzijn",
            "kernen": [kern.pk],
            "actief": "on",
            "formuliersleutel": sleutel,
        },
    )
    assert antwoord.status_code == 302
    assert "Tympaan-De Baat" in client.get(reverse("participatie:ketenpartners")).content.decode()
