"""Safe uploads, reusable by every app.

The small public API:

- `BestandValidator(soorten=[Bestandstype.PDF], max_mb=10)`: a model/form field validator that sniffs
  the type from the content (never the name), checks the size and, for PDFs, that pypdf can parse it.
  Put it in a `FileField(validators=[...])`: `full_clean()` in a service then refuses bad files with a
  Dutch message on that field and nothing is saved.
- `prive_opslag`: callable storage for `FileField(storage=prive_opslag)`: `STORAGES["prive"]`, on local
  disk under `settings.PRIVATE_MEDIA_ROOT` (outside the web root) or in S3-compatible object storage;
  no public URL either way. A file is stored whole or not at all.
- `OpslagFout`: raised when a file cannot be stored (disk full, storage away); nothing is left behind.
  Services turn it into a Dutch message at the file field (`str(fout)`).
- `opruimen_bij_fout()`: a block whose stored files are removed again if it ends with an exception.
- `WillekeurigeNaam("map")`: `upload_to` that gives each file a random name (no user input in paths).
- `bestand_serveren(veld, downloadnaam=...)`: a `FileResponse` for a view that has already asked the
  permission policy; the content type is sniffed again and the browser is told not to guess.
- `FOUTEN_BESTANDSVELD`: plain Dutch messages for a form's file field (`error_messages=`).
- `PriveBestandInput`: the form widget for such a field (Django's default widget would ask the storage
  for a public URL, which private files do not have).
- `exif_verwijderen(bestand)`: a copy of a JPEG/PNG photo without EXIF (location, camera) data.
"""

from .opslag import (
    OpslagFout,
    PriveBestandInput,
    PriveOpslag,
    PriveOpslagMixin,
    WillekeurigeNaam,
    opruimen_bij_fout,
    prive_opslag,
)
from .serveren import bestand_serveren
from .validatie import FOUTEN_BESTANDSVELD, Bestandstype, BestandValidator, exif_verwijderen, herken_type

__all__ = [
    "FOUTEN_BESTANDSVELD",
    "BestandValidator",
    "OpslagFout",
    "Bestandstype",
    "PriveBestandInput",
    "PriveOpslag",
    "PriveOpslagMixin",
    "WillekeurigeNaam",
    "bestand_serveren",
    "exif_verwijderen",
    "herken_type",
    "opruimen_bij_fout",
    "prive_opslag",
]
