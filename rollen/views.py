"""Pages of rollen. Views parse, ask the policy, call one service or selector, render."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from gebieden.models import Gemeente, Kern, Wijk
from gebieden.selectors import zoek_gebieden, zoek_gemeenten, zoek_op_postcode, zoek_op_straat
from gebieden.zoeken import lees_postcode
from invoer.eenmalig import eenmalig
from invoer.formulier import fout_op_formulier
from weergave.cache import openbaar_gecached

from . import selectors, services
from .constants import DEKKING_VOORUIT_DAGEN, Rol
from .forms import (
    BeeindigenForm,
    ParticipatiestapForm,
    ProjectFilterForm,
    ProjectForm,
    ToewijzingFilterForm,
    ToewijzingForm,
)
from .models import Toewijzing
from .permissions import gemeente_ids_van, toegang_vereist, zichtbaar_voor
from .registry import onbeheerd_werk_providers, open_werk_providers, project_secties, stappenbeheer_voor

PER_PAGINA = 25


def _pagina(request, qs, per_pagina=PER_PAGINA):
    return Paginator(qs, per_pagina).get_page(request.GET.get("pagina"))


# --- public -------------------------------------------------------------------------------------------
def _gekozen_gebied(waarde: str):
    soort, _, sleutel = (waarde or "").partition("-")
    if soort == "kern" and sleutel.isdigit():
        return Kern.objects.select_related("gemeente").filter(pk=int(sleutel)).first()
    if soort == "wijk" and sleutel:
        return Wijk.objects.select_related("gemeente", "kern").filter(code=sleutel.upper()).first()
    return None


@openbaar_gecached(niet_bij=("q",))
def contactpersonen(request):
    """'Wie is mijn contactpersoon?' — choose or search a kern or wijk; public, work contact details only.

    The list to choose from holds the areas of one gemeente only: the chosen area's, or the gemeente the
    visitor chose first (directly, when the portal holds just one). The search box finds the others.
    So the page costs the same queries and bytes however many gemeenten the portal holds."""
    term = request.GET.get("q", "")[:100].strip()
    gekozen = request.GET.get("gebied", "")
    gekozen_gemeente = request.GET.get("gemeente", "")[:120]
    gebied = _gekozen_gebied(gekozen)
    gemeente = gebied.gemeente if gebied else None
    if gemeente is None and gekozen_gemeente:
        gemeente = Gemeente.objects.filter(slug=gekozen_gemeente).only("pk", "naam", "slug").first()
    gemeente_onbekend = bool(gekozen_gemeente) and gemeente is None
    gemeenten, andere_gemeenten = [], False
    if gemeente is None:
        gemeenten = selectors.gemeenten_keuzelijst()
        if len(gemeenten) == 1:  # nothing to choose: show its areas at once
            gemeente, gemeenten = gemeenten[0], []
    else:
        andere_gemeenten = selectors.andere_gemeenten_bestaan(gemeente)
    postcode = lees_postcode(term)
    if postcode:
        vondsten, kernen, wijken, gevonden_gemeenten = zoek_op_postcode(postcode), [], [], []
    elif term:
        vondsten = zoek_op_straat(term)
        kernen, wijken = zoek_gebieden(term)
        gevonden_gemeenten = zoek_gemeenten(term)
    else:
        vondsten, kernen, wijken, gevonden_gemeenten = [], [], [], []
    if gebied is None and len(vondsten) == 1 and not (kernen or wijken or gevonden_gemeenten):
        # One clear answer: show its contacts at once, with why it matched above them.
        gebied = vondsten[0].contactgebied
        gemeente, gemeenten = gebied.gemeente, []
        andere_gemeenten = selectors.andere_gemeenten_bestaan(gemeente)
    context = {
        "term": term,
        "postcode": postcode,
        "vondsten": vondsten,
        "bij_benadering": any(v.bij_benadering for v in vondsten),
        "gevonden_gemeenten": gevonden_gemeenten,
        "gevonden_kernen": kernen,
        "gevonden_wijken": wijken,
        "gebied": gebied,
        "gekozen": gekozen,
        "gemeente_onbekend": gemeente_onbekend,
        "gemeente": gemeente,
        "gemeenten": gemeenten,
        "andere_gemeenten": andere_gemeenten,
        "keuze": selectors.gebieden_keuzelijst(gemeente) if gemeente else None,
        "contacten": selectors.contactpersonen(gebied) if gebied else None,
    }
    return render(request, "rollen/contactpersonen.html", context)


def rollen(request):
    beschrijvingen = selectors.rolbeschrijvingen()
    return render(
        request,
        "rollen/rollen.html",
        {"rollen": [(rol, beschrijvingen.get(rol.value, "")) for rol in Rol]},
    )


def projecten(request):
    form = ProjectFilterForm(request.GET)
    fase = form.gekozen().get("fase", "")
    pagina = _pagina(request, selectors.projecten_lijst(fase=fase))
    return render(request, "rollen/projecten.html", {"pagina": pagina, "fase": fase, "form": form})


def _stap_url(project) -> str:
    """Where a step of this project is added: its participation plan's page, or rollen's own form."""
    beheer = stappenbeheer_voor(project)
    if beheer:
        return beheer[0]
    return reverse("rollen:stap_toevoegen", args=[project.gemeente.slug, project.slug])


def project(request, gemeente, slug):
    obj = selectors.project_detail(gemeente, slug)
    secties = project_secties(request, obj)
    return render(
        request,
        "rollen/project.html",
        {
            "project": obj,
            "omgevingsmanager": obj.omgevingsmanager_toewijzing(),
            "mag_wijzigen": request.user.has_perm("rollen.change_project", obj),
            "mag_stap_toevoegen": (mag_stap := request.user.has_perm("rollen.add_participatiestap", obj)),
            "stap_url": _stap_url(obj) if mag_stap else "",
            "secties": secties,
            "eigen_traject": not any(s["context"].get("vervangt_traject") for s in secties),
        },
    )


# --- staff: projects --------------------------------------------------------------------------------
def _eigen_project(request, gemeente, slug):
    obj = selectors.project_detail(gemeente, slug)
    if not request.user.has_perm("rollen.change_project", obj):
        raise Http404
    return obj


@toegang_vereist("rollen.add_project")
@eenmalig
def project_toevoegen(request):
    ids = gemeente_ids_van(request.user)
    form = ProjectForm(request.POST or None, gemeente_ids=ids, initial={"gemeente": request.user.gemeente_id})
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.project_opslaan(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, f"Project {obj.naam} is opgeslagen.")
            return redirect(obj)
    return render(request, "rollen/project_form.html", {"form": form, "project": None})


@toegang_vereist("rollen.add_project")
def project_wijzigen(request, gemeente, slug):
    obj = _eigen_project(request, gemeente, slug)
    ids = gemeente_ids_van(request.user)
    initial = {
        "gemeente": obj.gemeente,
        "naam": obj.naam,
        "beschrijving": obj.beschrijving,
        "fase": obj.fase,
        "kernen": list(obj.kernen.all()),
        "wijken": list(obj.wijken.all()),
    }
    form = ProjectForm(request.POST or None, gemeente_ids=ids, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.project_opslaan(project=obj, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, f"Project {obj.naam} is opgeslagen.")
            return redirect(obj)
    return render(request, "rollen/project_form.html", {"form": form, "project": obj})


@toegang_vereist("rollen.add_project")
@eenmalig
def stap_toevoegen(request, gemeente, slug):
    obj = _eigen_project(request, gemeente, slug)
    if beheer := stappenbeheer_voor(obj):
        # The steps of this project belong to its participation plan: added there, with a level.
        return redirect(beheer[0])
    if not request.user.has_perm("rollen.add_participatiestap", obj):
        raise PermissionDenied
    form = ParticipatiestapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.participatiestap_toevoegen(project=obj, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De stap is toegevoegd aan het participatietraject.")
            return redirect(obj)
    return render(request, "rollen/stap_form.html", {"form": form, "project": obj})


# --- staff: coverage, workload, assignments ---------------------------------------------------------
def _gemeente_voor(request):
    """The gemeente a staff page is about: the user's own, or (superuser) the one chosen."""
    ids = gemeente_ids_van(request.user)
    qs = Gemeente.objects.order_by("naam")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    gekozen = request.GET.get("gemeente", "")
    gemeente = (qs.filter(slug=gekozen).first() if gekozen else None) or qs.first()
    return gemeente, (list(qs) if ids is None else [])


