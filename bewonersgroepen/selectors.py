"""Reusable reads of groups; the public API other apps use is at the top."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.permissions import is_ingelogd
from gebieden.selectors import werkgebied_vooraf
from rollen.permissions import gemeente_ids_van

from .constants import VERLOOPT_BINNEN_DAGEN, Groepstatus, Overeenkomststatus
from .models import Betaalgegevenswijziging, Groep, Lidmaatschap, Samenwerkingsovereenkomst, Uitnodiging

# --- public API for other apps ---------------------------------------------------------------------


def actieve_lidmaatschappen(op: datetime.date | None = None) -> QuerySet[Lidmaatschap]:
    dag = op or timezone.localdate()
    return Lidmaatschap.objects.filter(Q(tot__isnull=True) | Q(tot__gt=dag), van__lte=dag)


def is_laatste_contactpersoon(lidmaatschap: Lidmaatschap) -> bool:
    """Is this active membership the group's only active contact person? (It may not go.)"""
    actief = actieve_lidmaatschappen().filter(groep_id=lidmaatschap.groep_id, is_contactpersoon=True)
    return actief.filter(pk=lidmaatschap.pk).exists() and not actief.exclude(pk=lidmaatschap.pk).exists()


def groepen_van_lid(user) -> QuerySet[Groep]:
    """The groups the user is an active member of (whatever their status)."""
    if not is_ingelogd(user):
        return Groep.objects.none()
    return Groep.objects.filter(
        pk__in=actieve_lidmaatschappen().filter(gebruiker_id=user.pk).values("groep_id")
    ).select_related("gemeente")


def is_lid(user, groep) -> bool:
    if not is_ingelogd(user):
        return False
    return actieve_lidmaatschappen().filter(gebruiker_id=user.pk, groep_id=groep.pk).exists()


def zichtbare_groepen(user) -> QuerySet[Groep]:
    """Every group this user may open: staff see their gemeente's groups, members their own, others none."""
    if not is_ingelogd(user):
        return Groep.objects.none()
    ids = gemeente_ids_van(user)
    if ids is None:
        return Groep.objects.all()
    # The ids as a UNION of two index scans: with an OR of "in my gemeente" and a membership subquery,
    # PostgreSQL read every group of every gemeente for each list and count (2 ms at scale 100).
    eigen = actieve_lidmaatschappen().filter(gebruiker_id=user.pk).order_by().values("groep_id")
    van_gemeente = Groep.objects.filter(gemeente_id__in=ids).order_by().values("pk")
    return Groep.objects.filter(pk__in=van_gemeente.union(eigen))


def zichtbare_overeenkomsten(user) -> QuerySet[Samenwerkingsovereenkomst]:
    return Samenwerkingsovereenkomst.objects.filter(groep__in=zichtbare_groepen(user))


# --- pages -----------------------------------------------------------------------------------------


def verloopdrempel(vandaag: datetime.date | None = None) -> datetime.date:
    return (vandaag or timezone.localdate()) + datetime.timedelta(days=VERLOOPT_BINNEN_DAGEN)


def verlopende_overeenkomsten(*, gemeente_ids=None, vandaag: datetime.date | None = None):
    """Active agreements ending within VERLOOPT_BINNEN_DAGEN days, soonest first, without a next version yet."""
    vandaag = vandaag or timezone.localdate()
    qs = (
        Samenwerkingsovereenkomst.objects.filter(
            status=Overeenkomststatus.ACTIEF, einddatum__lte=verloopdrempel(vandaag)
        )
        .exclude(opvolger__isnull=False)
        .select_related("groep", "groep__gemeente", "groep__behandelaar")
        .prefetch_related("groep__kernen", "groep__wijken")
        .order_by("einddatum", "groep__naam")
    )
    if gemeente_ids is not None:
        qs = qs.filter(groep__gemeente_id__in=gemeente_ids)
    return qs


