"""Open applications as 'open work' for rollen (workload counts and the hand-over when someone leaves), and
the kind of new work that routing rules send to a person (registered below; see rollen/werk.py)."""

from django.db.models import Count

from rollen.registry import register_open_werk, register_soort_werk

from .constants import OPEN_WERK
from .models import Aanvraag, Statuswijziging
from .selectors import SOORT_WERK_AANVRAAG


def open_aanvragen(user):
    return (
        Aanvraag.objects.filter(behandelaar=user, status__in=OPEN_WERK)
        .select_related("groep")
        .order_by("uiterste_beslisdatum")
    )


def aantal_open(user) -> int:
    return Aanvraag.objects.filter(behandelaar=user, status__in=OPEN_WERK).count()


def aantallen_open(user_ids) -> dict[int, int]:
    rijen = (
        Aanvraag.objects.filter(behandelaar_id__in=user_ids, status__in=OPEN_WERK)
        .values("behandelaar_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["behandelaar_id"]: r["n"] for r in rijen}


def overdragen(*, van, naar, gebied, toewijzing=None) -> int:
    """Move `van`'s open applications in `gebied` (a Kern: also its wijken; a Wijk) to `naar`."""
    niveau = getattr(gebied, "niveau", None)
    qs = Aanvraag.objects.filter(behandelaar=van, status__in=OPEN_WERK)
    if niveau == "kern":
        qs = qs.filter(kern=gebied)
    elif niveau == "wijk":
        qs = qs.filter(wijk=gebied)
    else:
        return 0  # projects hold no applications
    aanvragen = list(qs.select_for_update())
    for aanvraag in aanvragen:
        Statuswijziging.objects.create(
            aanvraag=aanvraag,
            van=aanvraag.status,
            naar=aanvraag.status,
            gebeurtenis="Behandelaar gewijzigd",
            door=None,
            toelichting=f"Overgedragen van {van} aan {naar}.",
        )
    return Aanvraag.objects.filter(pk__in=[a.pk for a in aanvragen]).update(behandelaar=naar)


# Routing rules (rollen) decide who handles a new application; without a rule: the kern's adviseur.
register_soort_werk(SOORT_WERK_AANVRAAG, "Aanvraag leefbaarheidsbudget")
register_open_werk(
    "aanvragen",
    "Open aanvragen leefbaarheidsbudget",
    count_for=aantal_open,
    items_for=open_aanvragen,
    transfer=overdragen,
    counts_for=aantallen_open,
    order=30,
)
