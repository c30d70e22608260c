"""Open work for rollen's workload page and hand-over, and the kinds of new work that routing rules send
to a person (registered below; see rollen/werk.py).

A group's behandelaar holds two kinds of open work: registrations still to accept or reject, and the
group's running agreements (concept, awaiting signature, active). A hand-over moves the behandelaar
of the groups in the ended assignment's area to the successor.
"""

from django.db.models import Count

from rollen.registry import register_open_werk, register_soort_werk

from .constants import Groepstatus, Overeenkomststatus
from .models import Groep, Samenwerkingsovereenkomst
from .selectors import groepen_in_gebied_filter
from .services import SOORT_WERK_AANMELDING, SOORT_WERK_OVEREENKOMST

LOPEND = (Overeenkomststatus.CONCEPT, Overeenkomststatus.TER_ONDERTEKENING, Overeenkomststatus.ACTIEF)


def _aanmeldingen():
    return Groep.objects.filter(status=Groepstatus.AANGEMELD)


def _overeenkomsten():
    return Samenwerkingsovereenkomst.objects.filter(status__in=LOPEND)


def aanmeldingen_aantal(user) -> int:
    return _aanmeldingen().filter(behandelaar=user).count()


def aanmeldingen_van(user):
    return _aanmeldingen().filter(behandelaar=user).order_by("aangemaakt_op")


def aanmeldingen_per_persoon(user_ids) -> dict[int, int]:
    rijen = (
        _aanmeldingen().filter(behandelaar_id__in=user_ids).values("behandelaar_id").annotate(n=Count("pk"))
    )
    return {r["behandelaar_id"]: r["n"] for r in rijen}


def overeenkomsten_aantal(user) -> int:
    return _overeenkomsten().filter(groep__behandelaar=user).count()


def overeenkomsten_van(user):
    return _overeenkomsten().filter(groep__behandelaar=user).select_related("groep").order_by("einddatum")


def overeenkomsten_per_persoon(user_ids) -> dict[int, int]:
    rijen = (
        _overeenkomsten()
        .filter(groep__behandelaar_id__in=user_ids)
        .values("groep__behandelaar_id")
        .annotate(n=Count("pk"))
    )
    return {r["groep__behandelaar_id"]: r["n"] for r in rijen}


def _groepen_overdragen(groepen, naar) -> int:
    return Groep.objects.filter(pk__in=list(groepen.values_list("pk", flat=True))).update(behandelaar=naar)


def aanmeldingen_overdragen(*, van, naar, gebied, toewijzing=None) -> int:
    groepen = _aanmeldingen().filter(groepen_in_gebied_filter(gebied), behandelaar=van)
    return _groepen_overdragen(groepen, naar)


def overeenkomsten_overdragen(*, van, naar, gebied, toewijzing=None) -> int:
    """Moves the groups with running agreements; returns the number of agreements that moved."""
    groepen = Groep.objects.filter(
        groepen_in_gebied_filter(gebied), behandelaar=van, overeenkomsten__status__in=LOPEND
    )
    aantal = _overeenkomsten().filter(groep__in=groepen.values("pk")).count()
    _groepen_overdragen(groepen, naar)
    return aantal


# Routing rules (rollen) decide who gets these; without a rule: the kern's adviseur.
register_soort_werk(SOORT_WERK_AANMELDING, "Aanmelding van een bewonersgroep")
register_soort_werk(SOORT_WERK_OVEREENKOMST, "Samenwerkingsovereenkomst die afloopt (herinnering)")
register_open_werk(
    "groepaanmeldingen",
    "Aanmeldingen van groepen",
    count_for=aanmeldingen_aantal,
    items_for=aanmeldingen_van,
    transfer=aanmeldingen_overdragen,
    counts_for=aanmeldingen_per_persoon,
    order=40,
)
register_open_werk(
    "samenwerkingsovereenkomsten",
    "Samenwerkingsovereenkomsten",
    count_for=overeenkomsten_aantal,
    items_for=overeenkomsten_van,
    transfer=overeenkomsten_overdragen,
    counts_for=overeenkomsten_per_persoon,
    order=41,
)
