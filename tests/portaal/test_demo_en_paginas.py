import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from gebieden.models import Buurt, Gemeente, Kern, Wijk


@pytest.mark.django_db
def test_load_demo_vult_de_gebieden_en_print_de_logins(capsys):
    call_command("load_demo")  # running it again changes no row: test_load_demo_twee_keer_verandert_...
    eerste = capsys.readouterr().out
    sv = Gemeente.objects.get(code="GM1904")
    assert sv.kernen.count() == 12
    assert Kern.objects.filter(gemeente__code="GM1783").count() == 11  # Heenweg has no wijk of its own
    assert Kern.objects.filter(gemeente__code="GM0736").count() == 8
    assert Buurt.objects.filter(wijk__gemeente=sv).count() == 97
    assert Wijk.objects.get(code="WK190412").kern.naam == "Maarssenbroek"
    for email in ("medewerker@", "lid@", "raadslid@", "beheer@"):
        assert email in eerste
    assert "Gebiedsportaal-demo-2026" in eerste


@pytest.mark.django_db
def test_demo_logins_werken(client):
    call_command("load_demo")
    assert client.login(username="medewerker@demo.gebiedsportaal.nl", password="Gebiedsportaal-demo-2026")


@pytest.mark.parametrize(
    "naam", ["portaal:home", "portaal:toegankelijkheid", "portaal:privacy", "login", "password_reset"]
)
def test_openbare_paginas(client, db, naam):
    response = client.get(reverse(naam))
    assert response.status_code == 200
    assert '<html lang="nl">' in response.text
    assert 'href="#inhoud"' in response.text


def test_404_pagina_in_het_nederlands(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


@pytest.mark.django_db
def test_load_demo_twee_keer_verandert_geen_enkele_rij():
    """Harmless means: the second run adds, removes or changes no row of any table, history included."""
    from tests.permissietabel.formulieren import momentopname, verschil

    call_command("load_demo", stdout=io.StringIO())
    voor = momentopname()
    call_command("load_demo", stdout=io.StringIO())
    assert verschil(voor, momentopname()) == []


@pytest.mark.django_db
def test_load_demo_laat_wat_iemand_ermee_deed_staan():
    """Someone hands over an adviseur's kern and fills the deliberate gap; a new run keeps both."""
    import datetime

    from rollen.constants import Rol
    from rollen.demo import GAT_WIJK
    from rollen.models import Toewijzing
    from rollen.selectors import dekking, houder
    from rollen.services import toewijzing_aanmaken, toewijzing_beeindigen

    call_command("load_demo", stdout=io.StringIO())
    vandaag = datetime.date.today()
    kockengen = Kern.objects.get(naam="Kockengen")
    vertrekker = houder(Rol.ADVISEUR, kern=kockengen)
    opvolger = User.objects.get(email="ahmed.benali@stichtsevecht.demo")
    toewijzing_beeindigen(toewijzing=vertrekker, tot=vandaag, opvolger=opvolger)
    gat = Wijk.objects.get(code=GAT_WIJK)
    nieuwe_beheerder = toewijzing_aanmaken(
        rol=Rol.BEHEERDER, wijk=gat, medewerker=opvolger, van=vandaag - datetime.timedelta(days=5)
    )

    call_command("load_demo", stdout=io.StringIO())

    morgen = vandaag + datetime.timedelta(days=1)
    assert houder(Rol.ADVISEUR, kern=kockengen, op=morgen).medewerker == opvolger
    assert Toewijzing.objects.get(pk=vertrekker.pk).tot == vandaag
    assert houder(Rol.BEHEERDER, wijk=gat) == nieuwe_beheerder
    assert dekking(gat.gemeente).nu == []
