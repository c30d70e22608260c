"""The OpenAPI 3 document: drf-spectacular's, completed for the API Design Rules. Every operation gets
the API-Version header on every response and its errors as application/problem+json (400 for a refused
parameter, 404, 406, 429 with Retry-After), so that a client (and schemathesis) can check each answer."""

import functools

from drf_spectacular.generators import SchemaGenerator

from .versie import api_versie

PROBLEEM_SCHEMA = {
    "type": "object",
    "description": "Een fout volgens RFC 9457 (Problem Details for HTTP APIs).",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}
API_VERSION = {"$ref": "#/components/headers/API-Version"}
FOUTEN = {
    "400": "Een parameter is ongeldig.",
    "404": "Niet gevonden (ook: een pagina die niet bestaat).",
    "406": "Alleen JSON is beschikbaar.",
    "429": "Te veel verzoeken; probeer het na Retry-After seconden opnieuw.",
}


def kopteksten_en_fouten(result, generator, request, public):
    componenten = result.setdefault("components", {})
    componenten.setdefault("schemas", {})["Probleem"] = PROBLEEM_SCHEMA
    componenten["headers"] = {
        "API-Version": {
            "description": "De volledige versie van de API (semantic versioning).",
            "required": True,
            "schema": {"type": "string", "example": api_versie()},
        },
        "Retry-After": {"description": "Seconden tot een nieuw verzoek mag.", "schema": {"type": "integer"}},
    }
    for pad in result.get("paths", {}).values():
        for operatie in pad.values():
            antwoorden = operatie.setdefault("responses", {})
            for code, uitleg in FOUTEN.items():
                antwoord = antwoorden.setdefault(code, {"description": uitleg})
                antwoord["content"] = {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Probleem"}}
                }
                if code == "429":
                    antwoord.setdefault("headers", {})["Retry-After"] = {
                        "$ref": "#/components/headers/Retry-After"
                    }
            for antwoord in antwoorden.values():
                antwoord["description"] = antwoord.get("description") or "Gelukt."
                antwoord.setdefault("headers", {})["API-Version"] = API_VERSION
    result["info"]["x-api-design-rules"] = "https://gitdocumentatie.logius.nl/publicatie/api/adr/"
    return result


@functools.lru_cache(maxsize=1)
def document() -> dict:
    """The OpenAPI document as a dict, for the documentation page (built once per process: it follows
    from the code alone)."""
    return SchemaGenerator(patterns=None).get_schema(request=None, public=True)


def _los_op(schema: dict, componenten: dict) -> dict:
    while "$ref" in schema:
        schema = componenten[schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _los_op(schema["allOf"][0], componenten)
    return schema


def _soort(schema: dict, componenten: dict) -> str:
    schema = _los_op(schema, componenten)
    if "oneOf" in schema:
        return " of ".join(_soort(s, componenten) for s in schema["oneOf"])
    soort = schema.get("type", "object")
    if soort == "array":
        return f"lijst van {_soort(schema.get('items', {}), componenten)}"
    if "enum" in schema:
        return "een van: " + ", ".join(str(w) for w in schema["enum"] if w not in ("", None))
    if schema.get("format"):
        soort = f"{soort} ({schema['format']})"
    return soort + (" of null" if schema.get("nullable") else "")


def voor_mensen(doc: dict) -> list[dict]:
    """The operations of the document, flattened for the documentation page."""
    componenten = doc.get("components", {}).get("schemas", {})
    operaties = []
    for pad, methoden in doc.get("paths", {}).items():
        for methode, op in methoden.items():
            schema = (
                op.get("responses", {})
                .get("200", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            schema = _los_op(schema, componenten)
            lijst = "resultaten" in schema.get("properties", {})
            item = _los_op(schema["properties"]["resultaten"]["items"], componenten) if lijst else schema
            operaties.append(
                {
                    "id": op.get("operationId", ""),
                    "methode": methode.upper(),
                    "pad": pad,
                    "samenvatting": op.get("summary", ""),
                    "beschrijving": op.get("description", ""),
                    "lijst": lijst,
                    "parameters": [
                        {
                            "naam": p["name"],
                            "waar": {"query": "query", "path": "pad"}.get(p["in"], p["in"]),
                            "verplicht": p.get("required", False),
                            "soort": _soort(p.get("schema", {}), componenten),
                            "uitleg": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "velden": [
                        {
                            "naam": naam,
                            "soort": _soort(veld, componenten),
                            "uitleg": veld.get("description", ""),
                        }
                        for naam, veld in item.get("properties", {}).items()
                    ],
                    "antwoorden": [
                        {"code": code, "uitleg": antwoord.get("description", "")}
                        for code, antwoord in sorted(op.get("responses", {}).items())
                    ],
                }
            )
    return operaties
