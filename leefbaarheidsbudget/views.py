"""Thin views: fetch through the policy's visible querysets (404 when not yours), ask the policy for
the action (403), call one service, render."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from invoer import format_euro
from invoer.eenmalig import eenmalig, niet_vastleggen
from invoer.formulier import fout_op_formulier
from invoer.spreadsheet import XLSX_INHOUDTYPE, csv_schrijver, xlsx_schrijver
from invoer.versie import VersieVerouderd, versie_vernieuwen
from rollen.permissions import toegang_vereist

from . import selectors, services
from .constants import BijlageSoort, Status
from .forms import (
    AanvraagForm,
    AanvullingForm,
    AntwoordForm,
    BesluitForm,
    BetalingForm,
    BijlageForm,
    DatumForm,
    IntrekkenForm,
    KostenpostFormSet,
    NamensForm,
    NieuweAanvraagForm,
    VaststellenForm,
    VerantwoordingForm,
    VerlengenForm,
    VervallenForm,
    WerkvoorraadFilterForm,
)
from .models import Aanvraag
from .permissions import is_lid_van_groep, is_medewerker_van_gebied
from .voorwaarden import voorwaarden
from .werkstromen import AANVRAAG


def _eis(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _login_eerst(view):
    """Anonymous users go to the login page before any object lookup."""

    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# --- Members ----------------------------------------------------------------------------------------


@toegang_vereist("leefbaarheidsbudget.aanvraag_doen")
def mijn_aanvragen(request):
    pagina = Paginator(selectors.mijn_aanvragen(request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "leefbaarheidsbudget/mijn_aanvragen.html", {"pagina": pagina})


@toegang_vereist("leefbaarheidsbudget.aanvraag_doen")
@eenmalig
def aanvraag_nieuw(request):
    from bewonersgroepen.selectors import groepen_van_lid

    from .aanmerking import komt_in_aanmerking, regeling_nu

    groepen = list(groepen_van_lid(request.user).order_by("naam"))
    regelingen = {g.gemeente_id: regeling_nu(g.gemeente) for g in groepen}  # per gemeente, once
    aanmerking = {g.pk: komt_in_aanmerking(g, regeling=regelingen[g.gemeente_id]) for g in groepen}
    niet_in_aanmerking = [
        (groep, aanmerking[groep.pk][1]) for groep in groepen if not aanmerking[groep.pk][0]
    ]
    in_aanmerking = groepen_van_lid(request.user).filter(
        pk__in=[g.pk for g in groepen if aanmerking[g.pk][0]]
    )
    form = NieuweAanvraagForm(request.POST or None, groepen=in_aanmerking)
    if request.method == "POST" and form.is_valid():
        try:
            aanvraag = services.aanvraag_aanmaken(
                groep=form.cleaned_data["groep"],
                door=request.user,
                titel=form.cleaned_data["titel"],
                voorwaarden_gelezen=form.cleaned_data["voorwaarden_gelezen"],
            )
        except ValidationError as fout:
            fout_op_formulier(form, fout)
        else:
            messages.success(request, "De aanvraag is als concept opgeslagen. Vul haar verder in.")
            return redirect("leefbaarheidsbudget:aanvraag_bewerken", pk=aanvraag.pk)
    return render(
        request,
        "leefbaarheidsbudget/aanvraag_nieuw.html",
        {
            "form": form,
            "heeft_groepen": bool(groepen),
            "kan_aanvragen": len(niet_in_aanmerking) < len(groepen),
            "niet_in_aanmerking": niet_in_aanmerking,
            # The regulation's conditions, before the group starts (that of the first group that may apply).
            "voorwaarden": voorwaarden(
                next((regelingen[g.gemeente_id] for g in groepen if aanmerking[g.pk][0]), None)
            ),
        },
    )


def _kostenposten_initieel(aanvraag):
    return [{"omschrijving": k.omschrijving, "bedrag": k.bedrag} for k in aanvraag.kostenposten.all()]


def _ruwe_invoer(post) -> dict[str, list[str]]:
    """What the member typed in the application form, as sent: its fields and cost lines, nothing else
    (no token, button or version)."""
    velden = {*services.BEWERKBARE_VELDEN, "antwoord", "voorwaarden_gelezen"}
    return {
        sleutel: post.getlist(sleutel)
        for sleutel in post
        if sleutel in velden or sleutel.startswith("kosten-")
    }


def _als_formulierdata(invoer: dict, versie: int) -> QueryDict:
    data = QueryDict(mutable=True)
    for sleutel, waarden in invoer.items():
        data.setlist(sleutel, waarden)
    data["versie"] = str(versie)
    return data


def _geldige_invoer(form, formset):
    """The fields and cost lines that were typed correctly; a wrong field counts as empty."""
    gegevens = {veld: form.cleaned_data.get(veld) for veld in services.BEWERKBARE_VELDEN}
    gegevens["voorwaarden_gelezen"] = bool(form.cleaned_data.get("voorwaarden_gelezen"))
    regels = [
        services.Kostenregel(f.cleaned_data["omschrijving"], f.cleaned_data["bedrag"])
        for f in formset.forms
        if not f.errors
        and f.cleaned_data.get("omschrijving")
        and f.cleaned_data.get("bedrag") is not None
        and not f.cleaned_data.get("DELETE")
    ]
    return gegevens, regels


def _overige_fouten(aanvraag, form, formset, kostenfouten, *, indienen: bool) -> None:
    """The form has wrong fields: add every other error too (between fields, and for a submission what is
    missing), so the member sees them all at once. A field that is already wrong gets no second error."""
    gegevens, regels = _geldige_invoer(form, formset)
    fouten = services.aanvraag_controleren(
        aanvraag=aanvraag, gegevens=gegevens, kostenposten=regels, indienen=indienen
    )
    for veld, teksten in fouten.items():
        if veld in form.errors or (veld == "kostenposten" and not formset.is_valid()):
            continue
        for tekst in teksten:
            if veld == "kostenposten":
                kostenfouten.append(tekst)
            else:
                form.add_error(veld if veld in form.fields else None, tekst)


def _datum_hulp(aanvraag) -> str:
    """The six-week rule and the decision date, shown before the member types a date."""
    from .aanmerking import regeling_nu

    regeling = regeling_nu(aanvraag.gemeente) if aanvraag.ingediend_op is None else None
    termijn = services.indientermijn(aanvraag, regeling=regeling)
    if termijn is None:
        return ""
    vroegst, beslisdatum = termijn
    regeling = regeling or selectors.regeling_voor(gemeente=aanvraag.gemeente, jaar=aanvraag.begrotingsjaar)
    weken = services.voorbereiding_tekst(regeling)
    if aanvraag.ingediend_op:
        return f"Vraag het geld minstens {weken} vóór de activiteit aan: de activiteit is op of na {vroegst:%d-%m-%Y}."
    return (
        f"Vraag het geld minstens {weken} vóór de activiteit aan. Dient u vandaag in, dan is de activiteit "
        f"op of na {vroegst:%d-%m-%Y}, en beslist de gemeente uiterlijk op {beslisdatum:%d-%m-%Y}."
    )


def _voorwaarden_van(aanvraag):
    """The checklist on the form, until someone ticked it (after that the form only says when)."""
    if aanvraag.voorwaarden_gelezen_op is not None:
        return []
    return voorwaarden(selectors.regeling_voor(gemeente=aanvraag.gemeente, jaar=aanvraag.begrotingsjaar))


NIET_INGEDIEND = (
    "De aanvraag is nog niet ingediend en uw wijzigingen zijn nog niet opgeslagen. Uw invoer staat hieronder nog. "
    "Verbeter wat er mis is en dien opnieuw in, of sla de aanvraag op als concept."
)
CONCEPT_MET_FOUTEN = (
    "Het concept is opgeslagen, precies zoals u het invulde. Een paar velden kloppen nog niet: "
    "u ziet ze hieronder. Verbeter ze voordat u de aanvraag indient."
)


@toegang_vereist("leefbaarheidsbudget.aanvraag_doen")
def aanvraag_bewerken(request, pk):
    aanvraag = selectors.aanvraag_detail(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.aanvraag_wijzigen", aanvraag)
    kostenfouten: list[str] = []
    verouderd = False
    if request.method == "POST":
        data = request.POST
    elif aanvraag.concept_invoer is not None:
        # A concept saved with wrong fields: show it as typed, with its errors.
        data = _als_formulierdata(aanvraag.concept_invoer, aanvraag.versie)
    else:
        data = None
    form = AanvraagForm(data, instance=aanvraag)
    if data is not None:
        # Without `initial`: every filled-in row counts, also one equal to what was saved before.
        formset = KostenpostFormSet(data, prefix="kosten")
    else:
        formset = KostenpostFormSet(initial=_kostenposten_initieel(aanvraag), prefix="kosten")
    form.fields["datum_van"].help_text = _datum_hulp(aanvraag)
    met_antwoord = aanvraag.status == Status.AANVULLING_GEVRAAGD
    if met_antwoord:
        form.fields["antwoord"] = forms.CharField(
            label="Uw antwoord op de vraag (mag leeg blijven)",
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Gaat mee als u de aanvraag indient: naar de behandelaar en in de tijdlijn.",
        )
    indienen = "indienen" in request.POST
    if data is not None:
        goed = form.is_valid() & formset.is_valid()  # both, so both show their errors
        if request.method == "GET":
            _overige_fouten(aanvraag, form, formset, kostenfouten, indienen=False)
        elif goed:
            gegevens, regels = _geldige_invoer(form, formset)
            # Saving and submitting is one transaction: a refused submission saves nothing either.
            opslaan = services.aanvraag_opslaan_en_indienen if indienen else services.aanvraag_bijwerken
            extra = {"antwoord": form.cleaned_data.get("antwoord") or ""} if indienen else {}
            try:
                aanvraag = opslaan(
                    aanvraag=aanvraag,
                    door=request.user,
                    gegevens=gegevens,
                    kostenposten=regels,
                    versie=form.cleaned_data.get("versie"),
                    **extra,
                )
            except VersieVerouderd as fout:
                fout_op_formulier(form, fout)
                versie_vernieuwen(form, fout.nu)
                verouderd = True
            except ValidationError as fout:
                if indienen:
                    fout_op_formulier(form, fout, extra={"kostenposten": kostenfouten})
                    messages.warning(request, NIET_INGEDIEND)
                else:
                    return _concept_met_fouten(request, aanvraag, form, fout, kostenfouten)
            else:
                if indienen:
                    messages.success(
                        request, "Uw aanvraag is ingediend. U krijgt een bevestiging per e-mail."
                    )
                    return redirect(aanvraag)
                messages.success(request, "Het concept is opgeslagen.")
                return redirect("leefbaarheidsbudget:aanvraag_bewerken", pk=aanvraag.pk)
        elif indienen:
            _overige_fouten(aanvraag, form, formset, kostenfouten, indienen=True)
            messages.warning(request, NIET_INGEDIEND)
        else:
            return _concept_met_fouten(request, aanvraag, form, None, kostenfouten)
    return render(
        request,
        "leefbaarheidsbudget/aanvraag_bewerken.html",
        {
            "aanvraag": aanvraag,
            "form": form,
            "formset": formset,
            "kostenfouten": kostenfouten,
            "bijlage_form": BijlageForm(),
            "verouderd": verouderd,
            "vraag": selectors.openstaande_vraag(aanvraag),
            "met_antwoord": met_antwoord,
            "voorwaarden": _voorwaarden_van(aanvraag),
        },
    )


NAMENS_NIET_INGEDIEND = (
    "De aanvraag is nog niet ingediend en niet opgeslagen. Uw invoer staat hieronder nog. "
    "Verbeter wat er mis is en dien opnieuw in."
)


def _namens_fouten(namens, form, fout: ValidationError, kostenfouten: list[str]) -> None:
    """The service's refusal onto the staff's form: the group's error at the group, the rest as usual."""
    if hasattr(fout, "error_dict"):
        berichten = fout.message_dict
        for tekst in berichten.pop("groep", []):
            namens.add_error("groep", tekst)
        if not berichten:
            return
        fout = ValidationError(berichten)
    fout_op_formulier(form, fout, extra={"kostenposten": kostenfouten})


