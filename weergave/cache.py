"""Public pages from Django's cache for visitors who are not logged in.

The area pages, the contact lookup and the open figures are read by residents far more than anything
else, and the same for each of them: one rendering serves every visitor without a login for
OPENBAAR_CACHE_SECONDEN (default 60; 0 turns it off; read once, when the views are imported). It is
Django's own `cache_page` in the shared cache (Redis in production, config/cache.py: when Redis is away,
every page is simply rendered).

Logged-in users never get a stored page, nor is theirs stored: staff see controls on these pages and
must see at once what they just saved. Their answer is marked `Cache-Control: private`, which Django's
cache skips, and every answer varies on the Cookie header, so a request with a session never matches
the page stored for requests without one.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_cookie


def openbaar_gecached(*, niet_bij: tuple[str, ...] = ()):
    """Decorator for a public GET page: cached for visitors without a login (see above). A request with
    one of the query parameters `niet_bij` (a free search term) is always rendered and never stored: the
    cache holds the pages everyone asks for, not one per typed question."""

    def decorator(view):
        # vary_on_cookie inside cache_page, so that the cache learns the Vary header: SessionMiddleware
        # adds it only after the page is stored.
        @vary_on_cookie
        @wraps(view)
        def prive_voor_ingelogden(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
            return response

        gecached = cache_page(settings.OPENBAAR_CACHE_SECONDEN)(prive_voor_ingelogden)

        @wraps(view)
        def kies(request, *args, **kwargs):
            if any(request.GET.get(naam) for naam in niet_bij):
                return prive_voor_ingelogden(request, *args, **kwargs)
            return gecached(request, *args, **kwargs)

        return kies

    return decorator
