"""The section this app adds to the area pages (see gebieden/secties.py)."""

from gebieden.registry import register_gebied_sectie


def contacten_sectie(request, gebied):
    """Today's contacts of a kern or wijk (nothing on the gemeente page)."""
    from .selectors import contactpersonen

    if getattr(gebied, "niveau", None) not in ("kern", "wijk"):
        return None
    return {"contacten": contactpersonen(gebied, met_beschrijvingen=False), "gebied_naam": gebied.naam}


register_gebied_sectie("rollen_contacten", "rollen/_contacten_sectie.html", contacten_sectie, order=10)
