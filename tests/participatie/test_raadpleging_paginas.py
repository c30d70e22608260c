"""The pages of consultation rounds: responding as a resident, a group member and a partner; the staff
page; the public summary shows only consented answers and no names without consent; CSV, XLSX and PDF."""

import io

import pytest
from django.urls import reverse

from participatie import raadplegingen as rs
from participatie.models import Reactie
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory

from .factories import KetenpartnerFactory, ParticipatieplanFactory, antwoorden, raadpleging_maken

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(project):
    return ParticipatieplanFactory(project=project, gepubliceerd=True)


@pytest.fixture
def groep(gemeente):
    return GroepFactory(gemeente=gemeente, naam="Bewonersgroep Stationsbuurt")


@pytest.fixture
def lid(groep):
    return LidmaatschapFactory(groep=groep).gebruiker


@pytest.fixture
def partner(gemeente):
    return KetenpartnerFactory(gemeente=gemeente, naam="Woonstichting Vecht")


@pytest.fixture
def ronde(plan, omgevingsmanager, groep, partner):
    return raadpleging_maken(plan, omgevingsmanager, groepen=[groep], ketenpartners=[partner], openen=True)


def _post(ronde, extra=None, **waarden):
    vragen = list(ronde.vragen.all())
    data = {
        f"vraag_{vragen[0].pk}": "Meer bankjes",
        f"vraag_{vragen[1].pk}": "Groen",
        f"vraag_{vragen[2].pk}": "4",
    }
    data.update(waarden)
    return data


def test_een_inwoner_reageert_en_bevestigt(client, ronde):
    antwoord = client.post(ronde.openbare_url(), _post(ronde, email="ina@example.nl", publiceren="on"))
    assert antwoord.status_code == 200 and "bevestig uw reactie" in antwoord.content.decode()
    reactie = Reactie.objects.get(email="ina@example.nl")
    assert not reactie.telt
    pagina = client.get(reverse("participatie:reactie_inwoner", args=[reactie.token]))
    assert "Bevestig mijn reactie" in pagina.content.decode()
    reactie.refresh_from_db()
    assert not reactie.telt  # opening the link (a mail scanner) does not confirm
    client.post(reverse("participatie:reactie_bevestigen", args=[reactie.token]))
    reactie.refresh_from_db()
    assert reactie.telt


def test_een_lid_reageert_namens_de_groep_via_de_pagina(client, ronde, groep, lid):
    client.force_login(lid)
    pagina = client.get(ronde.openbare_url())
    url = reverse("participatie:reageren_groep", args=[ronde.pk, groep.pk])
    assert url in pagina.content.decode()
    antwoord = client.post(url, _post(ronde, publiceren="on", toon_naam="on"))
    assert antwoord.status_code == 302
    assert Reactie.objects.get(groep=groep).toestemming_naam
    # The page shows the group's response again, to change it.
    assert "Meer bankjes" in client.get(url).content.decode()


def test_de_partner_reageert_via_de_link_en_een_geraden_link_is_404(client, ronde, partner):
    token = ronde.uitnodigingen.get().token
    url = reverse("participatie:reageren_partner", args=[token])
    assert client.post(url, _post(ronde)).status_code == 302
    assert Reactie.objects.filter(ketenpartner=partner).count() == 1
    assert client.get(reverse("participatie:reageren_partner", args=["geraden"])).status_code == 404


def test_een_concept_is_niet_openbaar(client, plan, omgevingsmanager):
    concept = raadpleging_maken(plan, omgevingsmanager)
    assert client.get(concept.openbare_url()).status_code == 404


@pytest.fixture
def gepubliceerd(ronde, omgevingsmanager, groep, lid, partner):
    rs.reactie_groep_opslaan(
        raadpleging=ronde,
        door=lid,
        groep=groep,
        antwoorden=antwoorden(ronde, open_="Openbaar met naam"),
        publiceren=True,
        naam=True,
    )
    rs.reactie_partner_opslaan(
        token=ronde.uitnodigingen.get().token,
        antwoorden=antwoorden(ronde, open_="Openbaar zonder naam"),
        publiceren=True,
        naam=False,
    )
    ina = rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="ina@example.nl",
        naam="Ina Inwoner",
        antwoorden=antwoorden(ronde, open_="Niet openbaar"),
        publiceren=False,
        toon_naam=False,
    )
    rs.reactie_inwoner_bevestigen(token=ina.token)
    rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="=cmd@example.nl",
        naam='=HYPERLINK("x")',
        antwoorden=antwoorden(ronde, open_="=1+1"),
        publiceren=True,
        toon_naam=True,
    )
    Reactie.objects.filter(email="=cmd@example.nl").update(bevestigd_op="2026-12-01T10:00Z")
    rs.raadpleging_sluiten(raadpleging=ronde, door=omgevingsmanager)
    rs.thema_opslaan(
        raadpleging=ronde,
        door=omgevingsmanager,
        titel="Groen op het plein",
        wat_gehoord="Veel vraag naar bomen.",
        afweging="deels",
        waarom="Onder het plein liggen kabels.",
    )
    return rs.samenvatting_publiceren(
        raadpleging=ronde, door=omgevingsmanager, samenvatting="Dank aan iedereen."
    )


