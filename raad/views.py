"""Council pages: motions (moties en toezeggingen)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from . import selectors, services
from .forms import MotieFilterForm, MotieForm, VoortgangForm
from .permissions import is_raadslezer


def _form_fouten(form, fout: ValidationError) -> None:
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout)


@login_required
def moties(request):
    if not is_raadslezer(request.user):
        raise PermissionDenied
    filters = MotieFilterForm(request.GET or None)
    status = zoekterm = ""
    if filters.is_valid():
        status, zoekterm = filters.cleaned_data["status"], filters.cleaned_data["q"]
    qs = selectors.moties_lijst(request.user, status=status, zoekterm=zoekterm)
    pagina = Paginator(qs, 20).get_page(request.GET.get("pagina"))
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return render(
        request,
        "raad/moties.html",
        {
            "filters": filters,
            "pagina": pagina,
            "querystring": querystring.urlencode(),
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
def motie_toevoegen(request):
    gemeente = request.user.gemeente
    if gemeente is None or not request.user.has_perm("raad.add_motie", gemeente):
        raise PermissionDenied
    form = MotieForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.motie_registreren(door=request.user, gemeente=gemeente, **form.cleaned_data)
        except ValidationError as fout:
            _form_fouten(form, fout)
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
    }
    form = MotieForm(request.POST or None, initial=initial, gemeente=obj.gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            services.motie_bijwerken(door=request.user, motie=obj, **form.cleaned_data)
        except ValidationError as fout:
            _form_fouten(form, fout)
        else:
            messages.success(request, "De motie is bijgewerkt.")
            return redirect(obj)
    return render(request, "raad/motie_form.html", {"form": form, "motie": obj})


@login_required
def voortgang_toevoegen(request, pk):
    obj = selectors.motie_detail(request.user, pk)
    if not request.user.has_perm("raad.add_voortgangsupdate", obj):
        raise PermissionDenied
    form = VoortgangForm(request.POST or None, motie=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.voortgang_toevoegen(door=request.user, motie=obj, **form.cleaned_data)
        except ValidationError as fout:
            _form_fouten(form, fout)
        else:
            messages.success(request, "De stand van zaken is toegevoegd.")
            return redirect(obj)
    return render(request, "raad/voortgang_form.html", {"form": form, "motie": obj})
