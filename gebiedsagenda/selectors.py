"""Reusable reads of the gebiedsagenda, the area news and what changed for followers."""

from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce

from bewonersgroepen.selectors import groepen_van_lid
from gebieden.models import Gemeente, Kern, Wijk
from leefbaarheidsbudget.models import Aanvraag

from .constants import NieuwsStatus, OpgaveStatus
from .models import Gebiedsagenda, Nieuwsbericht, Opgave, OpgaveStatuswijziging, Reactie, Voortgangsnotitie
from .permissions import gemeente_ids_van

# --- Area news ---------------------------------------------------------------------------------------


def _nieuws_filter(gebied) -> Q:
    """News of an area: a wijk also gets its kern's items; a kern also its wijken's; a gemeente all."""
    if isinstance(gebied, Gemeente):
        return Q(gemeente=gebied)
    if isinstance(gebied, Kern):
        return Q(kernen=gebied) | Q(wijken__kern=gebied)
    if isinstance(gebied, Wijk):
        filter = Q(wijken=gebied)
        if gebied.kern_id:
            filter |= Q(kernen=gebied.kern_id)
        return filter
    raise ValueError(f"Geen gebied: {gebied!r}")


def gepubliceerd_nieuws():
    return Nieuwsbericht.objects.filter(status=NieuwsStatus.GEPUBLICEERD).prefetch_related(
        Prefetch("kernen", queryset=Kern.objects.only("pk", "naam", "slug", "gemeente_id")),
        Prefetch("wijken", queryset=Wijk.objects.only("pk", "naam", "code")),
    )


def nieuws_voor_gebied(gebied):
    """Published news of an area, newest first (a distinct queryset, for pages and feeds)."""
    ids = Nieuwsbericht.objects.filter(_nieuws_filter(gebied), status=NieuwsStatus.GEPUBLICEERD).values("pk")
    return gepubliceerd_nieuws().filter(pk__in=ids).order_by("-gepubliceerd_op", "-pk")


def zichtbaar_nieuws(user):
    """Published news for everyone; proposals also for their author and the gemeente's staff."""
    berichten = Nieuwsbericht.objects.prefetch_related("kernen", "wijken")
    if not user.is_authenticated:
        return berichten.filter(status=NieuwsStatus.GEPUBLICEERD)
    ids = gemeente_ids_van(user)
    if ids is None:
        return berichten
    return berichten.filter(Q(status=NieuwsStatus.GEPUBLICEERD) | Q(auteur=user) | Q(gemeente__in=ids))


def nieuws_voor_staf(user):
    """Every news item of the staff member's gemeente, proposals waiting for a decision first."""
    ids = gemeente_ids_van(user)
    berichten = Nieuwsbericht.objects.select_related("auteur", "gemeente").prefetch_related(
        "kernen", "wijken"
    )
    if ids is not None:
        berichten = berichten.filter(gemeente__in=ids)
    return berichten.order_by(
        models.Case(models.When(status=NieuwsStatus.VOORGESTELD, then=0), default=1),
        "-aangemaakt_op",
        "-pk",
    )


def kiesbare_gebieden(user, groep_gemeenten=None):
    """Kernen and wijken the user may write news for: the staff member's gemeente, or (for a member)
    the gemeenten of their groups."""
    ids = gemeente_ids_van(user) if groep_gemeenten is None else groep_gemeenten
    kernen = Kern.objects.select_related("gemeente").order_by("gemeente__naam", "naam")
    wijken = Wijk.objects.select_related("gemeente").order_by("code")
    if ids is not None:
        kernen, wijken = kernen.filter(gemeente__in=ids), wijken.filter(gemeente__in=ids)
    return kernen, wijken


# --- Gebiedsagenda -----------------------------------------------------------------------------------


def _opgaven_queryset():
    return Opgave.objects.select_related("thema", "eigenaar").order_by(
        "thema__volgorde", "thema__naam", "titel"
    )


