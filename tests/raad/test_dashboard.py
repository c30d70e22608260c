import csv
import io
from decimal import Decimal

import pytest
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
    budget = Budget.objects.create(
        gemeente=gemeente, jaar=2025, totaal=Decimal("10000.00"), vastgelegd=Decimal("2500.00")
    )
    Kernplafond.objects.create(
        budget=budget, kern=breukelen, plafond=Decimal("4000.00"), vastgelegd=Decimal("1500.00")
    )
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


def test_gebieden_zonder_contactpersoon(client, raadslid, gemeente, twee_kernen):
    import datetime

    from django.utils import timezone

    from rollen.constants import Rol
    from tests.rollen.factories import ToewijzingFactory

    breukelen, loenen = twee_kernen
    vandaag = timezone.localdate()
    wijk_b1, wijk_b2 = breukelen.wijken.order_by("pk")
    (wijk_l,) = loenen.wijken.all()
    ToewijzingFactory(kern=breukelen, rol=Rol.ADVISEUR, van=vandaag - datetime.timedelta(days=10))
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk_b1, van=vandaag - datetime.timedelta(days=10))
    ToewijzingFactory(
        beheerder_wijk=True,
        wijk=wijk_l,
        van=vandaag - datetime.timedelta(days=10),
        tot=vandaag + datetime.timedelta(days=30),
    )
    response = _login(client, raadslid).get(reverse("raad:dashboard"), {"jaar": vandaag.year})
    figuur = response.context["dashboard"].figuur("rollen")
    assert [(r.label, r.waarden) for r in figuur.rijen] == [
        ("Breukelen", {"zonder_adviseur": 0, "zonder_beheerder": 1, "binnenkort": 0}),
        ("Loenen", {"zonder_adviseur": 1, "zonder_beheerder": 0, "binnenkort": 1}),
    ]
    assert figuur.totaal.waarden == {"zonder_adviseur": 1, "zonder_beheerder": 1, "binnenkort": 1}


# --- fixed number of queries ------------------------------------------------------------------

PAGINAS = [
    ("raad:dashboard", {}),
    ("raad:dashboard_csv", {}),
    ("raad:kaart", {"maat": "geld.vrij"}),
    ("raad:transparantie", {"gemeente": "stichtse-vecht"}),
    ("raad:transparantie_csv", {"gemeente": "stichtse-vecht"}),
]


def _vul(gemeente, aantal_kernen: int, jaar: int):
    """More kernen, wijken, ceilings, assignments, applications and groups: the data the figures read."""
    import datetime

    from rollen.constants import Rol
    from tests.rollen.factories import ToewijzingFactory

    budget, _ = Budget.objects.get_or_create(gemeente=gemeente, jaar=jaar, defaults={"totaal": Decimal("100000")})
    for _ in range(aantal_kernen):
        kern = KernFactory(gemeente=gemeente, grens={"type": "Point", "coordinates": [5.0, 52.1]})
        wijk = WijkFactory(kern=kern)
        WijkFactory(kern=kern)
        Kernplafond.objects.create(budget=budget, kern=kern, plafond=Decimal("1000"))
        ToewijzingFactory(kern=kern, rol=Rol.ADVISEUR, van=datetime.date(jaar, 1, 1))
        ToewijzingFactory(beheerder_wijk=True, wijk=wijk, van=datetime.date(jaar, 1, 1))


@pytest.mark.parametrize(("naam", "params"), PAGINAS)
def test_vast_aantal_queries(client, raadslid, gemeente, naam, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    jaar = timezone.localdate().year
    _login(client, raadslid)
    url = reverse(naam)

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {**params, "jaar": jaar})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    _vul(gemeente, 2, jaar)
    klein = tel()
    _vul(gemeente, 8, jaar)
    assert tel() == klein
