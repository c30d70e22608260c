"""Private file storage with random file names: on local disk (default) or in S3-compatible object storage.

Which one is `STORAGES["prive"]` (config/settings/base.py): `PriveOpslag` under PRIVATE_MEDIA_ROOT, or
`PriveObjectOpslag` (django-storages) when AWS_STORAGE_BUCKET_NAME is set. Neither has a public URL: every
file is served by a view that asked the permission policy first (bestanden.bestand_serveren streams it
from the storage).

A file appears whole or not at all. On disk it is written to a temporary name in its own directory,
flushed to disk, and only then linked under its real name (a hard link fails if the name exists, so
nothing is ever overwritten); a failure on the way (a full disk: ENOSPC) removes the temporary file and
raises `OpslagFout`, which the upload services turn into a Dutch message at the field. In object storage
an object becomes visible only when its upload has completed (an interrupted multipart upload is
aborted). A temporary file left by a process killed while writing belongs to no row: the scheduled
`bestanden_opruimen` removes it after its grace period.
"""

import contextlib
import errno
import logging
import os
import tempfile
import threading
import uuid

from django import forms
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

logger = logging.getLogger("gebiedsportaal.bestanden")

# Temporary files start with this: never a name WillekeurigeNaam gives, so never mistaken for a real one.
TIJDELIJK_VOORVOEGSEL = ".tmp-"


class OpslagFout(Exception):
    """A file could not be stored (disk full, storage unreachable); nothing of it was left behind."""

    def __init__(self, melding: str | None = None, *, oorzaak: BaseException | None = None):
        if melding is None:
            vol = isinstance(oorzaak, OSError) and oorzaak.errno in (errno.ENOSPC, errno.EDQUOT)
            melding = (
                "Het bestand kon niet worden bewaard: de opslag is vol. Er is niets opgeslagen. "
                "Probeer het later nog eens of neem contact op met de gemeente."
                if vol
                else "Het bestand kon niet worden bewaard: de opslag werkt nu niet. Er is niets opgeslagen. "
                "Probeer het later nog eens."
            )
        super().__init__(melding)
        self.melding = melding


def _schrijven(bestand, content) -> None:
    """Write every chunk of `content` to the open binary file `bestand` (a seam for tests: disk full)."""
    for chunk in content.chunks():
        bestand.write(chunk if isinstance(chunk, bytes) else chunk.encode())


# --- files written in a block that may be undone (load_demo) -------------------------------------------

_lokaal = threading.local()


@contextlib.contextmanager
def opruimen_bij_fout():
    """Every file stored inside this block is removed again when the block ends with an exception (also
    Ctrl+C): use it around a transaction that saves files, so a rolled-back run leaves no files behind."""
    vorige = getattr(_lokaal, "opgeslagen", None)
    _lokaal.opgeslagen = opgeslagen = []
    try:
        yield
    except BaseException:
        for opslag, naam in reversed(opgeslagen):
            try:
                opslag.delete(naam)
            except Exception:  # noqa: BLE001 — what is left over, bestanden_opruimen removes later
                logger.warning("Bestand %s kon na een fout niet worden verwijderd", naam)
        raise
    finally:
        _lokaal.opgeslagen = vorige
        if vorige is not None:
            vorige.extend(opgeslagen)


def _onthouden(opslag, naam: str) -> None:
    lijst = getattr(_lokaal, "opgeslagen", None)
    if lijst is not None:
        lijst.append((opslag, naam))


class PriveOpslagMixin:
    """No public URL; saving is all or nothing and a failure is an OpslagFout."""

    prive = True

    def url(self, name, *args, **kwargs):
        raise ValueError(
            "Privébestanden hebben geen openbare URL: serveer ze met bestanden.bestand_serveren()."
        )

    def save(self, name, content, max_length=None):
        naam = super().save(name, content, max_length=max_length)
        _onthouden(self, naam)
        return naam


class PriveOpslag(PriveOpslagMixin, FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT; read at use time, not import time."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None

    def _save(self, name, content):
        volledig = self.path(name)
        map_ = os.path.dirname(volledig)
        try:
            os.makedirs(map_, exist_ok=True)
            fd, tijdelijk = tempfile.mkstemp(prefix=TIJDELIJK_VOORVOEGSEL, dir=map_)
        except OSError as fout:
            raise OpslagFout(oorzaak=fout) from fout
        try:
            with os.fdopen(fd, "wb") as bestand:
                _schrijven(bestand, content)
                bestand.flush()
                os.fsync(bestand.fileno())
            if self.file_permissions_mode is not None:  # else mkstemp's 0600: only this user
                os.chmod(tijdelijk, self.file_permissions_mode)
            while True:
                try:
                    os.link(tijdelijk, volledig)  # atomic, and never over an existing file
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    volledig = self.path(name)
        except OSError as fout:
            raise OpslagFout(oorzaak=fout) from fout
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tijdelijk)
        self._ensure_location_group_id(volledig)
        return os.path.relpath(volledig, self.location).replace("\\", "/")


try:
    from storages.backends.s3 import S3Storage
except ImportError:  # pragma: no cover — django-storages is a dependency; keeps local-only installs working
    S3Storage = None

if S3Storage is not None:

    class PriveObjectOpslag(PriveOpslagMixin, S3Storage):
        """S3-compatible object storage (AWS, MinIO, a Dutch cloud provider); objects are private (no ACL
        grants, no URL handed out): the portal streams them after the permission check. Its options
        (bucket, endpoint, keys) come from STORAGES["prive"]["OPTIONS"] (config/settings/base.py)."""

        def _save(self, name, content):
            from botocore.exceptions import BotoCoreError, ClientError

            try:
                return super()._save(name, content)
            except (BotoCoreError, ClientError, OSError) as fout:
                logger.warning("Opslaan in de objectopslag mislukt: %s", type(fout).__name__)
                raise OpslagFout(oorzaak=fout) from fout


def prive_opslag():
    """The shared private storage, `STORAGES["prive"]` (a callable, so migrations do not freeze it)."""
    return storages["prive"]


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
