"""Reusable reads of the gebiedsagenda, the area news and what changed for followers."""

import operator
from functools import reduce

from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce

from bewonersgroepen.selectors import groepen_van_lid
from gebieden.models import Buurt, Gemeente, Kern, Wijk
from leefbaarheidsbudget.models import Aanvraag

from .constants import NieuwsStatus, OpgaveStatus
from .models import (
    GEMEENTEBREED,
    NIVEAUS,
    Gebiedsagenda,
    Nieuwsbericht,
    Opgave,
    OpgaveStatuswijziging,
    Reactie,
    Voortgangsnotitie,
)
from .permissions import gemeente_ids_van

# --- Area news ---------------------------------------------------------------------------------------


def _nieuws_filter(gebied) -> Q:
    """News of an area: a wijk also gets its kern's items; a kern also its wijken's; a gemeente all.
    An item for the whole gemeente (no kernen or wijken) shows on every kern and wijk page of it."""
    if isinstance(gebied, Gemeente):
        return Q(gemeente=gebied)
    hele_gemeente = Q(gemeente=gebied.gemeente_id, kernen__isnull=True, wijken__isnull=True)
    if isinstance(gebied, Kern):
        return Q(kernen=gebied) | Q(wijken__kern=gebied) | hele_gemeente
    if isinstance(gebied, Wijk):
        filter = Q(wijken=gebied) | hele_gemeente
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


AGENDA_GEBIEDEN = ("gemeente", "kern__gemeente", "wijk__kern", "buurt__wijk")


def keten(gebied) -> dict[str, int]:
    """The area and every area above it, as {niveau: pk}: a buurt gives its wijk, that wijk's kern (if it
    has one) and the gemeente."""
    if isinstance(gebied, Gemeente):
        return {"gemeente": gebied.pk}
    if isinstance(gebied, Kern):
        return {"gemeente": gebied.gemeente_id, "kern": gebied.pk}
    if isinstance(gebied, Buurt):
        return {**keten(gebied.wijk), "buurt": gebied.pk}
    if isinstance(gebied, Wijk):
        boven = {"gemeente": gebied.gemeente_id, "wijk": gebied.pk}
        return {**boven, "kern": gebied.kern_id} if gebied.kern_id else boven
    raise ValueError(f"Geen gebied: {gebied!r}")


def _op_niveau(niveau: str, pk: int, prefix="") -> Q:
    """Agendas (through `prefix`) of exactly this area; the gemeente's own is its gemeente-wide one."""
    if niveau == "gemeente":
        return Q(**{f"{prefix}gemeente": pk}) & _met_prefix(GEMEENTEBREED, prefix)
    return Q(**{f"{prefix}{niveau}": pk})


def _met_prefix(q: Q, prefix: str) -> Q:
    return Q(*((f"{prefix}{veld}", waarde) for veld, waarde in q.children))


def _in_keten(gebied, prefix="") -> Q:
    """Agendas (through `prefix`) of the area itself or of an area above it."""
    return reduce(operator.or_, (_op_niveau(n, pk, prefix) for n, pk in keten(gebied).items()))


def _onder(gebied, prefix="") -> Q:
    """Rows linked to an area just below: a kern's wijken, a wijk's buurten (a buurt has no page of its
    own, so its agenda is shown on its wijk's page)."""
    if isinstance(gebied, Kern):
        return Q(**{f"{prefix}wijk__kern": gebied})
    if isinstance(gebied, Wijk):
        return Q(**{f"{prefix}buurt__wijk": gebied})
    return Q(pk__in=[])


def agendas_op_niveau(gebied):
    """The agenda of exactly this area (a queryset: zero or one)."""
    return Gebiedsagenda.objects.filter(_op_niveau(gebied.niveau, gebied.pk))


def agenda_van(gebied) -> Gebiedsagenda | None:
    """The agenda of one area (of any level) with its opgaven, or None."""
    return (
        agendas_op_niveau(gebied).prefetch_related(Prefetch("opgaven", queryset=_opgaven_queryset())).first()
    )


RANG = {"eigen": 0, "boven": 1, "onder": 2}


def agendas_voor_gebied(gebied) -> list[Gebiedsagenda]:
    """The agendas an area page shows: its own, those of the areas above it ("ook voor heel de kern /
    gemeente"), and those just below it (a kern's wijken, a wijk's buurten). Each gets `verhouding`
    ("eigen", "boven", "onder"); own first, then above from near to far, then below."""
    agendas = list(
        Gebiedsagenda.objects.filter(_in_keten(gebied) | _onder(gebied))
        .select_related(*AGENDA_GEBIEDEN)
        .prefetch_related(Prefetch("opgaven", queryset=_opgaven_queryset()))
    )
    boven = keten(gebied)
    for agenda in agendas:
        if agenda.niveau == gebied.niveau:
            agenda.verhouding = "eigen"
        elif getattr(agenda, f"{agenda.niveau}_id") == boven.get(agenda.niveau):
            agenda.verhouding = "boven"
        else:
            agenda.verhouding = "onder"
    return sorted(
        agendas, key=lambda a: (RANG[a.verhouding], -NIVEAUS.index(a.niveau), str(a.gebied.naam), a.pk)
    )