def agenda_van(gebied) -> Gebiedsagenda | None:
    """The agenda of one kern or wijk with its opgaven, or None."""
    veld = "kern" if isinstance(gebied, Kern) else "wijk"
    return (
        Gebiedsagenda.objects.filter(**{veld: gebied})
        .prefetch_related(Prefetch("opgaven", queryset=_opgaven_queryset()))
        .first()
    )


def agendas_voor_gebied(gebied) -> list[Gebiedsagenda]:
    """A wijk page shows its own agenda and its kern's; a kern page its own and those of its wijken."""
    if isinstance(gebied, Kern):
        filter = Q(kern=gebied) | Q(wijk__kern=gebied)
    elif isinstance(gebied, Wijk):
        filter = Q(wijk=gebied) | (Q(kern=gebied.kern_id) if gebied.kern_id else Q(pk__in=[]))
    else:
        return []
    agendas = Gebiedsagenda.objects.filter(filter).select_related("kern__gemeente", "wijk__gemeente")
    agendas = agendas.prefetch_related(Prefetch("opgaven", queryset=_opgaven_queryset()))
    # The area's own agenda first, then the others.
    return sorted(agendas, key=lambda a: (a.gebied != gebied, a.kern_id is None, a.pk))


def agendas_overzicht():
    """Every agenda with its area and the number of opgaven per status, for the public overview."""
    telling = {
        f"aantal_{status}": models.Count("opgaven", filter=Q(opgaven__status=status))
        for status in OpgaveStatus
    }
    return (
        Gebiedsagenda.objects.select_related("kern__gemeente", "wijk__gemeente", "wijk__kern")
        .annotate(aantal_opgaven=models.Count("opgaven"), **telling)
        .order_by(
            Coalesce("kern__gemeente__naam", "wijk__gemeente__naam"),
            Coalesce("kern__naam", "wijk__kern__naam", "wijk__naam"),
            "wijk__code",
        )
    )


def opgave_detail():
    """Opgaven with everything their public page shows (notes, history, projects, groups)."""
    return Opgave.objects.select_related(
        "thema", "eigenaar", "agenda__kern__gemeente", "agenda__wijk__gemeente", "agenda__wijk__kern"
    ).prefetch_related(
        Prefetch("notities", queryset=Voortgangsnotitie.objects.order_by("-datum", "-pk")),
        Prefetch("statuswijzigingen", queryset=OpgaveStatuswijziging.objects.select_related("door")),
        "projecten",
        "groepen",
    )


def reacties_voor(user, opgave) -> list[Reactie]:
    """Reactions on an opgave this user may read: staff of its gemeente all of them; a member also
    their own groups' (published or not); everyone the published ones."""
    reacties = Reactie.objects.filter(opgave=opgave).select_related("groep", "auteur").order_by("groep__naam")
    if user.has_perm("gebiedsagenda.view_reacties", opgave):
        return list(reacties)
    zichtbaar = Q(gepubliceerd_op__isnull=False)
    if user.is_authenticated:
        zichtbaar |= Q(groep__in=groepen_van_lid(user))
    return list(reacties.filter(zichtbaar))


def agendas_voor_staf(user):
    """Agendas in the gemeenten whose staff pages the user may see."""
    agendas = Gebiedsagenda.objects.select_related("kern__gemeente", "wijk__gemeente")
    ids = gemeente_ids_van(user)
    if ids is None:
        return agendas
    return agendas.filter(Q(kern__gemeente__in=ids) | Q(wijk__gemeente__in=ids))


def opgaven_voor_staf(user):
    opgaven = Opgave.objects.select_related("agenda__kern__gemeente", "agenda__wijk__gemeente", "thema")
    ids = gemeente_ids_van(user)
    if ids is None:
        return opgaven.prefetch_related("projecten")
    return opgaven.filter(
        Q(agenda__kern__gemeente__in=ids) | Q(agenda__wijk__gemeente__in=ids)
    ).prefetch_related("projecten")


REACTIES_TE_PUBLICEREN_OP_BEHEERPAGINA = 50


