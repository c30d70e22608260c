"""Real-browser tests: Playwright for Python driving Debian's Chromium against Django's live server.

Fixtures and helpers (see README.md, "Browser tests"):
- `page`: a desktop-sized page (1280×900); `telefoon`: the same at 390×844 (touch). Each test gets them as
  a new browser context would (no cookies, storage, cache or tabs of an earlier test; see `_opruimen`).
  Both ask for reduced motion (no smooth scrolling or animated menus to wait for).
  Both fail the test on any Content Security Policy violation or uncaught JavaScript error, and save
  a screenshot of where the test ended to test-results/screenshots/<test name>.png.
- `live_server` (pytest-django) serves the app on a test database; use `live_server.url + path`.
- `inloggen(page, live_server, user, ...)`: logs in through the real login form; `ingelogd_als(...)`
  gives the browser a session without it, for tests about what comes after.
- `check_a11y(page)`: runs axe-core (npm) with the WCAG 2.0/2.1 A and AA rules; fails on any violation.

Without Chromium the tests are skipped, unless REQUIRE_BROWSER=1 (set by .ci/run): then they fail.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.helpers import check_a11y

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run in a thread
# with a running loop unless told it is safe (it is: the loop is Playwright's, not an async view).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    # Offline, as the test machines are: any host but the live server's is unknown at once. Otherwise a page
    # that loads from another host (the map tiles of PDOK) waits on the DNS, and its load event with it.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
TIJDSLIMIET_MS = 10_000  # what Playwright waits for an element or a page before the test fails
TELEFOON = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _media_url_voor_live_server():
    """Django's live server also serves MEDIA_URL and breaks on our MEDIA_URL = None (private files are
    only served through views that ask the policy). Give it a path no page links to while it starts."""
    oud = settings.MEDIA_URL
    settings.MEDIA_URL = "/_geen-publieke-media/"
    yield
    settings.MEDIA_URL = oud


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        bericht = f"Chromium niet gevonden op {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{bericht}; REQUIRE_BROWSER=1, dus browsertests mogen niet overgeslagen worden")
        pytest.skip(bericht)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


def _nieuwe_context(browser, **context_opties):
    # "Reduce motion", as many users set it: Bootstrap then scrolls and opens menus at once instead of
    # animating, and Playwright need not wait for each scroll to settle before a click (a tenth of
    # the browser tests' time).
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", reduced_motion="reduce", **context_opties
    )
    context.set_default_timeout(TIJDSLIMIET_MS)
    return context


def _bewaakt(page, request, naam_suffix=""):
    """Yields `page` to the test, then saves a screenshot of where the test ended (at CSS size: a phone
    page at device scale 2 took three times as long) and fails it on any Content Security Policy
    violation or uncaught JavaScript error while it ran."""
    problemen = []

    def console(msg):
        if msg.type == "error" and "Content Security Policy" in msg.text:
            problemen.append(f"CSP: {msg.text}")

    def pageerror(fout):
        problemen.append(f"JavaScript-fout: {fout}")

    page.on("console", console)
    page.on("pageerror", pageerror)
    try:
        yield page
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        bestandsnaam = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_") + naam_suffix
        page.screenshot(path=str(SCREENSHOTS / f"{bestandsnaam}.png"), full_page=True, scale="css")
    finally:
        page.remove_listener("console", console)
        page.remove_listener("pageerror", pageerror)
    assert not problemen, "Fouten in de browser:\n" + "\n".join(problemen)


def _pagina(browser, request, naam_suffix="", **context_opties):
    """A page in a context of its own, for a test with other context options (tests/browser/test_api.py)."""
    context = _nieuwe_context(browser, **context_opties)
    try:
        yield from _bewaakt(context.new_page(), request, naam_suffix)
    finally:
        context.close()


SCHERMEN = {
    "page": {"viewport": DESKTOP},
    "telefoon": {"viewport": TELEFOON, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
}


@pytest.fixture(scope="session")
def _schermen(browser):
    """Per worker one open context and page per screen (SCHERMEN), handed to test after test: a new
    context cost Chromium half a second of CPU per test (a renderer process and cold caches), a third of
    the browser tests' time. `_opruimen` makes each test start as in a new context."""
    open_ = {}
    yield open_
    for context, _ in open_.values():
        context.close()