def test_de_openbare_samenvatting_toont_alleen_wat_mag(client, gepubliceerd, project):
    html = client.get(gepubliceerd.openbare_url()).content.decode()
    assert (
        "Groen op het plein" in html
        and "Onder het plein liggen kabels." in html
        and "Deels overgenomen" in html
    )
    assert "Openbaar met naam" in html and "Bewonersgroep Stationsbuurt" in html
    assert "Openbaar zonder naam" in html and "Woonstichting Vecht" not in html and "Een ketenpartner" in html
    assert "Niet openbaar" not in html and "Ina Inwoner" not in html and "ina@example.nl" not in html
    projectpagina = client.get(project.get_absolute_url()).content.decode()
    assert "Wat hebben we opgehaald" in projectpagina and "Groen op het plein" in projectpagina


def test_csv_en_xlsx_zijn_formule_veilig(client, gepubliceerd, omgevingsmanager):
    client.force_login(omgevingsmanager)
    csv = client.get(reverse("participatie:reacties_csv", args=[gepubliceerd.pk])).content.decode("utf-8-sig")
    assert "Niet openbaar" in csv and "Ina Inwoner" in csv  # staff see every counted response
    assert "'=1+1" in csv and "'=HYPERLINK" in csv
    from openpyxl import load_workbook

    inhoud = client.get(reverse("participatie:reacties_xlsx", args=[gepubliceerd.pk])).content
    blad = load_workbook(io.BytesIO(inhoud)).active
    waarden = [c.value for rij in blad.iter_rows() for c in rij]
    assert "'=1+1" in waarden and not any(isinstance(w, str) and w.startswith("=") for w in waarden)
    assert blad["A1"].value == "Nummer"


def test_het_participatieverslag(client, gepubliceerd, omgevingsmanager, project):
    from pypdf import PdfReader

    client.force_login(omgevingsmanager)
    antwoord = client.get(
        reverse("participatie:participatieverslag", args=[project.gemeente.slug, project.slug])
    )
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages)
    tekst = " ".join(tekst.split())
    assert "Participatieverslag Herinrichting Stationsplein" in tekst
    assert "Bewonersgroepen: 1. Ketenpartners: 1. Inwoners: 2." in tekst
    assert (
        "Groen op het plein" in tekst
        and "Onder het plein liggen kabels." in tekst
        and "Deels overgenomen" in tekst
    )
    assert "Ina Inwoner" not in tekst


def test_de_medewerkerspagina_deelt_in_en_een_collega_mag_alleen_lezen(
    client, ronde, omgevingsmanager, collega, groep, lid, django_assert_max_num_queries
):
    for _ in range(3):
        rs.reactie_inwoner_indienen(
            raadpleging=ronde,
            email=f"x{_}@example.nl",
            antwoorden=antwoorden(ronde),
            publiceren=True,
            toon_naam=False,
        )
    rs.reactie_groep_opslaan(
        raadpleging=ronde, door=lid, groep=groep, antwoorden=antwoorden(ronde), publiceren=True, naam=True
    )
    rs.raadpleging_sluiten(raadpleging=ronde, door=omgevingsmanager)
    client.force_login(omgevingsmanager)
    url = ronde.get_absolute_url()
    assert (
        client.post(reverse("participatie:thema_opslaan", args=[ronde.pk]), {"titel": "Verkeer"}).status_code
        == 302
    )
    thema = ronde.themas.get()
    reactie = Reactie.objects.get(groep=groep)
    client.post(
        reverse("participatie:reacties_indelen", args=[ronde.pk]), {f"reactie_{reactie.pk}": thema.pk}
    )
    reactie.refresh_from_db()
    assert reactie.thema == thema
    with django_assert_max_num_queries(40):
        html = client.get(url).content.decode()
    assert "Indeling opslaan" in html
    client.force_login(collega)
    assert client.get(url).status_code == 200
    assert (
        client.post(reverse("participatie:thema_opslaan", args=[ronde.pk]), {"titel": "X"}).status_code == 403
    )
