"""Council pages: motions (moties en toezeggingen), the dashboard with its map, and the public figures."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from gebieden.models import Gemeente
from invoer.eenmalig import eenmalig
from invoer.formulier import fout_op_formulier
from invoer.spreadsheet import XLSX_INHOUDTYPE, csv_schrijver, xlsx_schrijver
from weergave.cache import openbaar_gecached

from . import selectors, services
from .forms import MotieFilterForm, MotieForm, VoortgangForm
from .permissions import is_raadslezer


@login_required
def moties(request):
    if not is_raadslezer(request.user):
        raise PermissionDenied
    filters = MotieFilterForm(request.GET or None)
    gekozen = filters.gekozen()
    status, zoekterm = gekozen.get("status", ""), gekozen.get("q", "")
    qs = selectors.moties_lijst(request.user, status=status, zoekterm=zoekterm)
    pagina = Paginator(qs, 20).get_page(request.GET.get("pagina"))
    return render(
        request,
        "raad/moties.html",
        {
            "filters": filters,
            "pagina": pagina,
            "mag_toevoegen": request.user.is_medewerker and request.user.gemeente_id is not None,
        },
    )


@login_required
def motie(request, pk):
    obj = selectors.motie_detail(request.user, pk)
    if not request.user.has_perm("raad.view_motie", obj):
        raise PermissionDenied
    return render(
        request,
        "raad/motie.html",
        {
            "motie": obj,
            "mag_bijwerken": request.user.has_perm("raad.change_motie", obj),
            "toon_auteur": request.user.is_medewerker,
        },
    )


@login_required
@eenmalig
def motie_toevoegen(request):
    gemeente = request.user.gemeente
    if gemeente is None or not request.user.has_perm("raad.add_motie", gemeente):
        raise PermissionDenied
    form = MotieForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.motie_registreren(door=request.user, gemeente=gemeente, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, f"{obj.nummer} is toegevoegd.")
            return redirect(obj)
    return render(request, "raad/motie_form.html", {"form": form, "motie": None})


@login_required
def motie_wijzigen(request, pk):
    obj = selectors.motie_detail(request.user, pk)
    if not request.user.has_perm("raad.change_motie", obj):
        raise PermissionDenied
    initial = {
        "soort": obj.soort,
        "nummer": obj.nummer,
        "titel": obj.titel,
        "indieners": obj.indieners,
        "jaar": obj.jaar,
        "datum_aangenomen": obj.datum_aangenomen,
        "gevraagde_actie": obj.gevraagde_actie,
        "kernen": list(obj.kernen.all()),
        "themas": list(obj.themas.all()),
        "projecten": list(obj.projecten.all()),
    }
    form = MotieForm(request.POST or None, initial=initial, gemeente=obj.gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            services.motie_bijwerken(door=request.user, motie=obj, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De motie is bijgewerkt.")
            return redirect(obj)
    return render(request, "raad/motie_form.html", {"form": form, "motie": obj})


@login_required
@eenmalig
def voortgang_toevoegen(request, pk):
    obj = selectors.motie_detail(request.user, pk)
    if not request.user.has_perm("raad.add_voortgangsupdate", obj):
        raise PermissionDenied
    form = VoortgangForm(request.POST or None, motie=obj, gebruiker=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.voortgang_toevoegen(door=request.user, motie=obj, **form.cleaned_data)
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De stand van zaken is toegevoegd.")
            return redirect(obj)
    return render(request, "raad/voortgang_form.html", {"form": form, "motie": obj})


@login_required
def participatie(request):
    """Per project of the gemeente: the levels on the ladder, the consultation rounds, the responses and
    whether feedback was given; with the motions linked to it."""
    if not is_raadslezer(request.user):
        raise PermissionDenied
    gemeenten = selectors.leesbare_gemeenten(request.user)
    if not gemeenten:
        raise Http404
    slug = request.GET.get("gemeente", "")
    gemeente = next((g for g in gemeenten if g.slug == slug), None) if slug else gemeenten[0]
    if gemeente is None:
        raise Http404
    if not request.user.has_perm("raad.view_dashboard", gemeente):
        raise PermissionDenied
    pagina = Paginator(selectors.participatie_per_project(gemeente), 20).get_page(request.GET.get("pagina"))
    return render(
        request,
        "raad/participatie.html",
        {
            "gemeente": gemeente,
            "gemeenten": gemeenten,
            "pagina": pagina,
            "rijen": selectors.projectrijen(pagina.object_list),
        },
    )


# --- dashboard, map and transparency ------------------------------------------------------------


def _gemeente_en_jaar(request, gemeenten) -> tuple:
    """The gemeente and year chosen in the query string, limited to `gemeenten`; unknown gemeente: 404.
    Without a choice: the user's own gemeente (a visitor: one with figures) and the latest budget year
    with figures."""
    gemeenten = list(gemeenten)
    if not gemeenten:
        raise Http404
    slug = request.GET.get("gemeente", "")
    if slug:
        gemeente = next((g for g in gemeenten if g.slug == slug), None)
        if gemeente is None:
            raise Http404
    elif request.user.is_authenticated and request.user.gemeente_id in {g.pk for g in gemeenten}:
        gemeente = next(g for g in gemeenten if g.pk == request.user.gemeente_id)
    elif len(gemeenten) == 1:
        gemeente = gemeenten[0]
    else:  # a visitor: open on a gemeente with figures, not on empty ones
        gemeente = selectors.gemeente_met_cijfers(gemeenten)
    jaren, standaard = selectors.dashboard_jaren(gemeente)
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        jaar = standaard
    if not 2000 <= jaar <= 2100:
        jaar = standaard
    if jaar not in jaren:
        jaren = sorted({*jaren, jaar}, reverse=True)
    return gemeente, jaar, gemeenten, jaren


def _csv_response(bestandsnaam: str, figuren) -> HttpResponse:
    """Every figure as its title, its header and its rows, a blank line between two. Names (of kernen,
    gemeenten) are never formulas in the spreadsheet (`invoer.spreadsheet`)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response.write("\ufeff")  # so that spreadsheet programs read it as UTF-8
    schrijver = csv_schrijver(response)
    for nummer, figuur in enumerate(figuren):
        if nummer:
            schrijver.writerow([])
        schrijver.writerow([figuur.titel])
        schrijver.writerows(figuur.exportrijen())
    return response


