"""Pages of consultation rounds.

Staff (the plan's owner writes, other staff of the gemeente read): make a round and its questions, open and
close it, see the responses, group them under themes, publish "Wat hebben we opgehaald", download the
responses (CSV/XLSX) and the participatieverslag (PDF). Public: the round's page (respond as a resident or
on behalf of a group; after publishing: the summary and the consented answers), a partner's invitation
link and a resident's confirmation link."""

import datetime
import io
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from invoer.eenmalig import eenmalig
from invoer.formulier import fout_op_formulier
from invoer.spreadsheet import XLSX_INHOUDTYPE, csv_schrijver, xlsx_schrijver

from . import raadpleging_selectors as selectors
from . import raadplegingen as services
from .models import Opgehaald, Vraag
from .permissions import toegang_vereist
from .raadpleging_constants import Raadplegingstatus
from .raadpleging_forms import PublicerenForm, RaadplegingForm, ReactieForm, StatusForm, ThemaForm, VraagForm
from .raadpleging_werkstromen import RAADPLEGING
from .selectors import plan_van, project_voor_staf

PER_PAGINA = 25
SJABLONEN = "participatie/raadpleging"


def _moment(dag: datetime.date, *, einde: bool) -> datetime.datetime:
    tijd = datetime.time(23, 59, 59) if einde else datetime.time(0, 0)
    return timezone.make_aware(datetime.datetime.combine(dag, tijd))


def _plan_voor_schrijven(request, gemeente, slug):
    project = project_voor_staf(request.user, gemeente, slug)
    if not request.user.has_perm("participatie.change_raadpleging", project):
        raise PermissionDenied
    plan = plan_van(project)
    if plan is None:
        raise Http404
    return plan


def _raadpleging(request, pk, *, schrijven=False):
    raadpleging = selectors.raadpleging_voor_staf(request.user, pk)
    if schrijven and not request.user.has_perm("participatie.change_raadpleging", raadpleging.plan):
        raise PermissionDenied
    return raadpleging


