"""Reads of participatie: the plan of a project, its suggested stakeholders, ketenpartners per area."""

import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from bewonersgroepen.constants import Groepsoort, Groepstatus
from bewonersgroepen.models import Groep
from gebieden.models import Kern, Wijk
from gebieden.selectors import werkgebied_vooraf
from rollen.selectors import project_detail

from .constants import Belanghebbendesoort, Planstatus
from .models import Belanghebbende, Ketenpartner, Participatieplan
from .permissions import is_staf_van_gemeente, zichtbaar_voor


def _belanghebbenden():
    return Prefetch(
        "belanghebbenden",
        queryset=Belanghebbende.objects.select_related("groep", "ketenpartner").order_by("soort", "pk"),
    )


def plan_van(project) -> Participatieplan | None:
    """The project's plan (any status), with its stakeholders and themes, or None."""
    return (
        Participatieplan.objects.filter(project=project)
        .prefetch_related(_belanghebbenden(), "themas")
        .first()
    )


def plan_op_projectpagina(project, *, ook_concept: bool) -> Participatieplan | None:
    """The plan for the project page, read once for both its sections (the plan and its rounds): with its
    stakeholders in one query; only when published unless `ook_concept` (staff of the gemeente).

    The plan gets this very project (with the Omgevingsmanager rollen prefetched), and the project keeps
    the plan in its relation cache, so the permission checks on the page ask no more queries."""
    qs = Participatieplan.objects.filter(project=project).prefetch_related(_belanghebbenden())
    if not ook_concept:
        qs = qs.filter(status=Planstatus.GEPUBLICEERD)
    plan = qs.first()
    if plan is not None:
        plan.project = project  # also sets project.participatieplan (a one-to-one)
    elif ook_concept:
        Participatieplan.project.field.remote_field.set_cached_value(project, None)  # there is none
    return plan


def project_voor_staf(user, gemeente_slug: str, slug: str):
    """A project of the user's gemeente (another gemeente's answers 404, like a missing one)."""
    project = project_detail(gemeente_slug, slug)
    if not is_staf_van_gemeente(user, project.gemeente_id):
        raise Http404
    return project


# --- areas ------------------------------------------------------------------------------------------
def _gebied_van(project) -> tuple[list[int], list[int], bool]:
    """Kern ids (also the kernen of its wijken), wijk ids, and whether the project spans the gemeente."""
    kernen = [k.pk for k in project.kernen.all()]
    wijken = list(project.wijken.all())
    kern_ids = sorted(set(kernen) | {w.kern_id for w in wijken if w.kern_id})
    return kern_ids, [w.pk for w in wijken], not kernen and not wijken


def _in_gebied(kern_ids, wijk_ids, heel) -> Q:
    if heel:
        return Q()
    q = Q(kernen__in=kern_ids) | Q(wijken__kern__in=kern_ids)
    if wijk_ids:
        q |= Q(wijken__in=wijk_ids)
    return q


# --- suggested stakeholders -------------------------------------------------------------------------
@dataclass(frozen=True)
class Suggestie:
    soort: str
    naam: str
    reden: str
    groep_id: int | None = None
    ketenpartner_id: int | None = None

    @property
    def sleutel(self) -> str:
        return f"{self.soort}-{self.groep_id or self.ketenpartner_id or 0}"


def _woorden(tekst: str) -> set[str]:
    return {w for w in re.findall(r"\w+", tekst.lower()) if len(w) >= 5}


