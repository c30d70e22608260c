"""Private file storage outside the web root, with random file names."""

import uuid
from functools import cached_property

from django import forms
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible


class PriveOpslag(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT; read at use time, not import time. No public URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError(
            "Privébestanden hebben geen openbare URL: serveer ze met bestanden.bestand_serveren()."
        )


_opslag: PriveOpslag | None = None


def prive_opslag() -> PriveOpslag:
    """The shared private storage (a callable, so migrations do not freeze a path)."""
    global _opslag
    if _opslag is None:
        _opslag = PriveOpslag()
    return _opslag


@deconstructible
class WillekeurigeNaam:
    """`upload_to` giving `<map>/<jaar>/<random hex>`: the uploader's file name is never used on disk."""

    def __init__(self, map: str):
        self.map = map

    def __call__(self, instance, filename: str) -> str:
        return f"{self.map}/{timezone.now():%Y}/{uuid.uuid4().hex}"

    def __eq__(self, other):
        return isinstance(other, WillekeurigeNaam) and other.map == self.map


class PriveBestandInput(forms.FileInput):
    """File input that never links to the current file (it has no URL); upload a new one to replace it."""
