"""Pages of meldingen: the public report form, receipt and status page; the staff queues and detail."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

import limiet
from bestanden import bestand_serveren
from gebieden.models import Gemeente, Kern, Wijk
from invoer.eenmalig import eenmalig
from invoer.formulier import fout_op_formulier
from rollen.permissions import gemeente_ids_van, toegang_vereist

from . import registry, selectors, services
from .forms import (
    AfwijzenForm,
    AntwoordForm,
    DoorzettenForm,
    DubbelForm,
    FeedbackForm,
    HonorerenForm,
    MeldenForm,
    NotitieForm,
    OpenbareToelichtingForm,
    OvergangForm,
    ToewijzenForm,
    WachtrijFilterForm,
)
from .models import Foto, Melding, Standaardantwoord
from .permissions import zichtbare_meldingen
from .werkstromen import MELDING

PER_PAGINA = 25
SESSIE_SLEUTEL = "meldingen_ontvangen"


# --- public -----------------------------------------------------------------------------------------
def _gemeente_kiezen(request):
    slug = request.GET.get("gemeente") or request.POST.get("gemeente")
    if not slug and request.user.is_authenticated and request.user.gemeente_id:
        return request.user.gemeente
    gemeenten = Gemeente.objects.order_by("naam")
    if not slug:
        alle = list(gemeenten[:2])
        if len(alle) == 1:
            return alle[0]
        return None
    return get_object_or_404(Gemeente, slug=slug)


@eenmalig
def melden(request):
    """Anyone may report; a logged-in user gets their details filled in."""
    gemeente = _gemeente_kiezen(request)
    if gemeente is None:
        return render(
            request, "meldingen/melden_gemeente.html", {"gemeenten": Gemeente.objects.order_by("naam")}
        )
    initial = {}
    if request.user.is_authenticated:
        initial = {"email": request.user.email, "telefoon": getattr(request.user, "telefoon", "")}
    form = MeldenForm(request.POST or None, request.FILES or None, gemeente=gemeente, initial=initial)

    def tonen(status=200):
        # The wijken's boundaries for the map, only when the form is shown (not for a report that is
        # stored). The map only fills the hidden lat/lon fields; without boundaries (or JavaScript) the
        # list of kernen and wijken and the street remain the way to say where.
        grenzen = selectors.grenzen_voor_kaart(gemeente)
        kaart = {"grenzen": grenzen, **_tegels()} if grenzen else None
        context = {"form": form, "gemeente": gemeente, "kaart": kaart}
        return render(request, "meldingen/melden.html", context, status=status)

    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # Looks as if it worked, so a bot learns nothing; nothing is stored or sent.
            return redirect("meldingen:ontvangen")
        if not limiet.toegestaan(request, "melding_doen", email=form.cleaned_data["email"]):
            form.add_error(None, limiet.MELDING)
            return tonen(status=429)
        data = dict(form.cleaned_data)
        data.pop("website", None)
        try:
            melding = services.melding_doen(gemeente=gemeente, door=request.user, **data)
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            request.session[SESSIE_SLEUTEL] = melding.token
            return redirect("meldingen:ontvangen")
    return tonen()


def _tegels() -> dict:
    return {
        "tegels": settings.MAP_TILE_URL,
        "bron": getattr(settings, "MAP_TILE_ATTRIBUTION", "Achtergrondkaart: © Kadaster (PDOK)"),
    }


PUBLIEK_PER_PAGINA = 25


def _publieke_pagina(request, gebied, *, wijken=None):
    """The public page of a wijk or kern: its open meldingen, paginated, on a map (points rounded to
    about 50 m on the server); category, status, date, buurt; no text, no personal data."""
    wijk_ids = [w.pk for w in wijken] if wijken is not None else None
    pagina = Paginator(
        selectors.open_in_wijk_publiek(gebied, wijk_ids=wijk_ids), PUBLIEK_PER_PAGINA
    ).get_page(request.GET.get("pagina"))
    regels = selectors.publieke_regels(pagina, eerste_nr=pagina.start_index() or 1)
    # A kern without its own boundary shows those of its wijken.
    grenzen = [w.grens for w in wijken] if wijken is not None and not gebied.grens else None
    kaart = selectors.publieke_kaart(gebied, regels, grenzen=grenzen)
    heeft_kaart = bool(kaart["grens"] or kaart["grenzen"] or kaart["punten"])
    if isinstance(gebied, Kern):
        punten_url = reverse("meldingen:kern_punten", args=[gebied.gemeente.slug, gebied.slug])
    else:
        punten_url = reverse("meldingen:wijk_punten", args=[gebied.code])
    return render(
        request,
        "meldingen/wijk.html",
        {
            "gebied": gebied,
            "is_kern": isinstance(gebied, Kern),
            "wijken": wijken,
            "pagina": pagina,
            "regels": regels,
            "heeft_kaart": heeft_kaart,
            "kaart_json": {**kaart, **_tegels()} if heeft_kaart else None,
            "op_kaart": sum(1 for r in regels if r["punt"]),
            "punten_url": punten_url,
            "punten_max": selectors.ALLE_PUNTEN_MAX,
        },
    )


def wijk(request, code):
    """Public: what is being done in a wijk — its open meldingen on a map and in a list."""
    gebied = get_object_or_404(Wijk.objects.select_related("kern", "gemeente", "gebiedsgrens"), code=code)
    return _publieke_pagina(request, gebied)


def _kern_en_wijken(gemeente, kern):
    gebied = get_object_or_404(
        Kern.objects.select_related("gemeente", "gebiedsgrens"), gemeente__slug=gemeente, slug=kern
    )
    return gebied, list(Wijk.objects.filter(kern=gebied).select_related("gebiedsgrens").order_by("naam"))


def kern(request, gemeente, kern):
    """Public: the open meldingen of a kern and its wijken, as the wijk page (meldingen:wijk)."""
    gebied, wijken = _kern_en_wijken(gemeente, kern)
    return _publieke_pagina(request, gebied, wijken=wijken)


def _punten(gebied, wijk_ids=None) -> JsonResponse:
    data = selectors.alle_punten_publiek(gebied, wijk_ids=wijk_ids)
    response = JsonResponse(data)
    response["Cache-Control"] = "public, max-age=300"
    return response


def wijk_punten(request, code):
    """Public JSON for "show all open meldingen on the map": rounded points, category and status only."""
    gebied = get_object_or_404(Wijk.objects.only("pk"), code=code)
    return _punten(gebied)


def kern_punten(request, gemeente, kern):
    """As wijk_punten, for a kern and its wijken."""
    gebied = get_object_or_404(Kern.objects.only("pk"), gemeente__slug=gemeente, slug=kern)
    wijk_ids = list(Wijk.objects.filter(kern=gebied).values_list("pk", flat=True))
    return _punten(gebied, wijk_ids)


def ontvangen(request):
    """The receipt: the reference and the status link (from the session; shown once)."""
    token = request.session.pop(SESSIE_SLEUTEL, None)
    melding = Melding.objects.filter(token=token).select_related("categorie").first() if token else None
    return render(request, "meldingen/ontvangen.html", {"melding": melding})


def status(request, token):
    """The public status page: category, place in words, status, deadline and the steps with dates. No
    text of the reporter, no names, no contact details (whoever has the link may not be the reporter).
    After handling, the same page takes the reporter's rating and request to reopen (a POST)."""
    melding = get_object_or_404(
        Melding.objects.select_related(
            "categorie", "categorie__hoofdcategorie", "wijk", "kern", "gemeente", "hoofdmelding"
        ),
        token=token,
    )
    if request.method != "POST":
        return _status_pagina(request, melding)
    if not melding.feedback_mogelijk():
        messages.info(request, "U kunt bij deze melding niet (meer) reageren.")
        return redirect("meldingen:status", token=token)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_geven(melding=melding, **form.cleaned_data)
        except ValidationError as exc:
            fout_op_formulier(form, exc)
        else:
            messages.success(
                request,
                "Bedankt voor uw reactie."
                + (" Wij bekijken of de melding weer open moet." if form.cleaned_data["heropenen"] else ""),
            )
            return redirect("meldingen:status", token=token)
    return _status_pagina(request, melding, form=form, status=200)


