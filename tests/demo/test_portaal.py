"""What load_demo puts in the portal and prints, and that running it again is harmless."""

import io

from django.core.management import call_command

from accounts.models import User
from gebieden.models import Buurt, Gemeente, Kern, Wijk


def test_load_demo_vult_de_gebieden_en_print_de_logins(demo):
    # Running it again changes no row: test_load_demo_twee_keer_verandert_geen_enkele_rij.
    eerste = demo
    sv = Gemeente.objects.get(code="GM1904")
    assert sv.kernen.count() == 12
    assert Kern.objects.filter(gemeente__code="GM1783").count() == 11  # Heenweg has no wijk of its own
    assert Kern.objects.filter(gemeente__code="GM0736").count() == 8
    assert Buurt.objects.filter(wijk__gemeente=sv).count() == 97
    assert Wijk.objects.get(code="WK190412").kern.naam == "Maarssenbroek"
    for email in ("medewerker@", "lid@", "raadslid@", "beheer@"):
        assert email in eerste
    assert "Gebiedsportaal-demo-2026" in eerste


def test_demo_logins_werken(client, demo):
    assert client.login(username="medewerker@demo.gebiedsportaal.nl", password="Gebiedsportaal-demo-2026")


def test_load_demo_twee_keer_verandert_geen_enkele_rij(demo):
    """Harmless means: the second run adds, removes or changes no row of any table, history included."""
    from tests.permissietabel.formulieren import momentopname, verschil

    voor = momentopname()
    call_command("load_demo", stdout=io.StringIO())
    assert verschil(voor, momentopname()) == []


def test_load_demo_laat_wat_iemand_ermee_deed_staan(demo):
    """Someone hands over an adviseur's kern and fills the deliberate gap; a new run keeps both."""
    import datetime

    from rollen.constants import Rol
    from rollen.demo import GAT_WIJK
    from rollen.models import Toewijzing
    from rollen.selectors import dekking, houder
    from rollen.services import toewijzing_aanmaken, toewijzing_beeindigen

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
