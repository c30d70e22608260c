"""Reads for the council pages: motions now; the dashboard figures live in `raad.cijfers`."""

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from gebieden.models import Gemeente, Kern

from .models import Motie, Voortgangsupdate
from .permissions import is_raadslezer


def gemeenten_voor(user) -> QuerySet[Gemeente]:
    """The gemeenten whose council pages this user may read: their own, or every one for a superuser."""
    if not is_raadslezer(user):
        return Gemeente.objects.none()
    if user.is_superuser:
        return Gemeente.objects.order_by("naam")
    return Gemeente.objects.filter(pk=user.gemeente_id).order_by("naam")


def moties_zichtbaar_voor(user) -> QuerySet[Motie]:
    return Motie.objects.filter(gemeente__in=gemeenten_voor(user))


def moties_lijst(user, *, status: str = "", zoekterm: str = "") -> QuerySet[Motie]:
    """The motions this user may read, filtered, with their areas, themes and last update in few queries."""
    qs = moties_zichtbaar_voor(user).select_related("gemeente")
    if status:
        qs = qs.filter(status=status)
    zoekterm = zoekterm.strip()
    if zoekterm:
        qs = qs.filter(
            Q(nummer__icontains=zoekterm)
            | Q(titel__icontains=zoekterm)
            | Q(indieners__icontains=zoekterm)
            | Q(gevraagde_actie__icontains=zoekterm)
        )
    return (
        qs.annotate(aantal_updates=Count("updates", distinct=True), laatste_update=Max("updates__datum"))
        .prefetch_related(
            Prefetch("kernen", queryset=Kern.objects.select_related("gemeente").order_by("naam")), "themas"
        )
        .order_by("-jaar", "nummer")
    )


def motie_detail(user, pk: int) -> Motie:
    """One motion with its timeline (newest first); 404 when it is not visible to this user."""
    updates = Voortgangsupdate.objects.select_related("auteur").order_by("-datum", "-aangemaakt_op", "-pk")
    return get_object_or_404(
        moties_zichtbaar_voor(user)
        .select_related("gemeente")
        .prefetch_related(
            Prefetch("kernen", queryset=Kern.objects.select_related("gemeente").order_by("naam")),
            "themas",
            Prefetch("updates", queryset=updates),
        ),
        pk=pk,
    )