def heropenen(request, token):
    """The one-click link of the closing mail: a GET shows what will happen (mail scanners follow links,
    so a GET changes nothing); the POST asks staff to reopen the melding."""
    melding = get_object_or_404(Melding.objects.select_related("categorie", "gemeente"), token=token)
    mogelijk = melding.heropenen_aanvragen_mogelijk()
    if request.method == "POST" and mogelijk:
        try:
            services.heropenen_aanvragen(melding=melding)
        except ValidationError:
            pass
        else:
            messages.success(
                request, "Uw verzoek is verstuurd. Een medewerker bekijkt of de melding weer open gaat."
            )
            return redirect("meldingen:status", token=token)
    return render(
        request,
        "meldingen/heropenen.html",
        {"melding": melding, "mogelijk": mogelijk},
        status=200 if mogelijk or request.method != "POST" else 400,
    )


def openbare_foto(request, pk):
    """A photo staff published: for everyone. A private one answers 404, as one that doesn't exist."""
    gevonden = get_object_or_404(Foto.objects.select_related("melding"), pk=pk, gepubliceerd_op__isnull=False)
    return bestand_serveren(gevonden.bestand, downloadnaam=f"{gevonden.melding.referentie}-{pk}", inline=True)


def _status_pagina(request, melding, form=None, status=200):
    if form is None and melding.feedback_mogelijk():
        form = FeedbackForm()
    # A duplicate: the reporter follows the main report (its status and steps; still no personal data).
    hoofd = melding.hoofdmelding
    return render(
        request,
        "meldingen/status.html",
        {
            "melding": melding,
            "hoofd": hoofd,
            "tijdlijn": selectors.publieke_tijdlijn(melding),
            "hoofd_tijdlijn": selectors.publieke_tijdlijn(hoofd) if hoofd else None,
            "form": form,
            "openbare_fotos": selectors.openbare_fotos(melding),
            "heropenen_mogelijk": melding.heropenen_aanvragen_mogelijk(),
        },
        status=status,
    )


