"""Static file storages that remember the addresses they gave.

Each `{% static %}` asks the storage for an address: joining, quoting and, with the manifest of
production, looking up the hashed name, again on every page (seven on the dashboard). The answer only
changes when the files or the settings do, and Django makes a new storage when a setting changes.
"""

from django.conf import settings
from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class _Onthouden:
    def url(self, name, *args, **kwargs):
        # The manifest storage answers differently in DEBUG (and has a `force` argument).
        sleutel = (name, args, tuple(kwargs.items()), settings.DEBUG)
        urls = self.__dict__.setdefault("_onthouden_urls", {})
        url = urls.get(sleutel)
        if url is None:
            url = urls[sleutel] = super().url(name, *args, **kwargs)
        return url


class StatischeBestanden(_Onthouden, StaticFilesStorage):
    """Development and tests (files straight from the folders)."""


class GecomprimeerdeStatischeBestanden(_Onthouden, CompressedManifestStaticFilesStorage):
    """Production: whitenoise's hashed and compressed files."""
