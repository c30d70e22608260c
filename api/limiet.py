"""The rate limit of the API: DRF's throttling in Django's cache (CACHES), per IP address and per IPv6
/64 network, the address found as limiet finds it (CLIENT_IP_HEADER behind a proxy). Without REDIS_URL
each worker process counts for itself, so the real limit is API_LIMIET_PER_MINUUT times the number of
processes: still a brake on a scraper, and no page ever needs Redis (config/cache.py)."""

import ipaddress

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from limiet import client_ip


def _netwerk(adres: str) -> str:
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return adres or "onbekend"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class AnoniemeLimiet(SimpleRateThrottle):
    scope = "api"
    cache_format = "api-limiet-%(ident)s"

    def get_rate(self):
        # Read per request, not at import time, so that the setting (and a test's override) counts.
        return f"{settings.API_LIMIET_PER_MINUUT}/min"

    def get_cache_key(self, request, view):
        return self.cache_format % {"ident": _netwerk(client_ip(request))}
