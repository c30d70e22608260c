"""Helpers for browser tests: log in (through the real form, or with a session), run axe-core. Fixtures are in
conftest.py."""

import functools
import re
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


def ingelogd_als(page, live_server, user):
    """Gives the browser a session of `user` (Django's Client.force_login) without opening a page: for tests
    about what comes after logging in. A login through the form costs about half a second more; the form
    itself is tested by tests/browser/test_inlogbeveiliging.py, the journeys and the every-page test."""
    from tests.conftest import sessiesleutel

    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": sessiesleutel(user), "url": live_server.url}]
    )


@functools.cache
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
        # From now on Chromium loads axe itself with every page of this test (an init script, also past
        # the CSP): sending its half megabyte over the protocol for each check cost more (~60 ms a page).
        # Only tests that check are charged for it.
        if not getattr(page.context, "_axe_bij_elke_pagina", False):
            page.context.add_init_script(script=_axe_script())
            page.context._axe_bij_elke_pagina = True
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


# Phone widths for WCAG 1.4.10 (Reflow): a common phone, and the 320 CSS px the criterion names.
TELEFOONBREEDTES = [{"width": 390, "height": 844}, {"width": 320, "height": 640}]

_BREEDTES = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# The elements that make the page wider than the window, widest first: each box that sticks out of a
# parent that fits (a table, a form row), and each box whose own text sticks out of it (a long word, URL
# or e-mail address). What scrolls inside its own box (overflow-x not visible) does not count.
_TE_BREED = """() => {
  const breedte = window.innerWidth;
  // Clipped by a scroll box on its chain of containing blocks (an absolutely positioned element escapes
  // a scroll box that is not positioned, and then widens the page).
  const eigenScroll = e => {
    for (let p = e; p && p !== document.body;) {
      const plaats = getComputedStyle(p).position;
      if (plaats === 'fixed') return false;
      let ouder = p.parentElement;
      if (plaats === 'absolute') while (ouder && ouder !== document.body
                                        && getComputedStyle(ouder).position === 'static') ouder = ouder.parentElement;
      if (!ouder || ouder === document.body) return false;
      if (getComputedStyle(ouder).overflowX !== 'visible') return true;
      p = ouder;
    }
    return false;
  };
  const naam = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + [...e.classList].map(c => '.' + c).join('');
  const pad = e => { const delen = []; for (let p = e; p && p !== document.body && delen.length < 4;
    p = p.parentElement) delen.unshift(naam(p)); return delen.join(' > '); };
  const uitsteken = [], tekst = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || eigenScroll(e)) continue;
    if (r.right > breedte + 0.5) {
      let ouder = e.parentElement;  // the nearest ancestor that is not clipped itself
      while (ouder !== document.body && eigenScroll(ouder)) ouder = ouder.parentElement;
      if (ouder.getBoundingClientRect().right <= breedte + 0.5) uitsteken.push([e, r.right]);
    } else if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0
               && getComputedStyle(e).overflowX === 'visible'
               && ![...e.querySelectorAll('*')].some(k => k.getBoundingClientRect().right > r.right + 0.5)) {
      tekst.push([e, r.left + e.scrollWidth]);
    }
  }
  const binnenste = tekst.filter(([e]) => !tekst.some(([k]) => k !== e && e.contains(k)));
  const gevonden = uitsteken.concat(binnenste).map(([e, tot]) => ({
    pad: pad(e), tot: Math.round(tot), tekst: (e.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 60) }));
  return gevonden.sort((a, b) => b.tot - a.tot).slice(0, 5);
}"""


def past_in_de_breedte(page):
    """Fail if the page scrolls sideways (WCAG 1.4.10 Reflow): on a phone everything fits its width;
    a wide table scrolls inside its own box (.tabel-scroll, see {% scrolltabel %}), not the whole page.
    The message names the widest elements, so the fix is easy to find."""
    inhoud, venster = page.evaluate(_BREEDTES)
    if inhoud <= venster:
        return
    regels = [f"{page.url} scrolt zijwaarts: {inhoud}px inhoud op {venster}px; te breed:"]
    for e in page.evaluate(_TE_BREED):
        regels.append(f"    {e['pad']} (tot {e['tot']}px): {e['tekst']!r}")
    raise AssertionError("\n".join(regels))


_DRIE_FRAMES = """() => new Promise(klaar => requestAnimationFrame(() => requestAnimationFrame(
    () => requestAnimationFrame(klaar))))"""


def past_op_telefoons(page):
    """past_in_de_breedte at each phone width, by resizing the page that is open (no new request);
    the page gets its own size back afterwards. A page that is too wide right after a resize gets three
    frames more: charts (Chart.js) follow the size of their box a frame after the browser reports it."""
    eigen = page.viewport_size
    fouten = []
    try:
        for maat in TELEFOONBREEDTES:
            if page.viewport_size != maat:
                page.set_viewport_size(maat)
            inhoud, venster = page.evaluate(_BREEDTES)
            if inhoud > venster:
                page.evaluate(_DRIE_FRAMES)
            try:
                past_in_de_breedte(page)
            except AssertionError as fout:
                fouten.append(f"op {maat['width']}px: {fout}")
    finally:
        if page.viewport_size != eigen:
            page.set_viewport_size(eigen)
    assert not fouten, "\n".join(fouten)


def tabellen_zonder_scrollvak(page) -> list[str]:
    """Tables that do not sit in their own scroll box as {% scrolltabel %} makes it: a focusable region
    (keyboard users scroll it with the arrow keys) named by the table's caption."""
    return page.evaluate(
        """() => [...document.querySelectorAll('table')].filter(t => {
            const vak = t.parentElement, kop = t.caption;
            return !(vak.matches('.tabel-scroll[role="region"][tabindex="0"]') && kop && kop.id
                     && vak.getAttribute('aria-labelledby') === kop.id);
        }).map(t => t.caption ? t.caption.innerText.trim() : t.outerHTML.slice(0, 100))"""
    )


# Roles whose name a screen reader reads when the element gets focus or is listed (links, buttons,
# fields, the table regions). A name is untidy with a space before punctuation or after "(", or two
# spaces: "Verantwoording insturen : Bankjes", "Beëindigen (Beheerder )".
BENOEMDE_ROLLEN = {
    "link",
    "button",
    "checkbox",
    "radio",
    "textbox",
    "searchbox",
    "combobox",
    "listbox",
    "spinbutton",
    "switch",
    "tab",
    "menuitem",
    "region",
    "table",
}
ROMMELIGE_NAAM = re.compile(r"\s[:;,.!?)]|\(\s|\s\s|^\s|\s$")


def toegankelijke_namen(page, rollen=BENOEMDE_ROLLEN) -> list[tuple[str, str]]:
    """(role, name) of every element with one of `rollen`, as Chromium computes the name for screen
    readers (its accessibility tree, over the DevTools protocol): not Playwright's own computation."""
    cdp = page.context.new_cdp_session(page)
    try:
        knopen = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    namen = []
    for knoop in knopen:
        rol = (knoop.get("role") or {}).get("value")
        if knoop.get("ignored") or rol not in rollen:
            continue
        namen.append((rol, str((knoop.get("name") or {}).get("value", ""))))
    return namen


def rommelige_namen(page) -> list[str]:
    """Accessible names with a stray space (see ROMMELIGE_NAAM), as 'role "name"'."""
    return [f'{rol} "{naam}"' for rol, naam in toegankelijke_namen(page) if ROMMELIGE_NAAM.search(naam)]