@toegang_vereist("rollen.view_dekking")
def dekking(request):
    gemeente, keuze = _gemeente_voor(request)
    resultaat = selectors.dekking(gemeente) if gemeente else None
    # Work of higher apps that waits unassigned because an area lacks someone (meldingen: a wijk without a
    # Beheerder); beside each gap of that role its own count, the gemeente's total above the table.
    onbeheerd = [(p, p.tellen(gemeente)) for p in onbeheerd_werk_providers()] if gemeente else []
    nu = [
        (gat, [telling.voor(gat.gebied) if p.rol == gat.rol else None for p, telling in onbeheerd])
        for gat in (resultaat.nu if resultaat else [])
    ]
    return render(
        request,
        "rollen/dekking.html",
        {
            "dekking": resultaat,
            "nu": nu,
            "onbeheerd": onbeheerd,
            "gemeente": gemeente,
            "gemeenten": keuze,
            "dagen": DEKKING_VOORUIT_DAGEN,
        },
    )


@toegang_vereist("rollen.view_werklast")
def werklast(request):
    gemeente, keuze = _gemeente_voor(request)
    ids = [gemeente.pk] if gemeente else []
    pagina = _pagina(request, selectors.medewerkers_van(ids))
    return render(
        request,
        "rollen/werklast.html",
        {
            "pagina": pagina,
            "regels": selectors.werklast(list(pagina)),
            "providers": open_werk_providers(),
            "gemeente": gemeente,
            "gemeenten": keuze,
        },
    )


