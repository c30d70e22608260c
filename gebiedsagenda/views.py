"""Thin views: parse the request, ask the policy, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

import limiet
from bewonersgroepen.constants import Groepstatus
from bewonersgroepen.models import Groep
from bewonersgroepen.selectors import groepen_van_lid
from gebieden.models import Buurt, Gemeente, Kern, Wijk
from invoer.eenmalig import eenmalig
from invoer.formulier import fout_op_formulier
from rollen.models import Project
from rollen.selectors import medewerkers_van

from . import ical, selectors, services
from . import kalender as kalender_bronnen
from .constants import NieuwsStatus
from .forms import (
    AgendaFilterForm,
    AgendaForm,
    BeoordelingForm,
    NieuwsForm,
    NotitieForm,
    OpgaveForm,
    ReactieForm,
    StatusForm,
    VolgForm,
)
from .models import Nieuwsstatuswijziging, Volger
from .permissions import toegang_vereist

PER_PAGINA = 20


def _gebied(gemeente=None, kern=None, code=None):
    if code is not None:
        return get_object_or_404(Wijk.objects.select_related("gemeente", "kern"), code=code.upper())
    return get_object_or_404(Kern.objects.select_related("gemeente"), gemeente__slug=gemeente, slug=kern)


# --- News --------------------------------------------------------------------------------------------


def nieuws(request):
    pagina = Paginator(selectors.gepubliceerd_nieuws().select_related("gemeente"), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(request, "gebiedsagenda/nieuws.html", {"pagina": pagina})


def nieuwsbericht(request, pk):
    bericht = _bericht(request, pk)
    return render(
        request,
        "gebiedsagenda/nieuwsbericht.html",
        {
            "bericht": bericht,
            "mag_beoordelen": bericht.status == NieuwsStatus.VOORGESTELD
            and request.user.has_perm("gebiedsagenda.beoordelen_nieuwsbericht", bericht),
            "toon_historie": _toon_historie(request.user, bericht),
            "form": BeoordelingForm(),
        },
    )


def _bericht(request, pk):
    return get_object_or_404(
        selectors.zichtbaar_nieuws(request.user)
        .select_related("gemeente", "groep")
        .prefetch_related(
            Prefetch("statuswijzigingen", queryset=Nieuwsstatuswijziging.objects.select_related("door"))
        ),
        pk=pk,
    )


def _toon_historie(user, bericht) -> bool:
    """Staff and the proposer see who proposed, published or refused it and when; readers do not."""
    return user.is_authenticated and (
        user.has_perm("gebiedsagenda.view_nieuwsbeheer") or bericht.auteur_id == user.pk
    )


@toegang_vereist("gebiedsagenda.add_nieuwsbericht")
@eenmalig
def nieuws_nieuw(request):
    if request.user.has_perm("gebiedsagenda.view_nieuwsbeheer"):
        kernen, wijken = selectors.kiesbare_gebieden(request.user)
        groepen = None
    else:  # a group member proposes on behalf of one of their groups
        groepen = groepen_van_lid(request.user).order_by("naam")
        kernen, wijken = selectors.kiesbare_gebieden(
            request.user, groep_gemeenten=list(groepen.values_list("gemeente_id", flat=True))
        )
    form = NieuwsForm(request.POST or None, kernen=kernen, wijken=wijken, groepen=groepen)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data.pop("hele_gemeente"):  # staff: their own gemeente; a member: their group's
            data["gemeente"] = request.user.gemeente if groepen is None else data["groep"].gemeente
        try:
            bericht = services.nieuws_plaatsen(door=request.user, **data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            if bericht.status == NieuwsStatus.GEPUBLICEERD:
                messages.success(request, "Het bericht is gepubliceerd.")
            else:
                messages.success(
                    request, "Het bericht is voorgesteld. Een medewerker van de gemeente beoordeelt het."
                )
            return redirect(bericht)
    return render(request, "gebiedsagenda/nieuws_form.html", {"form": form})


@toegang_vereist("gebiedsagenda.view_nieuwsbeheer")
def nieuws_beheer(request):
    berichten = selectors.nieuws_voor_staf(request.user)
    pagina = Paginator(berichten, PER_PAGINA).get_page(request.GET.get("pagina"))
    reacties = selectors.te_publiceren_reacties(request.user)
    return render(
        request,
        "gebiedsagenda/nieuws_beheer.html",
        {
            "pagina": pagina,
            "reacties": reacties[: selectors.REACTIES_TE_PUBLICEREN_OP_BEHEERPAGINA],
            "aantal_reacties": reacties.count(),
        },
    )


@require_POST
@toegang_vereist("gebiedsagenda.view_nieuwsbeheer")
def nieuws_beoordelen(request, pk):
    bericht = get_object_or_404(selectors.nieuws_voor_staf(request.user), pk=pk)
    if not request.user.has_perm("gebiedsagenda.beoordelen_nieuwsbericht", bericht):
        raise PermissionDenied
    form = BeoordelingForm(request.POST)
    if form.is_valid():
        try:
            services.nieuws_beoordelen(
                bericht=bericht,
                door=request.user,
                publiceren=form.cleaned_data["besluit"] == "publiceren",
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "Uw besluit is opgeslagen.")
            return redirect("gebiedsagenda:nieuws_beheer")
    bericht = _bericht(request, pk)
    return render(
        request,
        "gebiedsagenda/nieuwsbericht.html",
        {"bericht": bericht, "mag_beoordelen": True, "toon_historie": True, "form": form},
        status=400,
    )


# --- Following an area -------------------------------------------------------------------------------


def volgen(request, gemeente=None, kern=None, code=None, project=None):
    if project is not None:  # follow a project: a mail per event of the project, not the weekly overview
        gebied = get_object_or_404(
            Project.objects.select_related("gemeente"), gemeente__slug=gemeente, slug=project
        )
    else:
        gebied = _gebied(gemeente, kern, code)
    form = VolgForm(request.POST or None)
    context = {"gebied": gebied, "form": form, "is_project": project is not None}
    if request.method == "POST" and form.is_valid():
        if not limiet.toegestaan(request, "volgen", email=form.cleaned_data["email"]):
            form.add_error(None, limiet.MELDING)
            return render(request, "gebiedsagenda/volgen.html", context, status=429)
        services.volgen_aanmelden(
            email=form.cleaned_data["email"], gebied=gebied, basis_url=request.build_absolute_uri("/")
        )
        return render(request, "gebiedsagenda/volgen_verstuurd.html", context)
    return render(request, "gebiedsagenda/volgen.html", context)


def volgen_bevestigen(request, token):
    volger = services.volgen_bevestigen(token=token)
    if volger is None:
        raise Http404("Deze link is onbekend of verlopen.")
    return render(
        request,
        "gebiedsagenda/volgen_bevestigd.html",
        {"gebied": volger.gebied, "is_project": volger.project_id is not None},
    )


@csrf_exempt  # RFC 8058 one-click: the mail program POSTs without a session; the secret token guards it.
def volgen_afmelden(request, token):
    alles = request.GET.get("alles") == "1"
    if request.method == "POST":
        services.volgen_afmelden(token=token, alles=alles)
        return render(request, "gebiedsagenda/volgen_afgemeld.html")
    volger = get_object_or_404(Volger.objects.select_related("kern", "wijk", "project"), token=token)
    # A GET only asks: mail scanners open links, and must not unsubscribe anyone.
    return render(
        request,
        "gebiedsagenda/volgen_afmelden.html",
        {
            "gebied": volger.gebied,
            "alles": alles,
            "actie": reverse("gebiedsagenda:volgen_afmelden", args=[token]),
        },
    )


# --- Gebiedsagenda -----------------------------------------------------------------------------------


def agenda_overzicht(request):
    """Every agenda (of every level, or of the chosen one), per gemeente, with its opgaven per status."""
    form = AgendaFilterForm(request.GET)
    niveau = form.gekozen().get("niveau", "")
    return render(
        request,
        "gebiedsagenda/agenda_overzicht.html",
        {"agendas": selectors.agendas_overzicht(niveau or None), "form": form, "niveau": niveau},
    )


def _agenda_bewerken(request, gebied):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("gebiedsagenda.change_gebiedsagenda", gebied):
        raise PermissionDenied
    agenda = selectors.agenda_van(gebied)
    # A buurt has no page of its own: its agenda is on its wijk's page.
    terug_url = (gebied.wijk if isinstance(gebied, Buurt) else gebied).get_absolute_url()
    form = AgendaForm(request.POST or None, initial={"toekomstbeeld": agenda.toekomstbeeld if agenda else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_opslaan(door=request.user, gebied=gebied, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De gebiedsagenda is opgeslagen.")
            return redirect(terug_url)
    return render(
        request,
        "gebiedsagenda/agenda_form.html",
        {"gebied": gebied, "agenda": agenda, "form": form, "niveau": gebied.niveau, "terug_url": terug_url},
    )


def agenda_bewerken_kern(request, gemeente, kern):
    return _agenda_bewerken(request, _gebied(gemeente, kern))


def agenda_bewerken_wijk(request, code):
    return _agenda_bewerken(request, _gebied(code=code))


def agenda_bewerken_gemeente(request, gemeente):
    return _agenda_bewerken(request, get_object_or_404(Gemeente, slug=gemeente))


def agenda_bewerken_buurt(request, code):
    return _agenda_bewerken(
        request, get_object_or_404(Buurt.objects.select_related("wijk"), code=code.upper())
    )


def _mijn_groepen_bij(user, opgave):
    """The user's groups that may react to this opgave: those of its gemeente."""
    return groepen_van_lid(user).filter(gemeente_id=opgave.gemeente_id).order_by("naam")


