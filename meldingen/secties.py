"""The section this app adds to the area pages (see gebieden/secties.py): what is being done in a wijk or
kern — the open meldingen with category, status and date; no text, no street, never personal data."""

from django.db.models import Count, Window
from django.urls import reverse

from gebieden.models import Kern, Wijk
from gebieden.registry import register_gebied_sectie

from . import selectors

OP_GEBIEDSPAGINA = 10


def meldingen_sectie(request, gebied):
    if not isinstance(gebied, Kern | Wijk):
        return None
    # The total comes with the first rows (a window count, computed before the limit): one query.
    meldingen = list(selectors.open_in_gebied(gebied).annotate(totaal=Window(Count("pk")))[:OP_GEBIEDSPAGINA])
    return {
        "gebied": gebied,
        "meldingen": meldingen,
        "aantal": meldingen[0].totaal if meldingen else 0,
        "melden_url": reverse("meldingen:melden") + f"?gemeente={gebied.gemeente.slug}",
        # The area's own page: every open melding, paginated, on a map (points rounded to about 50 m).
        "kaart_url": reverse("meldingen:wijk", args=[gebied.code])
        if isinstance(gebied, Wijk)
        else reverse("meldingen:kern", args=[gebied.gemeente.slug, gebied.slug]),
    }


register_gebied_sectie("meldingen", "meldingen/_sectie_meldingen.html", meldingen_sectie, order=45)
