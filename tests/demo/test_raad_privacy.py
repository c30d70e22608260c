"""No personal data reaches a raadslid or the public: names and e-mail addresses of the demo data
must not appear on the council pages or the open figures (issue 6, item 5)."""

from django.apps import apps
from django.db import models
from django.urls import reverse

from accounts.models import User
from raad.models import Motie

# (app, model, field) holding names of people; e-mail addresses are found in every EmailField.
NAAMVELDEN = [
    ("accounts", "User", "naam"),
    ("bewonersgroepen", "Uitnodiging", "naam"),
    ("bewonersgroepen", "Groep", "aanmelder_naam"),
]


def persoonsgegevens(behalve: User | None) -> set[str]:
    gevonden = set()
    for app, model, veld in NAAMVELDEN:
        try:
            Model = apps.get_model(app, model)
        except LookupError:
            continue
        gevonden |= set(Model.objects.exclude(**{veld: ""}).values_list(veld, flat=True))
    for Model in apps.get_models():
        for veld in Model._meta.get_fields():
            if isinstance(veld, models.EmailField) and not veld.model._meta.abstract:
                gevonden |= set(Model.objects.exclude(**{veld.name: ""}).values_list(veld.name, flat=True))
    if behalve:  # the page header shows the logged-in user's own name
        gevonden -= {behalve.naam, behalve.email}
    return {g for g in gevonden if g}


def test_geen_namen_of_e_mailadressen_op_raads_en_openbare_paginas(client, demo):
    raadslid = User.objects.get(email="raadslid@demo.gebiedsportaal.nl")
    motie = Motie.objects.get(nummer="M-31")
    paginas = [
        reverse("raad:dashboard"),
        reverse("raad:dashboard_csv"),
        reverse("raad:kaart"),
        reverse("raad:moties"),
        motie.get_absolute_url(),
    ]
    openbaar = [
        reverse("raad:transparantie") + "?gemeente=stichtse-vecht",
        reverse("raad:transparantie_csv") + "?gemeente=stichtse-vecht",
    ]
    jaren = sorted({*range(2024, 2028)})

    def controleer(urls, gegevens):
        assert gegevens, "de demo hoort persoonsgegevens te bevatten om op te controleren"
        for url in urls:
            for jaar in jaren:
                scheiding = "&" if "?" in url else "?"
                response = client.get(f"{url}{scheiding}jaar={jaar}")
                assert response.status_code == 200, url
                tekst = response.content.decode("utf-8-sig")
                gelekt = sorted(g for g in gegevens if g in tekst)
                assert not gelekt, f"{url} (jaar {jaar}) toont {gelekt}"

    gegevens = persoonsgegevens(None)
    assert {"Pieter Jansen", "lid@demo.gebiedsportaal.nl"} <= gegevens  # the demo's group member
    controleer(openbaar, gegevens)
    client.force_login(raadslid)
    controleer(paginas + openbaar, persoonsgegevens(raadslid))
