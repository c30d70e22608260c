"""Which stored files rows point to: every FileField of every installed model, found through the app
registry (so a new field counts from its first day), with the history rows of simple-history (they keep
the name of an earlier file as text, and an earlier version's document is part of the audit trail)."""

from collections.abc import Iterator

from django.apps import apps
from django.db import models


def bestandsvelden() -> Iterator[tuple[type[models.Model], str, models.FileField]]:
    """(model, field name, the FileField) for every file field, historical models included."""
    for model in apps.get_models():
        for veld in model._meta.get_fields():
            if isinstance(veld, models.FileField):
                yield model, veld.name, veld
                geschiedenis = getattr(getattr(model, "history", None), "model", None)
                if geschiedenis is not None:
                    yield geschiedenis, veld.name, veld


def verwijzingen(opslag) -> Iterator[tuple[type[models.Model], object, str]]:
    """(model, pk, file name) of every row whose file field in `opslag` holds a name."""
    for model, naam, veld in bestandsvelden():
        if veld.storage is not opslag:
            continue
        rijen = model._default_manager.exclude(**{naam: ""}).exclude(**{f"{naam}__isnull": True})
        for pk, bestand in rijen.values_list("pk", naam).iterator():
            yield model, pk, bestand


def alle_bestanden(opslag, map_: str = "") -> Iterator[str]:
    """Every file name in `opslag` (recursively; works on disk and in object storage)."""
    try:
        mappen, bestanden = opslag.listdir(map_)
    except FileNotFoundError:  # nothing stored yet: the folder does not exist
        return
    for bestand in bestanden:
        yield f"{map_}/{bestand}" if map_ else bestand
    for sub in mappen:
        yield from alle_bestanden(opslag, f"{map_}/{sub}" if map_ else sub)
