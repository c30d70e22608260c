"""Reusable reads of areas."""

from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404

from .models import Buurt, Gemeente, Kern, Wijk


def gemeenten_overzicht():
    """All gemeenten with their kernen and counts, in a fixed number of queries."""
    kernen = Kern.objects.annotate(
        aantal_wijken=Count("wijken", distinct=True), inwoners_wijken=Sum("wijken__inwoners")
    ).order_by("naam")
    return (
        Gemeente.objects.annotate(aantal_kernen=Count("kernen", distinct=True))
        .prefetch_related(Prefetch("kernen", queryset=kernen))
        .order_by("naam")
    )


def gemeente_detail(slug: str) -> Gemeente:
    return get_object_or_404(gemeenten_overzicht(), slug=slug)


def kern_detail(gemeente_slug: str, kern_slug: str) -> Kern:
    wijken = Wijk.objects.annotate(aantal_buurten=Count("buurten")).order_by("code")
    return get_object_or_404(
        Kern.objects.select_related("gemeente")
        .annotate(inwoners_wijken=Sum("wijken__inwoners"))
        .prefetch_related(Prefetch("wijken", queryset=wijken)),
        gemeente__slug=gemeente_slug,
        slug=kern_slug,
    )


def wijk_detail(code: str) -> Wijk:
    return get_object_or_404(
        Wijk.objects.select_related("gemeente", "kern").prefetch_related(
            Prefetch("buurten", queryset=Buurt.objects.order_by("code"))
        ),
        code=code.upper(),
    )


def kern_inwoners(kern: Kern) -> int | None:
    """A kern's own figure when set, else the sum of its wijken (None when unknown)."""
    if kern.inwoners is not None:
        return kern.inwoners
    return getattr(kern, "inwoners_wijken", None)


def zoek_gebieden(term: str, limit: int = 20):
    """Kernen and wijken whose name (or wijk code) contains the term, for the lookup pages."""
    term = (term or "").strip()
    if not term:
        return [], []
    kernen = list(
        Kern.objects.select_related("gemeente").filter(naam__icontains=term).order_by("naam")[:limit]
    )
    wijken = list(
        Wijk.objects.select_related("gemeente", "kern")
        .filter(Q(naam__icontains=term) | Q(code__iexact=term))
        .order_by("code")[:limit]
    )
    return kernen, wijken
