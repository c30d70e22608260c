"""Council charts in a real browser at phone and desktop width (issue 18, item 5): every series its own
colour, the legend shown, whole numbers on count axes, and no axe violations."""

import pytest

from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from raad.figuren import STATUSKLEUREN
from tests.browser.helpers import check_a11y, ingelogd_als
from tests.leefbaarheidsbudget.factories import AanvraagFactory

pytestmark = pytest.mark.browser

BREEDTES = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]

# What Chart.js made of each chart: colours, legend, and the ticks it drew on the y axis.
GRAFIEKEN = """() => Array.from(document.querySelectorAll('.raad-grafiek canvas')).map(canvas => {
  const grafiek = Chart.getChart(canvas);
  return {
    id: canvas.parentElement.getAttribute('data-grafiek'),
    kleuren: grafiek.data.datasets.map(d => d.backgroundColor),
    labels: grafiek.data.datasets.map(d => d.label),
    legenda: grafiek.options.plugins.legend.display && grafiek.legend.legendItems.length,
    ticks: grafiek.scales.y.ticks.map(t => t.value),
  };
})"""


@pytest.fixture
def aanvragen(gemeente, kern):
    # One application each in two states: the count axis then runs from 0 to 1, where Chart.js would
    # put 0,1 … 0,9 ticks without `precision: 0`.
    for status in (Status.INGEDIEND, Status.TOEGEKEND):
        aanvraag = AanvraagFactory(
            gemeente=gemeente, kern=kern, begrotingsjaar=2025, groep__gemeente=gemeente
        )
        Aanvraag.objects.filter(pk=aanvraag.pk).update(status=status)


def _controleer_grafieken(page):
    grafieken = page.evaluate(GRAFIEKEN)
    assert grafieken
    for grafiek in grafieken:
        assert len(set(grafiek["kleuren"])) == len(grafiek["kleuren"]), grafiek
        assert grafiek["legenda"] == len(grafiek["labels"]), grafiek
    return {g["id"]: g for g in grafieken}


@pytest.mark.parametrize("maat", BREEDTES, ids=["390", "1280"])
def test_dashboard_grafieken_kleur_legenda_hele_getallen(page, live_server, raadslid, aanvragen, maat):
    page.set_viewport_size(maat)
    ingelogd_als(page, live_server, raadslid)
    page.goto(f"{live_server.url}/raad/dashboard/?jaar=2025")
    grafieken = _controleer_grafieken(page)
    per_status = grafieken["grafiek-aanvragen"]
    assert dict(zip(per_status["labels"], per_status["kleuren"], strict=True)) == {
        s.label: STATUSKLEUREN[s.value] for s in Status if s != Status.CONCEPT
    }
    assert per_status["ticks"] and all(float(t).is_integer() for t in per_status["ticks"])
    assert max(per_status["ticks"]) >= 1
    assert all(float(t).is_integer() for t in grafieken["grafiek-groepen"]["ticks"])
    check_a11y(page)


@pytest.mark.parametrize("maat", BREEDTES, ids=["390", "1280"])
def test_open_cijfers_grafieken_kleur_legenda_hele_getallen(page, live_server, gemeente, aanvragen, maat):
    page.set_viewport_size(maat)
    page.goto(f"{live_server.url}/open-cijfers/?gemeente={gemeente.slug}&jaar=2025")
    grafieken = _controleer_grafieken(page)
    assert all(float(t).is_integer() for t in grafieken["grafiek-groepen"]["ticks"])
    check_a11y(page)