@toegang_vereist("rollen.view_werklast")
def medewerker(request, pk):
    persoon = get_object_or_404(selectors.medewerkers_van(gemeente_ids_van(request.user)), pk=pk)
    open_werk = [(p, list(p.items_for(persoon))) for p in open_werk_providers()]
    return render(
        request,
        "rollen/medewerker.html",
        {
            "persoon": persoon,
            "toewijzingen": selectors.toewijzingen_van(persoon),
            "open_werk": open_werk,
            "overdrachten": selectors.overdrachten_van(persoon),
            "vandaag": datetime.date.today(),
        },
    )


@toegang_vereist("rollen.view_toewijzing")
def toewijzingen(request):
    """Every assignment of the gemeente, also of wijkwethouders without an account, to end or hand over."""
    gemeente, keuze = _gemeente_voor(request)
    gegevens = request.GET.copy()
    gegevens.setdefault("stand", "lopend")
    if keuze:
        gegevens["gemeente"] = gemeente.slug
    form = ToewijzingFilterForm(gegevens, met_gemeente=bool(keuze))
    gekozen = form.gekozen()
    qs = selectors.toewijzingen_overzicht(
        [gemeente.pk] if gemeente else [],
        rol=gekozen.get("rol") or "",
        stand=gekozen.get("stand") or "lopend",
        zoek=(gekozen.get("q") or "").strip(),
    )
    return render(
        request,
        "rollen/toewijzingen.html",
        {
            "pagina": _pagina(request, qs),
            "gemeente": gemeente,
            "gemeenten": keuze,
            "form": form,
            "vandaag": datetime.date.today(),
        },
    )


@toegang_vereist("rollen.add_toewijzing")
@eenmalig
def toewijzing_toevoegen(request):
    form = ToewijzingForm(request.POST or None, gemeente_ids=gemeente_ids_van(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            toewijzing = services.toewijzing_aanmaken(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, f"Toegewezen: {toewijzing}.")
            if toewijzing.medewerker_id:
                return redirect("rollen:medewerker", pk=toewijzing.medewerker_id)
            return redirect("rollen:toewijzingen")
    return render(request, "rollen/toewijzing_form.html", {"form": form})


@toegang_vereist("rollen.change_toewijzing")
def toewijzing_beeindigen(request, pk):
    toewijzing = get_object_or_404(
        zichtbaar_voor(
            request.user, Toewijzing.objects.select_related("medewerker", "kern", "wijk", "project")
        ),
        pk=pk,
    )
    form = BeeindigenForm(request.POST or None, toewijzing=toewijzing)
    if request.method == "POST" and form.is_valid():
        try:
            overdracht = services.toewijzing_beeindigen(
                toewijzing=toewijzing, door=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            tekst = f"De toewijzing eindigt op {overdracht.datum:%d-%m-%Y}."
            if overdracht.naar:
                tekst += (
                    f" {overdracht.naar.naam} neemt het over, met {overdracht.totaal_verplaatst} open werk."
                )
            messages.success(request, tekst)
            if toewijzing.medewerker_id:
                return redirect("rollen:medewerker", pk=toewijzing.medewerker_id)
            return redirect("rollen:toewijzingen")
    return render(
        request,
        "rollen/toewijzing_beeindigen.html",
        {"form": form, "toewijzing": toewijzing, "providers": open_werk_providers()},
    )
