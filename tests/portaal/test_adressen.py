"""What every page's layout asks many times, answered from memory with the same result (issue 8):
`{% url %}` (portaal.adressen), `{% static %}` (portaal.opslag), the main menu and `{% opties %}`."""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, path, reverse

from portaal.templatetags.portaal import _UrlNode


def _thuis(request):
    return HttpResponse("thuis")


urlpatterns = [path("ergens/anders/", _thuis, name="alleen_hier"), path("a/<str:naam>/", _thuis, name="a")]


def _render(tekst: str, **context) -> str:
    return Template(tekst).render(Context(context))


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        ("{% url 'portaal:home' %}", reverse("portaal:home")),
        ("{% url 'leefbaarheidsbudget:aanvraag' 12 %}", reverse("leefbaarheidsbudget:aanvraag", args=[12])),
        (
            "{% url 'gebieden:kern' gemeente=g kern=k %}",
            reverse("gebieden:kern", kwargs={"gemeente": "sv", "kern": "maarssen"}),
        ),
        ("{% url 'portaal:privacy' as adres %}[{{ adres }}]", f"[{reverse('portaal:privacy')}]"),
        ("{% url 'bestaat:niet' as adres %}[{{ adres }}]", "[]"),
    ],
)
def test_url_geeft_wat_django_geeft(tekst, verwacht):
    assert _render(tekst, g="sv", k="maarssen") == verwacht
    assert _render(tekst, g="sv", k="maarssen") == verwacht  # and from memory the same


def test_url_is_de_eigen_tag_en_meldt_een_onbekende_naam():
    assert isinstance(Template("{% url 'portaal:home' %}").nodelist[0], _UrlNode)
    with pytest.raises(NoReverseMatch):
        _render("{% url 'bestaat:niet' %}")


@override_settings(ROOT_URLCONF=__name__)
def test_url_met_tekens_die_gecodeerd_worden():
    assert _render("{% url 'a' naam %}", naam="a b&c") == "/a/a%20b&amp;c/"


def test_andere_urlconf_geeft_geen_oud_antwoord():
    with override_settings(ROOT_URLCONF=__name__):
        assert _render("{% url 'alleen_hier' %}") == "/ergens/anders/"
    with pytest.raises(NoReverseMatch):
        _render("{% url 'alleen_hier' %}")


def test_static_uit_het_geheugen_gelijk_aan_django():
    assert staticfiles_storage.url("css/portaal.css") == "/static/css/portaal.css"
    assert staticfiles_storage.url("css/portaal.css") == "/static/css/portaal.css"
    with override_settings(STATIC_URL="/anders/"):  # Django makes a new storage: nothing stale
        assert _render("{% load static %}{% static 'css/portaal.css' %}") == "/anders/css/portaal.css"


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
    assert _render("{% opties keuzes gekozen %}", keuzes=keuzes, gekozen=gekozen) == verwacht


def test_hoofdmenu_markeert_alleen_de_huidige_pagina(client, medewerker):
    """On the work queue (/aanvragen/werkvoorraad/) only that item, not also "Aanvragen" (/aanvragen/)."""
    client.force_login(medewerker)
    tekst = client.get(reverse("leefbaarheidsbudget:werkvoorraad")).text
    menu = tekst[tekst.index('<ul class="navbar-nav') : tekst.index("</ul>")]
    assert menu.count('aria-current="page"') == 1
    assert menu.count(" active") == 1
    huidig = menu[: menu.index('aria-current="page"')].rsplit("<a ", 1)[1]
    assert reverse("leefbaarheidsbudget:werkvoorraad").startswith(huidig.split('href="')[1].split('"')[0])
