"""The Django admin of the areas, as a functional admin (not a superuser) uses it."""

import json

import pytest
from django.urls import reverse

from gebieden.models import Wijk
from tests.factories import GemeenteFactory, KernFactory, WijkFactory


@pytest.fixture
def beheer(client, beheerder):
    client.force_login(beheerder)
    return client


def test_lijsten_zoeken_en_filteren(beheer, wijk):
    zonder_kern = WijkFactory(kern=None, gemeente=wijk.gemeente, code="WK190499", naam="Wijk 99 Nergens")
    lijst = reverse("admin:gebieden_wijk_changelist")
    gevonden = beheer.get(lijst, {"q": "WK190499"}).text
    assert "Wijk 99 Nergens" in gevonden and "Wijk 02 Breukelen" not in gevonden
    wachtend = beheer.get(lijst, {"kern__isempty": "1"}).text  # wijken that still wait for a kern
    assert "Wijk 99 Nergens" in wachtend and "Wijk 02 Breukelen" not in wachtend
    for model in ("gemeente", "kern", "wijk", "buurt", "gebiedsprofiel"):
        assert (
            beheer.get(reverse(f"admin:gebieden_{model}_changelist"), {"q": "Breukelen"}).status_code == 200
        )
    assert beheer.get(reverse("admin:gebieden_gemeente_changelist"), {"cbs_jaar": "2024"}).status_code == 200
    assert zonder_kern.kern is None


def test_kern_kiezen_met_autocomplete(beheer, kern):
    KernFactory(gemeente=kern.gemeente, naam="Loenen")
    response = beheer.get(
        reverse("admin:autocomplete"),
        {"app_label": "gebieden", "model_name": "wijk", "field_name": "kern", "term": "breu"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in json.loads(response.content)["results"]] == ["Breukelen"]


def test_kernen_van_wijken_in_de_lijst_toewijzen(beheer, kern):
    gemeente = kern.gemeente
    eerste = WijkFactory(kern=None, gemeente=gemeente, code="WK190411", naam="Wijk 11")
    tweede = WijkFactory(kern=None, gemeente=gemeente, code="WK190412", naam="Wijk 12")
    lijst = reverse("admin:gebieden_wijk_changelist")

    def opslaan(kern_pk):
        return beheer.post(
            lijst + "?kern__isempty=1",
            {
                "form-TOTAL_FORMS": "2",
                "form-INITIAL_FORMS": "2",
                "form-0-id": eerste.pk,
                "form-0-kern": kern_pk,
                "form-1-id": tweede.pk,
                "form-1-kern": kern.pk,
                "_save": "Opslaan",
            },
        )

    andere_gemeente = KernFactory(gemeente=GemeenteFactory(code="GM0736"), naam="Mijdrecht")
    response = opslaan(andere_gemeente.pk)
    # The admin of one gemeente cannot even choose another gemeente's kern (gebieden.beheerbereik); the
    # model's own rule ("hoort bij een andere gemeente") is what a superuser would meet.
    assert response.status_code == 200 and "Selecteer een geldige keuze" in response.text
    assert not Wijk.objects.filter(kern__isnull=False, code__in=["WK190411", "WK190412"]).exists()

    assert opslaan(kern.pk).status_code == 302
    assert set(Wijk.objects.filter(kern=kern).values_list("code", flat=True)) >= {"WK190411", "WK190412"}