def _formulier(request, plan, raadpleging):
    initial = {"openbaar": True}
    if raadpleging is not None:
        initial = {
            "stap": raadpleging.stap,
            "titel": raadpleging.titel,
            "inleiding": raadpleging.inleiding,
            "open_van": timezone.localdate(raadpleging.open_van),
            "open_tot": timezone.localdate(raadpleging.open_tot),
            "openbaar": raadpleging.openbaar,
            "groepen": list(raadpleging.groepen.all()),
            "ketenpartners": [
                u.ketenpartner for u in raadpleging.uitnodigingen.select_related("ketenpartner")
            ],
        }
    form = RaadplegingForm(request.POST or None, initial=initial, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            raadpleging = services.raadpleging_opslaan(
                plan=plan,
                door=request.user,
                raadpleging=raadpleging,
                open_van=_moment(data.pop("open_van"), einde=False),
                open_tot=_moment(data.pop("open_tot"), einde=True),
                **data,
            )
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De raadpleging is opgeslagen.")
            return redirect(raadpleging)
    return render(
        request,
        f"{SJABLONEN}/form.html",
        {"form": form, "plan": plan, "project": plan.project, "raadpleging": raadpleging},
    )


@toegang_vereist("participatie.view_raadpleging")
@eenmalig
def raadpleging_toevoegen(request, gemeente, slug):
    return _formulier(request, _plan_voor_schrijven(request, gemeente, slug), None)


@toegang_vereist("participatie.view_raadpleging")
def raadpleging_wijzigen(request, pk):
    raadpleging = _raadpleging(request, pk, schrijven=True)
    if raadpleging.status != Raadplegingstatus.CONCEPT:
        messages.error(request, "Een geopende raadpleging wijzigt niet meer.")
        return redirect(raadpleging)
    return _formulier(request, raadpleging.plan, raadpleging)


@toegang_vereist("participatie.view_raadpleging")
def raadpleging(request, pk):
    raadpleging = _raadpleging(request, pk)
    mag = request.user.has_perm("participatie.change_raadpleging", raadpleging.plan)
    pagina = Paginator(selectors.reacties_voor_staf(raadpleging), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    themas = list(raadpleging.themas.all())
    return render(
        request,
        f"{SJABLONEN}/detail.html",
        {
            "raadpleging": raadpleging,
            "plan": raadpleging.plan,
            "project": raadpleging.plan.project,
            "mag_wijzigen": mag,
            "vragen": raadpleging.vragen.all(),
            "uitnodigingen": raadpleging.uitnodigingen.select_related("ketenpartner"),
            "groepen": raadpleging.groepen.all(),
            "pagina": pagina,
            "themas": themas,
            "deelname": selectors.deelname(raadpleging),
            "niet_bevestigd": selectors.niet_bevestigd(raadpleging),
            "overgangen": RAADPLEGING.toegestane_overgangen(request.user, raadpleging, met_voorwaarde=False)
            if mag
            else [],
            "historie": raadpleging.statuswijzigingen.select_related("door"),
            "vraag_form": VraagForm(),
            "thema_form": ThemaForm(),
            "status_form": StatusForm(),
            "publiceren_form": PublicerenForm(initial={"samenvatting": raadpleging.samenvatting}),
            "Status": Raadplegingstatus,
        },
    )


@require_POST
@toegang_vereist("participatie.view_raadpleging")
def vraag_toevoegen(request, pk):
    raadpleging = _raadpleging(request, pk, schrijven=True)
    form = VraagForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vul de vraag en de soort vraag in.")
        return redirect(raadpleging)
    try:
        services.vraag_toevoegen(raadpleging=raadpleging, door=request.user, **form.cleaned_data)
        messages.success(request, "De vraag is toegevoegd.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect(raadpleging)


@require_POST
@toegang_vereist("participatie.view_raadpleging")
def vraag_verwijderen(request, pk, vraag):
    raadpleging = _raadpleging(request, pk, schrijven=True)
    obj = get_object_or_404(Vraag, pk=vraag, raadpleging=raadpleging)
    try:
        services.vraag_verwijderen(vraag=obj, door=request.user)
        messages.success(request, "De vraag is verwijderd.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect(raadpleging)


@require_POST
@toegang_vereist("participatie.view_raadpleging")
def raadpleging_status(request, pk):
    raadpleging = _raadpleging(request, pk, schrijven=True)
    naar = request.POST.get("naar", "")
    form = StatusForm(request.POST)
    reden = form.cleaned_data["toelichting"] if form.is_valid() else ""
    try:
        if naar == Raadplegingstatus.OPEN and raadpleging.status == Raadplegingstatus.CONCEPT:
            services.raadpleging_openen(raadpleging=raadpleging, door=request.user)
            messages.success(request, "De raadpleging is open. De uitnodigingen zijn verstuurd.")
        elif naar == Raadplegingstatus.OPEN:
            services.raadpleging_heropenen(raadpleging=raadpleging, door=request.user, reden=reden)
            messages.success(request, "De raadpleging is weer open.")
        elif naar == Raadplegingstatus.GESLOTEN:
            services.raadpleging_sluiten(raadpleging=raadpleging, door=request.user)
            messages.success(request, "De raadpleging is gesloten. Deel nu de reacties in onder thema's.")
        elif naar == Raadplegingstatus.GEPUBLICEERD:
            pform = PublicerenForm(request.POST)
            samenvatting = pform.cleaned_data["samenvatting"] if pform.is_valid() else ""
            services.samenvatting_publiceren(
                raadpleging=raadpleging, door=request.user, samenvatting=samenvatting
            )
            messages.success(
                request, "De samenvatting staat op de projectpagina. Alle deelnemers krijgen een e-mail."
            )
        else:
            raise ValidationError("Kies wat u met de raadpleging wilt doen.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect(raadpleging)


@require_POST
@toegang_vereist("participatie.view_raadpleging")
def thema_opslaan(request, pk):
    raadpleging = _raadpleging(request, pk, schrijven=True)
    thema = None
    if request.POST.get("thema"):
        thema = Opgehaald.objects.filter(
            pk__in=[request.POST["thema"]] if request.POST["thema"].isdigit() else [], raadpleging=raadpleging
        ).first()
        if thema is None:
            raise Http404
    form = ThemaForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Geef het thema een naam (hoogstens 150 tekens).")
        return redirect(raadpleging)
    try:
        services.thema_opslaan(raadpleging=raadpleging, door=request.user, thema=thema, **form.cleaned_data)
        messages.success(request, "Het thema is opgeslagen.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect(raadpleging.get_absolute_url() + "#opgehaald")


@require_POST
@toegang_vereist("participatie.view_raadpleging")
def reacties_indelen(request, pk):
    raadpleging = _raadpleging(request, pk, schrijven=True)
    indeling = {}
    for sleutel, waarde in request.POST.items():
        if sleutel.startswith("reactie_"):
            reactie_pk, thema_pk = sleutel.removeprefix("reactie_"), waarde
            if not reactie_pk.isdigit() or (thema_pk and not thema_pk.isdigit()):
                messages.error(request, "Deze indeling klopt niet.")
                return redirect(raadpleging)
            indeling[int(reactie_pk)] = int(thema_pk) if thema_pk else None
    try:
        aantal = services.reacties_indelen(raadpleging=raadpleging, door=request.user, indeling=indeling)
        messages.success(request, f"{aantal} reactie(s) ingedeeld.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect(raadpleging.get_absolute_url() + "#reacties")


# --- documents --------------------------------------------------------------------------------------
def _bestandsnaam(raadpleging, extensie: str) -> str:
    return f"reacties-raadpleging-{raadpleging.pk}.{extensie}"


@toegang_vereist("participatie.view_raadpleging")
def reacties_csv(request, pk):
    raadpleging = _raadpleging(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(raadpleging, "csv")}"'
    response.write("\ufeff")
    csv_schrijver(response).writerows(selectors.exportrijen(raadpleging))
    return response


@toegang_vereist("participatie.view_raadpleging")
def reacties_xlsx(request, pk):
    raadpleging = _raadpleging(request, pk)
    schrijver = xlsx_schrijver("Reacties")
    schrijver.writerows(selectors.exportrijen(raadpleging))
    response = HttpResponse(schrijver.opslaan(), content_type=XLSX_INHOUDTYPE)
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(raadpleging, "xlsx")}"'
    return response


@toegang_vereist("participatie.view_raadpleging")
def participatieverslag(request, gemeente, slug):
    from xhtml2pdf import pisa
    from xhtml2pdf.default import DEFAULT_CSS

    project = project_voor_staf(request.user, gemeente, slug)
    plan = plan_van(project)
    if plan is None:
        raise Http404
    html = render(request, f"{SJABLONEN}/verslag_pdf.html", selectors.verslag(plan)).content.decode()
    uit = io.BytesIO()
    css = DEFAULT_CSS + (Path(__file__).parent / "pdf" / "verslag.css").read_text(encoding="utf-8")
    resultaat = pisa.CreatePDF(html, dest=uit, encoding="utf-8", default_css=css)
    if resultaat.err:
        raise RuntimeError("Het participatieverslag kon niet als PDF worden gemaakt.")
    response = HttpResponse(uit.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="participatieverslag-{project.slug}.pdf"'
    return response


# --- public -----------------------------------------------------------------------------------------
def openbaar(request, pk):
    raadpleging = selectors.openbare_raadpleging(request.user, pk)
    form = None
    if raadpleging.is_open and raadpleging.openbaar:
        form = ReactieForm(request.POST or None, raadpleging=raadpleging, inwoner=True)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.reactie_inwoner_indienen(
                    raadpleging=raadpleging,
                    email=data["email"],
                    naam=data.get("naam", ""),
                    antwoorden=form.antwoorden(),
                    publiceren=data["publiceren"],
                    toon_naam=data["toon_naam"],
                )
            except (ValidationError, PermissionDenied) as fout:
                if isinstance(fout, PermissionDenied):
                    fout = ValidationError(str(fout))
                fout_op_formulier(form, fout)
            else:
                return render(
                    request,
                    f"{SJABLONEN}/verstuurd.html",
                    {"raadpleging": raadpleging, "project": raadpleging.plan.project},
                )
    elif request.method == "POST":
        messages.error(request, "Deze raadpleging is niet open voor reacties.")
        return redirect(raadpleging.openbare_url())
    return render(
        request,
        f"{SJABLONEN}/openbaar.html",
        {
            "raadpleging": raadpleging,
            "project": raadpleging.plan.project,
            "form": form,
            "groepen": selectors.groepen_die_mogen_reageren(request.user, raadpleging)
            if raadpleging.is_open
            else [],
            "themas": selectors.openbare_themas(raadpleging),
            "pagina": Paginator(selectors.openbare_reacties(raadpleging), PER_PAGINA).get_page(
                request.GET.get("pagina")
            ),
            "deelname": selectors.deelname(raadpleging)
            if raadpleging.status == Raadplegingstatus.GEPUBLICEERD
            else None,
            "scores": selectors.scores(raadpleging)
            if raadpleging.status == Raadplegingstatus.GEPUBLICEERD
            else [],
        },
    )


def reageren_groep(request, pk, groep):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raadpleging = selectors.openbare_raadpleging(request.user, pk)
    groep_obj = next(
        (g for g in selectors.groepen_die_mogen_reageren(request.user, raadpleging) if g.pk == groep), None
    )
    if groep_obj is None:
        raise PermissionDenied
    bestaand = raadpleging.reacties.filter(groep=groep_obj).prefetch_related("antwoorden").first()
    return _reageren(
        request,
        raadpleging,
        bestaand,
        namens=groep_obj.naam,
        opslaan=lambda form: services.reactie_groep_opslaan(
            raadpleging=raadpleging,
            door=request.user,
            groep=groep_obj,
            antwoorden=form.antwoorden(),
            publiceren=form.cleaned_data["publiceren"],
            naam=form.cleaned_data["toon_naam"],
        ),
    )


def reageren_partner(request, token):
    uitnodiging = services.uitnodiging_bij_sleutel(token)
    if uitnodiging is None or not uitnodiging.ketenpartner.actief:
        raise Http404
    raadpleging = uitnodiging.raadpleging
    bestaand = (
        raadpleging.reacties.filter(ketenpartner=uitnodiging.ketenpartner)
        .prefetch_related("antwoorden")
        .first()
    )
    return _reageren(
        request,
        raadpleging,
        bestaand,
        namens=uitnodiging.ketenpartner.naam,
        opslaan=lambda form: services.reactie_partner_opslaan(
            token=token,
            antwoorden=form.antwoorden(),
            publiceren=form.cleaned_data["publiceren"],
            naam=form.cleaned_data["toon_naam"],
        ),
    )


def reactie_inwoner(request, token):
    reactie = services.reactie_bij_sleutel(token)
    if reactie is None:
        raise Http404
    raadpleging = reactie.raadpleging
    return _reageren(
        request,
        raadpleging,
        reactie,
        namens="",
        opslaan=lambda form: services.reactie_inwoner_wijzigen(
            token=token,
            naam=form.cleaned_data.get("naam", ""),
            antwoorden=form.antwoorden(),
            publiceren=form.cleaned_data["publiceren"],
            toon_naam=form.cleaned_data["toon_naam"],
        ),
        token=token,
    )


@require_POST
def reactie_bevestigen(request, token):
    try:
        reactie = services.reactie_inwoner_bevestigen(token=token)
    except PermissionDenied as fout:
        raise Http404 from fout
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("participatie:reactie_inwoner", token=token)
    messages.success(request, "Bedankt. Uw reactie is bevestigd en telt mee.")
    return redirect("participatie:reactie_inwoner", token=reactie.token)


def _reageren(request, raadpleging, bestaand, *, namens: str, opslaan, token: str = ""):
    form = None
    if raadpleging.is_open:
        form = ReactieForm(request.POST or None, raadpleging=raadpleging, bestaand=bestaand)
        if request.method == "POST" and form.is_valid():
            try:
                opslaan(form)
            except ValidationError as fout:
                fout_op_formulier(form, fout)
            except PermissionDenied as fout:
                fout_op_formulier(form, ValidationError(str(fout)))
            else:
                messages.success(
                    request, "Uw reactie is opgeslagen. U kunt hem wijzigen tot de raadpleging sluit."
                )
                return redirect(request.path)
    elif request.method == "POST":
        messages.error(request, "Deze raadpleging is gesloten. U kunt niet meer reageren.")
        return redirect(request.path)
    return render(
        request,
        f"{SJABLONEN}/reageren.html",
        {
            "raadpleging": raadpleging,
            "project": raadpleging.plan.project,
            "form": form,
            "bestaand": bestaand,
            "namens": namens,
            "token": token,
            "bevestig_url": reverse("participatie:reactie_bevestigen", args=[token]) if token else "",
        },
    )
