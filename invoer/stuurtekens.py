"""Control characters in a request: refused at the door, or taken out of what people typed.

PostgreSQL cannot hold NUL (U+0000) in text: a search, a filter or a path with `%00` raised in the database
driver and gave a 500. The other C0 control characters (except tab, line feed and carriage return) are
never typed, break XML (the feeds) and only hide text. `StuurtekensMiddleware`, early in MIDDLEWARE, is the
one place that deals with them for every view:

- a path with any control character: 404 (no page has one);
- NUL in the query, in form data or in a header: 400;
- other control characters in the query or form data (names and values): taken out, so every form sees
  clean text (a Word text pasted with a vertical tab keeps its words);
- a cookie with a control character is ignored, as if it were not sent (a session key with NUL would
  reach the database).

The refusal pages are shown as to a visitor who is not logged in: the session is not read yet.
"""

import re

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest
from django.http import Http404, QueryDict

# C0 controls and DEL, except tab, line feed and carriage return (those are text).
STUURTEKENS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Any C0 control or DEL: none belongs in a path or a cookie.
ALLE_STUURTEKENS = re.compile("[\x00-\x1f\x7f]")


def zonder_stuurtekens(tekst: str) -> str:
    """The text without control characters (tab, line feed and carriage return stay)."""
    return STUURTEKENS.sub("", tekst)


def _heeft_nul(gegevens: QueryDict) -> bool:
    return any(
        "\x00" in sleutel or any("\x00" in w for w in waarden) for sleutel, waarden in gegevens.lists()
    )


def _schoon(gegevens: QueryDict) -> QueryDict:
    """`gegevens` itself when it is clean (nearly always), else a copy without control characters."""
    if not any(
        STUURTEKENS.search(sleutel) or any(STUURTEKENS.search(w) for w in waarden)
        for sleutel, waarden in gegevens.lists()
    ):
        return gegevens
    kopie = QueryDict(mutable=True, encoding=gegevens.encoding)
    for sleutel, waarden in gegevens.lists():
        kopie.setlist(zonder_stuurtekens(sleutel), [zonder_stuurtekens(w) for w in waarden])
    kopie._mutable = False
    return kopie


class StuurtekensMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for naam in [n for n, w in request.COOKIES.items() if ALLE_STUURTEKENS.search(n + w)]:
            del request.COOKIES[naam]
        if ALLE_STUURTEKENS.search(request.path):
            request.user = AnonymousUser()
            raise Http404("Een adres met een stuurteken bestaat niet.")
        if _heeft_nul(request.GET) or any(
            "\x00" in waarde for sleutel, waarde in request.META.items() if sleutel.startswith("HTTP_")
        ):
            request.user = AnonymousUser()
            raise BadRequest("NUL-teken in het adres of een kopregel.")
        request.GET = _schoon(request.GET)
        if request.method == "POST":
            if _heeft_nul(request.POST):
                request.user = AnonymousUser()
                raise BadRequest("NUL-teken in formuliergegevens.")
            request.POST = _schoon(request.POST)
        return self.get_response(request)