def te_publiceren_reacties(user):
    """Reactions of groups in the staff member's gemeente that wait for publication, oldest first."""
    return (
        reacties_voor_staf(user)
        .filter(gepubliceerd_op__isnull=True)
        .select_related("groep", "opgave__agenda__kern", "opgave__agenda__wijk")
        .order_by("gewijzigd_op", "pk")
    )


def reacties_voor_staf(user):
    reacties = Reactie.objects.select_related("opgave__agenda__kern", "opgave__agenda__wijk")
    ids = gemeente_ids_van(user)
    if ids is None:
        return reacties
    return reacties.filter(
        Q(opgave__agenda__kern__gemeente__in=ids) | Q(opgave__agenda__wijk__gemeente__in=ids)
    )


def _agenda_filter(gebied, prefix="agenda__") -> Q:
    if isinstance(gebied, Kern):
        return Q(**{f"{prefix}kern": gebied}) | Q(**{f"{prefix}wijk__kern": gebied})
    filter = Q(**{f"{prefix}wijk": gebied})
    if gebied.kern_id:
        filter |= Q(**{f"{prefix}kern": gebied.kern_id})
    return filter


# --- What changed, for the followers' overview ------------------------------------------------------


def wijzigingen_voor_gebied(gebied, *, sinds, tot) -> dict:
    """News, opgave progress and decided budget applications of an area in (sinds, tot]."""
    nieuws = list(nieuws_voor_gebied(gebied).filter(gepubliceerd_op__gt=sinds, gepubliceerd_op__lte=tot))
    notities = list(
        Voortgangsnotitie.objects.filter(
            _agenda_filter(gebied, "opgave__agenda__"), aangemaakt_op__gt=sinds, aangemaakt_op__lte=tot
        )
        .select_related("opgave")
        .order_by("opgave__titel", "datum")
    )
    statussen = list(
        OpgaveStatuswijziging.objects.filter(
            _agenda_filter(gebied, "opgave__agenda__"), op__gt=sinds, op__lte=tot
        )
        .exclude(van="")
        .select_related("opgave")
        .order_by("opgave__titel", "op")
    )
    besluiten = list(besluiten_voor_gebied(gebied, sinds=sinds, tot=tot))
    return {
        "nieuws": nieuws,
        "notities": notities,
        "statussen": statussen,
        "besluiten": besluiten,
        "aantal": len(nieuws) + len(notities) + len(statussen) + len(besluiten),
    }


def besluiten_voor_gebied(gebied, *, sinds, tot):
    """Budget applications of the area decided (granted or refused) in (sinds, tot].

    A kern's followers hear of its wijken's applications too; a wijk's of those for its whole kern.
    Only what the decision page of the budget app makes public: title, group, outcome and amount.
    """
    if isinstance(gebied, Kern):
        waar = Q(kern=gebied) | Q(wijk__kern=gebied)
    else:
        waar = Q(wijk=gebied)
        if gebied.kern_id:
            waar |= Q(kern=gebied.kern_id, wijk__isnull=True)
    return (
        Aanvraag.objects.filter(waar, besluit_op__gt=sinds, besluit_op__lte=tot)
        .select_related("groep")
        .order_by("besluit_op", "pk")
    )


# --- Open work of a staff member (rollen's workload page and hand-over) ----------------------------


def open_opgaven_van(user):
    return (
        Opgave.objects.filter(eigenaar=user)
        .exclude(status=OpgaveStatus.GEREALISEERD)
        .select_related("agenda__kern", "agenda__wijk")
        .order_by("titel")
    )


def open_opgaven_per_eigenaar(user_ids) -> dict[int, int]:
    rijen = (
        Opgave.objects.filter(eigenaar_id__in=user_ids)
        .exclude(status=OpgaveStatus.GEREALISEERD)
        .values("eigenaar_id")
        .annotate(aantal=models.Count("pk"))
    )
    return {rij["eigenaar_id"]: rij["aantal"] for rij in rijen}
