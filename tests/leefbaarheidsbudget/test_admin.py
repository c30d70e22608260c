from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from leefbaarheidsbudget.constants import Status
from tests.factories import UserFactory


def test_elk_model_staat_in_het_beheer():
    """Issue 4 and 5: Django admin for all models (the pages themselves: tests/test_beheer_toegang.py)."""
    for app in ("bewonersgroepen", "leefbaarheidsbudget"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue  # django-simple-history: shown on each object's history page
            assert model in admin.site._registry, model


def test_na_het_besluit_blijft_de_beschikking_zoals_besloten(client, aanvraag, flow, collega):
    """The decision letter is made from the application: after the decision the admin may move the
    behandelaar (recorded on the timeline), not change what was decided on."""
    superuser = UserFactory(is_staff=True, is_superuser=True)
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    client.force_login(superuser)
    url = reverse("admin:leefbaarheidsbudget_aanvraag_change", args=[aanvraag.pk])
    inlines = ("kostenposten", "bijlagen", "statuswijzigingen")
    response = client.post(
        url,
        {
            "behandelaar": collega.pk,
            "titel": "Andere titel",
            "voorwaarden": "Achteraf verzonnen voorwaarde",
            **{f"{p}-TOTAL_FORMS": "0" for p in inlines},
            **{f"{p}-INITIAL_FORMS": "0" for p in inlines},
        },
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.voorwaarden == "" and aanvraag.titel != "Andere titel"
    assert aanvraag.behandelaar == collega
    rij = aanvraag.statuswijzigingen.last()
    assert (rij.gebeurtenis, rij.door) == ("Behandelaar gewijzigd", superuser)