# --- staff ------------------------------------------------------------------------------------------
@toegang_vereist("meldingen.view_wachtrij")
def wachtrij(request):
    user = request.user
    soort = request.GET.get("lijst", "mijn")
    if soort not in selectors.WACHTRIJEN:
        soort = "mijn"
    basis = zichtbare_meldingen(user)
    gegevens = request.GET.copy()
    gegevens["lijst"] = soort  # the queue as chosen above, also when the address named none
    form = WachtrijFilterForm(gegevens, gemeente_ids=gemeente_ids_van(user))
    gekozen = form.gekozen()
    filters = {
        "categorie": _pk(gekozen.get("categorie")),
        "status": gekozen.get("status") or None,
        "kern": _pk(gekozen.get("kern")),
        "wijk": _pk(gekozen.get("wijk")),
        "ouder_dan_dagen": gekozen.get("ouder_dan"),
    }
    wijken = selectors.wijken_van(user)  # once, for the tab counts and the "Mijn wijken" list
    aantallen = selectors.aantallen(basis, user, wijken=wijken)
    qs = selectors.voor_lijst(
        selectors.filteren(selectors.wachtrij(basis, soort, user, wijken=wijken), **filters)
    )
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "meldingen/wachtrij.html",
        {
            "soort": soort,
            "titel": selectors.WACHTRIJEN[soort],
            "tabs": [(k, t, aantallen[k]) for k, t in selectors.WACHTRIJEN.items()],
            "pagina": pagina,
            "form": form,
        },
    )


def _pk(gekozen):
    return gekozen.pk if gekozen is not None else None


