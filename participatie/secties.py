"""The sections participatie adds to pages of lower apps.

* the public project page (`rollen.registry.register_project_sectie`): the published plan — the question,
  what is open for influence, the decision it feeds — the timeline of steps done and coming with their
  level and what that level means, the stakeholders by name, the decision when taken, and the plan's
  consultation rounds (following the project is gebiedsagenda's section); a concept plan shows nothing
  to the public (staff get a link to the plan page and its rounds);
* the area pages (`gebieden.registry.register_gebied_sectie`): the active ketenpartners of a kern or wijk,
  organisation contacts only.
"""

from django.urls import reverse

from gebieden.models import Kern, Wijk
from gebieden.registry import register_gebied_sectie
from rollen.registry import register_project_sectie

from . import selectors
from .constants import NIVEAU_UITLEG, Belanghebbendesoort, Participatieniveau, Planstatus
from .permissions import is_staf_van_gemeente
from .raadpleging_constants import Raadplegingstatus


def project_sectie(request, project):
    """The plan and its consultation rounds: one section, so the plan and its stakeholders are read once
    and the rounds come from that plan."""
    staf = is_staf_van_gemeente(request.user, project.gemeente_id)
    beheer_url = (
        reverse("participatie:plan", kwargs={"gemeente": project.gemeente.slug, "slug": project.slug})
        if staf
        else ""
    )
    plan = selectors.plan_op_projectpagina(project, ook_concept=staf)
    raadplegingen = _raadplegingen(request, plan, staf=staf)
    if plan is None or plan.status != Planstatus.GEPUBLICEERD:
        # The public sees nothing of a concept; staff get a link to the plan page (and its rounds).
        if not staf:
            return None
        return {"plan": None, "project": project, "beheer_url": beheer_url, "raadplegingen": raadplegingen}
    stappen = list(project.stappen.all())
    gebruikt = {s.niveau for s in stappen if s.niveau}
    belanghebbenden = list(plan.belanghebbenden.all())
    return {
        "vervangt_traject": True,
        "plan": plan,
        "project": project,
        "gedaan": [s for s in stappen if s.uitgevoerd],
        "komend": [s for s in stappen if not s.uitgevoerd],
        "ladder": [(n.label, NIVEAU_UITLEG[n], n in gebruikt) for n in Participatieniveau],
        "groepen": [b for b in belanghebbenden if b.soort == Belanghebbendesoort.GROEP],
        "partners": [b for b in belanghebbenden if b.soort == Belanghebbendesoort.KETENPARTNER],
        "algemeen": [
            b
            for b in belanghebbenden
            if b.soort not in (Belanghebbendesoort.GROEP, Belanghebbendesoort.KETENPARTNER)
        ],
        "beheer_url": beheer_url,
        "raadplegingen": raadplegingen,
    }


def _raadplegingen(request, plan, *, staf: bool) -> dict | None:
    """The plan's consultation rounds (staff also see concepts), or None when there is nothing to show
    and the user may not make one."""
    if plan is None:
        return None
    beheer = request.user.has_perm("participatie.change_raadpleging", plan)
    rondes = plan.raadplegingen.select_related("stap").prefetch_related("themas").order_by("open_van", "pk")
    if not staf:
        rondes = rondes.exclude(status=Raadplegingstatus.CONCEPT)
    rondes = [{"raadpleging": r, "themas": list(r.themas.all())} for r in rondes]
    if not rondes and not beheer:
        return None
    return {"rondes": rondes, "beheer": beheer}


register_project_sectie("participatie", "participatie/_project_sectie.html", project_sectie, order=10)


def ketenpartners_sectie(request, gebied):
    if not isinstance(gebied, Kern | Wijk):
        return None
    partners = list(selectors.ketenpartners_in_gebied(gebied))
    if not partners:
        return None
    return {"gebied": gebied, "partners": partners}


register_gebied_sectie(
    "ketenpartners", "participatie/_ketenpartners_sectie.html", ketenpartners_sectie, order=15
)
