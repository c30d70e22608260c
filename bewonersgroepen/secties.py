"""The section this app adds to the area pages (see gebieden/secties.py)."""

from gebieden.registry import register_gebied_sectie

from .selectors import actieve_groepen_in_gebied, werkt_in


def groepen_sectie(request, gebied):
    groepen = list(actieve_groepen_in_gebied(gebied))
    namen = werkt_in(groepen)
    for groep in groepen:
        groep.werkt_in = namen.get(groep.pk, [])
    return {"groepen": groepen, "gebied": gebied}


register_gebied_sectie("bewonersgroepen", "bewonersgroepen/_gebied_sectie.html", groepen_sectie, order=40)