def _melding_van(request, referentie) -> Melding:
    if not request.user.has_perm("meldingen.view_wachtrij"):
        raise PermissionDenied
    return get_object_or_404(
        zichtbare_meldingen(request.user).select_related(
            "categorie",
            "categorie__hoofdcategorie",
            "wijk",
            "kern",
            "buurt",
            "behandelaar",
            "gemeente",
            "hoofdmelding",
        ),
        referentie=referentie,
    )


def _standaardantwoorden(melding):
    return list(
        Standaardantwoord.objects.filter(
            categorie__in=[melding.categorie_id, melding.categorie.hoofd.pk]
        ).order_by("titel")
    )


def _doorzetten_form(melding, data=None) -> DoorzettenForm:
    """The forwarding form with the registered address books (the ketenpartner register) to choose from."""
    return DoorzettenForm(data, adressen=registry.adressen(melding.gemeente, melding.wijk))


def _detail(request, melding, **formulieren):
    antwoorden = _standaardantwoorden(melding)
    duplicaten = list(
        melding.duplicaten.only("referentie", "email", "gemeld_op", "hoofdmelding").order_by("pk")
    )
    doorzettingen = list(melding.doorzettingen.select_related("gesteld_door", "beantwoord_door"))
    melding.heeft_open_vraag = any(d.is_open for d in doorzettingen)  # for the workflow's condition
    mag_doorzetten = request.user.has_perm("meldingen.doorzetten", melding)
    context = {
        "duplicaten": duplicaten,
        "doorzettingen": doorzettingen,
        "open_vragen": [d for d in doorzettingen if d.is_open],
        "mag_doorzetten": mag_doorzetten,
        "doorzetten_form": formulieren.get("doorzetten")
        or (_doorzetten_form(melding) if mag_doorzetten and melding.is_open else None),
        "antwoord_form": formulieren.get("antwoord") or AntwoordForm(),
        "antwoord_voor": formulieren.get("antwoord_voor"),
        "mag_dubbel": melding.is_open
        and not duplicaten
        and not melding.hoofdmelding_id
        and request.user.has_perm("meldingen.dubbel_markeren", melding),
        "melding": melding,
        "historie": melding.statuswijzigingen.select_related("door"),
        "notities": melding.notities.select_related("door"),
        "fotos": list(melding.fotos.all()),
        "mag_publiceren": request.user.has_perm("meldingen.publiceren", melding),
        "openbaar_form": formulieren.get("openbaar")
        or OpenbareToelichtingForm(initial={"openbare_toelichting": melding.openbare_toelichting}),
        "overgang_form": formulieren.get("overgang")
        or OvergangForm(
            melding=melding,
            door=request.user,
            standaardantwoorden=antwoorden,
            volgers=any(d.email for d in duplicaten),
        ),
        "notitie_form": formulieren.get("notitie") or NotitieForm(melding=melding),
        "toewijzen_form": formulieren.get("toewijzen")
        or ToewijzenForm(melding=melding, initial={"behandelaar": melding.behandelaar_id}),
        "standaardantwoorden": antwoorden,
        "te_laat": melding.is_te_laat(),
    }
    status = 400 if formulieren else 200
    return render(request, "meldingen/melding.html", context, status=status)


def _voor_staf(view):
    """Staff pages of one melding: anonymous → login; not staff → 403; another gemeente's melding → 404.
    The view gets the melding in place of its reference."""

    @wraps(view)
    def wrapper(request, referentie, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, _melding_van(request, referentie), *args, **kwargs)

    return wrapper


def _post_voor_staf(view):
    """As _voor_staf, POST only."""
    return require_POST(_voor_staf(view))


def _uitvoeren(request, melding, form, actie, gelukt):
    """The one shape of every staff action: a valid form runs `actie(cleaned_data)` (a service); the
    service's refusal lands on the form, next to its field; success shows `gelukt` (a text, or a function
    of the data) and goes back to the melding. Returns that redirect, or None: show the form again."""
    if not form.is_valid():
        return None
    try:
        actie(form.cleaned_data)
    except ValidationError as exc:
        fout_op_formulier(form, exc)
        return None
    messages.success(request, gelukt(form.cleaned_data) if callable(gelukt) else gelukt)
    return redirect(melding)


