"""The regulation's conditions as a checklist before a group starts (issue 18, item 10b): shown on the start
page and on the form; "Ik heb de voorwaarden gelezen" is stored with its moment and needed to submit, not
to save a concept."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from leefbaarheidsbudget import services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.voorwaarden import NIET_GELEZEN, voorwaarden

from .factories import AanvraagFactory

pytestmark = pytest.mark.django_db


def alle_punten(blokken) -> str:
    return "\n".join(f"{b.kop}: " + " ".join(b.punten) for b in blokken)


def test_de_lijst_noemt_de_regels_en_de_cijfers_van_de_regeling(regeling):
    regeling.max_per_aanvraag = Decimal("2000")
    regeling.minimale_voorbereiding_dagen = 42
    tekst = alle_punten(voorwaarden(regeling))
    for stuk in [
        "Waar is het geld voor?",
        "Waar is het geld niet voor?",
        "Niet voor eten en drinken.",
        "Niet voor speeltoestellen.",
        "meer mensen dan één straat",
        "eigen bijdrage",
        "minstens zes weken vóór de activiteit",
        "beslist binnen acht weken",
        "hoogstens € 2.000,00 per aanvraag",
        "€ 500,00 of minder",  # settled at once (the fixture's regulation)
        "binnen dertien weken",
        "verantwoording",
        "Bewaar de bonnetjes",
        "vergunningen",
    ]:
        assert stuk in tekst, stuk


def test_zonder_regeling_de_algemene_regels():
    tekst = alle_punten(voorwaarden(None))
    assert "zes weken" in tekst and "per aanvraag" not in tekst


def test_concept_kan_zonder_vinkje_indienen_niet(groep, lid, budget, kern):
    aanvraag = services.aanvraag_aanmaken(groep=groep, door=lid, titel="Burendag")
    assert aanvraag.voorwaarden_gelezen_op is None
    volledig = AanvraagFactory(groep=groep, kern=kern, voorwaarden_gelezen_op=None)
    services.aanvraag_bijwerken(
        aanvraag=volledig,
        door=lid,
        gegevens={"titel": "Anders"},
        kostenposten=[services.Kostenregel("Tent", Decimal("1000"))],
    )
    fouten = services.toetsen(volledig)
    assert fouten == {"voorwaarden_gelezen": [NIET_GELEZEN]}
    with pytest.raises(services.ValidationError) as fout:
        services.aanvraag_indienen(aanvraag=volledig, door=lid)
    assert fout.value.message_dict == {"voorwaarden_gelezen": [NIET_GELEZEN]}


def test_het_vinkje_wordt_bewaard_met_het_moment_en_blijft(groep, lid, budget, kern):
    aanvraag = AanvraagFactory(groep=groep, kern=kern, voorwaarden_gelezen_op=None)
    voor = timezone.now()
    regels = [services.Kostenregel("Tent", Decimal("1000"))]
    services.aanvraag_bijwerken(
        aanvraag=aanvraag, door=lid, gegevens={"voorwaarden_gelezen": True}, kostenposten=regels
    )
    aanvraag.refresh_from_db()
    moment = aanvraag.voorwaarden_gelezen_op
    assert moment is not None and moment >= voor
    services.aanvraag_bijwerken(
        aanvraag=aanvraag, door=lid, gegevens={"voorwaarden_gelezen": False}, kostenposten=regels
    )
    aanvraag.refresh_from_db()
    assert aanvraag.voorwaarden_gelezen_op == moment
    assert services.aanvraag_indienen(aanvraag=aanvraag, door=lid).status == Status.INGEDIEND


def test_startpagina_toont_de_lijst_en_bewaart_het_vinkje(client, groep, lid, budget):
    client.force_login(lid)
    pagina = client.get(reverse("leefbaarheidsbudget:aanvraag_nieuw")).content.decode()
    assert "Lees eerst de voorwaarden" in pagina and "Niet voor eten en drinken." in pagina
    assert "Ik heb de voorwaarden gelezen" in pagina
    client.post(
        reverse("leefbaarheidsbudget:aanvraag_nieuw"),
        {"groep": groep.pk, "titel": "Met vinkje", "voorwaarden_gelezen": "on"},
    )
    client.post(reverse("leefbaarheidsbudget:aanvraag_nieuw"), {"groep": groep.pk, "titel": "Zonder vinkje"})
    met, zonder = (groep.aanvragen.get(titel=t) for t in ("Met vinkje", "Zonder vinkje"))
    assert met.voorwaarden_gelezen_op is not None and zonder.voorwaarden_gelezen_op is None


def test_formulier_vraagt_het_vinkje_tot_het_er_is(client, groep, lid, budget, kern):
    aanvraag = AanvraagFactory(groep=groep, kern=kern, voorwaarden_gelezen_op=None)
    url = reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk])
    client.force_login(lid)
    pagina = client.get(url).content.decode()
    assert (
        "Lees de voorwaarden van het leefbaarheidsbudget" in pagina and 'name="voorwaarden_gelezen"' in pagina
    )
    data = {
        "versie": aanvraag.versie,
        "titel": aanvraag.titel,
        "omschrijving": aanvraag.omschrijving,
        "doel": aanvraag.doel,
        "kern": kern.pk,
        "datum_van": aanvraag.datum_van.isoformat(),
        "verwacht_aantal_deelnemers": "80",
        "eigen_bijdrage": "100",
        "kosten-TOTAL_FORMS": "1",
        "kosten-INITIAL_FORMS": "0",
        "kosten-0-omschrijving": "Tent",
        "kosten-0-bedrag": "1000",
        "indienen": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert NIET_GELEZEN in response.context["form"].errors["voorwaarden_gelezen"]
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT
    response = client.post(url, {**data, "voorwaarden_gelezen": "on"})
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGEDIEND and aanvraag.voorwaarden_gelezen_op is not None
    # Once ticked, the form no longer asks; it says when.
    nieuw = AanvraagFactory(groep=groep, kern=kern)
    pagina = client.get(reverse("leefbaarheidsbudget:aanvraag_bewerken", args=[nieuw.pk])).content.decode()
    assert 'name="voorwaarden_gelezen"' not in pagina and "De voorwaarden zijn gelezen op" in pagina
