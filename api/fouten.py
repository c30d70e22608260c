"""Every error of the API as application/problem+json (RFC 9457): type, title, status, detail, instance,
and for refused parameters `invalidParams` (name and reason each), as the API Design Rules ask."""

import json
from http import HTTPStatus

from django.http import HttpResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler

PROBLEEM = "application/problem+json"

TITELS = {
    400: "Ongeldige vraag",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet beschikbaar",
    429: "Te veel verzoeken",
    500: "Fout in de server",
}
UITLEG = {
    400: "Een of meer parameters zijn ongeldig.",
    404: "Dit adres bestaat niet in de API. Let op: adressen eindigen niet op een schuine streep.",
    405: "De API is alleen te lezen (GET).",
    406: "De API geeft alleen JSON.",
    429: "U hebt te veel verzoeken gedaan. Probeer het later opnieuw.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
}


def probleem(status: int, instance: str, detail: str | None = None, **extra) -> dict:
    try:
        standaard_titel = HTTPStatus(status).phrase
    except ValueError:
        standaard_titel = "Fout"
    return {
        "type": f"https://httpstatuses.io/{status}",
        "title": TITELS.get(status, standaard_titel),
        "status": status,
        "detail": detail or UITLEG.get(status, standaard_titel),
        "instance": instance,
        **extra,
    }


def probleem_response(status: int, instance: str, detail: str | None = None) -> HttpResponse:
    """A problem response outside DRF (a URL that does not exist, an error in the server)."""
    return HttpResponse(
        json.dumps(probleem(status, instance, detail), ensure_ascii=False),
        status=status,
        content_type=PROBLEEM,
    )


def _ongeldige_parameters(fouten) -> list[dict]:
    if isinstance(fouten, dict):
        return [
            {
                "name": naam,
                "reason": " ".join(str(r) for r in (redenen if isinstance(redenen, list) else [redenen])),
            }
            for naam, redenen in fouten.items()
        ]
    redenen = fouten if isinstance(fouten, list) else [fouten]
    return [{"name": "", "reason": str(r)} for r in redenen]


def probleem_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None  # an error in the server: the middleware answers 500 as a problem
    request = context["request"]
    status = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        response.data = probleem(status, request.path, invalidParams=_ongeldige_parameters(exc.detail))
    elif isinstance(exc, exceptions.Throttled):
        response.data = probleem(status, request.path, UITLEG[429])
    elif status in UITLEG:
        response.data = probleem(status, request.path)
    else:
        response.data = probleem(status, request.path, str(getattr(exc, "detail", "")) or None)
    response.content_type = PROBLEEM
    return response
