import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leefbaarheidsbudget.models import Budget, Kernplafond
from tests.factories import WACHTWOORD, KernFactory, WijkFactory


def _login(client, user):
    assert client.login(username=user.email, password=WACHTWOORD)
    return client


def _csv(response) -> list[list[str]]:
    tekst = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


@pytest.fixture
def twee_kernen(gemeente):
    """Breukelen (ceiling 4000, 1500 held, 2 wijken 1000+500 inhabitants) and Loenen (no ceiling, 250)."""
    breukelen = KernFactory(gemeente=gemeente, naam="Breukelen", slug="breukelen")
    loenen = KernFactory(gemeente=gemeente, naam="Loenen", slug="loenen")
    WijkFactory(kern=breukelen, inwoners=1000)
    WijkFactory(kern=breukelen, inwoners=500)
    WijkFactory(kern=loenen, inwoners=250)
    gemeente.inwoners = 10000
    gemeente.save()
    budget = Budget.objects.create(gemeente=gemeente, jaar=2025, totaal=Decimal("10000.00"), vastgelegd=Decimal("2500.00"))
    Kernplafond.objects.create(budget=budget, kern=breukelen, plafond=Decimal("4000.00"), vastgelegd=Decimal("1500.00"))
    return breukelen, loenen


def test_geld_per_kern_en_totaal(client, raadslid, twee_kernen):
    response = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": 2025})
    assert response.status_code == 200
    figuur = response.context["dashboard"].figuur("geld")
    breukelen, loenen = figuur.rijen
    assert breukelen.waarden == {
        "budget": Decimal("4000.00"),
        "vastgelegd": Decimal("1500.00"),
        "vrij": Decimal("2500.00"),
        "per_inwoner": Decimal("1.00"),  # 1500 / 1500 inhabitants
    }
    assert loenen.waarden["budget"] is None
    assert figuur.totaal.waarden["vrij"] == Decimal("7500.00")
    assert figuur.totaal.waarden["per_inwoner"] == Decimal("0.25")  # 2500 / 10000
    assert "€ 7.500,00" in response.text
