"""axe-core (WCAG 2.0/2.1 A and AA) on every page that exists, anonymous and logged in."""

import pytest

from tests.browser.helpers import (
    check_a11y,
    ingelogd_als,
    past_op_telefoons,
    rommelige_namen,
    tabellen_zonder_scrollvak,
)
from tests.factories import BuurtFactory

pytestmark = pytest.mark.browser

OPENBARE_PAGINAS = {
    "home": "/",
    "gebieden-overzicht": "/gebieden/",
    "gemeente": "/gebieden/stichtse-vecht/",
    "kern": "/gebieden/stichtse-vecht/breukelen/",
    "wijk": "/gebieden/wijk/WK190402/",
    "zoeken-leeg": "/gebieden/zoeken/",
    "zoeken-met-resultaten": "/gebieden/zoeken/?q=breuk",
    "zoeken-zonder-resultaten": "/gebieden/zoeken/?q=xyz",
    "inloggen": "/account/inloggen/",
    "wachtwoord-vergeten": "/account/wachtwoord/vergeten/",
    "wachtwoord-vergeten-verstuurd": "/account/wachtwoord/vergeten/verstuurd/",
    "niet-gevonden": "/bestaat-niet/",
    "toegankelijkheid": "/toegankelijkheid/",
    "privacy": "/privacy/",
}


@pytest.fixture
def gebied(wijk):
    BuurtFactory(wijk=wijk, code="BU19040201", naam="Broeckland")
    return wijk


@pytest.mark.parametrize("naam", OPENBARE_PAGINAS)
def test_openbare_pagina_zonder_toegankelijkheidsfouten(page, live_server, gebied, naam):
    response = page.goto(live_server.url + OPENBARE_PAGINAS[naam])
    assert response.status == (404 if naam == "niet-gevonden" else 200)
    assert page.locator("h1").count() == 1
    check_a11y(page)


@pytest.mark.parametrize(
    "naam,pad",
    [
        ("mijn-account", "/account/mijn-account/"),
        ("wachtwoord-wijzigen", "/account/wachtwoord/wijzigen/"),
        ("home-ingelogd", "/"),
    ],
)
def test_pagina_voor_ingelogde_gebruiker_zonder_toegankelijkheidsfouten(
    page, live_server, medewerker, naam, pad
):
    ingelogd_als(page, live_server, medewerker)
    assert page.goto(live_server.url + pad).status == 200
    check_a11y(page)


def test_formulier_met_fouten_zonder_toegankelijkheidsfouten(page, live_server, db):
    page.goto(live_server.url + "/account/inloggen/")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    assert page.locator("[aria-invalid='true']").count() == 2
    check_a11y(page)


def test_check_a11y_vindt_echte_fouten(page, live_server, db):
    """The helper must fail on a real violation, or every test above would prove nothing."""
    page.goto(live_server.url + "/")
    page.evaluate("document.querySelector('html').removeAttribute('lang')")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    with pytest.raises(AssertionError) as fout:
        check_a11y(page)
    assert "html-has-lang" in str(fout.value) and "image-alt" in str(fout.value)


def test_check_a11y_vindt_onzichtbare_tekst_en_verwijzing_naar_niets(page, live_server, db):
    """axe calls these "incomplete" (needs review); check_a11y counts them as the faults they are here."""
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => { const s = document.createElement('span'); s.textContent = 'Onzichtbaar';
        s.style.color = '#fff'; s.style.background = '#fff'; document.querySelector('main').append(s);
        const i = document.createElement('input'); i.setAttribute('aria-label', 'Zoek');
        i.setAttribute('aria-describedby', 'bestaat-niet'); document.querySelector('main').append(i); }"""
    )
    with pytest.raises(AssertionError) as fout:
        check_a11y(page)
    assert "color-contrast" in str(fout.value) and "aria-valid-attr-value" in str(fout.value)


def test_breedtecontrole_vindt_wat_de_pagina_te_breed_maakt(page, live_server, db):
    """past_op_telefoons must fail on sideways scrolling at phone width, and name the culprits: a long
    word, and hidden text that escapes a scroll box that is not positioned (as .visually-hidden in a
    table used to)."""
    page.goto(live_server.url + "/")
    past_op_telefoons(page)
    page.evaluate(
        """() => { const p = document.createElement('p'); p.className = 'te-lang';
        p.textContent = 'Samenwerkingsovereenkomsten'.repeat(4); p.style.overflowWrap = 'normal';
        document.querySelector('main').append(p); }"""
    )
    with pytest.raises(AssertionError) as fout:
        past_op_telefoons(page)
    assert "op 320px" in str(fout.value) and "p.te-lang" in str(fout.value)
    page.evaluate(
        """() => { document.querySelector('.te-lang').remove();
        const vak = document.createElement('div'); vak.style.overflowX = 'auto';
        vak.innerHTML = '<div class="breed">x<span class="visually-hidden">verborgen</span></div>';
        vak.firstChild.style.width = '600px'; vak.firstChild.style.textAlign = 'right';
        document.querySelector('main').append(vak); }"""
    )
    with pytest.raises(AssertionError) as fout:
        past_op_telefoons(page)
    assert "span.visually-hidden" in str(fout.value)
    assert page.viewport_size == {"width": 1280, "height": 900}  # its own size back


def test_scrollvak_en_nette_namen_worden_gecontroleerd(page, live_server, db):
    """The all-pages test finds a table without its scroll box and a name with a stray space."""
    page.goto(live_server.url + "/")
    assert tabellen_zonder_scrollvak(page) == [] and rommelige_namen(page) == []
    page.evaluate(
        """() => { const m = document.querySelector('main');
        m.insertAdjacentHTML('beforeend', '<table><caption>Los</caption><tr><td>1</td></tr></table>'
          + '<a href="/">Insturen<span class="visually-hidden">: Bankjes</span></a>'
          + '<a href="/">Wijzigen<span class="visually-hidden"> (Bankjes)</span></a>'); }"""
    )
    assert tabellen_zonder_scrollvak(page) == ["Los"]
    assert rommelige_namen(page) == ['link "Insturen : Bankjes"']
