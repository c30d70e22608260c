"""Flat query counts on every list of the API: a page costs the same number of queries with 2 objects of
each kind as with 12 (related areas, members, managers fetched per page, never per object)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gebiedsagenda.constants import NieuwsStatus
from gebiedsagenda.models import Nieuwsbericht
from leefbaarheidsbudget.constants import Status
from rollen.constants import Rol
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import BuurtFactory, KernFactory, UserFactory, WijkFactory
from tests.gebiedsagenda.factories import OpgaveFactory
from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, KernplafondFactory
from tests.meldingen.factories import MeldingFactory
from tests.rollen.factories import ProjectFactory, ToewijzingFactory

pytestmark = pytest.mark.django_db

LIJSTEN = [
    "/api/v1/gemeenten",
    "/api/v1/kernen",
    "/api/v1/wijken",
    "/api/v1/buurten",
    "/api/v1/contactpersonen",
    "/api/v1/bewonersgroepen",
    "/api/v1/opgaven",
    "/api/v1/nieuws",
    "/api/v1/budgetcijfers",
    "/api/v1/meldingen",
    "/api/v1/projecten",
]


def _vul(gemeente, aantal: int) -> None:
    budget = BudgetFactory(gemeente=gemeente, jaar=timezone.localdate().year)
    for _ in range(aantal):
        kern = KernFactory(gemeente=gemeente)
        wijk = WijkFactory(kern=kern, gemeente=gemeente)
        BuurtFactory(wijk=wijk)
        KernplafondFactory(budget=budget, kern=kern, plafond=Decimal("1000.00"))
        ToewijzingFactory(rol=Rol.ADVISEUR, kern=kern)
        groep = GroepFactory(gemeente=gemeente, kernen=[kern], wijken=[wijk])
        LidmaatschapFactory(groep=groep)
        AanvraagFactory(groep=groep, kern=kern, status=Status.TOEGEKEND, toegekend_bedrag=Decimal("10.00"))
        OpgaveFactory(agenda__kern=kern)
        bericht = Nieuwsbericht.objects.create(
            gemeente=gemeente,
            titel="Nieuws",
            tekst="Tekst",
            status=NieuwsStatus.GEPUBLICEERD,
            auteur=UserFactory(),
            gepubliceerd_op=timezone.now(),
        )
        bericht.kernen.add(kern)
        bericht.wijken.add(wijk)
        MeldingFactory(gemeente=gemeente, kern=kern, wijk=wijk)
        project = ProjectFactory(gemeente=gemeente)
        project.kernen.add(kern)
        project.wijken.add(wijk)
        ToewijzingFactory(omgevingsmanager=True, project=project, medewerker__gemeente=gemeente)


def _aantal(client, adres) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(adres)
    assert response.status_code == 200
    return len(queries)


def test_vaste_aantallen_bij_twee_groottes(client, gemeente):
    _vul(gemeente, 2)
    klein = {adres: _aantal(client, adres) for adres in LIJSTEN}
    _vul(gemeente, 10)
    groot = {adres: _aantal(client, adres) for adres in LIJSTEN}
    assert groot == klein
    # And each list stays small: a count, a page and at most a few prefetches.
    assert max(klein.values()) <= 5, klein