OOK = {"kern": "ook_kernen", "wijk": "ook_wijken", "buurt": "ook_buurten"}


def gedeelde_opgaven(gebied, getoonde_agendas=()) -> list[Opgave]:
    """Opgaven of other areas that span this area, an area above it, or (as the page shows their agendas
    too) an area just below it: a kern's wijken, a wijk's buurten. Not those on an agenda shown already."""
    delen = [Q(**{OOK[niveau]: pk}) for niveau, pk in keten(gebied).items() if niveau in OOK]
    if isinstance(gebied, Kern):
        delen.append(Q(ook_wijken__kern=gebied))
    elif isinstance(gebied, Wijk):
        delen.append(Q(ook_buurten__wijk=gebied))
    if not delen:
        return []
    ids = (
        Opgave.objects.filter(reduce(operator.or_, delen))
        .exclude(agenda__in=[a.pk for a in getoonde_agendas])
        .values("pk")
    )
    # The table names each opgave's theme and the area of its agenda: only those are joined (with the
    # owner and the areas' parents too, PostgreSQL spent more on planning this query than on running it).
    gebieden = (f"agenda__{niveau}" for niveau in NIVEAUS)
    return list(
        _opgaven_queryset().filter(pk__in=ids).select_related(None).select_related("thema", *gebieden)
    )


def agendas_overzicht(niveau: str | None = None):
    """Every agenda (or those of one level) with its area and the number of opgaven per status, for the
    public overview."""
    telling = {
        f"aantal_{status}": models.Count("opgaven", filter=Q(opgaven__status=status))
        for status in OpgaveStatus
    }
    agendas = Gebiedsagenda.objects.select_related(*AGENDA_GEBIEDEN)
    if niveau == "gemeente":
        agendas = agendas.filter(GEMEENTEBREED)
    elif niveau in NIVEAUS:
        agendas = agendas.filter(**{f"{niveau}__isnull": False})
    return agendas.annotate(aantal_opgaven=models.Count("opgaven"), **telling).order_by(
        "gemeente__naam",
        models.Case(
            models.When(buurt__isnull=False, then=3),
            models.When(wijk__isnull=False, then=2),
            models.When(kern__isnull=False, then=1),
            default=0,
            output_field=models.IntegerField(),
        ),
        Coalesce("kern__naam", "wijk__naam", "buurt__naam"),
        "pk",
    )


def openbare_opgaven():
    """Every opgave, as the public agenda pages show them (the open data API): with its theme and area."""
    return Opgave.objects.select_related("thema", *(f"agenda__{p}" for p in AGENDA_GEBIEDEN)).order_by(
        "agenda__gemeente__naam", "titel", "pk"
    )


def opgave_detail():
    """Opgaven with everything their public page shows (notes, history, projects, groups)."""
    return Opgave.objects.select_related(
        "thema", "eigenaar", *(f"agenda__{p}" for p in AGENDA_GEBIEDEN)
    ).prefetch_related(
        "ook_kernen",
        "ook_wijken",
        "ook_buurten",
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


def in_gemeenten(ids, prefix="") -> Q:
    """Agendas (through `prefix`) of an area, at any level, in one of the gemeenten `ids`."""
    return Q(**{f"{prefix}gemeente__in": ids})


def agendas_voor_staf(user):
    """Agendas in the gemeenten whose staff pages the user may see."""
    agendas = Gebiedsagenda.objects.select_related(*AGENDA_GEBIEDEN)
    ids = gemeente_ids_van(user)
    if ids is None:
        return agendas
    return agendas.filter(in_gemeenten(ids))


def opgaven_voor_staf(user):
    opgaven = Opgave.objects.select_related(*(f"agenda__{p}" for p in AGENDA_GEBIEDEN), "thema")
    ids = gemeente_ids_van(user)
    if ids is None:
        return opgaven.prefetch_related("projecten")
    return opgaven.filter(in_gemeenten(ids, "agenda__")).prefetch_related("projecten")


REACTIES_TE_PUBLICEREN_OP_BEHEERPAGINA = 50


def te_publiceren_reacties(user):
    """Reactions of groups in the staff member's gemeente that wait for publication, oldest first."""
    return (
        reacties_voor_staf(user)
        .filter(gepubliceerd_op__isnull=True)
        .select_related("groep", *(f"opgave__agenda__{p}" for p in AGENDA_GEBIEDEN))
        .order_by("gewijzigd_op", "pk")
    )


def reacties_voor_staf(user):
    reacties = Reactie.objects.select_related(*(f"opgave__agenda__{p}" for p in AGENDA_GEBIEDEN))
    ids = gemeente_ids_van(user)
    if ids is None:
        return reacties
    return reacties.filter(in_gemeenten(ids, "opgave__agenda__"))


def _agenda_filter(gebied, prefix="agenda__") -> Q:
    """What a follower of a kern or wijk hears about: its own agenda, those above it (the gemeente's too)
    and those just below it."""
    return _in_keten(gebied, prefix) | _onder(gebied, prefix)


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
        .select_related(*(f"agenda__{p}" for p in AGENDA_GEBIEDEN))
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