@toegang_vereist("leefbaarheidsbudget.aanvraag_namens_invoeren")
@eenmalig
def aanvraag_namens(request):
    """Staff enter and submit an application for a group that phoned or came to the desk: the group's own
    form (the same fields and rules), with the group to pick. Nothing is saved until all of it is right."""
    from .aanmerking import groepen_in_aanmerking

    gemeente = request.user.gemeente
    if gemeente is None:
        raise PermissionDenied  # a superuser without a gemeente: no groups to act for
    leeg = Aanvraag(
        gemeente=gemeente, begrotingsjaar=selectors.begrotingsjaar(gemeente=gemeente, op=timezone.localdate())
    )
    data = request.POST if request.method == "POST" else None
    namens = NamensForm(data, groepen=groepen_in_aanmerking(gemeente))
    form = AanvraagForm(data, instance=leeg)
    formset = KostenpostFormSet(data, prefix="kosten")
    form.fields["datum_van"].help_text = _datum_hulp(leeg)
    form.fields["voorwaarden_gelezen"].label = "Ik heb de voorwaarden met de groep doorgenomen"
    kostenfouten: list[str] = []
    if data is not None:
        goed = namens.is_valid() & form.is_valid() & formset.is_valid()  # all, so all show their errors
        if goed:
            gegevens, regels = _geldige_invoer(form, formset)
            try:
                aanvraag = services.aanvraag_namens_invoeren(
                    groep=namens.cleaned_data["groep"],
                    door=request.user,
                    gegevens=gegevens,
                    kostenposten=regels,
                    toelichting=namens.cleaned_data["toelichting"],
                )
            except ValidationError as fout:
                _namens_fouten(namens, form, fout, kostenfouten)
            else:
                messages.success(
                    request,
                    f"De aanvraag is ingediend namens {aanvraag.groep.naam}. De groep krijgt een e-mail. "
                    "Een collega beslist erover.",
                )
                return redirect(aanvraag)
        elif namens.is_valid():
            leeg.groep = namens.cleaned_data["groep"]
            _overige_fouten(leeg, form, formset, kostenfouten, indienen=True)
        messages.warning(request, NAMENS_NIET_INGEDIEND)
    return render(
        request,
        "leefbaarheidsbudget/aanvraag_namens.html",
        {
            "aanvraag": leeg,
            "namens": namens,
            "form": form,
            "formset": formset,
            "kostenfouten": kostenfouten,
            "voorwaarden": _voorwaarden_van(leeg),
        },
    )


