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
            if model.__name__ == "Groepaanmelding":
                continue  # unconfirmed registration (double opt-in): no one at the gemeente sees it yet
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


def _regeling_formulier(regeling, **wijzigingen):
    gegevens = {
        "gemeente": regeling.gemeente_id,
        "jaar": regeling.jaar,
        "max_per_aanvraag": regeling.max_per_aanvraag,
        "max_per_groep_per_jaar": regeling.max_per_groep_per_jaar,
        "minimale_voorbereiding_dagen": regeling.minimale_voorbereiding_dagen,
        "beslistermijn_weken": regeling.beslistermijn_weken,
        "direct_vaststellen_tot": regeling.direct_vaststellen_tot,
        "aanvragers": regeling.aanvragers,
        "vier_ogen": "on" if regeling.vier_ogen else "",
    }
    gegevens.update(wijzigingen)
    return {k: v for k, v in gegevens.items() if v not in ("", None)}


def test_alleen_een_superbeheerder_zet_het_vier_ogenprincipe_uit(client, beheerder, regeling):
    """Issue 15: a functional admin cannot switch four-eyes off, not in an existing regulation nor in a new one."""
    client.force_login(beheerder)
    url = reverse("admin:leefbaarheidsbudget_regeling_change", args=[regeling.pk])
    response = client.post(url, _regeling_formulier(regeling, vier_ogen=""))
    assert response.status_code == 200
    assert "Alleen een superbeheerder" in str(response.context["adminform"].form.errors["vier_ogen"])
    regeling.refresh_from_db()
    assert regeling.vier_ogen
    nieuw = _regeling_formulier(regeling, jaar=regeling.jaar + 1, vier_ogen="")
    response = client.post(reverse("admin:leefbaarheidsbudget_regeling_add"), nieuw)
    assert response.status_code == 200 and "vier_ogen" in response.context["adminform"].form.errors
    assert client.post(url, _regeling_formulier(regeling, max_per_aanvraag="900.00")).status_code == 302


def test_een_superbeheerder_zet_het_uit_met_naam_in_de_geschiedenis_en_het_log(client, caplog, regeling):
    baas = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(baas)
    url = reverse("admin:leefbaarheidsbudget_regeling_change", args=[regeling.pk])
    with caplog.at_level("WARNING", logger="gebiedsportaal.beheer"):
        assert client.post(url, _regeling_formulier(regeling, vier_ogen="")).status_code == 302
    regeling.refresh_from_db()
    assert not regeling.vier_ogen
    versie = regeling.history.latest()
    assert versie.history_user == baas and versie.history_change_reason == "Vier-ogenprincipe uitgezet"
    (regel,) = [r for r in caplog.records if r.name == "gebiedsportaal.beheer"]
    assert (
        "Vier-ogenprincipe uitgezet" in regel.getMessage() and f"gebruiker id {baas.pk}" in regel.getMessage()
    )


def test_een_beheerder_zet_het_vier_ogenprincipe_weer_aan(client, beheerder, regeling):
    regeling.vier_ogen = False
    regeling.save()
    client.force_login(beheerder)
    url = reverse("admin:leefbaarheidsbudget_regeling_change", args=[regeling.pk])
    assert client.post(url, _regeling_formulier(regeling, vier_ogen="on")).status_code == 302
    regeling.refresh_from_db()
    assert regeling.vier_ogen
