"""The API's version: the major version is in the path (/api/v1/), the full one in the API-Version
header of every response and in the OpenAPI document (API Design Rules, API-20 and API-57)."""

from django.conf import settings


def api_versie() -> str:
    return settings.SPECTACULAR_SETTINGS["VERSION"]


PREFIX = "/api/"
