"""The section this app adds to the area pages (see gebieden/secties.py)."""

from gebieden.registry import register_gebied_sectie

from .selectors import actieve_groepen_in_gebied


def groepen_sectie(request, gebied):
    groepen = list(actieve_groepen_in_gebied(gebied).prefetch_related("kernen", "wijken"))
    return {"groepen": groepen, "gebied": gebied}


register_gebied_sectie("bewonersgroepen", "bewonersgroepen/_gebied_sectie.html", groepen_sectie, order=40)
