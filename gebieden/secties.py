"""The sections this app adds to the area pages. Every app keeps its area-page (and group-page) sections in
its own `secties.py`, which registers them when imported; `GebiedenConfig.ready()` imports them all."""

from .registry import register_gebied_sectie


def profiel_sectie(request, gebied):
    from .selectors import gebiedsprofiel

    profiel = gebiedsprofiel(gebied)
    return {"gebied": gebied, "profiel": profiel} if profiel else None


register_gebied_sectie("profiel", "gebieden/_profiel.html", profiel_sectie, order=90)
