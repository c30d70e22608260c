"""Chart data and counts in text (issue 18, item 5): a distinct, contrasting colour per state with a
legend, whole-number axes for counts, and Dutch plurals ("1 aanvraag", "2 aanvragen")."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse

from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Regeling
from leefbaarheidsbudget.services import voorbereiding_tekst
from raad import selectors
from raad.figuren import ACHTERGROND, DAGEN, GETAL, REEKSKLEUREN, STATUSKLEUREN, opmaak
from tests.factories import KernFactory, WijkFactory


def _luminantie(kleur: str) -> float:
    def kanaal(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (kanaal(kleur[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    licht, donker = sorted((_luminantie(a), _luminantie(b)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def test_contrastformule_klopt():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("kleur", sorted(set(REEKSKLEUREN) | set(STATUSKLEUREN.values())))
def test_elke_grafiekkleur_haalt_3_op_1_tegen_de_achtergrond(kleur):
    assert contrast(kleur, ACHTERGROND) >= 3, kleur  # WCAG 1.4.11 non-text contrast


def test_elke_status_een_eigen_kleur():
    ingediend = [s.value for s in Status if s != Status.CONCEPT]
    assert set(STATUSKLEUREN) == set(ingediend)
    assert len(set(STATUSKLEUREN.values())) == len(STATUSKLEUREN)
    assert len(set(REEKSKLEUREN)) == len(REEKSKLEUREN)


@pytest.mark.django_db
def test_grafiek_aanvragen_heeft_kleur_per_status_legenda_en_hele_getallen(gemeente, kern):
    kernen = selectors.dashboard_kernen(gemeente)
    grafiek = selectors.figuur_aanvragen(gemeente, 2025, kernen).grafiek()
    assert grafiek["legenda"] is True
    assert grafiek["geheel"] is True
    kleuren = {reeks["label"]: reeks["kleur"] for reeks in grafiek["reeksen"]}
    assert kleuren == {s.label: STATUSKLEUREN[s.value] for s in Status if s != Status.CONCEPT}


@pytest.mark.django_db
def test_elke_figuur_heeft_verschillende_kleuren_en_een_legenda(gemeente, kern):
    bord = selectors.dashboard(gemeente, 2025)
    for figuur in bord.figuren:
        grafiek = figuur.grafiek()
        kleuren = [reeks["kleur"] for reeks in grafiek["reeksen"]]
        assert len(set(kleuren)) == len(kleuren), figuur.key
        assert grafiek["legenda"] is True
        # Counts (and days) on whole numbers; money and percentages may have decimals.
        assert grafiek["geheel"] is (grafiek["soort"] in (GETAL, DAGEN)), figuur.key
    assert bord.figuur("groepen").grafiek()["geheel"] is True
    assert bord.figuur("geld").grafiek()["geheel"] is False


@pytest.mark.parametrize(("n", "tekst"), [(0, "0 dagen"), (1, "1 dag"), (2, "2 dagen")])
def test_dagen_in_de_tabel(n, tekst):
    assert opmaak(n, DAGEN) == tekst


@pytest.mark.parametrize(("dagen", "tekst"), [(7, "1 week"), (14, "2 weken"), (1, "1 dag"), (10, "10 dagen")])
def test_voorbereiding_in_weken_of_dagen(dagen, tekst):
    assert voorbereiding_tekst(Regeling(minimale_voorbereiding_dagen=dagen)) == tekst


@pytest.mark.parametrize(("n", "tekst"), [(0, "na 0 dagen."), (1, "na 1 dag."), (2, "na 2 dagen.")])
def test_mail_bevestigen_meervoud(n, tekst):
    mail = render_to_string(
        "gebiedsagenda/mail/bevestigen.txt", {"dagen": n, "gebied": {"naam": "Breukelen"}, "url": "u"}
    )
    assert f"uw adres {tekst}" in mail


@pytest.mark.parametrize(
    ("aantal", "tekst"),
    [
        (0, "0 aanvragen bij de gemeente"),
        (1, "1 aanvraag bij de gemeente"),
        (2, "2 aanvragen bij de gemeente"),
    ],
)
def test_meervoud_in_tekst_aanvragen(aantal, tekst):
    # The exact construction of portaal/mijn_werk.html, werkvoorraad.html and mijn_aanvragen.html.
    sjabloon = Template('{{ n }} {{ n|pluralize:"aanvraag,aanvragen" }} bij de gemeente')
    assert sjabloon.render(Context({"n": aantal})) == tekst


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kernen", "tekst"), [(0, "Niets gevonden"), (1, "1 kern en 0 wijken."), (2, "2 kernen en 0 wijken.")]
)
def test_zoeken_meervoud(client, gemeente, kernen, tekst):
    for i in range(kernen):
        KernFactory(gemeente=gemeente, naam=f"Zuilhoek {i}", slug=f"zuilhoek-{i}")
    antwoord = client.get(reverse("gebieden:zoeken"), {"q": "zuilhoek"})
    assert tekst in antwoord.content.decode()


@pytest.mark.django_db
def test_zoeken_een_wijk(client, gemeente, kern):
    WijkFactory(gemeente=gemeente, kern=kern, naam="Zuilhoek-Noord")
    assert "0 kernen en 1 wijk." in client.get(reverse("gebieden:zoeken"), {"q": "zuilhoek"}).content.decode()