def _scherm(browser, schermen, request, soort, naam_suffix=""):
    context, page = schermen.get(soort, (None, None))
    if page is None or page.is_closed():
        context = _nieuwe_context(browser, **SCHERMEN[soort])
        page = context.new_page()
        schermen[soort] = context, page
    try:
        yield from _bewaakt(page, request, naam_suffix)
    finally:
        try:
            _opruimen(page, SCHERMEN[soort]["viewport"])
        except Exception:
            # A page that cannot be cleaned (crashed, closed) is not handed on: the next test gets a new one.
            schermen.pop(soort)
            context.close()


def _opruimen(page, viewport):
    """What the next test must not inherit from this one: other tabs it opened, the page and its running
    scripts, cookies (the login), local and session storage, the HTTP cache (public pages may be kept 60 s,
    and the next test has other data), the pointer (a :hover style changes colours that axe checks), and
    a window size or timeout it changed. The page stays in its renderer process: no new one to start."""
    context = page.context
    for ander in context.pages:
        if ander is not page:
            ander.close()
    herkomst = page.evaluate(
        """() => {
            const herkomst = location.origin;
            try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}
            window.stop(); document.open(); document.close();
            return herkomst;
        }"""
    )
    context.clear_cookies()
    cdp = getattr(page, "_cdp_opruimen", None)
    if cdp is None:
        cdp = page._cdp_opruimen = context.new_cdp_session(page)
    cdp.send("Network.clearBrowserCache")
    if herkomst.startswith("http"):
        cdp.send("Storage.clearDataForOrigin", {"origin": herkomst, "storageTypes": "all"})
    page.mouse.move(-1, -1)
    page.set_viewport_size(viewport)
    context.set_default_timeout(TIJDSLIMIET_MS)
    page.set_default_timeout(TIJDSLIMIET_MS)


@pytest.fixture
def page(browser, _schermen, request):
    """A desktop-sized page (1280×900); screenshot and CSP/JavaScript error check when the test ends."""
    yield from _scherm(browser, _schermen, request, "page")


@pytest.fixture
def telefoon(browser, _schermen, request):
    """A phone-sized page (390×844, touch), for the volunteers who use the portal on their phone."""
    yield from _scherm(browser, _schermen, request, "telefoon", "-telefoon")


@pytest.fixture
def a11y():
    """The `check_a11y` helper as a fixture, for tests that prefer fixtures to imports."""
    return check_a11y


@pytest.fixture
def groep_met_budget(kern):
    """An activity committee of `kern` with a member, this year's regulation and budget, and a colleague of
    the staff member: (group, member, colleague)."""
    from decimal import Decimal

    from django.utils import timezone

    from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
    from tests.factories import UserFactory
    from tests.leefbaarheidsbudget.factories import BudgetFactory, RegelingFactory

    jaar = timezone.localdate().year
    RegelingFactory(gemeente=kern.gemeente, jaar=jaar, sluitingsdatum=None)
    BudgetFactory(gemeente=kern.gemeente, jaar=jaar, totaal=Decimal("10000"))
    groep = GroepFactory(gemeente=kern.gemeente, kernen=[kern], naam="Activiteitencommissie Breukelen")
    lid = UserFactory(groepslid=True, naam="Lotte Lid")
    LidmaatschapFactory(groep=groep, gebruiker=lid)
    collega = UserFactory(medewerker=True, gemeente=kern.gemeente, naam="Cas Collega")
    return groep, lid, collega
