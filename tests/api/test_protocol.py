"""The rules every answer of the API keeps (API Design Rules): no trailing slash, the API-Version header
on every answer, errors as application/problem+json, pages with links, CORS for reading, read-only, and a
rate limit for anonymous use that works with Django's memory cache (no Redis)."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import KernFactory

pytestmark = pytest.mark.django_db

PROBLEEM_VELDEN = {"type", "title", "status", "detail", "instance"}


def _is_probleem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    data = response.json()
    assert set(data) >= PROBLEEM_VELDEN
    assert data["status"] == status
    return data


def test_api_version_en_cors_op_een_gewoon_antwoord(client, gemeente):
    response = client.get("/api/v1/gemeenten", HTTP_ORIGIN="https://data.example")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "API-Version" in response["Access-Control-Expose-Headers"]


def test_een_schuine_streep_aan_het_eind_is_404_als_probleem(client, gemeente):
    data = _is_probleem(client.get("/api/v1/gemeenten/"), 404)
    assert data["instance"] == "/api/v1/gemeenten/"
    _is_probleem(client.get(f"/api/v1/gemeenten/{gemeente.code}/"), 404)
    _is_probleem(client.get("/api/v1/"), 404)


def test_onbekend_object_is_404_als_probleem(client, db):
    _is_probleem(client.get("/api/v1/kernen/123456"), 404)
    _is_probleem(
        client.get("/api/v1/kernen/99999999999999999999"), 404
    )  # too long: never reaches the database
    _is_probleem(client.get("/api/v1/gemeenten?pagina=7"), 404)


def test_ongeldige_filter_is_400_met_de_parameter(client, db):
    data = _is_probleem(client.get("/api/v1/wijken?kern=abc"), 400)
    assert data["invalidParams"][0]["name"] == "kern"
    assert _is_probleem(client.get("/api/v1/nieuws?jaar=99999"), 400)["invalidParams"][0]["name"] == "jaar"
    assert (
        _is_probleem(client.get("/api/v1/projecten?fase=bestaat-niet"), 400)["invalidParams"][0]["name"]
        == "fase"
    )


def test_alleen_lezen(client, gemeente):
    response = client.post("/api/v1/gemeenten", {"naam": "Nieuw"})
    _is_probleem(response, 405)
    assert "GET" in response["Allow"]
    _is_probleem(client.delete(f"/api/v1/gemeenten/{gemeente.code}"), 405)
    _is_probleem(client.options("/api/v1/gemeenten"), 405)


def test_cors_preflight_alleen_voor_lezen(client, db):
    response = client.options(
        "/api/v1/kernen", HTTP_ORIGIN="https://data.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["API-Version"] == "1.0.0"


def test_geen_cookies_en_geen_cors_buiten_de_api(client, gemeente):
    response = client.get("/api/v1/gemeenten")
    assert not response.cookies
    assert "Access-Control-Allow-Origin" not in client.get("/privacy/")


def test_paginas_met_links(client, gemeente):
    KernFactory.create_batch(5, gemeente=gemeente)
    data = client.get("/api/v1/kernen?perPagina=2&gemeente=GM1904").json()
    assert data["totaal"] == 5 and len(data["resultaten"]) == 2
    links = data["_links"]
    assert set(links) == {"self", "first", "next", "last"}
    assert "pagina=2&" in links["next"]["href"]
    assert "pagina=3" in links["last"]["href"] and "gemeente=GM1904" in links["last"]["href"]
    midden = client.get(links["next"]["href"]).json()
    assert set(midden["_links"]) == {"self", "first", "prev", "next", "last"}
    assert "pagina" not in midden["_links"]["prev"]["href"]  # page 1 is the address without pagina
    laatste = client.get(links["last"]["href"]).json()
    assert "next" not in laatste["_links"] and len(laatste["resultaten"]) == 1
    assert len(client.get("/api/v1/kernen?perPagina=1000").json()["resultaten"]) == 5  # at most 100


@override_settings(API_LIMIET_PER_MINUUT=3)
def test_limiet_voor_anoniem_gebruik_zonder_redis(client, db, settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    cache.clear()
    for _ in range(3):
        assert client.get("/api/v1/gemeenten").status_code == 200
    response = client.get("/api/v1/kernen")
    data = _is_probleem(response, 429)
    assert int(response["Retry-After"]) > 0
    assert "te veel" in data["detail"].lower()
    # Another address (another IPv6 /64) has its own allowance.
    assert client.get("/api/v1/gemeenten", REMOTE_ADDR="2001:db8:1::5").status_code == 200


def test_fout_in_de_server_is_een_probleem(client, db, monkeypatch):
    from api import views

    def kapot(self):
        raise RuntimeError("kapot")

    monkeypatch.setattr(views.GemeenteViewSet, "get_queryset", kapot)
    data = _is_probleem(client.get("/api/v1/gemeenten"), 500)
    assert "kapot" not in data["detail"]