@_voor_staf
def melding(request, melding):
    return _detail(request, melding)


@_post_voor_staf
def overgang(request, melding):
    antwoorden = _standaardantwoorden(melding)
    form = OvergangForm(
        request.POST,
        melding=melding,
        door=request.user,
        standaardantwoorden=antwoorden,
        volgers=melding.duplicaten.exclude(email="").exists(),
    )

    def actie(data):
        tekst = data["toelichting"]
        gekozen = data.get("standaardantwoord")
        if gekozen and not tekst.strip():  # without JavaScript: the chosen standard reply is the text
            tekst = next((a.tekst for a in antwoorden if str(a.pk) == gekozen), "")
        services.melding_overgaan(
            melding=melding,
            naar=data["naar"],
            door=request.user,
            tekst=tekst,
            melder_informeren=data.get("melder_informeren", False),
        )

    gelukt = _uitvoeren(
        request,
        melding,
        form,
        actie,
        lambda data: f"De melding is nu: {MELDING.label(data['naar']).lower()}.",
    )
    return gelukt or _detail(request, melding, overgang=form)


@_post_voor_staf
def notitie(request, melding):
    form = NotitieForm(request.POST, melding=melding)
    gelukt = _uitvoeren(
        request,
        melding,
        form,
        lambda data: services.notitie_toevoegen(
            melding=melding, door=request.user, tekst=data["tekst"], aan_melder=data.get("aan_melder", False)
        ),
        "Opgeslagen.",
    )
    return gelukt or _detail(request, melding, notitie=form)


@_post_voor_staf
def toewijzen(request, melding):
    if "overnemen" in request.POST:
        form = ToewijzenForm({"behandelaar": request.user.pk}, melding=melding)
    else:
        form = ToewijzenForm(request.POST, melding=melding)
    gelukt = _uitvoeren(
        request,
        melding,
        form,
        lambda data: services.melding_toewijzen(
            melding=melding, door=request.user, behandelaar=data["behandelaar"]
        ),
        "De behandelaar is bijgewerkt.",
    )
    return gelukt or _detail(request, melding, toewijzen=form)


@_post_voor_staf
def doorzetten(request, melding):
    """Forward the melding as a tracked question to a vakafdeling or ketenpartner."""
    if not request.user.has_perm("meldingen.doorzetten", melding):
        raise PermissionDenied
    form = _doorzetten_form(melding, request.POST)
    gelukt = _uitvoeren(
        request,
        melding,
        form,
        lambda data: services.doorzetten(melding=melding, door=request.user, **data),
        lambda data: f"De vraag aan {data['aan']} is vastgelegd.",
    )
    return gelukt or _detail(request, melding, doorzetten=form)


@_post_voor_staf
def doorzetting_antwoord(request, melding, pk):
    """Record the answer to a forwarded question."""
    if not request.user.has_perm("meldingen.doorzetten", melding):
        raise PermissionDenied
    doorzetting = get_object_or_404(melding.doorzettingen, pk=pk)
    form = AntwoordForm(request.POST)
    gelukt = _uitvoeren(
        request,
        melding,
        form,
        lambda data: services.doorzetting_beantwoorden(
            doorzetting=doorzetting, door=request.user, antwoord=data["antwoord"]
        ),
        f"Het antwoord van {doorzetting.aan} is vastgelegd.",
    )
    return gelukt or _detail(request, melding, antwoord=form, antwoord_voor=doorzetting.pk)


