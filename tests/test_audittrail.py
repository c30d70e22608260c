"""Audit trail: who changed what and when, for the records the municipality is accountable for.

Groups, memberships, agreements, assignments, applications, budgets and motions keep every version
(django-simple-history). A change made on a page goes through the app's service; the history row names the
logged-in user who made it (HistoryRequestMiddleware) and a functional admin reads it on the object's
history page in the Django admin.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from gebieden.beheerbereik import GeschiedenisAdmin
from tests.permissietabel.formulieren import formulieren

GEVOLGD = [
    "bewonersgroepen.Groep",
    "bewonersgroepen.Lidmaatschap",
    "bewonersgroepen.Samenwerkingsovereenkomst",
    "rollen.Toewijzing",
    "leefbaarheidsbudget.Budget",
    "leefbaarheidsbudget.Aanvraag",
    "raad.Motie",
]


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        pytest.fail(f"{label} bestaat niet (meer): pas GEVOLGD aan")


@pytest.mark.parametrize("label", GEVOLGD)
def test_model_heeft_geschiedenis_zichtbaar_in_het_beheer(label):
    model = _model(label)
    assert hasattr(model, "history") and model.history.model.__name__ == f"Historical{model.__name__}", (
        f"{label} heeft geen history = HistoricalRecords()"
    )
    assert model in admin.site._registry, f"{label} staat niet in het beheer"
    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), (
        f"het beheer van {label} moet SimpleHistoryAdmin gebruiken (geschiedenis per object)"
    )


def test_elk_beheer_met_geschiedenis_zet_geen_versie_terug():
    """Every admin with a history page is a GeschiedenisAdmin, which refuses to restore an old version
    (also the shared lists, such as the themes, that have no gemeente)."""
    zonder = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin) and not isinstance(model_admin, GeschiedenisAdmin)
    ]
    assert not zonder, f"gebruik GeschiedenisAdmin in plaats van SimpleHistoryAdmin: {zonder}"


def _formulier(client, pagina, action):
    response = client.get(pagina)
    assert response.status_code == 200, pagina
    [formulier] = [f for f in formulieren(response.content.decode(), pagina) if f.action == action]
    return {k: v[0] if len(v) == 1 else v for k, v in formulier.gegevens(aanvullen=False).items()}


def _wijzig_en_controleer(client, wereld, *, soort, object_, pagina, action, wijzigingen):
    gebruiker = wereld.gebruikers[soort]
    client.force_login(gebruiker)
    voor = object_.history.count()
    gegevens = _formulier(client, pagina, action) | wijzigingen
    gegevens.pop("beeindigen", None)  # the save button, not the end-membership one
    response = client.post(action, gegevens)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert object_.history.count() > voor, "geen nieuwe versie in de geschiedenis"
    laatste = object_.history.latest()
    assert laatste.history_user == gebruiker
    assert laatste.history_date is not None
    return laatste


def test_groep_wijzigen_door_lid_staat_in_de_geschiedenis(client, wereld):
    groep = wereld.objecten["groep_a"]
    url = reverse("bewonersgroepen:wijzigen", kwargs={"pk": groep.pk})
    laatste = _wijzig_en_controleer(
        client,
        wereld,
        soort="lid A",
        object_=groep,
        pagina=url,
        action=url,
        wijzigingen={"beschrijving": "Nieuwe beschrijving."},
    )
    assert laatste.beschrijving == "Nieuwe beschrijving."


def test_lidmaatschap_wijzigen_door_medewerker_staat_in_de_geschiedenis(client, wereld):
    lid = wereld.objecten["lidmaatschap_a"]
    url = reverse("bewonersgroepen:lid_wijzigen", kwargs={"pk": lid.groep_id, "lid": lid.pk})
    laatste = _wijzig_en_controleer(
        client,
        wereld,
        soort="medewerker",
        object_=lid,
        pagina=url,
        action=url,
        wijzigingen={"functie": "penningmeester", "is_contactpersoon": "on"},
    )
    assert laatste.functie == "penningmeester"


def test_overeenkomststatus_door_medewerker_staat_in_de_geschiedenis(client, wereld):
    overeenkomst = wereld.objecten["overeenkomst_a"]
    pagina = reverse("bewonersgroepen:overeenkomst", kwargs={"pk": overeenkomst.pk})
    action = reverse("bewonersgroepen:overeenkomst_status", kwargs={"pk": overeenkomst.pk})
    laatste = _wijzig_en_controleer(
        client, wereld, soort="medewerker", object_=overeenkomst, pagina=pagina, action=action, wijzigingen={}
    )
    assert laatste.status != "ter_ondertekening" or laatste.history_type == "~"


def test_motie_wijzigen_staat_in_de_geschiedenis_en_het_beheer_toont_wie(client, wereld):
    motie = wereld.objecten["motie_x"]
    url = reverse("raad:motie_wijzigen", kwargs={"pk": motie.pk})
    laatste = _wijzig_en_controleer(
        client,
        wereld,
        soort="medewerker",
        object_=motie,
        pagina=url,
        action=url,
        wijzigingen={"titel": "Een nieuwe titel"},
    )
    assert laatste.titel == "Een nieuwe titel"

    client.force_login(wereld.gebruikers["beheerder"])
    response = client.get(reverse("admin:raad_motie_history", args=[motie.pk]))
    assert response.status_code == 200
    assert "Medewerker X" in response.content.decode()
    client.force_login(wereld.gebruikers["raadslid"])
    assert client.get(reverse("admin:raad_motie_history", args=[motie.pk])).status_code == 302


def test_aanvraag_bewerken_door_lid_staat_in_de_geschiedenis(client, wereld):
    aanvraag = wereld.objecten["aanvraag_concept"]
    url = reverse("leefbaarheidsbudget:aanvraag_bewerken", kwargs={"pk": aanvraag.pk})
    laatste = _wijzig_en_controleer(
        client,
        wereld,
        soort="lid A",
        object_=aanvraag,
        pagina=url,
        action=url,
        wijzigingen={"omschrijving": "Een buurtfeest op het plein."},
    )
    assert laatste.omschrijving == "Een buurtfeest op het plein."


def test_toewijzing_aanmaken_en_beeindigen_staat_in_de_geschiedenis(client, wereld):
    from rollen.models import Toewijzing

    medewerker = wereld.medewerker
    client.force_login(medewerker)
    url = reverse("rollen:toewijzing_toevoegen")
    gegevens = _formulier(client, url, url) | {
        "rol": "beheerder",
        "medewerker": str(medewerker.pk),
        "wijk": str(wereld.wijk_x.pk),
        "kern": "",
        "project": "",
        "van": "2025-01-01",
        "tot": "",
    }
    response = client.post(url, gegevens)
    assert response.status_code == 302, response.context and response.context["form"].errors
    toewijzing = Toewijzing.objects.get(wijk=wereld.wijk_x, medewerker=medewerker)
    [aangemaakt] = toewijzing.history.all()
    assert aangemaakt.history_type == "+" and aangemaakt.history_user == medewerker

    url = reverse("rollen:toewijzing_beeindigen", kwargs={"pk": toewijzing.pk})
    laatste = _wijzig_en_controleer(
        client,
        wereld,
        soort="beheerder",
        object_=toewijzing,
        pagina=url,
        action=url,
        wijzigingen={"tot": "2025-06-30", "opvolger": ""},
    )
    assert str(laatste.tot) == "2025-06-30"


def test_toekennen_legt_het_geld_in_de_geschiedenis_van_het_budget_vast(client, wereld):
    aanvraag = wereld.objecten["aanvraag_open"]
    budget = wereld.objecten["budget_x"]
    budget.refresh_from_db()
    voor = budget.vastgelegd
    url = reverse("leefbaarheidsbudget:besluit", kwargs={"pk": aanvraag.pk})
    _wijzig_en_controleer(
        client,
        wereld,
        soort="medewerker",
        object_=aanvraag,
        pagina=url,
        action=url,
        wijzigingen={"besluit": "toekennen", "bedrag": "250,00", "motivering": "Past in de regeling."},
    )
    versie = budget.history.latest()
    assert versie.vastgelegd == voor + 250
    assert versie.history_user == wereld.medewerker
    assert versie.history_change_reason == "€ 250,00 vastgelegd"


@pytest.mark.parametrize("label", GEVOLGD)
def test_functioneel_beheerder_leest_de_geschiedenis_van_elk_gevolgd_object(client, wereld, label):
    model = _model(label)
    object_ = model._default_manager.order_by("pk").first()
    assert object_ is not None, f"de wereld heeft geen {label}"
    object_.save()  # one more version, made by someone the page must name
    versies = object_.history.count()
    assert versies >= 1
    info = (model._meta.app_label, model._meta.model_name)
    url = reverse("admin:{}_{}_history".format(*info), args=[object_.pk])

    client.force_login(wereld.gebruikers["beheerder"])
    response = client.get(url)
    assert response.status_code == 200
    # SimpleHistoryAdmin lists each version with a link to it.
    assert response.text.count("/history/") >= versies
    for soort in ("medewerker", "raadslid", "lid A"):
        client.force_login(wereld.gebruikers[soort])
        assert client.get(url).status_code == 302, soort  # to the admin's log-in page


@pytest.mark.parametrize(
    "sleutel, naam",
    [
        ("aanvraag_open", "leefbaarheidsbudget_aanvraag"),
        ("overeenkomst_a", "bewonersgroepen_samenwerkingsovereenkomst"),
    ],
)
def test_beheer_toont_oude_versies_maar_zet_ze_niet_terug(client, wereld, sleutel, naam):
    """Restoring a version would put back an old status or amount without a transition in the history."""
    object_ = wereld.objecten[sleutel]
    status = object_.status
    versie = object_.history.order_by("history_id").first()
    client.force_login(wereld.gebruikers["beheerder"])
    url = reverse(f"admin:{naam}_simple_history", args=[object_.pk, versie.history_id])
    response = client.get(url)
    assert response.status_code == 200 and response.context["revert_disabled"] is True
    aantal = object_.history.count()
    assert client.post(url, {}).status_code == 403
    object_.refresh_from_db()
    assert object_.status == status and object_.history.count() == aantal
