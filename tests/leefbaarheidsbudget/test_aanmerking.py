"""Which groups may apply: decided in one place (`leefbaarheidsbudget.aanmerking`) from the year's
regulation, by default only activiteitencommissies, and explained wherever a group meets it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse

from bewonersgroepen.constants import Groepsoort
from leefbaarheidsbudget import services
from leefbaarheidsbudget.aanmerking import komt_in_aanmerking
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import UserFactory

from .conftest import JAAR
from .factories import AanvraagFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "soort,verwacht,tekst",
    [
        ({}, True, ""),
        ({"bewonersgroep": True}, False, "via haar samenwerkingsovereenkomst"),
        ({"projectcommissie": True}, False, "budget van haar project"),
        ({"themacommissie": True}, False, "kan geen geld aanvragen"),
    ],
)
def test_standaard_mag_alleen_een_activiteitencommissie(gemeente, regeling, soort, verwacht, tekst):
    mag, uitleg = komt_in_aanmerking(GroepFactory(gemeente=gemeente, **soort))
    assert mag is verwacht and tekst in uitleg and (uitleg == "") is mag


def test_zonder_regeling_geldt_de_standaard(gemeente):
    assert komt_in_aanmerking(GroepFactory(gemeente=gemeente))[0]
    assert not komt_in_aanmerking(GroepFactory(gemeente=gemeente, bewonersgroep=True))[0]


def test_alleen_een_actieve_groep(gemeente, regeling):
    mag, uitleg = komt_in_aanmerking(GroepFactory(gemeente=gemeente, aangemeld=True))
    assert not mag and "actieve groep" in uitleg


def test_de_regeling_beslist_welke_soorten_mogen(gemeente, kern, regeling, budget):
    """A regulation that also admits projectcommissies (and, here, no longer activiteitencommissies)."""
    regeling.aanvragers = [Groepsoort.PROJECTCOMMISSIE]
    regeling.full_clean()
    regeling.save()
    commissie = GroepFactory(gemeente=gemeente, kernen=[kern], projectcommissie=True)
    activiteiten = GroepFactory(gemeente=gemeente, kernen=[kern])
    assert komt_in_aanmerking(commissie) == (True, "")
    mag, uitleg = komt_in_aanmerking(activiteiten)
    assert not mag and "Volgens de regeling" in uitleg

    lid = LidmaatschapFactory(groep=commissie).gebruiker
    assert (
        services.aanvraag_aanmaken(groep=commissie, door=lid, titel="Onderhoud park").status == Status.CONCEPT
    )
    aanvraag = AanvraagFactory(groep=commissie, kern=kern)  # a complete one
    assert services.aanvraag_indienen(aanvraag=aanvraag, door=lid).status == Status.INGEDIEND

    ander = LidmaatschapFactory(groep=activiteiten).gebruiker
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_aanmaken(groep=activiteiten, door=ander, titel="Buurtfeest")
    assert "Volgens de regeling" in fout.value.message_dict["groep"][0]
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_indienen(aanvraag=AanvraagFactory(groep=activiteiten, kern=kern), door=ander)
    assert "Volgens de regeling" in fout.value.message_dict[NON_FIELD_ERRORS][0]


def test_regeling_kent_alleen_bestaande_soorten(gemeente, regeling):
    regeling.aanvragers = ["voetbalclub"]
    with pytest.raises(ValidationError) as fout:
        regeling.full_clean()
    assert "aanvragers" in fout.value.message_dict


def test_na_de_sluitingsdatum_geldt_de_regeling_van_volgend_jaar(gemeente, regeling, monkeypatch):
    from leefbaarheidsbudget import aanmerking

    from .factories import RegelingFactory

    regeling.sluitingsdatum = datetime.date(JAAR, 10, 1)
    regeling.save()
    RegelingFactory(gemeente=gemeente, jaar=JAAR + 1, aanvragers=[Groepsoort.BEWONERSGROEP])
    dorpsraad = GroepFactory(gemeente=gemeente, bewonersgroep=True)
    monkeypatch.setattr(aanmerking.timezone, "localdate", lambda: datetime.date(JAAR, 10, 2))
    assert komt_in_aanmerking(dorpsraad) == (True, "")


@pytest.mark.parametrize("volgend_jaar", [True, False])
def test_begrotingsjaar_en_regeling_in_een_query(gemeente, regeling, django_assert_num_queries, volgend_jaar):
    from leefbaarheidsbudget.selectors import begrotingsjaar_en_regeling

    from .factories import RegelingFactory

    regeling.sluitingsdatum = datetime.date(JAAR, 10, 1)
    regeling.save()
    volgende = RegelingFactory(gemeente=gemeente, jaar=JAAR + 1) if volgend_jaar else None
    for dag, verwacht in [
        (datetime.date(JAAR, 9, 30), (JAAR, regeling)),
        (datetime.date(JAAR, 10, 2), (JAAR + 1, volgende or regeling)),  # a regulation stays until replaced
        (datetime.date(JAAR + 1, 3, 1), (JAAR + 1, volgende or regeling)),
    ]:
        with django_assert_num_queries(1):
            assert begrotingsjaar_en_regeling(gemeente=gemeente, op=dag) == verwacht, dag


@pytest.mark.parametrize(
    "soort,tekst",
    [
        ({"bewonersgroep": True}, "via haar samenwerkingsovereenkomst"),
        ({"projectcommissie": True}, "budget van haar project"),
        ({"themacommissie": True}, "kan geen geld aanvragen"),
        ({}, "Deze groep kan geld aanvragen uit het leefbaarheidsbudget."),
    ],
)
def test_groepspagina_legt_uit_of_de_groep_geld_kan_aanvragen(client, gemeente, regeling, soort, tekst):
    groep = GroepFactory(gemeente=gemeente, **soort)
    lid = LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker
    client.force_login(lid)
    assert tekst in client.get(groep.get_absolute_url()).text


def test_beheerder_kiest_wie_mag_aanvragen(client, gemeente, regeling):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:leefbaarheidsbudget_regeling_change", args=[regeling.pk])
    data = {
        "gemeente": gemeente.pk,
        "jaar": regeling.jaar,
        "max_per_aanvraag": "10000",
        "max_per_groep_per_jaar": "20000",
        "minimale_voorbereiding_dagen": "42",
        "beslistermijn_weken": "8",
        "direct_vaststellen_tot": "500",
        "sluitingsdatum": "",
        "aanvragers": [Groepsoort.ACTIVITEITENCOMMISSIE, Groepsoort.THEMACOMMISSIE],
        "vier_ogen": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    regeling.refresh_from_db()
    assert regeling.aanvragers == [Groepsoort.ACTIVITEITENCOMMISSIE, Groepsoort.THEMACOMMISSIE]
    assert regeling.direct_vaststellen_tot == Decimal("500")
    assert not Aanvraag.objects.exists()