def _xlsx_response(bestandsnaam: str, figuren) -> HttpResponse:
    """The rows of `_csv_response`, every figure on a sheet of its own (named after it, header first)."""
    schrijver = None
    for figuur in figuren:
        if schrijver is None:
            schrijver = xlsx_schrijver(figuur.titel)
        else:
            schrijver.nieuw_blad(figuur.titel)
        schrijver.writerows(figuur.exportrijen())
    response = HttpResponse(schrijver.opslaan(), content_type=XLSX_INHOUDTYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def _gekozen_figuren(request, figuren) -> tuple[list, str]:
    """All figures, or the one named in `?figuur=` (unknown: 404)."""
    key = request.GET.get("figuur", "")
    if key:
        figuren = [f for f in figuren if f.key == key]
        if not figuren:
            raise Http404
    return figuren, key


def _dashboard_lezer(request):
    if not is_raadslezer(request.user):
        raise PermissionDenied
    return _gemeente_en_jaar(request, selectors.leesbare_gemeenten(request.user))


@login_required
def dashboard(request):
    gemeente, jaar, gemeenten, jaren = _dashboard_lezer(request)
    if not request.user.has_perm("raad.view_dashboard", gemeente):
        raise PermissionDenied
    return render(
        request,
        "raad/dashboard.html",
        {
            "gemeente": gemeente,
            "jaar": jaar,
            "dashboard": selectors.dashboard_bewaard(gemeente, jaar),
            "gemeenten": gemeenten,
            "jaren": jaren,
            "keuze": urlencode({"gemeente": gemeente.slug, "jaar": jaar}),
        },
    )


def _dashboard_figuren(request):
    gemeente, jaar, _, _ = _dashboard_lezer(request)
    if not request.user.has_perm("raad.view_dashboard", gemeente):
        raise PermissionDenied
    figuren, key = _gekozen_figuren(request, selectors.dashboard_bewaard(gemeente, jaar).figuren)
    return figuren, f"{gemeente.slug}-{jaar}-{key or 'alle-cijfers'}"


@login_required
def dashboard_csv(request):
    figuren, naam = _dashboard_figuren(request)
    return _csv_response(f"{naam}.csv", figuren)


@login_required
def dashboard_xlsx(request):
    figuren, naam = _dashboard_figuren(request)
    return _xlsx_response(f"{naam}.xlsx", figuren)


@login_required
def kaart(request):
    gemeente, jaar, gemeenten, jaren = _dashboard_lezer(request)
    if not request.user.has_perm("raad.view_dashboard", gemeente):
        raise PermissionDenied
    bord = selectors.dashboard_bewaard(gemeente, jaar)
    maten = selectors.kaartmaten(bord)
    gekozen = request.GET.get("maat", "")
    if gekozen not in dict(maten):
        gekozen = maten[0][0] if maten else ""
    kaartdata = selectors.kaart(bord, gekozen)
    return render(
        request,
        "raad/kaart.html",
        {
            "gemeente": gemeente,
            "jaar": jaar,
            "dashboard": bord,
            "gemeenten": gemeenten,
            "jaren": jaren,
            "maten": maten,
            "gekozen": gekozen,
            "kaart": kaartdata,
            "kaart_json": {
                **kaartdata.json(),
                "tegels": settings.MAP_TILE_URL,
                "bron": getattr(settings, "MAP_TILE_ATTRIBUTION", "Achtergrondkaart: © Kadaster (PDOK)"),
            },
        },
    )


@openbaar_gecached()
def transparantie(request):
    """Public: the yearly figures per kern of any gemeente, aggregates only."""
    gemeente, jaar, gemeenten, jaren = _gemeente_en_jaar(request, _openbare_gemeenten())
    return render(
        request,
        "raad/transparantie.html",
        {
            "gemeente": gemeente,
            "jaar": jaar,
            "dashboard": selectors.transparantie_bewaard(gemeente, jaar),
            "gemeenten": gemeenten,
            "jaren": jaren,
            "keuze": urlencode({"gemeente": gemeente.slug, "jaar": jaar}),
        },
    )


def _openbare_gemeenten():
    return Gemeente.objects.order_by("naam")


def _transparantie_figuren(request):
    gemeente, jaar, _, _ = _gemeente_en_jaar(request, _openbare_gemeenten())
    figuren, _ = _gekozen_figuren(request, selectors.transparantie_bewaard(gemeente, jaar).figuren)
    return figuren, f"open-cijfers-{gemeente.slug}-{jaar}"


def transparantie_csv(request):
    figuren, naam = _transparantie_figuren(request)
    return _csv_response(f"{naam}.csv", figuren)


def transparantie_xlsx(request):
    figuren, naam = _transparantie_figuren(request)
    return _xlsx_response(f"{naam}.xlsx", figuren)
