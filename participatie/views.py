"""Staff pages of participatie: the plan of a project (its owner edits it), and the ketenpartner register.

The public side is a section of rollen's project page (secties.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gebieden.models import Gemeente
from invoer.eenmalig import eenmalig
from invoer.formulier import fout_op_formulier
from rollen.models import Participatiestap

from . import selectors, services
from .constants import NIVEAU_UITLEG, Participatieniveau, Planstatus
from .forms import IntrekkenForm, KetenpartnerForm, PlanForm, StapForm
from .models import Belanghebbende, Ketenpartner, Participatieplan
from .permissions import gemeente_ids_van, toegang_vereist
from .werkstromen import PLAN

PER_PAGINA = 25


def _ladder():
    return [(n.label, NIVEAU_UITLEG[n]) for n in Participatieniveau]


def _project(request, gemeente, slug, *, schrijven=False):
    """The project (staff of its gemeente, else 404); for writing, its plan's owner (else 403)."""
    project = selectors.project_voor_staf(request.user, gemeente, slug)
    if schrijven and not request.user.has_perm("participatie.change_participatieplan", project):
        raise PermissionDenied
    return project


def _plan(project) -> Participatieplan:
    plan = selectors.plan_van(project)
    if plan is None:
        raise Http404
    return plan


@toegang_vereist("participatie.view_participatieplan")
def plan(request, gemeente, slug):
    project = _project(request, gemeente, slug)
    plan = selectors.plan_van(project)
    mag = request.user.has_perm("participatie.change_participatieplan", project)
    return render(
        request,
        "participatie/plan.html",
        {
            "project": project,
            "plan": plan,
            "mag_wijzigen": mag,
            "suggesties": selectors.suggesties(plan) if plan and mag else [],
            "stappen": project.stappen.all(),
            "overgangen": PLAN.toegestane_overgangen(request.user, plan) if plan else [],
            "historie": plan.statuswijzigingen.select_related("door") if plan else [],
            "intrekken_form": IntrekkenForm(),
            "ladder": _ladder(),
            "Planstatus": Planstatus,
        },
    )


@toegang_vereist("participatie.view_participatieplan")
def plan_wijzigen(request, gemeente, slug):
    project = _project(request, gemeente, slug, schrijven=True)
    plan = selectors.plan_van(project)
    initial = {}
    if plan is not None:
        initial = {
            veld: getattr(plan, veld)
            for veld in (
                "vraag",
                "wel_invloed",
                "geen_invloed",
                "besluitorgaan",
                "besluit_verwacht",
                "besluit_genomen_op",
                "besluit",
            )
        }
        initial["themas"] = list(plan.themas.all())
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_opslaan(project=project, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "Het participatieplan is opgeslagen.")
            return redirect(plan)
    return render(request, "participatie/plan_form.html", {"form": form, "project": project, "plan": plan})


