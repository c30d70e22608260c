"""The API as a client sees it through its document: the OpenAPI 3 document is served and valid, the human
documentation beside it lists every operation, and schemathesis generates requests from the document
(valid and invalid) and checks every answer against it: never a server error, status codes, content types,
headers (API-Version) and bodies as documented. A short run: 20 examples per operation, no deadline."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

from config.wsgi import application

pytestmark = pytest.mark.django_db

PADEN = {
    "/gemeenten", "/gemeenten/{code}", "/kernen", "/kernen/{id}", "/wijken", "/wijken/{code}", "/buurten",
    "/buurten/{code}", "/contactpersonen", "/bewonersgroepen", "/bewonersgroepen/{id}", "/opgaven",
    "/opgaven/{id}", "/nieuws", "/nieuws/{id}", "/budgetcijfers", "/meldingen", "/meldingen/{referentie}",
    "/projecten", "/projecten/{id}",
}  # fmt: skip


def test_document_wordt_geserveerd_en_is_geldig(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1.0.0"
    assert {"name", "email", "url"} <= set(document["info"]["contact"])
    assert document["servers"] == [{"url": "/api/v1"}]
    assert set(document["paths"]) == PADEN
    assert not [pad for pad in document["paths"] if pad.endswith("/")]
    for pad, methoden in document["paths"].items():
        assert set(methoden) == {"get"}, pad
        antwoorden = methoden["get"]["responses"]
        assert {"200", "400", "404", "429"} <= set(antwoorden), pad
        assert all("API-Version" in a["headers"] for a in antwoorden.values()), pad


def test_menselijke_documentatie_naast_het_document(client):
    response = client.get("/api/v1/documentatie")
    assert response.status_code == 200
    html = response.content.decode()
    for pad in PADEN:
        assert f"GET {pad}</code>" in html, pad
    assert 'href="/api/v1/openapi.json"' in html
    assert "<script>" not in html and "style=" not in html  # the strict CSP: no inline code


def _schema():
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


# Each operation drives its own hypothesis run (schemathesis' pytest plugin trips over pytest 9's nodes).
@pytest.mark.parametrize("pad", sorted(PADEN))
def test_api_volgens_het_document(api_gegevens, pad, monkeypatch):
    # Called straight through WSGI, each request would end with close_old_connections and close the test's
    # database connection (PostgreSQL); Django's test client disconnects it the same way.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        _controleren(pad)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _controleren(pad):
    operatie = _schema()[pad]["GET"]

    # How many examples, and whether random: the hypothesis profile (tests/conftest.py: "ci" or "nachtelijk").
    @given(case=operatie.as_strategy())
    @settings(suppress_health_check=list(HealthCheck))
    def controleer(case):
        case.call_and_validate()

    controleer()
