from decimal import Decimal

import pytest

from weergave.templatetags.weergave import datum, euro, getal


@pytest.mark.parametrize(
    "bedrag,verwacht",
    [
        (Decimal("1234.56"), "€ 1.234,56"),
        (Decimal("0"), "€ 0,00"),
        (Decimal("1234567.5"), "€ 1.234.567,50"),
        (Decimal("-42.10"), "€ -42,10"),
        (Decimal("999.995"), "€ 1.000,00"),
        (None, "–"),
    ],
)
def test_euro(bedrag, verwacht):
    assert euro(bedrag) == verwacht


def test_datum_en_getal():
    import datetime

    assert datum(datetime.date(2026, 3, 5)) == "05-03-2026"
    assert getal(65878) == "65.878"
    assert getal(None) == "–"


def test_datum_van_een_tijdstip_is_de_dag_hier_niet_in_utc():
    """23:30 UTC on 1 December is already 2 December in Amsterdam: the page must say 02-12."""
    import datetime

    laat = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC)
    assert datum(laat) == "02-12-2026"
    assert datum(datetime.datetime(2026, 7, 1, 21, 59, tzinfo=datetime.UTC)) == "01-07-2026"  # 23:59 CEST


def _render(tekst, **context):
    from django.template import Context, Template

    return Template(tekst).render(Context(context))


def test_scrolltabel_zet_de_tabel_in_een_scrollvak_met_de_caption_als_naam():
    html = _render(
        '{% scrolltabel "opgaven" pk %}<table class="table"><caption>Opgaven</caption></table>{% endscrolltabel %}',
        pk=7,
    )
    assert html == (
        '<div class="tabel-scroll" role="region" aria-labelledby="tabel-opgaven-7" tabindex="0">'
        '<table class="table"><caption id="tabel-opgaven-7">Opgaven</caption></table></div>'
    )


@pytest.mark.parametrize(
    "binnen",
    [
        "<table><tr><td>1</td></tr></table>",  # no caption: nothing to name the box by
        '<table><caption id="eigen">Opgaven</caption></table>',  # an id of its own would drift
        "<table><caption>A</caption></table><table><caption>B</caption></table>",
    ],
)
def test_scrolltabel_weigert_een_tabel_die_hij_geen_naam_kan_geven(binnen):
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        _render('{% scrolltabel "x" %}' + binnen + "{% endscrolltabel %}")


def test_elke_tabel_in_de_templates_staat_in_een_scrolltabel():
    """Every data table uses the one pattern (WCAG 1.4.10: a wide table scrolls in its own box on a
    phone); the browser test checks the pages it visits, this checks every template."""
    import re
    from pathlib import Path

    from django.conf import settings

    basis = Path(settings.BASE_DIR)
    templates = [
        pad
        for pad in basis.glob("**/templates/**/*.html")
        if not {".venv", "node_modules"} & set(pad.relative_to(basis).parts)
    ]
    assert len(templates) > 50
    # The decision letters and the participatieverslag are A4 layouts for xhtml2pdf, not pages on a screen.
    pdf_sjablonen = {
        ("leefbaarheidsbudget", "_brief.html"),
        ("leefbaarheidsbudget", "beschikking.html"),
        ("leefbaarheidsbudget", "vaststelling.html"),
        ("raadpleging", "verslag_pdf.html"),
    }
    los = []
    for pad in templates:
        if (pad.parent.name, pad.name) in pdf_sjablonen:
            continue
        tekst = pad.read_text(encoding="utf-8")
        if tekst.count("<table") != len(re.findall(r"{% scrolltabel [^%]+%}<table", tekst)):
            los.append(str(pad.relative_to(basis)))
    assert not los, f"<table zonder {{% scrolltabel %}} ervoor: {los}"


@pytest.mark.parametrize(
    "keuzes, gekozen, verwacht",
    [
        ([2026, 2025], 2025, '<option value="2026">2026</option><option value="2025" selected>2025</option>'),
        (
            [("a", "A & B"), ("b", "<b>")],
            "b",
            '<option value="a">A &amp; B</option><option value="b" selected>&lt;b&gt;</option>',
        ),
        (
            [("", "Alle"), ("x", "X")],
            None,
            '<option value="" selected>Alle</option><option value="x">X</option>',
        ),
    ],
)
def test_opties(keuzes, gekozen, verwacht):
    from django.template import Context, Template

    assert (
        Template("{% opties keuzes gekozen %}").render(Context({"keuzes": keuzes, "gekozen": gekozen}))
        == verwacht
    )


@pytest.mark.django_db
def test_werkt_in_noemt_eerst_de_kernen_dan_de_wijken_en_ontsnapt_de_namen():
    from tests.bewonersgroepen.factories import GroepFactory
    from tests.factories import KernFactory, WijkFactory

    kern = KernFactory(naam="Breukelen")
    wijk = WijkFactory(kern=kern, naam="<b>Zuilen</b>")
    groep = GroepFactory(gemeente=kern.gemeente)
    groep.kernen.set([])
    assert _render("{{ groep|werkt_in }}", groep=groep) == ""
    groep.kernen.set([kern, KernFactory(gemeente=kern.gemeente, naam="Kockengen")])
    groep.wijken.set([wijk])
    # Kernen by their model ordering (naam), as the lists showed them before.
    assert _render("{{ groep|werkt_in }}", groep=groep) == "Breukelen, Kockengen, &lt;b&gt;Zuilen&lt;/b&gt;"