@require_POST
@toegang_vereist("participatie.view_participatieplan")
def plan_status(request, gemeente, slug):
    project = _project(request, gemeente, slug, schrijven=True)
    plan = _plan(project)
    naar = request.POST.get("naar", "")
    try:
        if naar == Planstatus.GEPUBLICEERD:
            services.plan_publiceren(plan=plan, door=request.user)
            messages.success(request, "Het plan staat nu op de openbare projectpagina.")
        elif naar == Planstatus.CONCEPT:
            form = IntrekkenForm(request.POST)
            reden = form.cleaned_data["toelichting"] if form.is_valid() else ""
            services.plan_intrekken(plan=plan, door=request.user, reden=reden)
            messages.success(request, "Het plan is niet meer openbaar.")
        else:
            raise ValidationError("Kies wat u met het plan wilt doen.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect(plan)


def _stap_formulier(request, project, plan, stap):
    if stap is None:
        initial = {}
    else:
        initial = {
            v: getattr(stap, v) for v in ("datum", "wat", "met_wie", "niveau", "uitgevoerd", "uitkomst")
        }
    form = StapForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.stap_opslaan(plan=plan, stap=stap, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De stap is opgeslagen.")
            return redirect(plan)
    return render(
        request,
        "participatie/stap_form.html",
        {"form": form, "project": project, "plan": plan, "stap": stap, "ladder": _ladder()},
    )


@toegang_vereist("participatie.view_participatieplan")
@eenmalig
def stap_toevoegen(request, gemeente, slug):
    project = _project(request, gemeente, slug, schrijven=True)
    plan = _plan(project)
    return _stap_formulier(request, project, plan, None)


@toegang_vereist("participatie.view_participatieplan")
def stap_wijzigen(request, gemeente, slug, pk):
    project = _project(request, gemeente, slug, schrijven=True)
    plan = _plan(project)
    stap = get_object_or_404(Participatiestap, pk=pk, project=project)
    return _stap_formulier(request, project, plan, stap)


@require_POST
@toegang_vereist("participatie.view_participatieplan")
def belanghebbende_toevoegen(request, gemeente, slug):
    """Accept a suggestion into the plan's stakeholders (one stakeholder once per plan: no key needed)."""
    project = _project(request, gemeente, slug, schrijven=True)
    plan = _plan(project)
    suggestie = selectors.suggestie_zoeken(plan, request.POST.get("suggestie", ""))
    if suggestie is None:
        messages.error(request, "Deze suggestie is er niet (meer). Misschien staat hij al in de lijst.")
        return redirect(plan)
    services.belanghebbende_toevoegen(
        plan=plan,
        door=request.user,
        soort=suggestie.soort,
        groep=plan.project.gemeente.groepen.filter(pk=suggestie.groep_id).first()
        if suggestie.groep_id
        else None,
        ketenpartner=Ketenpartner.objects.filter(pk=suggestie.ketenpartner_id).first()
        if suggestie.ketenpartner_id
        else None,
    )
    messages.success(request, f"{suggestie.naam} staat nu bij de belanghebbenden.")
    return redirect(plan)


@require_POST
@toegang_vereist("participatie.view_participatieplan")
def belanghebbende_verwijderen(request, gemeente, slug, pk):
    project = _project(request, gemeente, slug, schrijven=True)
    plan = _plan(project)
    rij = get_object_or_404(Belanghebbende.objects.select_related("groep", "ketenpartner"), pk=pk, plan=plan)
    services.belanghebbende_verwijderen(belanghebbende=rij, door=request.user)
    messages.success(request, f"{rij.naam} staat niet meer bij de belanghebbenden.")
    return redirect(plan)


# --- the ketenpartner register ----------------------------------------------------------------------
@toegang_vereist("participatie.view_ketenpartner_beheer")
def ketenpartners(request):
    pagina = Paginator(selectors.ketenpartners_voor_staf(request.user), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(request, "participatie/ketenpartners.html", {"pagina": pagina})


def _eigen_gemeente(request):
    ids = gemeente_ids_van(request.user)
    qs = Gemeente.objects.order_by("naam")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    gemeente = qs.filter(pk=request.user.gemeente_id).first() or qs.first()
    if gemeente is None:
        raise PermissionDenied
    return gemeente


def _ketenpartner_formulier(request, gemeente, obj):
    initial = {"actief": True}
    if obj is not None:
        initial = {
            v: getattr(obj, v)
            for v in ("naam", "soort", "omschrijving", "email", "telefoon", "website", "actief")
        }
        initial.update(
            kernen=list(obj.kernen.all()), wijken=list(obj.wijken.all()), themas=list(obj.themas.all())
        )
    form = KetenpartnerForm(request.POST or None, initial=initial, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.ketenpartner_opslaan(
                door=request.user, ketenpartner=obj, gemeente=gemeente, **form.cleaned_data
            )
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, f"{obj.naam} is opgeslagen.")
            return redirect("participatie:ketenpartners")
    return render(request, "participatie/ketenpartner_form.html", {"form": form, "ketenpartner": obj})


@toegang_vereist("participatie.add_ketenpartner")
@eenmalig
def ketenpartner_toevoegen(request):
    return _ketenpartner_formulier(request, _eigen_gemeente(request), None)


@toegang_vereist("participatie.view_ketenpartner_beheer")
def ketenpartner(request, pk):
    obj = selectors.ketenpartner_voor_staf(request.user, pk)
    if not request.user.has_perm("participatie.change_ketenpartner", obj):
        raise Http404
    return _ketenpartner_formulier(request, obj.gemeente, obj)