def opgave(request, pk):
    opgave = get_object_or_404(selectors.opgave_detail(), pk=pk)
    context = _opgave_context(request, opgave)
    return render(request, "gebiedsagenda/opgave.html", context)


def _opgave_context(request, opgave, **forms):
    context = {
        "opgave": opgave,
        "gebied": opgave.agenda.gebied,
        "reacties": selectors.reacties_voor(request.user, opgave),
        "mag_reacties_publiceren": request.user.has_perm("gebiedsagenda.publiceren_reactie", opgave),
    }
    if request.user.has_perm("gebiedsagenda.add_reactie"):
        groepen = _mijn_groepen_bij(request.user, opgave)
        if groepen:
            context["reactieform"] = ReactieForm(groepen=groepen)
    if request.user.has_perm("gebiedsagenda.change_opgave", opgave):
        keuzes = services.toegestane_statussen(opgave, request.user)
        context.update(
            mag_bewerken=True,
            statusform=StatusForm(keuzes=keuzes) if keuzes else None,
            notitieform=NotitieForm(initial={"datum": timezone.localdate().strftime("%d-%m-%Y")}),
        )
    context.update(forms)
    return context


def _opgave_formulier(request, agenda, opgave=None):
    medewerkers = medewerkers_van([agenda.gemeente_id])
    projecten = Project.objects.filter(gemeente_id=agenda.gemeente_id).order_by("naam")
    groepen = Groep.objects.filter(gemeente_id=agenda.gemeente_id, status=Groepstatus.ACTIEF).order_by("naam")
    initial = {}
    if opgave is not None:
        initial = {
            "titel": opgave.titel,
            "thema": opgave.thema_id,
            "beschrijving": opgave.beschrijving,
            "eigenaar": opgave.eigenaar_id,
            "projecten": [p.pk for p in opgave.projecten.all()],
            "groepen": [g.pk for g in opgave.groepen.all()],
            "ook_kernen": [g.pk for g in opgave.ook_kernen.all()],
            "ook_wijken": [g.pk for g in opgave.ook_wijken.all()],
            "ook_buurten": [g.pk for g in opgave.ook_buurten.all()],
        }
    # The other areas of the gemeente the opgave may span (its own agenda's area is not offered).
    eigen = {f"{agenda.niveau}": getattr(agenda, f"{agenda.niveau}_id")}
    gebieden = {
        "ook_kernen": Kern.objects.filter(gemeente_id=agenda.gemeente_id).exclude(pk=eigen.get("kern")),
        "ook_wijken": Wijk.objects.filter(gemeente_id=agenda.gemeente_id).exclude(pk=eigen.get("wijk")),
        "ook_buurten": Buurt.objects.filter(wijk__gemeente_id=agenda.gemeente_id).exclude(
            pk=eigen.get("buurt")
        ),
    }
    form = OpgaveForm(
        request.POST or None,
        initial=initial,
        medewerkers=medewerkers,
        projecten=projecten,
        groepen=groepen,
        gebieden={veld: qs.order_by("naam") for veld, qs in gebieden.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if opgave is None:
                opgave = services.opgave_aanmaken(door=request.user, agenda=agenda, **form.cleaned_data)
            else:
                opgave = services.opgave_bijwerken(door=request.user, opgave=opgave, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De opgave is opgeslagen.")
            return redirect(opgave)
    return render(
        request, "gebiedsagenda/opgave_form.html", {"form": form, "agenda": agenda, "opgave": opgave}
    )


@toegang_vereist("gebiedsagenda.change_gebiedsagenda")
@eenmalig
def opgave_nieuw(request, agenda_pk):
    agenda = get_object_or_404(selectors.agendas_voor_staf(request.user), pk=agenda_pk)
    return _opgave_formulier(request, agenda)


@toegang_vereist("gebiedsagenda.change_opgave")
def opgave_bewerken(request, pk):
    opgave = get_object_or_404(selectors.opgaven_voor_staf(request.user), pk=pk)
    return _opgave_formulier(request, opgave.agenda, opgave)


@require_POST
@toegang_vereist("gebiedsagenda.change_opgave")
def opgave_status(request, pk):
    opgave = get_object_or_404(selectors.opgaven_voor_staf(request.user), pk=pk)
    form = StatusForm(request.POST, keuzes=services.toegestane_statussen(opgave, request.user))
    if form.is_valid():
        try:
            services.opgave_status_wijzigen(door=request.user, opgave=opgave, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De status is gewijzigd.")
            return redirect(opgave)
    return _opgave_met_fouten(request, pk, statusform=form)


@require_POST
@toegang_vereist("gebiedsagenda.change_opgave")
@eenmalig
def opgave_notitie(request, pk):
    opgave = get_object_or_404(selectors.opgaven_voor_staf(request.user), pk=pk)
    form = NotitieForm(request.POST)
    if form.is_valid():
        services.voortgang_toevoegen(door=request.user, opgave=opgave, **form.cleaned_data)
        messages.success(request, "De voortgang is toegevoegd.")
        return redirect(opgave)
    return _opgave_met_fouten(request, pk, notitieform=form)


def _opgave_met_fouten(request, pk, **forms):
    opgave = get_object_or_404(selectors.opgave_detail(), pk=pk)
    return render(request, "gebiedsagenda/opgave.html", _opgave_context(request, opgave, **forms), status=400)


@toegang_vereist("gebiedsagenda.add_reactie")
@eenmalig
def opgave_reageren(request, pk):
    """A member reacts on behalf of one of their groups (POST); the form is on the opgave page."""
    opgave = get_object_or_404(selectors.opgave_detail(), pk=pk)
    groepen = _mijn_groepen_bij(request.user, opgave)
    if not groepen:
        raise PermissionDenied
    if request.method != "POST":
        return redirect(opgave)
    form = ReactieForm(request.POST, groepen=groepen)
    if form.is_valid():
        try:
            services.reactie_geven(door=request.user, opgave=opgave, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "Uw reactie is opgeslagen. De gemeente leest haar.")
            return redirect(opgave)
    return _opgave_met_fouten(request, pk, reactieform=form)


@require_POST
@toegang_vereist("gebiedsagenda.view_nieuwsbeheer")
def reactie_publiceren(request, pk):
    reactie = get_object_or_404(selectors.reacties_voor_staf(request.user), pk=pk)
    services.reactie_publiceren(
        door=request.user, reactie=reactie, publiceren=request.POST.get("publiceren") == "1"
    )
    messages.success(request, "De reactie is bijgewerkt.")
    return redirect(reactie.opgave)


@require_GET
def kalender(request, gemeente=None, kern=None, code=None):
    """The public calendar of a gemeente, kern or wijk (gebiedsagenda/kalender.py) as an .ics file."""
    from .feeds import NieuwsRssFeed

    gebied = NieuwsRssFeed().get_object(request, gemeente=gemeente, kern=kern, code=code)
    inhoud = ical.kalender(
        naam=kalender_bronnen.kalendernaam(gebied),
        gebeurtenissen=kalender_bronnen.gebeurtenissen(gebied, request.build_absolute_uri),
    )
    antwoord = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    naam = slugify(kalender_bronnen.kalendernaam(gebied)) or "gebiedskalender"
    antwoord["Content-Disposition"] = f'inline; filename="{naam}.ics"'
    return antwoord