def _concept_met_fouten(request, aanvraag, form, fout, kostenfouten):
    """ "Opslaan als concept" with wrong fields: keep everything as typed; the edit page shows it again with
    its errors (Post/Redirect/Get). Only when even that is refused, the form comes back unsaved."""
    try:
        services.concept_invoer_bewaren(
            aanvraag=aanvraag,
            door=request.user,
            invoer=_ruwe_invoer(request.POST),
            versie=form.cleaned_data.get("versie") if hasattr(form, "cleaned_data") else None,
        )
    except VersieVerouderd as verouderd:
        fout_op_formulier(form, verouderd)
        versie_vernieuwen(form, verouderd.nu)
        messages.warning(request, "Uw wijzigingen zijn niet opgeslagen.")
        return _bewerken_opnieuw(request, aanvraag, form, kostenfouten, verouderd=True)
    except ValidationError as geweigerd:
        fout_op_formulier(form, geweigerd, extra={"kostenposten": kostenfouten})
        messages.warning(request, "Uw wijzigingen zijn niet opgeslagen.")
        return _bewerken_opnieuw(request, aanvraag, form, kostenfouten)
    messages.warning(request, CONCEPT_MET_FOUTEN)
    return redirect("leefbaarheidsbudget:aanvraag_bewerken", pk=aanvraag.pk)


