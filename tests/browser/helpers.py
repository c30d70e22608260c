"""Helpers for browser tests: log in through the real form, run axe-core. Fixtures are in conftest.py."""

from pathlib import Path

from django.conf import settings

from tests.factories import WACHTWOORD

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def inloggen(page, live_server, user_of_email, wachtwoord=WACHTWOORD, code=None):
    """Log in through the real login form, as a person would; `code` answers the two-step question."""
    email = getattr(user_of_email, "email", user_of_email)
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    if code is not None:
        page.get_by_label("Code").fill(code)
        with page.expect_navigation():
            page.get_by_role("button", name="Controleren").click()
    # include_hidden: on a phone the button sits in the collapsed main menu.
    uitloggen = page.get_by_role("button", name="Uitloggen", include_hidden=True)
    assert uitloggen.count() == 1, f"Inloggen mislukt: {page.url}"


def _axe_script() -> str:
    npm = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
    if npm.exists():
        return npm.read_text(encoding="utf-8")
    # Same axe-core, bundled with axe-playwright-python, for a checkout without `npm ci`.
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# axe files these under "incomplete" (needs review), yet here they are always real faults: text in the
# colour of its own background (axe's "equalRatio": invisible, e.g. a badge without a background), and an
# ARIA reference to an id that is not on the page ("noId": an aria-describedby to a missing help text).
ONZEKER_MAAR_FOUT = {"equalRatio", "noId"}


def _onzeker_maar_fout(resultaat: dict) -> dict | None:
    nodes = [
        node
        for node in resultaat["nodes"]
        if any(
            (controle.get("data") or {}).get("messageKey") in ONZEKER_MAAR_FOUT
            for controle in node["any"] + node["all"] + node["none"]
            if isinstance(controle.get("data"), dict)
        )
    ]
    return {**resultaat, "nodes": nodes, "impact": resultaat.get("impact") or "serious"} if nodes else None


def axe_violations(page, tags=AXE_TAGS) -> list[dict]:
    # page.evaluate runs through the DevTools protocol, so the page's strict CSP does not block axe.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_script())
    resultaat = page.evaluate(
        "opties => axe.run(document, opties)",
        {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]},
    )
    onzeker = [r for r in map(_onzeker_maar_fout, resultaat["incomplete"]) if r is not None]
    return resultaat["violations"] + onzeker


def format_violations(violations) -> str:
    regels = []
    for v in violations:
        regels.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            regels.append(f"    at {' '.join(map(str, node['target']))}")
            regels.append(f"       {node['html'][:200]}")
            for regel in (node.get("failureSummary") or "").splitlines():
                regels.append(f"       {regel}")
    return "\n".join(regels)


def check_a11y(page, tags=AXE_TAGS):
    """Fail the test if axe finds any WCAG 2.0/2.1 A or AA violation on the page as it is now."""
    violations = axe_violations(page, tags)
    assert not violations, f"axe vond {len(violations)} toegankelijkheidsfout(en) op {page.url}:\n" + (
        format_violations(violations)
    )


def tab_naar(page, selector, max_stappen=60):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would.

    Fails when it takes more than `max_stappen` presses (the element is unreachable by keyboard).
    """
    for _ in range(max_stappen):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is niet met Tab te bereiken op {page.url}")


def gefocust(page) -> dict:
    """What has focus now: tag, id, role and text, to assert on after Tab or a failed submit."""
    return page.evaluate(
        """() => { const e = document.activeElement; return {
            tag: e.tagName.toLowerCase(), id: e.id, role: e.getAttribute('role'),
            tekst: (e.innerText || e.value || '').trim() }; }"""
    )


def beschrijving(page, selector) -> str:
    """The text a screen reader reads as the description (aria-describedby) of the element."""
    return page.evaluate(
        """s => (document.querySelector(s).getAttribute('aria-describedby') || '').split(/\\s+/)
            .filter(Boolean).map(id => document.getElementById(id))
            .map(e => e ? e.innerText.trim() : '[ontbrekend id]').join(' ')""",
        selector,
    )


def past_in_de_breedte(page):
    """Fail if the page scrolls sideways (WCAG 1.4.10 Reflow): on a phone everything fits its width;
    a wide table scrolls inside its own box (.table-responsive), not the whole page."""
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], f"{page.url} scrolt zijwaarts: {breedte[0]}px inhoud op {breedte[1]}px"