@_voor_staf
def dubbel(request, melding):
    """Mark this melding as a duplicate of another open one of the same gemeente (a page with the form,
    suggesting open meldingen of the same main category in the same area)."""
    if not request.user.has_perm("meldingen.dubbel_markeren", melding):
        raise PermissionDenied
    if not melding.is_open or melding.hoofdmelding_id:
        messages.info(request, "Deze melding is gesloten of al samengevoegd.")
        return redirect(melding)
    form = DubbelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hoofd = (
            Melding.objects.filter(
                gemeente_id=melding.gemeente_id, referentie=form.cleaned_data["hoofdmelding"]
            )
            .only("pk")
            .first()
        )
        if hoofd is None:
            form.add_error("hoofdmelding", "Er is geen melding met dit nummer in deze gemeente.")
        elif gelukt := _uitvoeren(
            request,
            melding,
            form,
            lambda data: services.als_dubbel_markeren(
                melding=melding, hoofdmelding=hoofd, door=request.user, reden=data["reden"]
            ),
            lambda data: f"De melding is samengevoegd met {data['hoofdmelding']}.",
        ):
            return gelukt
    return render(
        request,
        "meldingen/dubbel.html",
        {"melding": melding, "form": form, "kandidaten": selectors.mogelijke_hoofdmeldingen(melding)},
        status=400 if form.errors else 200,
    )


@_post_voor_staf
def openbare_toelichting(request, melding):
    """Publish (or withdraw, when empty) the text everyone sees about this melding."""
    if not request.user.has_perm("meldingen.publiceren", melding):
        raise PermissionDenied
    form = OpenbareToelichtingForm(request.POST)
    gelukt = _uitvoeren(
        request,
        melding,
        form,
        lambda data: services.openbare_toelichting_wijzigen(
            melding=melding, door=request.user, tekst=data["openbare_toelichting"]
        ),
        "De openbare toelichting is bijgewerkt.",
    )
    return gelukt or _detail(request, melding, openbaar=form)


@_post_voor_staf
def foto_publiceren(request, melding, pk):
    """Make one photo public, or private again (publiceren=0)."""
    if not request.user.has_perm("meldingen.publiceren", melding):
        raise PermissionDenied
    gevonden = get_object_or_404(melding.fotos, pk=pk)
    publiceren = request.POST.get("publiceren") != "0"
    services.foto_publiceren(foto=gevonden, door=request.user, publiceren=publiceren)
    messages.success(request, "De foto is nu openbaar." if publiceren else "De foto is weer privé.")
    return redirect(melding)


@_post_voor_staf
def verzoek_honoreren(request, melding):
    """Accept the reporter's request: the melding goes to "heropend" (workflow), the reporter hears it."""
    if melding.heropenverzoek_op is None:
        messages.info(request, "Er is geen verzoek om heropenen (meer).")
        return redirect(melding)
    form = HonorerenForm(request.POST)
    gelukt = _uitvoeren(
        request,
        melding,
        form,
        lambda data: services.heropenverzoek_honoreren(
            melding=melding, door=request.user, tekst=data["bericht"]
        ),
        "De melding is heropend.",
    )
    return gelukt or render(
        request,
        "meldingen/verzoek_afwijzen.html",
        {"melding": melding, "form": AfwijzenForm(), "honoreren_form": form},
        status=400,
    )


@_voor_staf
def verzoek_afwijzen(request, melding):
    """Keep a handled melding closed after the reporter asked to reopen it: the reason goes to them."""
    if melding.heropenverzoek_op is None:
        messages.info(request, "Er is geen verzoek om heropenen (meer).")
        return redirect(melding)
    form = AfwijzenForm(request.POST or None)
    if request.method == "POST" and (
        gelukt := _uitvoeren(
            request,
            melding,
            form,
            lambda data: services.heropenverzoek_afwijzen(
                melding=melding, door=request.user, tekst=data["tekst"]
            ),
            "De melding blijft gesloten. De melder krijgt uw uitleg.",
        )
    ):
        return gelukt
    return render(
        request,
        "meldingen/verzoek_afwijzen.html",
        {"melding": melding, "form": form, "honoreren_form": HonorerenForm()},
        status=400 if form.errors else 200,
    )


@_voor_staf
def foto(request, melding, pk):
    """A photo of a melding, for staff of its gemeente only (photos are private)."""
    gevonden = melding.fotos.filter(pk=pk).first()
    if gevonden is None:
        raise Http404
    return bestand_serveren(gevonden.bestand, downloadnaam=f"{melding.referentie}-{pk}", inline=True)