def _bewerken_opnieuw(request, aanvraag, form, kostenfouten, verouderd=False):
    return render(
        request,
        "leefbaarheidsbudget/aanvraag_bewerken.html",
        {
            "aanvraag": aanvraag,
            "form": form,
            "formset": KostenpostFormSet(request.POST, prefix="kosten"),
            "kostenfouten": kostenfouten,
            "bijlage_form": BijlageForm(),
            "verouderd": verouderd,
            "vraag": selectors.openstaande_vraag(aanvraag),
            "voorwaarden": _voorwaarden_van(aanvraag),
        },
    )


@_login_eerst
@eenmalig
def informatie_beantwoorden(request, pk):
    """The group answers the gemeente's question in a text field; the application is submitted again."""
    aanvraag = selectors.aanvraag_detail(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.aanvraag_zien", aanvraag)
    _eis(request.user, "leefbaarheidsbudget.informatie_beantwoorden", aanvraag)
    form = AntwoordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.informatie_beantwoorden(aanvraag=aanvraag, door=request.user, antwoord=data["antwoord"])

        if _uitvoeren(
            request,
            form,
            actie,
            "Uw antwoord is verstuurd en de aanvraag is weer ingediend. De gemeente beslist verder.",
        ):
            return redirect(aanvraag)
    return render(
        request,
        "leefbaarheidsbudget/antwoord.html",
        {"aanvraag": aanvraag, "form": form, "vraag": selectors.openstaande_vraag(aanvraag)},
    )


@require_POST
@toegang_vereist("leefbaarheidsbudget.aanvraag_doen")
@eenmalig
def bijlage_toevoegen(request, pk):
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    form = BijlageForm(request.POST, request.FILES)
    soort = BijlageSoort.FOTO if request.POST.get("soort") == BijlageSoort.FOTO else BijlageSoort.BIJLAGE
    if form.is_valid():
        try:
            services.bijlage_toevoegen(
                aanvraag=aanvraag, door=request.user, bestand=form.cleaned_data["bestand"], soort=soort
            )
        except ValidationError as fout:
            fout_op_formulier(form, fout)
    if form.errors:
        niet_vastleggen(request)  # nothing added: sending the same file again must try again
        for tekst in form.errors.get("bestand", []) + form.non_field_errors():
            messages.error(request, f"Het bestand is niet toegevoegd. {tekst}")
    else:
        messages.success(request, "Het bestand is toegevoegd.")
    doel = (
        "leefbaarheidsbudget:verantwoording"
        if soort == BijlageSoort.FOTO
        else "leefbaarheidsbudget:aanvraag_bewerken"
    )
    return redirect(doel, pk=aanvraag.pk)


@require_POST
@toegang_vereist("leefbaarheidsbudget.aanvraag_doen")
def bijlage_verwijderen(request, pk, bijlage_pk):
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    bijlage = get_object_or_404(aanvraag.bijlagen, pk=bijlage_pk)
    try:
        services.bijlage_verwijderen(bijlage=bijlage, door=request.user)
        messages.success(request, "Het bestand is verwijderd.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    doel = (
        "leefbaarheidsbudget:verantwoording"
        if bijlage.soort == BijlageSoort.FOTO
        else "leefbaarheidsbudget:aanvraag_bewerken"
    )
    return redirect(doel, pk=aanvraag.pk)


@_login_eerst
def bijlage(request, pk, bijlage_pk):
    from bestanden import bestand_serveren

    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.aanvraag_zien", aanvraag)
    obj = get_object_or_404(aanvraag.bijlagen, pk=bijlage_pk)
    return bestand_serveren(obj.bestand, downloadnaam=obj.naam)


def _actie(request, aanvraag, form, titel, knop, uitleg="", gevaar=False):
    return render(
        request,
        "leefbaarheidsbudget/actie.html",
        {
            "aanvraag": aanvraag,
            "form": form,
            "titel": titel,
            "knop": knop,
            "uitleg": uitleg,
            "gevaar": gevaar,
        },
    )


def _uitvoeren(request, form, actie, succes):
    """Run a service with the form's data; True when done (a message is queued), else errors on the form."""
    try:
        actie(form.cleaned_data)
    except ValidationError as fout:
        fout_op_formulier(form, fout)
        return False
    messages.success(request, succes)
    return True


# "Wat nu?" for staff: the group's own texts ("U hoeft niets te doen", "Maak bezwaar") are for the group.
VOLGENDE_STAP_MEDEWERKER = {
    Status.CONCEPT: "De groep heeft de aanvraag nog niet ingediend.",
    Status.INGEDIEND: "Neem de aanvraag in behandeling, vraag een aanvulling of besluit.",
    Status.IN_BEHANDELING: "Vraag een aanvulling of besluit.",
    Status.AANVULLING_GEVRAAGD: "Wacht op de aanvulling van de groep. De termijn staat stil.",
    Status.TOEGEKEND: "Registreer de betaling.",
    Status.AFGEWEZEN: "Afgewezen. De groep kan binnen zes weken bezwaar maken.",
    Status.INGETROKKEN: "De groep heeft de aanvraag ingetrokken. Er is niets meer te doen.",
    Status.UITBETAALD: "Wacht op de verantwoording van de groep na de activiteit.",
    Status.VERANTWOORDING_INGEDIEND: "Beoordeel de verantwoording en stel het bedrag vast.",
    Status.VASTGESTELD: "Klaar. Staat er een bedrag open? Registreer de terugbetaling als die binnen is.",
}


def _volgende_stap_medewerker(aanvraag) -> str:
    if aanvraag.is_jaarbijdrage and aanvraag.status == Status.INGETROKKEN:
        return "De jaarbijdrage is vervallen. Er is niets meer te doen."
    return VOLGENDE_STAP_MEDEWERKER[aanvraag.status]


def _wacht_op_collega(aanvraag, user, stappen) -> dict[str, str]:
    """Per step the user may take by the table but not by the four-eyes rule: why a colleague must."""
    from . import vier_ogen

    if not stappen:
        return {}
    regeling = selectors.regeling_voor(gemeente=aanvraag.gemeente, jaar=aanvraag.begrotingsjaar)
    wacht = {}
    for naam, naar in stappen:
        reden = vier_ogen.wacht_op_collega(aanvraag, user, naar, regeling=regeling)
        if reden:
            wacht[naam] = reden
    return wacht


@_login_eerst
def aanvraag_detail(request, pk):
    aanvraag = selectors.aanvraag_detail(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.aanvraag_zien", aanvraag)
    user = request.user
    is_lid = is_lid_van_groep(user, aanvraag)
    is_medewerker = is_medewerker_van_gebied(user, aanvraag)
    kan_betalen = AANVRAAG.mag(user, aanvraag, Status.UITBETAALD)
    kan_vaststellen = aanvraag.status == Status.VERANTWOORDING_INGEDIEND and AANVRAAG.mag(
        user, aanvraag, Status.VASTGESTELD
    )
    # Four eyes: a step this user may not take is not offered; the page says a colleague takes it.
    stappen = []
    if kan_betalen:
        stappen.append(("betalen", Status.UITBETAALD))
    if kan_vaststellen:
        stappen.append(("vaststellen", Status.VASTGESTELD))
    # A jaarbijdrage is granted by the agreement, never decided (a lapsed one comes back on the agreement page).
    if kan_besluiten := not aanvraag.is_jaarbijdrage and AANVRAAG.mag(user, aanvraag, Status.TOEGEKEND):
        stappen.append(("besluiten", Status.TOEGEKEND))
    wacht = _wacht_op_collega(aanvraag, user, stappen)
    context = {
        "aanvraag": aanvraag,
        "namens_tekst": services.namens_tekst(aanvraag) if aanvraag.ingevoerd_door_id else "",
        "is_lid": is_lid,
        "is_medewerker": is_medewerker,
        # A step waiting for a colleague is not this user's next step: only the wait is said.
        "volgende_stap": aanvraag.volgende_stap
        if is_lid
        else ("" if wacht else _volgende_stap_medewerker(aanvraag)),
        "wacht": wacht,
        "dwangsom": aanvraag.dwangsom(),
        "te_laat": aanvraag.is_te_laat(),
        "kan": {
            naam: AANVRAAG.mag(user, aanvraag, naar)
            for naam, naar in [
                ("behandelen", Status.IN_BEHANDELING),
                ("aanvulling", Status.AANVULLING_GEVRAAGD),
                ("verantwoorden", Status.VERANTWOORDING_INGEDIEND),
            ]
        }
        | {
            # One step, two people: the group withdraws its grant; staff let a jaarbijdrage lapse.
            "intrekken": is_lid and AANVRAAG.mag(user, aanvraag, Status.INGETROKKEN),
            "laten_vervallen": aanvraag.is_jaarbijdrage
            and is_medewerker
            and AANVRAAG.mag(user, aanvraag, Status.INGETROKKEN),
            "betalen": kan_betalen and "betalen" not in wacht,
            "besluiten": kan_besluiten and "besluiten" not in wacht,
        },
        "kan_vaststellen": kan_vaststellen and "vaststellen" not in wacht,
        "kan_bewerken": user.has_perm("leefbaarheidsbudget.aanvraag_wijzigen", aanvraag),
        "kan_beantwoorden": user.has_perm("leefbaarheidsbudget.informatie_beantwoorden", aanvraag),
        "vraag": selectors.openstaande_vraag(aanvraag),
        "kan_verlengen": is_medewerker_van_gebied(user, aanvraag)
        and aanvraag.termijn_loopt
        and not aanvraag.verdaging_dagen
        and not aanvraag.is_te_laat(),
        "kan_ingebrekestellen": (is_lid or is_medewerker_van_gebied(user, aanvraag))
        and aanvraag.is_te_laat()
        and not aanvraag.ingebrekestelling_op,
        "kan_terugbetaling": is_medewerker_van_gebied(user, aanvraag)
        and aanvraag.status == Status.VASTGESTELD
        and aanvraag.openstaande_terugvordering > 0,
    }
    return render(request, "leefbaarheidsbudget/aanvraag_detail.html", context)


@_login_eerst
@eenmalig
def aanvraag_intrekken(request, pk):
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.aanvraag_zien", aanvraag)
    if not is_lid_van_groep(request.user, aanvraag):
        raise PermissionDenied
    form = IntrekkenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.aanvraag_intrekken(aanvraag=aanvraag, door=request.user, toelichting=data["toelichting"])

        if _uitvoeren(request, form, actie, "De aanvraag is ingetrokken."):
            return redirect(aanvraag)
    return _actie(
        request,
        aanvraag,
        form,
        "Aanvraag intrekken",
        "Aanvraag intrekken",
        "Trekt u de aanvraag in, dan beslist de gemeente er niet meer over. Een toegekend bedrag gaat terug naar het budget.",
        gevaar=True,
    )


@_login_eerst
@eenmalig
def verantwoording(request, pk):
    aanvraag = selectors.aanvraag_detail(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.aanvraag_zien", aanvraag)
    _eis(request.user, "leefbaarheidsbudget.aanvraag_verantwoorden", aanvraag)
    form = VerantwoordingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.verantwoording_indienen(
                aanvraag=aanvraag,
                door=request.user,
                werkelijke_kosten=data["werkelijke_kosten"],
                verslag=data["verslag"],
            )

        if _uitvoeren(request, form, actie, "Dank u wel! De verantwoording is ingediend."):
            return redirect(aanvraag)
    return render(
        request,
        "leefbaarheidsbudget/verantwoording.html",
        {"aanvraag": aanvraag, "form": form, "bijlage_form": BijlageForm()},
    )


@_login_eerst
@eenmalig
def ingebrekestelling(request, pk):
    aanvraag = selectors.aanvraag_voor(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.aanvraag_zien", aanvraag)
    form = DatumForm(request.POST or None, initial={"ontvangen_op": timezone.localdate()})
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.ingebrekestelling_registreren(
                aanvraag=aanvraag, door=request.user, ontvangen_op=data["ontvangen_op"]
            )

        if _uitvoeren(request, form, actie, "De ingebrekestelling is geregistreerd."):
            return redirect(aanvraag)
    return _actie(
        request,
        aanvraag,
        form,
        "Ingebrekestelling registreren",
        "Registreren",
        "Is de uiterste beslisdatum voorbij? Dan kan de groep de gemeente schriftelijk in gebreke stellen. "
        "Twee weken daarna loopt een dwangsom tot het besluit er is (artikel 4:17 Awb).",
    )


# --- Staff ------------------------------------------------------------------------------------------


def _staf_actie(perm="leefbaarheidsbudget.aanvraag_behandelen"):
    def decorator(view):
        @_login_eerst
        def wrapper(request, pk):
            aanvraag = selectors.aanvraag_voor(request.user, pk)
            _eis(request.user, perm, aanvraag)
            return view(request, aanvraag)

        wrapper.__name__ = view.__name__
        return wrapper

    return decorator


@require_POST
@_login_eerst
@eenmalig
def jaarbijdrage_vastleggen(request, pk, jaar):
    """Staff reserve one year's contribution of an agreement now (the schedule does it daily on its own)."""
    from bewonersgroepen.models import Samenwerkingsovereenkomst
    from bewonersgroepen.selectors import overeenkomst_detail

    try:
        overeenkomst = overeenkomst_detail(request.user, pk)
    except Samenwerkingsovereenkomst.DoesNotExist as exc:
        raise Http404("Overeenkomst niet gevonden.") from exc
    _eis(request.user, "leefbaarheidsbudget.jaarbijdrage_vastleggen", overeenkomst)
    try:
        bijdrage = services.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=jaar, door=request.user)
    except ValidationError as fout:
        niet_vastleggen(request)
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request,
            f"De jaarbijdrage {jaar} ({format_euro(bijdrage.toegekend_bedrag)}) is vastgelegd op het budget. "
            "Een collega registreert de betaling.",
        )
    return redirect(overeenkomst)


@_staf_actie()
@eenmalig
def jaarbijdrage_laten_vervallen(request, aanvraag):
    """Staff cancel a reserved, unpaid jaarbijdrage (the agreement ended early): the money is freed."""
    if not aanvraag.is_jaarbijdrage:
        raise Http404("Geen jaarbijdrage.")
    form = VervallenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.jaarbijdrage_laten_vervallen(aanvraag=aanvraag, door=request.user, reden=data["reden"])

        if _uitvoeren(
            request,
            form,
            actie,
            f"De jaarbijdrage is vervallen. {format_euro(aanvraag.toegekend_bedrag)} is terug op het budget; "
            "de groep krijgt een e-mail.",
        ):
            return redirect(aanvraag)
    return _actie(
        request,
        aanvraag,
        form,
        "Jaarbijdrage laten vervallen",
        "Laten vervallen",
        "Is de overeenkomst eerder beëindigd, of krijgt de groep deze bijdrage om een andere reden niet? Laat "
        "de jaarbijdrage dan vervallen. Het vastgelegde bedrag gaat terug naar het budget en wordt niet "
        "betaald. De groep krijgt een e-mail met uw reden. Het portaal legt de bijdrage voor dit jaar niet "
        "opnieuw vast; dat kan alleen een medewerker, op de pagina van de overeenkomst.",
        gevaar=True,
    )


@require_POST
@_staf_actie()
@eenmalig
def behandelen(request, aanvraag):
    try:
        services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=request.user)
        messages.success(request, "U hebt de aanvraag in behandeling genomen.")
    except ValidationError as fout:
        niet_vastleggen(request)
        messages.error(request, " ".join(fout.messages))
    return redirect(aanvraag)


@_staf_actie()
@eenmalig
def aanvulling_vragen(request, aanvraag):
    form = AanvullingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.aanvulling_vragen(aanvraag=aanvraag, door=request.user, vraag=data["vraag"])

        if _uitvoeren(
            request, form, actie, "De groep krijgt een e-mail met uw vraag. De termijn staat stil."
        ):
            return redirect(aanvraag)
    return _actie(request, aanvraag, form, "Aanvulling vragen", "Vraag versturen")


@_staf_actie()
@eenmalig
def termijn_verlengen(request, aanvraag):
    form = VerlengenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.termijn_verlengen(
                aanvraag=aanvraag, door=request.user, weken=data["weken"], reden=data["reden"]
            )

        if _uitvoeren(request, form, actie, "De termijn is verlengd. De groep krijgt een e-mail."):
            return redirect(aanvraag)
    return _actie(
        request,
        aanvraag,
        form,
        "Beslistermijn verlengen",
        "Termijn verlengen",
        "U kunt de beslistermijn één keer verlengen, met een reden (artikel 4:14 Awb).",
    )


@_staf_actie()
@eenmalig
def besluit(request, aanvraag):
    form = BesluitForm(request.POST or None, initial={"bedrag": aanvraag.gevraagd_bedrag})
    if request.method == "POST" and form.is_valid():

        def actie(data):
            if data["besluit"] == BesluitForm.TOEKENNEN:
                services.aanvraag_toekennen(
                    aanvraag=aanvraag,
                    door=request.user,
                    bedrag=data["bedrag"],
                    motivering=data["motivering"],
                    voorwaarden=data["voorwaarden"],
                )
            else:
                services.aanvraag_afwijzen(
                    aanvraag=aanvraag, door=request.user, motivering=data["motivering"]
                )

        if _uitvoeren(
            request, form, actie, "Het besluit is vastgelegd. De groep krijgt een e-mail met de beschikking."
        ):
            return redirect(aanvraag)
    return _actie(
        request,
        aanvraag,
        form,
        "Besluiten",
        "Besluit vastleggen",
        f"Gevraagd: {format_euro(aanvraag.gevraagd_bedrag)}. Bij toekennen wordt het bedrag meteen van het budget "
        "gereserveerd. Elk besluit heeft een motivering nodig.",
    )


@_staf_actie()
@eenmalig
def betaling(request, aanvraag):
    form = BetalingForm(request.POST or None, initial={"betaald_op": timezone.localdate()})
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.betaling_registreren(
                aanvraag=aanvraag,
                door=request.user,
                betaald_op=data["betaald_op"],
                betaalkenmerk=data["betaalkenmerk"],
            )

        if _uitvoeren(request, form, actie, "De betaling is geregistreerd. De groep krijgt een e-mail."):
            return redirect(aanvraag)
    # Said before the form is sent: without the group's IBAN the service refuses the payment.
    uitleg = "" if aanvraag.groep.iban else services.geen_iban_melding(aanvraag)
    return _actie(request, aanvraag, form, "Betaling registreren", "Betaling registreren", uitleg=uitleg)


@_staf_actie()
@eenmalig
def vaststellen(request, aanvraag):
    form = VaststellenForm(request.POST or None, initial={"bedrag": aanvraag.toegekend_bedrag})
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.aanvraag_vaststellen(
                aanvraag=aanvraag, door=request.user, bedrag=data["bedrag"], motivering=data["motivering"]
            )

        if _uitvoeren(request, form, actie, "Het bedrag is vastgesteld."):
            return redirect(aanvraag)
    return _actie(request, aanvraag, form, "Bedrag vaststellen", "Vaststellen")


@_staf_actie()
@eenmalig
def terugbetaling(request, aanvraag):
    form = DatumForm(request.POST or None, initial={"ontvangen_op": timezone.localdate()})
    if request.method == "POST" and form.is_valid():

        def actie(data):
            services.terugbetaling_registreren(
                aanvraag=aanvraag, door=request.user, ontvangen_op=data["ontvangen_op"]
            )

        if _uitvoeren(request, form, actie, "De terugbetaling is geregistreerd."):
            return redirect(aanvraag)
    return _actie(request, aanvraag, form, "Terugbetaling registreren", "Registreren")


def _brief(request, aanvraag, soort: str):
    """The stored letter; one decided before letters were stored is made and kept on its first download."""
    from bestanden import bestand_serveren

    from . import brieven

    try:
        aanvraag = services.brief_bewaren_als_ontbreekt(aanvraag=aanvraag, door=request.user, soort=soort)
    except ValidationError as fout:  # the letter could not be stored (disk full): say so, no error page
        messages.error(request, " ".join(fout.messages))
        return redirect(aanvraag)
    _, veld = brieven.BRIEVEN[soort]
    return bestand_serveren(getattr(aanvraag, veld), downloadnaam=brieven.downloadnaam(soort, aanvraag))


@_login_eerst
def beschikking(request, pk):
    """The decision letter (grant or refusal) as a PDF, as it was made with the decision."""
    aanvraag = selectors.aanvraag_detail(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.beschikking_zien", aanvraag)
    return _brief(request, aanvraag, "beschikking")


@_login_eerst
def vaststelling(request, pk):
    """The settlement letter (vaststellingsbeschikking) as a PDF; there is none before the amount is
    settled (after the accountability, or at once with the decision)."""
    aanvraag = selectors.aanvraag_detail(request.user, pk)
    if not aanvraag.is_vastgesteld:
        raise Http404("Het bedrag is nog niet vastgesteld.")
    _eis(request.user, "leefbaarheidsbudget.vaststelling_zien", aanvraag)
    return _brief(request, aanvraag, "vaststelling")


@toegang_vereist("leefbaarheidsbudget.werkvoorraad_zien")
def werkvoorraad(request):
    form = WerkvoorraadFilterForm(request.GET or None, gemeente_id=request.user.gemeente_id)
    data = form.gekozen()
    filter_ = data.get("filter") or "mijn"
    qs = selectors.werkvoorraad(
        request.user,
        filter=filter_,
        status=data.get("status") or "",
        kern_id=data["kern"].pk if data.get("kern") else None,
        jaar=data.get("jaar"),
        zoek=data.get("q") or "",
    )
    pagina = Paginator(qs, 25).get_page(request.GET.get("pagina"))
    zonder_pagina = request.GET.copy()
    zonder_pagina.pop("pagina", None)
    tabs = []
    for sleutel, label in selectors.WERKVOORRAAD_FILTERS.items():
        q = zonder_pagina.copy()
        q["filter"] = sleutel
        tabs.append(
            {"sleutel": sleutel, "label": label, "url": f"?{q.urlencode()}", "actief": sleutel == filter_}
        )
    return render(
        request,
        "leefbaarheidsbudget/werkvoorraad.html",
        {
            "form": form,
            "pagina": pagina,
            "tabs": tabs,
        },
    )


@toegang_vereist("leefbaarheidsbudget.budgetten_zien")
def budgetten(request):
    jaar = timezone.localdate().year
    return render(
        request,
        "leefbaarheidsbudget/budgetten.html",
        {"rijen": selectors.budgetten_overzicht(request.user), "export_jaren": [jaar - 1, jaar, jaar + 1]},
    )


@toegang_vereist("leefbaarheidsbudget.budgetten_zien")
def budget(request, pk):
    obj = selectors.budget_detail(request.user, pk)
    _eis(request.user, "leefbaarheidsbudget.budget_zien", obj)
    return render(
        request,
        "leefbaarheidsbudget/budget.html",
        {
            "budget": obj,
            "cijfers": selectors.budgetcijfers(gemeente=obj.gemeente, jaar=obj.jaar),
            "per_kern": selectors.budgetcijfers_per_kern(gemeente=obj.gemeente, jaar=obj.jaar),
            "per_status": selectors.aanvragen_per_status(gemeente=obj.gemeente, jaar=obj.jaar),
            "doorlooptijden": selectors.doorlooptijden(gemeente=obj.gemeente, jaar=obj.jaar),
        },
    )


class _Echo:
    def write(self, waarde):
        return waarde


def _export_aanvragen(request, jaar):
    gemeente_id = None if request.user.is_superuser else request.user.gemeente_id
    if gemeente_id is None and not request.user.is_superuser:
        raise PermissionDenied
    return selectors.export_aanvragen(gemeente_id=gemeente_id, jaar=jaar)


@toegang_vereist("leefbaarheidsbudget.aanvragen_exporteren")
def export(request, jaar):
    """All submitted applications of one budget year for finance: CSV (semicolon, decimal comma), streamed.
    Names and titles that members typed are never formulas (`invoer.spreadsheet`); it holds IBANs, so no
    cache keeps it. The same rows as `export_xlsx` (`selectors.exportrijen`)."""
    qs = _export_aanvragen(request, jaar)
    schrijver = csv_schrijver(_Echo())

    def inhoud():
        yield "\ufeff"  # Excel recognises UTF-8 by the byte-order mark
        for rij in selectors.exportrijen(qs):
            yield schrijver.writerow(rij)

    response = StreamingHttpResponse(inhoud(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="leefbaarheidsbudget-{jaar}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@toegang_vereist("leefbaarheidsbudget.aanvragen_exporteren")
def export_xlsx(request, jaar):
    """The rows of `export` as an XLSX: amounts as euro numbers, dates as dates, text never a formula."""
    schrijver = xlsx_schrijver(f"Aanvragen {jaar}")
    schrijver.writerows(selectors.exportrijen(_export_aanvragen(request, jaar)))
    response = HttpResponse(schrijver.opslaan(), content_type=XLSX_INHOUDTYPE)
    response["Content-Disposition"] = f'attachment; filename="leefbaarheidsbudget-{jaar}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