def suggesties(plan: Participatieplan) -> list[Suggestie]:
    """Who the plan might involve and is not yet in it: the resident groups of the project's areas (a
    Themacommissie about this development and the project's own projectcommissie always), the
    ketenpartners of those areas or of the plan's themes, the area's residents and the raadsleden."""
    project = plan.project
    kern_ids, wijk_ids, heel = _gebied_van(project)
    al = {(b.soort, b.groep_id, b.ketenpartner_id) for b in plan.belanghebbenden.all()}
    uit: list[Suggestie] = []

    groepen = (
        Groep.objects.filter(gemeente_id=project.gemeente_id, status=Groepstatus.ACTIEF)
        .filter(
            _in_gebied(kern_ids, wijk_ids, heel) | Q(project=project) | Q(soort=Groepsoort.THEMACOMMISSIE)
        )
        .distinct()
        .order_by("naam")
    )
    projectwoorden = _woorden(project.naam)
    in_gebied = set(
        Groep.objects.filter(pk__in=[g.pk for g in groepen])
        .filter(_in_gebied(kern_ids, wijk_ids, heel))
        .values_list("pk", flat=True)
    )
    for groep in groepen:
        if (Belanghebbendesoort.GROEP, groep.pk, None) in al:
            continue
        if groep.project_id == project.pk:
            reden = "Projectcommissie van dit project"
        elif groep.soort == Groepsoort.THEMACOMMISSIE:
            over_dit = projectwoorden & _woorden(groep.thema)
            if not over_dit and groep.pk not in in_gebied:
                continue
            reden = f"Themacommissie{': ' + groep.thema if groep.thema else ''}"
        else:
            reden = f"{groep.get_soort_display()} in het gebied van het project"
        uit.append(Suggestie(Belanghebbendesoort.GROEP, groep.naam, reden, groep_id=groep.pk))

    thema_ids = [t.pk for t in plan.themas.all()]
    partner_q = _in_gebied(kern_ids, wijk_ids, heel) | Q(kernen__isnull=True, wijken__isnull=True)
    if thema_ids:
        partner_q |= Q(themas__in=thema_ids)
    partners = (
        Ketenpartner.objects.filter(gemeente_id=project.gemeente_id, actief=True)
        .filter(partner_q)
        .distinct()
        .order_by("naam")
    )
    for partner in partners:
        if (Belanghebbendesoort.KETENPARTNER, None, partner.pk) in al:
            continue
        uit.append(
            Suggestie(
                Belanghebbendesoort.KETENPARTNER,
                partner.naam,
                f"{partner.get_soort_display()} in het gebied of bij de thema's van het plan",
                ketenpartner_id=partner.pk,
            )
        )
    for soort, reden in (
        (Belanghebbendesoort.INWONERS, "Iedereen die in het gebied woont of werkt kan meedoen"),
        (Belanghebbendesoort.RAADSLEDEN, "Ter informatie: de raad volgt het traject"),
    ):
        if (soort, None, None) not in al:
            uit.append(Suggestie(soort, Belanghebbendesoort(soort).label, reden))
    return uit


def suggestie_zoeken(plan: Participatieplan, sleutel: str) -> Suggestie | None:
    return next((s for s in suggesties(plan) if s.sleutel == sleutel), None)


# --- ketenpartners ----------------------------------------------------------------------------------
def ketenpartners_voor_staf(user):
    return zichtbaar_voor(
        user,
        Ketenpartner.objects.select_related("gemeente").prefetch_related(*werkgebied_vooraf()),
    ).order_by("naam")


def ketenpartner_voor_staf(user, pk: int) -> Ketenpartner:
    return get_object_or_404(ketenpartners_voor_staf(user), pk=pk)


def ketenpartners_in_gebied(gebied):
    """Active partners working in a kern (or one of its wijken) or wijk (or its kern), or gemeente-wide."""
    qs = Ketenpartner.objects.filter(gemeente_id=gebied.gemeente_id, actief=True)
    if isinstance(gebied, Kern):
        qs = qs.filter(
            Q(kernen=gebied) | Q(wijken__kern=gebied) | Q(kernen__isnull=True, wijken__isnull=True)
        )
    elif isinstance(gebied, Wijk):
        qs = qs.filter(
            Q(wijken=gebied) | Q(kernen=gebied.kern_id) | Q(kernen__isnull=True, wijken__isnull=True)
        )
    return qs.distinct().order_by("soort", "naam")


def adressenboek(gemeente, wijk=None) -> list[tuple[str, str, str, bool]]:
    """The ketenpartner register as an address book for forwarding a melding (meldingen.registry): every
    active partner of the gemeente as (naam, e-mail, soort, works in this wijk — the wijk, its kern, or
    the whole gemeente, as ketenpartners_in_gebied). One query."""
    if gemeente is None:
        return []
    wijken = Ketenpartner.wijken.through.objects.filter(ketenpartner=OuterRef("pk"))
    kernen = Ketenpartner.kernen.through.objects.filter(ketenpartner=OuterRef("pk"))
    partners = Ketenpartner.objects.filter(gemeente=gemeente, actief=True).only("naam", "email", "soort")
    if wijk is not None:
        partners = partners.annotate(
            in_wijk=Exists(wijken.filter(wijk=wijk)),
            in_kern=Exists(kernen.filter(kern_id=wijk.kern_id)),
            ergens=Exists(wijken) | Exists(kernen),
        )
    uit = []
    for p in partners.order_by("naam"):
        in_gebied = wijk is not None and (p.in_wijk or p.in_kern or not p.ergens)
        uit.append((p.naam, p.email, p.get_soort_display(), in_gebied))
    return uit
