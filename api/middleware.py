"""For every address under /api/ (API Design Rules): the API-Version header on every answer, errors
included; CORS for reading (GET, from any origin: the data is public and no cookie is used); and every
error as application/problem+json, also those Django gives before a view runs (an unknown address, such
as one with a trailing slash) and an error in the server."""

import logging

from django.http import HttpResponse

from .fouten import PROBLEEM, probleem_response
from .versie import PREFIX, api_versie

logger = logging.getLogger("django.request")

CORS_METHODEN = "GET, HEAD, OPTIONS"
BEWAARDE_KOPPEN = ("Allow", "Retry-After")


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = self._preflight(request)
        else:
            response = self.get_response(request)
            if response.status_code >= 400 and PROBLEEM not in response.get("Content-Type", ""):
                vervanging = probleem_response(response.status_code, request.path)
                for kop in BEWAARDE_KOPPEN:
                    if kop in response:
                        vervanging[kop] = response[kop]
                response = vervanging
        response["API-Version"] = api_versie()
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "API-Version, Retry-After"
        return response

    def _preflight(self, request):
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = CORS_METHODEN
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, API-Version"
        response["Access-Control-Max-Age"] = "86400"
        return response

    def process_exception(self, request, exception):
        if not request.path.startswith(PREFIX):
            return None
        logger.error("Fout in de API: %s", request.path, exc_info=exception)
        return probleem_response(500, request.path)
