"""The demo's roles: every area covered but one deliberate gap, contacts and projects."""

from django.urls import reverse

from gebieden.models import Gemeente
from rollen.constants import Rol
from rollen.demo import PROJECTEN
from rollen.models import Project, Toewijzing
from rollen.selectors import contactpersonen, dekking


def test_demo_dekt_elk_gebied_op_een_bewust_gat_na(client, demo):
    sv = Gemeente.objects.get(code="GM1904")
    gaten = dekking(sv).nu
    assert [(g.gebied.naam, g.rol) for g in gaten] == [("Wijk 11 Oud Zuilen", Rol.BEHEERDER)]
    for kern in sv.kernen.all():
        contacten = contactpersonen(kern)
        assert contacten.namen(Rol.ADVISEUR) and contacten.namen(Rol.WIJKWETHOUDER), kern.naam
        assert all(
            c.email.endswith(("@stichtsevecht.demo", "@demo.gebiedsportaal.nl"))
            for r in contacten.per_rol
            for c in r.contacten
            if c.naam
        )
    demo_projecten = Project.objects.filter(gemeente=sv, naam__in=[p["naam"] for p in PROJECTEN])
    assert demo_projecten.count() == 2
    assert all(p.stappen.count() >= 2 and p.omgevingsmanager for p in demo_projecten)
    login = "medewerker@demo.gebiedsportaal.nl"
    assert Toewijzing.objects.filter(medewerker__email=login, rol=Rol.ADVISEUR).count() == 3
    client.login(username=login, password="Gebiedsportaal-demo-2026")
    assert "Wijk 11 Oud Zuilen" in client.get(reverse("rollen:dekking")).text