def _aantal_leden():
    """Members whose membership has not ended, as a subquery per group: unlike a join with COUNT, it
    keeps the paginator's count a plain count of groups (no scan of every membership)."""
    vandaag = timezone.localdate()
    tellingen = (
        Lidmaatschap.objects.filter(Q(tot__isnull=True) | Q(tot__gt=vandaag), groep_id=OuterRef("pk"))
        .order_by()
        .values("groep_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(tellingen), 0)


def groepen_lijst(user, *, soort="", kern=None, status="", verloopt=False, zoek=""):
    """The staff list: visible groups with filters, their areas and member count in a fixed number of queries."""
    qs = (
        zichtbare_groepen(user)
        .select_related("behandelaar")
        .prefetch_related(*werkgebied_vooraf())
        .annotate(aantal_leden=_aantal_leden())
        .order_by("naam")
    )
    if soort:
        qs = qs.filter(soort=soort)
    if status:
        qs = qs.filter(status=status)
    if kern is not None:
        qs = qs.filter(Q(kernen=kern) | Q(wijken__kern=kern)).distinct()
    if verloopt:
        qs = qs.filter(Exists(verlopende_overeenkomsten().filter(groep_id=OuterRef("pk")).values("pk")))
    if zoek:
        qs = qs.filter(Q(naam__icontains=zoek) | Q(email__icontains=zoek) | Q(beschrijving__icontains=zoek))
    return qs


def te_behandelen_aanmeldingen(user):
    """New registrations in the user's gemeente: theirs first, then the unassigned ones."""
    return (
        zichtbare_groepen(user)
        .filter(status=Groepstatus.AANGEMELD)
        .filter(Q(behandelaar=user) | Q(behandelaar__isnull=True))
        .select_related("behandelaar")
        .order_by("aangemaakt_op")
    )


def groep_detail(user, pk: int) -> Groep:
    """One visible group with everything its page shows; raises Groep.DoesNotExist when not visible."""
    leden = (
        actieve_lidmaatschappen()
        .select_related("gebruiker")
        .order_by("-is_contactpersoon", "gebruiker__naam")
    )
    return (
        zichtbare_groepen(user)
        .select_related("gemeente", "behandelaar", "project")
        .prefetch_related(
            *werkgebied_vooraf(),
            Prefetch("lidmaatschappen", queryset=leden, to_attr="actieve_leden"),
            Prefetch(
                "overeenkomsten",
                queryset=Samenwerkingsovereenkomst.objects.select_related("vorige").order_by("-versie"),
            ),
            Prefetch("statusovergangen", queryset=_overgangen()),
            Prefetch(
                "betaalgegevenswijzigingen",
                queryset=Betaalgegevenswijziging.objects.select_related(
                    "voorgesteld_door", "afgehandeld_door"
                ),
            ),
            Prefetch(
                "uitnodigingen",
                queryset=Uitnodiging.objects.filter(
                    geaccepteerd_op__isnull=True, verloopt_op__gt=timezone.now()
                ).order_by("naam"),
                to_attr="open_uitnodigingen",
            ),
        )
        .get(pk=pk)
    )


def _overgangen():
    from .models import Groepstatusovergang

    return Groepstatusovergang.objects.select_related("door").order_by("op", "pk")


def overeenkomst_detail(user, pk: int) -> Samenwerkingsovereenkomst:
    from .models import Overeenkomststatusovergang

    return (
        zichtbare_overeenkomsten(user)
        .select_related("groep", "groep__gemeente", "vorige")
        .prefetch_related(
            Prefetch(
                "statusovergangen",
                queryset=Overeenkomststatusovergang.objects.select_related("door").order_by("op", "pk"),
            )
        )
        .get(pk=pk)
    )


def actieve_groepen() -> QuerySet[Groep]:
    """The groups the public sees (area pages, the open data API): active ones only."""
    return Groep.objects.filter(status=Groepstatus.ACTIEF)


def actieve_groepen_in_gebied(gebied):
    """Active groups working in a kern (directly or in one of its wijken), a wijk, or a whole gemeente."""
    qs = actieve_groepen()
    niveau = getattr(gebied, "niveau", None)
    # A group's kernen and wijken lie in its own gemeente (validators.gebieden_in_gemeente): the gemeente
    # filter lets the database use its index instead of scanning every group of every gemeente.
    if niveau == "kern":
        qs = qs.filter(Q(kernen=gebied) | Q(wijken__kern=gebied), gemeente_id=gebied.gemeente_id)
    elif niveau == "wijk":
        qs = qs.filter(
            Q(wijken=gebied) | Q(kernen__wijken=gebied) if gebied.kern_id else Q(wijken=gebied),
            gemeente_id=gebied.gemeente_id,
        )
    elif niveau == "gemeente":
        qs = qs.filter(gemeente=gebied)
    else:
        return Groep.objects.none()
    return Groep.objects.filter(pk__in=qs.values("pk")).order_by("soort", "naam")


def werkt_in(groepen) -> dict[int, list[str]]:
    """Per group the names of its kernen, then of its wijken: one query (a union) for both lists, where
    two prefetches would take two."""
    ids = [g.pk for g in groepen]
    if not ids:
        return {}
    kernen = (
        Groep.kernen.through.objects.filter(groep_id__in=ids)
        .annotate(volgorde=Value(0), naam=F("kern__naam"))
        .values_list("groep_id", "volgorde", "naam")
    )
    wijken = (
        Groep.wijken.through.objects.filter(groep_id__in=ids)
        .annotate(volgorde=Value(1), naam=F("wijk__naam"))
        .values_list("groep_id", "volgorde", "naam")
    )
    namen: dict[int, list[str]] = {}
    for groep_id, _, naam in sorted(kernen.union(wijken, all=True)):
        namen.setdefault(groep_id, []).append(naam)
    return namen


def groepen_in_gebied_filter(gebied) -> Q:
    """Q for groups belonging to a Kern (also via its wijken), a Wijk, or a rollen Project."""
    label = gebied._meta.label
    if label == "gebieden.Kern":
        return Q(kernen=gebied) | Q(wijken__kern=gebied)
    if label == "gebieden.Wijk":
        return Q(wijken=gebied)
    if label == "rollen.Project":
        return Q(project=gebied)
    return Q(gemeente_id=getattr(gebied, "pk", None)) if label == "gebieden.Gemeente" else Q(pk__in=[])


def bestaand_account(uitnodiging: Uitnodiging):
    """The account of the invited address (one canonical form, matched exactly), or None."""
    return get_user_model().objects.filter(email=uitnodiging.email).first()
