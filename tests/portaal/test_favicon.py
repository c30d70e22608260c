"""A favicon (issue 18, item 9): the SVG in static/ is linked from the portal's and the admin's pages,
and /favicon.ico, which browsers ask for anyway, is no 404."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from tests.factories import UserFactory


def test_svg_icoon_bestaat():
    pad = finders.find("favicon.svg")
    assert pad
    with open(pad, encoding="utf-8") as bestand:
        assert bestand.read().startswith("<svg")


def test_paginas_linken_naar_het_icoon(client, db):
    link = f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">'
    assert link in client.get(reverse("portaal:home")).content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert link in client.get(reverse("admin:index")).content.decode()


def test_favicon_ico_is_geen_404(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg")
    assert client.get("/favicon.ico", follow=True).status_code == 200
