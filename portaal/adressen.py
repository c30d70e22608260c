"""`reverse` with a memory: the address of a view with the same name and arguments stays the same
while the process runs (same URL configuration, script prefix and language).

Every page reverses a dozen or more names in its layout and menu alone, and Django's `reverse` walks
its tables on every call. The portal's `{% url %}` (portaal.templatetags.portaal) and the menu use
this. Only names with no arguments or with integer and text arguments are kept (their address is
the same each time); anything else goes to `reverse` directly.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _bewaard(view_name, args, kwargs, current_app, _prefix, urlconf, _taal):
    return reverse(view_name, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


def _vast(waarden) -> bool:
    return all(type(w) in (int, str) for w in waarden)


def _omstandigheden() -> tuple:
    """What else decides an address: script prefix, URL configuration of the request, language."""
    return get_script_prefix(), get_urlconf(), get_language()


def url(view_name, args=(), kwargs=None, current_app=None) -> str:
    if (
        not isinstance(view_name, str)
        or (args and not _vast(args))
        or (kwargs and not _vast(kwargs.values()))
    ):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    return _bewaard(
        view_name,
        tuple(args),
        tuple(sorted(kwargs.items())) if kwargs else (),
        current_app,
        *_omstandigheden(),
    )


def urls(view_names) -> list[str]:
    """The addresses of several names without arguments (the main menu), the circumstances asked once."""
    omstandigheden = _omstandigheden()
    return [_bewaard(naam, (), (), None, *omstandigheden) for naam in view_names]


@receiver(setting_changed)
def _bij_nieuwe_instellingen(setting, **kwargs):
    if setting == "ROOT_URLCONF":  # tests that swap the URL configuration
        _bewaard.cache_clear()
