"""Open applications as 'open work' for rollen: workload counts and the hand-over when someone leaves."""

from django.db.models import Count

from .constants import OPEN_WERK
from .models import Aanvraag, Statuswijziging


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
