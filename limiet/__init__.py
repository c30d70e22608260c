"""Rate limits for the public forms that send mail (group registration, following an area, password reset).

One small mechanism for every app: `toegestaan(request, actie, email=...)` counts one use per IP address
(an IPv6 address per /64 network, which one subscriber usually has whole) and one per e-mail address, in
windows of an hour, and answers False once either is over its limit. The view then sends nothing and
answers 429 with a Dutch message.

The counters are rows in the database, not entries in Django's cache: without REDIS_URL the cache is a
memory per worker process, so every process (and every restart) would give an attacker a fresh allowance;
the database is shared by every process and rolls back with the request's transaction in the tests.
Only an HMAC of the key is stored, never the IP or e-mail address itself.

The client's IP address is REMOTE_ADDR. Behind a reverse proxy set CLIENT_IP_HEADER to the header that
proxy sets (e.g. "X-Forwarded-For" or "X-Real-IP"); the last address in it is used, the one the proxy
itself saw, because a client can put anything in front of it. Without the setting the header is ignored.
"""

import datetime
import ipaddress
import unicodedata

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

VENSTER = datetime.timedelta(hours=1)
MELDING = (
    "U hebt dit formulier te vaak verstuurd. Wij hebben nu niets verstuurd. Probeer het over een uur opnieuw."
)


def client_ip(request) -> str:
    """The visitor's IP address: REMOTE_ADDR, or the last address in CLIENT_IP_HEADER when configured."""
    adres = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        waarde = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        laatste = waarde.split(",")[-1].strip()
        if laatste:
            adres = laatste
    return adres


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


def _sleutel(actie: str, soort: str, waarde: str) -> str:
    return salted_hmac("limiet.teller", f"{actie}\n{soort}\n{waarde}").hexdigest()


def _venster(nu: datetime.datetime) -> datetime.datetime:
    return nu.replace(minute=0, second=0, microsecond=0)


def _ophogen(sleutel: str, venster: datetime.datetime) -> int:
    """Add one to the counter and return its new value; safe when two requests do it at once."""
    from .models import Teller

    rij = Teller.objects.filter(sleutel=sleutel, venster=venster)
    with transaction.atomic():
        if not rij.update(aantal=F("aantal") + 1):
            try:
                with transaction.atomic():
                    Teller.objects.create(sleutel=sleutel, venster=venster, aantal=1)
            except IntegrityError:  # another request made the row just now
                rij.update(aantal=F("aantal") + 1)
        return rij.values_list("aantal", flat=True).get()


def toegestaan(request, actie: str, *, email: str = "") -> bool:
    """Count one use of the form `actie` from this IP network and for this e-mail address; False when
    either is over its limit (LIMIET_PER_IP_PER_UUR, LIMIET_PER_EMAIL_PER_UUR) in the current hour."""
    venster = _venster(timezone.now())
    over = (
        _ophogen(_sleutel(actie, "ip", _netwerk(client_ip(request))), venster)
        > settings.LIMIET_PER_IP_PER_UUR
    )
    # Case does not change where a mail goes in practice; the canonical form of an address (issue 15,
    # item 1) replaces this once it exists.
    adres = unicodedata.normalize("NFKC", email or "").strip().casefold()  # look-alike spellings count as one
    if adres:
        over |= _ophogen(_sleutel(actie, "email", adres), venster) > settings.LIMIET_PER_EMAIL_PER_UUR
    return not over


def opruimen(*, nu: datetime.datetime | None = None) -> int:
    """Delete the counters of windows that have ended; returns how many."""
    from .models import Teller

    return Teller.objects.filter(venster__lt=_venster(nu or timezone.now())).delete()[0]
