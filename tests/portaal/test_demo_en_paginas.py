import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from gebieden.models import Buurt, Gemeente, Kern, Wijk


@pytest.mark.django_db
def test_load_demo_twee_keer(capsys):
    call_command("load_demo")
    eerste = capsys.readouterr().out
    tellingen = [M.objects.count() for M in (Gemeente, Kern, Wijk, Buurt, User)]
    call_command("load_demo")
    assert [M.objects.count() for M in (Gemeente, Kern, Wijk, Buurt, User)] == tellingen
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
