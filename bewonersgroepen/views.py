"""Thin views: parse the request, ask the policy, call one service, render."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

import limiet
from gebieden.models import Gemeente, Kern
from gebieden.selectors import werkgebied_vooraf
from invoer.eenmalig import eenmalig, niet_vastleggen
from invoer.formulier import fout_op_formulier
from invoer.versie import VersieVerouderd, versie_vernieuwen
from rollen.permissions import gemeente_ids_van, toegang_vereist

from . import selectors, services
from .constants import (
    AANMELDING_BEVESTIGEN_DAGEN,
    IBAN_VRAGEN,
    Groepstatus,
    Overeenkomststatus,
)
from .forms import (
    AanmeldForm,
    AfwijzenForm,
    BetaalgegevensForm,
    FilterForm,
    GroepForm,
    LidmaatschapForm,
    OvereenkomstForm,
    OvereenkomstStatusForm,
    StatusForm,
    UitnodigForm,
    WachtwoordKiezenForm,
)
from .models import Betaalgegevenswijziging, Groep, Samenwerkingsovereenkomst
from .registry import groep_secties, overeenkomst_secties
from .werkstromen import GROEP, OVEREENKOMST


def _groep(request, pk, perm="bewonersgroepen.view_groep", detail=False) -> Groep:
    """A group the user may see (404 otherwise) and act on with `perm` (403 otherwise)."""
    try:
        groep = (
            selectors.groep_detail(request.user, pk)
            if detail
            else selectors.zichtbare_groepen(request.user).select_related("gemeente").get(pk=pk)
        )
    except Groep.DoesNotExist as exc:
        raise Http404("Groep niet gevonden.") from exc
    if not request.user.has_perm(perm, groep):
        raise PermissionDenied
    return groep


def _overeenkomst(request, pk, perm="bewonersgroepen.view_overeenkomst") -> Samenwerkingsovereenkomst:
    try:
        overeenkomst = selectors.overeenkomst_detail(request.user, pk)
    except Samenwerkingsovereenkomst.DoesNotExist as exc:
        raise Http404("Overeenkomst niet gevonden.") from exc
    if not request.user.has_perm(perm, overeenkomst):
        raise PermissionDenied
    return overeenkomst


# --- public ----------------------------------------------------------------------------------------


@eenmalig
def aanmelden(request):
    """Anyone may register a group: first choose the gemeente, then fill in the form."""
    slug = request.GET.get("gemeente") or request.POST.get("gemeente")
    gemeenten = Gemeente.objects.order_by("naam")
    if not slug and gemeenten.count() == 1:
        slug = gemeenten.get().slug
    if not slug:
        return render(request, "bewonersgroepen/aanmelden_gemeente.html", {"gemeenten": gemeenten})
    gemeente = get_object_or_404(Gemeente, slug=slug)
    initial = {}
    if request.GET.get("kern"):
        initial["kernen"] = Kern.objects.filter(gemeente=gemeente, slug=request.GET["kern"])
    form = AanmeldForm(request.POST or None, gemeente=gemeente, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not limiet.toegestaan(request, "groep_aanmelden", email=form.cleaned_data["aanmelder_email"]):
            form.add_error(None, limiet.MELDING)
            return render(
                request, "bewonersgroepen/aanmelden.html", {"form": form, "gemeente": gemeente}, status=429
            )
        try:
            services.groep_aanmelden(
                gemeente=gemeente,
                door=request.user if request.user.is_authenticated else None,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            request.session["bewonersgroepen_aangemeld"] = form.cleaned_data["naam"]
            return redirect("bewonersgroepen:aanmelding_ontvangen")
    return render(request, "bewonersgroepen/aanmelden.html", {"form": form, "gemeente": gemeente})


def aanmelding_ontvangen(request):
    naam = request.session.pop("bewonersgroepen_aangemeld", None)
    return render(
        request,
        "bewonersgroepen/aanmelding_ontvangen.html",
        {"naam": naam, "dagen": AANMELDING_BEVESTIGEN_DAGEN},
    )


def _aanmelding_ongeldig(request):
    return render(
        request,
        "bewonersgroepen/aanmelding_ongeldig.html",
        {"dagen": AANMELDING_BEVESTIGEN_DAGEN},
        status=404,
    )


def aanmelding_bevestigen(request, token):
    """The link in the confirmation mail. A GET only asks (mail scanners open links); the button confirms.
    The pages show nothing the registrant typed: whoever opens the link may not be that person."""
    aanmelding = services.aanmelding_zoeken(token)
    if aanmelding is None:
        return _aanmelding_ongeldig(request)
    fout = None
    if request.method == "POST":
        try:
            groep = services.groep_aanmelding_bevestigen(token=token)
        except ValidationError as exc:
            fout = exc.messages
        else:
            if groep is None:
                return _aanmelding_ongeldig(request)
            return render(request, "bewonersgroepen/aanmelding_bevestigd.html", {"gemeente": groep.gemeente})
    return render(
        request,
        "bewonersgroepen/aanmelding_bevestigen.html",
        {"gemeente": aanmelding.gemeente, "fout": fout},
        status=400 if fout else 200,
    )


def uitnodiging(request, token):
    """The link in the invitation mail: choose a password (or log in), become a member, land in Mijn groep.

    An address that already has an account never gets to choose a password here, whether or not the
    account has one: that person logs in first (and comes back here), then accepts."""
    uitnodiging = services.uitnodiging_zoeken(token)
    if uitnodiging is None:
        return render(request, "bewonersgroepen/uitnodiging_ongeldig.html", status=404)
    bestaand = selectors.bestaand_account(uitnodiging)
    heeft_account = bestaand is not None
    if heeft_account and not (request.user.is_authenticated and request.user.pk == bestaand.pk):
        return render(
            request,
            "bewonersgroepen/uitnodiging.html",
            {
                "uitnodiging": uitnodiging,
                "inloggen": f"{reverse('login')}?{urlencode({'next': request.path})}",
                "ander_account": request.user.is_authenticated,
            },
        )
    form = (
        None
        if heeft_account
        else WachtwoordKiezenForm(
            get_user_model()(email=uitnodiging.email, naam=uitnodiging.naam), request.POST or None
        )
    )
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            user = services.uitnodiging_accepteren(
                uitnodiging=uitnodiging,
                wachtwoord=form.cleaned_data["new_password1"] if form else None,
                gebruiker=request.user if heeft_account else None,
            )
        except ValidationError as exc:
            if form is None:
                raise
            form.add_error("new_password1", exc.messages)
        else:
            if not heeft_account:
                login(request, user, backend="accounts.backends.Gebruikersbackend")
            messages.success(request, f"Welkom bij {uitnodiging.groep.naam}!")
            return redirect("bewonersgroepen:mijn_groep")
    return render(request, "bewonersgroepen/uitnodiging.html", {"uitnodiging": uitnodiging, "form": form})


# --- members ---------------------------------------------------------------------------------------


@login_required
def mijn_groep(request):
    if not request.user.has_perm("bewonersgroepen.view_mijn_groep"):
        raise PermissionDenied
    groepen = selectors.groepen_van_lid(request.user).prefetch_related(*werkgebied_vooraf()).order_by("naam")
    return render(request, "bewonersgroepen/mijn_groep.html", {"groepen": groepen})


# --- staff and members -----------------------------------------------------------------------------


@toegang_vereist("bewonersgroepen.list_groep")
def lijst(request):
    ids = gemeente_ids_van(request.user)
    form = FilterForm(request.GET or None, gemeente_ids=ids)
    filters = form.gekozen()
    groepen = selectors.groepen_lijst(
        request.user,
        soort=filters.get("soort", ""),
        kern=filters.get("kern"),
        status=filters.get("status", ""),
        verloopt=filters.get("verloopt", False),
        zoek=filters.get("zoek", ""),
    )
    pagina = Paginator(groepen, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "bewonersgroepen/lijst.html",
        {
            "form": form,
            "pagina": pagina,
            "aanmeldingen": selectors.te_behandelen_aanmeldingen(request.user),
        },
    )


@toegang_vereist("bewonersgroepen.list_groep")
def verlopend(request):
    overeenkomsten = selectors.verlopende_overeenkomsten(gemeente_ids=gemeente_ids_van(request.user))
    pagina = Paginator(overeenkomsten, 25).get_page(request.GET.get("pagina"))
    return render(
        request, "bewonersgroepen/verlopend.html", {"pagina": pagina, "drempel": selectors.verloopdrempel()}
    )


def _statuskeuzes(groep, user) -> list[tuple[str, str]]:
    return [(o.naar, GROEP.label(o.naar)) for o in GROEP.toegestane_overgangen(user, groep)]


def _detail_tonen(request, pk, statusform=None, afwijsform=None):
    """The group page; `statusform` is a refused status change and `afwijsform` a refused refusal of
    new payment details, shown with their errors at the field."""
    groep = _groep(request, pk, detail=True)
    user = request.user
    mag_status = user.has_perm("bewonersgroepen.change_groepstatus", groep)
    keuzes = _statuskeuzes(groep, user)
    if statusform is None and mag_status and keuzes:
        statusform = StatusForm(keuzes=keuzes)
    open_wijziging = next((w for w in groep.betaalgegevenswijzigingen.all() if w.is_open), None)
    mag_afwijzen = open_wijziging is not None and user.has_perm(
        "bewonersgroepen.afwijzen_betaalgegevens", open_wijziging
    )
    return render(
        request,
        "bewonersgroepen/detail.html",
        {
            "groep": groep,
            "mag_wijzigen": user.has_perm("bewonersgroepen.change_groep", groep),
            "mag_leden": user.has_perm("bewonersgroepen.change_leden", groep),
            "mag_betaalgegevens": user.has_perm("bewonersgroepen.change_betaalgegevens", groep),
            "iban_vragen": IBAN_VRAGEN,
            "open_wijziging": open_wijziging,
            "mag_bevestigen": open_wijziging is not None
            and user.has_perm("bewonersgroepen.bevestig_betaalgegevens", open_wijziging),
            "afwijsform": (afwijsform or AfwijzenForm()) if mag_afwijzen else None,
            "mag_status": mag_status,
            "statusform": statusform if mag_status else None,
            "mag_overeenkomst": user.has_perm("bewonersgroepen.change_overeenkomst", groep),
            "secties": groep_secties(request, groep),
        },
    )


@login_required
def detail(request, pk):
    return _detail_tonen(request, pk)


@login_required
def wijzigen(request, pk):
    groep = _groep(request, pk, "bewonersgroepen.change_groep")
    form = GroepForm(request.POST or None, instance=Groep.objects.get(pk=groep.pk))
    verouderd = False
    if request.method == "POST" and form.is_valid():
        gegevens = {k: v for k, v in form.cleaned_data.items() if k not in ("kernen", "wijken", "versie")}
        try:
            services.groep_bijwerken(
                groep=groep,
                door=request.user,
                kernen=form.cleaned_data["kernen"],
                wijken=form.cleaned_data["wijken"],
                versie=form.cleaned_data.get("versie"),
                **gegevens,
            )
        except VersieVerouderd as exc:
            fout_op_formulier(form, exc)
            versie_vernieuwen(form, exc.nu)
            verouderd = True
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            messages.success(request, "De gegevens van de groep zijn opgeslagen.")
            return redirect(groep)
    return render(
        request,
        "bewonersgroepen/formulier.html",
        {"groep": groep, "form": form, "titel": "Gegevens wijzigen", "verouderd": verouderd},
    )


@require_POST
@login_required
def status(request, pk):
    """Change the status; a refusal (no reason, a step that is not allowed) comes back at the field."""
    groep = _groep(request, pk, "bewonersgroepen.change_groepstatus")
    form = StatusForm(request.POST, keuzes=_statuskeuzes(groep, request.user))
    if form.is_valid():
        try:
            services.groep_status_wijzigen(groep=groep, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            messages.success(request, f"De status is nu '{Groepstatus(form.cleaned_data['naar']).label}'.")
            return redirect(groep)
    return _detail_tonen(request, pk, statusform=form)


@login_required
@eenmalig
def betaalgegevens(request, pk):
    """Propose a new IBAN and account name; it counts once a second officer or staff confirms it."""
    groep = _groep(request, pk, "bewonersgroepen.change_betaalgegevens")
    form = BetaalgegevensForm(
        request.POST or None, initial={"iban": groep.iban, "tenaamstelling": groep.tenaamstelling}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.betaalgegevens_voorstellen(groep=groep, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            messages.success(
                request,
                "Uw voorstel is opgeslagen en de bestuursleden krijgen een e-mail. Het nieuwe rekeningnummer "
                "geldt pas als een ander bestuurslid of een medewerker van de gemeente het bevestigt.",
            )
            return redirect(groep)
    return render(
        request,
        "bewonersgroepen/betaalgegevens.html",
        {"groep": groep, "form": form, "titel": "Betaalgegevens wijzigen", "knop": "Wijziging voorstellen"},
    )


def _wijziging(request, pk, wijziging, perm) -> Betaalgegevenswijziging:
    groep = _groep(request, pk)
    wijziging = get_object_or_404(
        Betaalgegevenswijziging.objects.select_related("groep"), groep=groep, pk=wijziging
    )
    # A change already handled (a second click) gets the service's message, not a 403.
    vereist = perm if wijziging.is_open else "bewonersgroepen.change_betaalgegevens"
    if not request.user.has_perm(vereist, wijziging):
        raise PermissionDenied
    return wijziging


@require_POST
@login_required
def betaalgegevens_bevestigen(request, pk, wijziging):
    wijziging = _wijziging(request, pk, wijziging, "bewonersgroepen.bevestig_betaalgegevens")
    try:
        services.betaalgegevens_bevestigen(wijziging=wijziging, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "De nieuwe betaalgegevens zijn bevestigd. De bestuursleden krijgen een e-mail."
        )
    return redirect(wijziging.groep)


@require_POST
@login_required
def betaalgegevens_afwijzen(request, pk, wijziging):
    wijziging = _wijziging(request, pk, wijziging, "bewonersgroepen.afwijzen_betaalgegevens")
    form = AfwijzenForm(request.POST)
    if form.is_valid():
        try:
            services.betaalgegevens_afwijzen(wijziging=wijziging, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # already handled: there is no form to show it at
                messages.error(request, " ".join(exc.messages))
                return redirect(wijziging.groep)
            fout_op_formulier(form, exc)
        else:
            messages.success(request, "De wijziging is afgewezen. Het rekeningnummer blijft zoals het was.")
            return redirect(wijziging.groep)
    return _detail_tonen(request, pk, afwijsform=form)


@login_required
@eenmalig
def uitnodigen(request, pk):
    groep = _groep(request, pk, "bewonersgroepen.change_leden")
    form = UitnodigForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lid_uitnodigen(groep=groep, door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            messages.success(request, f"De uitnodiging is verstuurd naar {form.cleaned_data['email']}.")
            return redirect(groep)
    return render(
        request,
        "bewonersgroepen/formulier.html",
        {"groep": groep, "form": form, "titel": "Lid uitnodigen", "knop": "Uitnodiging versturen"},
    )


@login_required
def lid_wijzigen(request, pk, lid):
    groep = _groep(request, pk, "bewonersgroepen.change_leden")
    lidmaatschap = get_object_or_404(
        selectors.actieve_lidmaatschappen().select_related("gebruiker"), groep=groep, pk=lid
    )
    form = LidmaatschapForm(request.POST or None, instance=lidmaatschap)
    if request.method == "POST":
        try:
            if "beeindigen" in request.POST:
                services.lidmaatschap_beeindigen(lidmaatschap=lidmaatschap, door=request.user)
                messages.success(request, f"{lidmaatschap.gebruiker.naam} is geen lid meer.")
                return redirect(groep)
            if form.is_valid():
                services.lidmaatschap_wijzigen(
                    lidmaatschap=lidmaatschap,
                    functie=form.cleaned_data["functie"],
                    is_contactpersoon=form.cleaned_data["is_contactpersoon"],
                    door=request.user,
                )
                messages.success(request, "Het lidmaatschap is opgeslagen.")
                return redirect(groep)
        except ValidationError as exc:
            fout_op_formulier(form, exc)
    return render(
        request,
        "bewonersgroepen/lid_wijzigen.html",
        {"groep": groep, "lidmaatschap": lidmaatschap, "form": form, "titel": "Lidmaatschap wijzigen"},
    )


# --- samenwerkingsovereenkomst ---------------------------------------------------------------------


@login_required
@eenmalig
def overeenkomst_nieuw(request, pk):
    groep = _groep(request, pk, "bewonersgroepen.change_overeenkomst")
    form = OvereenkomstForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        velden = {k: v for k, v in form.cleaned_data.items() if not (k == "ondertekend_document" and not v)}
        try:
            overeenkomst = services.overeenkomst_opstellen(groep=groep, door=request.user, **velden)
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            messages.success(request, "De overeenkomst is opgeslagen als concept.")
            return redirect(overeenkomst)
    return render(
        request,
        "bewonersgroepen/overeenkomst_form.html",
        {"groep": groep, "form": form, "titel": "Nieuwe samenwerkingsovereenkomst"},
    )


def _overeenkomstkeuzes(overeenkomst, user) -> list[tuple[str, str]]:
    """The steps this person may take; also a step whose condition does not hold yet (activating
    without the signed PDF), so that the service can say what is missing."""
    return [
        (o.naar, OVEREENKOMST.label(o.naar))
        for o in OVEREENKOMST.toegestane_overgangen(user, overeenkomst, met_voorwaarde=False)
    ]


def _overeenkomst_tonen(request, pk, statusform=None):
    """The agreement page; `statusform` is a refused status change, shown with its errors at the field."""
    overeenkomst = _overeenkomst(request, pk)
    mag_wijzigen = request.user.has_perm("bewonersgroepen.change_overeenkomst", overeenkomst)
    keuzes = _overeenkomstkeuzes(overeenkomst, request.user)
    if statusform is None and mag_wijzigen and keuzes:
        statusform = OvereenkomstStatusForm(keuzes=keuzes)
    return render(
        request,
        "bewonersgroepen/overeenkomst.html",
        {
            "overeenkomst": overeenkomst,
            "groep": overeenkomst.groep,
            "mag_wijzigen": mag_wijzigen,
            "statusform": statusform if mag_wijzigen else None,
            "mag_verlengen": mag_wijzigen
            and overeenkomst.status in (Overeenkomststatus.ACTIEF, Overeenkomststatus.VERLOPEN)
            and not hasattr(overeenkomst, "opvolger"),
            "secties": overeenkomst_secties(request, overeenkomst),
        },
    )


@login_required
def overeenkomst(request, pk):
    return _overeenkomst_tonen(request, pk)


@login_required
def overeenkomst_wijzigen(request, pk):
    overeenkomst = _overeenkomst(request, pk, "bewonersgroepen.change_overeenkomst")
    if not overeenkomst.is_bewerkbaar:
        messages.error(request, "Een actieve, verlopen of beëindigde overeenkomst kunt u niet meer wijzigen.")
        return redirect(overeenkomst)
    form = OvereenkomstForm(request.POST or None, request.FILES or None, instance=overeenkomst)
    if request.method == "POST" and form.is_valid():
        velden = {
            k: v for k, v in form.cleaned_data.items() if not (k == "ondertekend_document" and v is None)
        }
        try:
            services.overeenkomst_bijwerken(
                overeenkomst=Samenwerkingsovereenkomst.objects.get(pk=pk), door=request.user, **velden
            )
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            messages.success(request, "De overeenkomst is opgeslagen.")
            return redirect(overeenkomst)
    return render(
        request,
        "bewonersgroepen/overeenkomst_form.html",
        {
            "groep": overeenkomst.groep,
            "form": form,
            "overeenkomst": overeenkomst,
            "titel": f"Overeenkomst versie {overeenkomst.versie} wijzigen",
        },
    )


@require_POST
@login_required
def overeenkomst_status(request, pk):
    overeenkomst = _overeenkomst(request, pk, "bewonersgroepen.change_overeenkomst")
    form = OvereenkomstStatusForm(request.POST, keuzes=_overeenkomstkeuzes(overeenkomst, request.user))
    if form.is_valid():
        try:
            services.overeenkomst_status_wijzigen(
                overeenkomst=overeenkomst, door=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            messages.success(
                request, f"De overeenkomst is nu '{Overeenkomststatus(form.cleaned_data['naar']).label}'."
            )
            return redirect(overeenkomst)
    return _overeenkomst_tonen(request, pk, statusform=form)


@require_POST
@login_required
@eenmalig
def overeenkomst_verlengen(request, pk):
    overeenkomst = _overeenkomst(request, pk, "bewonersgroepen.change_overeenkomst")
    try:
        nieuw = services.overeenkomst_verlengen(overeenkomst=overeenkomst, door=request.user)
    except ValidationError as exc:
        niet_vastleggen(request)
        messages.error(request, " ".join(exc.messages))
        return redirect(overeenkomst)
    messages.success(request, f"Versie {nieuw.versie} is klaargezet als concept.")
    return redirect(nieuw)


@login_required
def overeenkomst_document(request, pk):
    from bestanden import bestand_serveren

    overeenkomst = _overeenkomst(request, pk, "bewonersgroepen.download_overeenkomst")
    return bestand_serveren(overeenkomst.ondertekend_document, downloadnaam=overeenkomst.downloadnaam)
