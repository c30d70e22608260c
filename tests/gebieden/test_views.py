import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebieden.views import GEMEENTEN_PER_PAGINA
from tests.factories import BuurtFactory, GemeenteFactory, KernFactory, WijkFactory


def test_overzicht_toont_gemeenten_en_kernen(client, kern):
    response = client.get(reverse("gebieden:overzicht"))
    assert response.status_code == 200
    assert "Stichtse Vecht" in response.text and "Breukelen" in response.text


def _gemeenten_met_kernen(aantal):
    for i in range(aantal):
        gemeente = GemeenteFactory(naam=f"Gemeente {i:03d}")
        KernFactory.create_batch(3, gemeente=gemeente)


def test_overzicht_pagineert_de_gemeenten_met_hun_kernen(client, db):
    _gemeenten_met_kernen(GEMEENTEN_PER_PAGINA + 5)
    eerste = client.get(reverse("gebieden:overzicht"))
    assert len(eerste.context["pagina"]) == GEMEENTEN_PER_PAGINA
    assert "Gemeente 000" in eerste.text and f"Gemeente {GEMEENTEN_PER_PAGINA:03d}" not in eerste.text
    assert "?pagina=2" in eerste.text and "Pagina 1 van 2" in eerste.text
    tweede = client.get(reverse("gebieden:overzicht"), {"pagina": 2})
    assert [g.naam for g in tweede.context["pagina"]][0] == f"Gemeente {GEMEENTEN_PER_PAGINA:03d}"
    assert all(len(g.kernen.all()) == 3 for g in tweede.context["pagina"])


def test_overzicht_kost_evenveel_queries_bij_meer_gemeenten(client, db):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("gebieden:overzicht")).status_code == 200
        return len(ctx), len(client.get(reverse("gebieden:overzicht")).content)

    _gemeenten_met_kernen(GEMEENTEN_PER_PAGINA)
    klein = queries()
    _gemeenten_met_kernen(3 * GEMEENTEN_PER_PAGINA)
    groot = queries()
    assert groot[0] == klein[0]
    assert groot[1] < klein[1] * 1.1  # one page, whatever the number of gemeenten


def test_kernpagina_toont_wijken_en_inwoners(client, wijk):
    WijkFactory(kern=wijk.kern, gemeente=wijk.gemeente, code="WK190403", inwoners=500)
    response = client.get(wijk.kern.get_absolute_url())
    assert response.status_code == 200
    assert "Wijk 02 Breukelen" in response.text
    assert "3.000" in response.text  # 2.500 + 500 inhabitants of its wijken


def test_wijkpagina_toont_buurten(client, wijk):
    BuurtFactory(wijk=wijk, code="BU19040201", naam="Broeckland")
    response = client.get(reverse("gebieden:wijk", args=["wk190402"]))
    assert response.status_code == 200
    assert "Broeckland" in response.text and "BU19040201" in response.text


def test_onbekend_gebied_geeft_404(client, db):
    assert client.get(reverse("gebieden:wijk", args=["WK999999"])).status_code == 404
    assert client.get(reverse("gebieden:kern", args=["nergens", "niets"])).status_code == 404


def test_zoeken_op_naam_en_code(client, wijk):
    response = client.get(reverse("gebieden:zoeken"), {"q": "breuk"})
    assert (
        "Wijk 02 Breukelen" in response.text and 'href="/gebieden/stichtse-vecht/breukelen/"' in response.text
    )
    response = client.get(reverse("gebieden:zoeken"), {"q": "wk190402"})
    assert "Wijk 02 Breukelen" in response.text
    assert "Niets gevonden" in client.get(reverse("gebieden:zoeken"), {"q": "xyz"}).text


@pytest.mark.parametrize("aantal_wijken", [1, 6])
def test_kernpagina_vast_aantal_queries(client, kern, django_assert_max_num_queries, aantal_wijken):
    from tests.bewonersgroepen.factories import GroepFactory
    from tests.meldingen.factories import MeldingFactory

    for i in range(aantal_wijken):
        wijk = WijkFactory(kern=kern, gemeente=kern.gemeente, code=f"WK1904{i:02d}")
        BuurtFactory(wijk=wijk)
        # Sections with rows: a group working in the kern and this wijk, an open melding in the wijk.
        GroepFactory(gemeente=kern.gemeente, kernen=[kern], wijken=[wijk])
        MeldingFactory(gemeente=kern.gemeente, kern=kern, wijk=wijk)
    # 2 for the kern and its wijken, then a fixed number per registered section (contacts: 2; agenda: 2,
    # its agendas and the opgaven of other areas that span it; groups: 2, the groups and the names of
    # their kernen and wijken; news, profile, leefbaarheidsbudget, meldingen with their total,
    # ketenpartners: 1 each); the count must not grow with the wijken.
    with django_assert_max_num_queries(13):
        response = client.get(kern.get_absolute_url())
    assert response.status_code == 200
    # What those queries carry is on the page: the total of open meldingen, each group's kern and wijk.
    meldingen = "1 open melding." if aantal_wijken == 1 else f"{aantal_wijken} open meldingen."
    assert meldingen in response.text
    assert f"<td>{kern.naam}, Wijk" in response.text
