"""Every write of the gebiedsagenda, the area news and the followers."""

import datetime
import logging
from collections import defaultdict
from urllib.parse import urljoin

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

import berichten
from accounts.emailadres import canoniek
from berichten.opmaak import portaal_url
from bewonersgroepen.selectors import is_lid
from gebieden.models import Kern, Wijk
from rollen.constants import Rol
from rollen.models import Project
from rollen.selectors import houder

from . import selectors
from .constants import BEVESTIGEN_BINNEN_DAGEN, NieuwsStatus, OpgaveStatus
from .models import (
    Gebiedsagenda,
    Nieuwsbericht,
    Opgave,
    Reactie,
    Volger,
    Voortgangsnotitie,
)
from .permissions import gemeente_id_van, is_staf_van_gemeente
from .werkstromen import NIEUWS, OPGAVE

logger = logging.getLogger(__name__)

# --- Area news ---------------------------------------------------------------------------------------


def _gemeente_van_gebieden(kernen, wijken, gemeente=None):
    """The one gemeente of the chosen areas; with no areas, `gemeente` (a gemeente-wide item)."""
    gemeenten = {k.gemeente_id for k in kernen} | {w.gemeente_id for w in wijken}
    if not gemeenten and gemeente is not None:
        return gemeente.pk
    if not gemeenten:
        raise ValidationError({"kernen": "Kies ten minste één kern of wijk."})
    if len(gemeenten) > 1:
        raise ValidationError({"kernen": "Alle gekozen kernen en wijken moeten in één gemeente liggen."})
    return gemeenten.pop()


def _bericht_opslaan(*, door, titel, tekst, kernen, wijken, status, gemeente_id, groep=None) -> Nieuwsbericht:
    nu = timezone.now()
    bericht = Nieuwsbericht(
        gemeente_id=gemeente_id,
        groep=groep,
        titel=titel.strip(),
        tekst=tekst.strip(),
        auteur=door,
        status=status,
        aangemaakt_op=nu,
        gepubliceerd_op=nu if status == NieuwsStatus.GEPUBLICEERD else None,
        beoordeeld_door=door if status == NieuwsStatus.GEPUBLICEERD else None,
    )
    bericht.full_clean()
    bericht.save()
    bericht.kernen.set(kernen)
    bericht.wijken.set(wijken)
    NIEUWS.historie_schrijven(obj=bericht, van="", naar=status, door=door, op=nu)
    return bericht


@transaction.atomic
def nieuws_publiceren(
    *, door, titel: str, tekst: str, kernen: list[Kern] = (), wijken: list[Wijk] = (), gemeente=None
) -> Nieuwsbericht:
    """Staff of the areas' gemeente publish a news item at once. Without kernen and wijken, for the whole
    `gemeente`: it shows on every kern and wijk page of it."""
    kernen, wijken = list(kernen), list(wijken)
    gemeente_id = _gemeente_van_gebieden(kernen, wijken, gemeente)
    if not is_staf_van_gemeente(door, gemeente_id):
        raise PermissionDenied("Alleen medewerkers van deze gemeente publiceren nieuws.")
    return _bericht_opslaan(
        door=door,
        titel=titel,
        tekst=tekst,
        kernen=kernen,
        wijken=wijken,
        status=NieuwsStatus.GEPUBLICEERD,
        gemeente_id=gemeente_id,
    )


def nieuws_plaatsen(
    *, door, titel: str, tekst: str, kernen=(), wijken=(), groep=None, gemeente=None
) -> Nieuwsbericht:
    """Staff publish at once; a group member's item (on behalf of a group) waits for staff approval.
    `gemeente` without kernen and wijken: an item for the whole gemeente."""
    gemeente_id = _gemeente_van_gebieden(list(kernen), list(wijken), gemeente)
    if groep is None and is_staf_van_gemeente(door, gemeente_id):
        return nieuws_publiceren(
            door=door, titel=titel, tekst=tekst, kernen=kernen, wijken=wijken, gemeente=gemeente
        )
    return nieuws_voorstellen(
        door=door,
        groep=groep,
        titel=titel,
        tekst=tekst,
        kernen=kernen,
        wijken=wijken,
        hele_gemeente=gemeente is not None,
    )


@transaction.atomic
def nieuws_voorstellen(
    *, door, groep, titel: str, tekst: str, kernen=(), wijken=(), hele_gemeente: bool = False
) -> Nieuwsbericht:
    """A group member proposes a news item on behalf of the group; only staff and the author see it
    until staff publish it."""
    kernen, wijken = list(kernen), list(wijken)
    if groep is None:
        raise ValidationError({"groep": "Kies namens welke groep u het bericht voorstelt."})
    if not is_lid(door, groep):
        raise PermissionDenied("Alleen leden van de groep stellen namens haar nieuws voor.")
    gemeente_id = _gemeente_van_gebieden(kernen, wijken, groep.gemeente if hele_gemeente else None)
    if gemeente_id != groep.gemeente_id:
        raise ValidationError({"kernen": "Kies kernen en wijken in de gemeente van uw groep."})
    bericht = _bericht_opslaan(
        door=door,
        titel=titel,
        tekst=tekst,
        kernen=kernen,
        wijken=wijken,
        status=NieuwsStatus.VOORGESTELD,
        gemeente_id=gemeente_id,
        groep=groep,
    )
    return bericht


@transaction.atomic
def nieuws_beoordelen(*, bericht: Nieuwsbericht, door, publiceren: bool, reden: str = "") -> Nieuwsbericht:
    """Staff publish a proposed news item, or decline it with a reason the proposer sees (one workflow
    step, kept in the item's history)."""
    bericht = Nieuwsbericht.objects.select_for_update().get(pk=bericht.pk)
    naar = NieuwsStatus.GEPUBLICEERD if publiceren else NieuwsStatus.AFGEWEZEN
    reden = "" if publiceren else reden.strip()
    stap = NIEUWS.overgaan(obj=bericht, naar=naar, door=door, reden=reden)
    bericht.gepubliceerd_op = stap.op if publiceren else None
    bericht.beoordeeld_door = door
    bericht.reden = reden
    bericht.full_clean()
    bericht.save()
    return bericht


# --- Following an area -------------------------------------------------------------------------------

# A confirmation mail is not sent again within this time (someone typing another's address twice).
OPNIEUW_BEVESTIGEN_NA = datetime.timedelta(minutes=10)


def _gebied_velden(gebied) -> dict:
    if isinstance(gebied, Kern):
        return {"kern": gebied, "wijk": None, "project": None}
    if isinstance(gebied, Wijk):
        return {"kern": None, "wijk": gebied, "project": None}
    if isinstance(gebied, Project):
        return {"kern": None, "wijk": None, "project": gebied}
    raise ValueError("Volgen kan alleen voor een kern, wijk of project.")


def _mailen(*, aan: str, sjabloon: str, context: dict, gemeente, afmeld_url: str | None = None):
    """Render mail `sjabloon` (templates/gebiedsagenda/mail/: subject and text; the HTML part by
    berichten.opmaak) now and queue it in this transaction. docs/mail.md lists every mail."""
    headers = {}
    if afmeld_url:
        # RFC 8058: mail programs offer a one-click unsubscribe that POSTs to this address.
        headers = {
            "List-Unsubscribe": f"<{afmeld_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    berichten.sjabloonmail(aan, f"gebiedsagenda/mail/{sjabloon}", context, headers=headers, gemeente=gemeente)


@transaction.atomic
def volgen_aanmelden(*, email: str, gebied, basis_url: str) -> None:
    """Double opt-in, step 1: store the address unconfirmed and mail a confirmation link. `gebied` is the
    kern, wijk or project to follow.

    Says nothing about whether the address already follows the area: the answer is the same.
    Nothing else is ever sent to an unconfirmed address.
    """
    email = canoniek(email)  # one follow per person: look-alike spellings are the same address or refused
    velden = _gebied_velden(gebied)
    volger = Volger.objects.select_for_update().filter(email=email, **velden).first()
    if volger is not None:
        if volger.is_bevestigd or timezone.now() - volger.aangemaakt_op < OPNIEUW_BEVESTIGEN_NA:
            return
        volger.aangemaakt_op = timezone.now()
        volger.save(update_fields=["aangemaakt_op"])
    else:
        volger = Volger(email=email, **velden)
        volger.full_clean()
        volger.save()
    afmeld_url = urljoin(basis_url, reverse("gebiedsagenda:volgen_afmelden", args=[volger.token]))
    context = {
        "gebied": gebied,
        "is_project": isinstance(gebied, Project),
        "url": urljoin(basis_url, reverse("gebiedsagenda:volgen_bevestigen", args=[volger.token])),
        "knop": "Bevestig: volgen",
        "afmeld_url": afmeld_url,
        "dagen": BEVESTIGEN_BINNEN_DAGEN,
    }
    # Every mail, this one too, has a one-click unsubscribe: whoever did not ask for it can have the
    # address deleted at once instead of waiting for the clean-up.
    _mailen(
        aan=email,
        sjabloon="bevestigen",
        context=context,
        gemeente=gebied.gemeente_id,
        afmeld_url=afmeld_url,
    )


@transaction.atomic
def volgen_bevestigen(*, token: str) -> Volger | None:
    """Double opt-in, step 2: the link in the mail activates the subscription (None: unknown or expired)."""
    volger = Volger.objects.select_for_update().filter(token=token).first()
    if volger is None:
        return None
    if not volger.is_bevestigd:
        if timezone.now() - volger.aangemaakt_op > datetime.timedelta(days=BEVESTIGEN_BINNEN_DAGEN):
            volger.delete()
            return None
        volger.bevestigd_op = timezone.now()
        volger.verstuurd_tot = volger.bevestigd_op
        volger.save(update_fields=["bevestigd_op", "verstuurd_tot"])
    return volger


@transaction.atomic
def volgen_afmelden(*, token: str, alles: bool = False) -> int:
    """Delete the subscription (with `alles`: every subscription of that address). Returns how many."""
    volger = Volger.objects.filter(token=token).first()
    if volger is None:
        return 0
    if alles:
        return Volger.objects.filter(email=volger.email).delete()[0]
    volger.delete()
    return 1


def onbevestigde_volgers_opruimen(*, nu=None) -> int:
    """Addresses that never confirmed are deleted after BEVESTIGEN_BINNEN_DAGEN days."""
    grens = (nu or timezone.now()) - datetime.timedelta(days=BEVESTIGEN_BINNEN_DAGEN)
    return Volger.objects.filter(bevestigd_op__isnull=True, aangemaakt_op__lt=grens).delete()[0]


def _nog_niet_genoemd(wijzigingen: dict, al_genoemd: set) -> dict:
    """`wijzigingen` without the items already in `al_genoemd`, which it then adds them to."""
    soorten = ("nieuws", "notities", "statussen", "besluiten")
    overig = {
        soort: [i for i in wijzigingen[soort] if (type(i), i.pk) not in al_genoemd] for soort in soorten
    }
    al_genoemd.update((type(i), i.pk) for soort in soorten for i in overig[soort])
    return {**overig, "aantal": sum(len(overig[soort]) for soort in soorten)}


def overzichten_versturen(*, basis_url: str, nu=None) -> int:
    """Send each confirmed address one overview of what changed in its areas since its last one.

    One mail per address (covering all areas it follows); none when nothing changed. Safe to run
    twice: the second run finds no new changes. Returns the number of mails sent.
    """
    nu = nu or timezone.now()
    onbevestigde_volgers_opruimen(nu=nu)
    per_adres = defaultdict(list)
    # Project followers are not in the overview: they get a mail per event of the project instead.
    for volger in Volger.objects.filter(bevestigd_op__isnull=False, project__isnull=True).select_related(
        "kern__gemeente", "wijk__gemeente", "wijk__kern"
    ):
        per_adres[volger.email].append(volger)
    verstuurd = 0
    for email, volgers in per_adres.items():
        gebieden = []
        # Someone who follows a kern and one of its wijken would read the kern's items twice (a wijk
        # shows its kern's news, a kern its wijken's): each item goes under the first area, kernen first.
        al_genoemd = set()
        for volger in sorted(volgers, key=lambda v: (v.kern_id is None, v.pk)):
            wijzigingen = _nog_niet_genoemd(
                selectors.wijzigingen_voor_gebied(volger.gebied, sinds=volger.verstuurd_tot, tot=nu),
                al_genoemd,
            )
            if wijzigingen["aantal"]:
                gebieden.append(
                    {
                        "gebied": volger.gebied,
                        "url": urljoin(basis_url, volger.gebied.get_absolute_url()),
                        "wijzigingen": wijzigingen,
                        "afmeld_url": urljoin(
                            basis_url, reverse("gebiedsagenda:volgen_afmelden", args=[volger.token])
                        ),
                    }
                )
        with transaction.atomic():
            if gebieden:
                alles_url = urljoin(
                    basis_url, reverse("gebiedsagenda:volgen_afmelden", args=[volgers[0].token]) + "?alles=1"
                )
                context = {
                    "gebieden": gebieden,
                    "namen": ", ".join(g["gebied"].naam for g in gebieden),
                    "basis_url": basis_url,
                    "alles_afmelden_url": alles_url,
                    "url": gebieden[0]["url"],
                    "knop": f"Bekijk het nieuws uit {gebieden[0]['gebied'].naam}",
                }
                # Queued with the follower's new position: the worker retries a refused address.
                _mailen(
                    aan=email,
                    sjabloon="overzicht",
                    context=context,
                    gemeente=gebieden[0]["gebied"].gemeente_id,
                    afmeld_url=alles_url,
                )
                verstuurd += 1
            Volger.objects.filter(pk__in=[v.pk for v in volgers]).update(verstuurd_tot=nu)
    return verstuurd


def project_volgers_informeren(*, project, onderwerp: str, tekst: str, url: str) -> int:
    """Mail every confirmed follower of `project` that something happened on it (for the apps above:
    participatie calls this when a step is added or done, a plan published, a round opened or a summary
    published). Queued in the caller's transaction: a rolled-back change mails nobody. `url` is a path
    on the portal (or absolute). Each mail has the follower's own unsubscribe link. Returns how many."""
    volgers = list(
        Volger.objects.filter(project=project, bevestigd_op__isnull=False).values_list("email", "token")
    )
    volledige_url = url if url.startswith(("http://", "https://")) else portaal_url(url)
    for email, token in volgers:
        afmeld_url = portaal_url(reverse("gebiedsagenda:volgen_afmelden", args=[token]))
        _mailen(
            aan=email,
            sjabloon="project",
            context={
                "project": project,
                "onderwerp": onderwerp,
                "tekst": tekst,
                "url": volledige_url,
                "knop": "Bekijk het project",
                "afmeld_url": afmeld_url,
            },
            gemeente=project.gemeente_id,
            afmeld_url=afmeld_url,
        )
    return len(volgers)


# --- Gebiedsagenda -----------------------------------------------------------------------------------


def _eis_staf(door, obj, tekst="Alleen medewerkers van deze gemeente bewerken de gebiedsagenda."):
    if not is_staf_van_gemeente(door, gemeente_id_van(obj)):
        raise PermissionDenied(tekst)


@transaction.atomic
def agenda_opslaan(*, door, gebied, toekomstbeeld: str) -> Gebiedsagenda:
    """Create or update the agenda of an area at any level: gemeente, kern, wijk or buurt."""
    _eis_staf(door, gebied)
    agenda = selectors.agendas_op_niveau(gebied).select_for_update().first()
    if agenda is None:
        agenda = Gebiedsagenda(gemeente_id=gemeente_id_van(gebied))
        if gebied.niveau != "gemeente":
            setattr(agenda, gebied.niveau, gebied)
    agenda.toekomstbeeld = toekomstbeeld.strip()
    agenda.full_clean()
    agenda.save()
    return agenda


def standaard_eigenaar(agenda: Gebiedsagenda):
    """The Adviseur Leefomgeving of the agenda's kern (for a wijk or buurt: of its kern) today, or None
    (also for the gemeente-wide agenda: there is no adviseur for the whole gemeente)."""
    kern = agenda.kern
    if agenda.wijk_id:
        kern = agenda.wijk.kern
    elif agenda.buurt_id:
        kern = agenda.buurt.wijk.kern
    if kern is None:
        return None
    toewijzing = houder(Rol.ADVISEUR, kern=kern)
    return toewijzing.medewerker if toewijzing and toewijzing.medewerker_id else None


def _controleer_koppelingen(agenda, eigenaar, projecten, groepen=(), gebieden=()):
    fouten = {}
    if any(gemeente_id_van(g) != agenda.gemeente_id for g in gebieden):
        fouten["ook_kernen"] = "Een opgave kan alleen gebieden van haar eigen gemeente omvatten."
    if any(g.gemeente_id != agenda.gemeente_id for g in groepen):
        fouten["groepen"] = "Kies alleen bewonersgroepen uit deze gemeente."
    if eigenaar is not None and not is_staf_van_gemeente(eigenaar, agenda.gemeente_id):
        fouten["eigenaar"] = "De eigenaar moet een medewerker van deze gemeente zijn."
    if any(p.gemeente_id != agenda.gemeente_id for p in projecten):
        fouten["projecten"] = "Kies alleen projecten van deze gemeente."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def opgave_aanmaken(
    *,
    door,
    agenda: Gebiedsagenda,
    titel: str,
    thema,
    beschrijving: str,
    eigenaar=None,
    projecten=(),
    groepen=(),
    ook_kernen=(),
    ook_wijken=(),
    ook_buurten=(),
) -> Opgave:
    """A new opgave starts at 'signalering'; without an owner it gets the area's Adviseur Leefomgeving.

    `ook_kernen`, `ook_wijken`, `ook_buurten`: other areas of the gemeente the opgave spans; it is shown
    on their pages too."""
    _eis_staf(door, agenda)
    projecten, groepen = list(projecten), list(groepen)
    ook = {"ook_kernen": list(ook_kernen), "ook_wijken": list(ook_wijken), "ook_buurten": list(ook_buurten)}
    eigenaar = eigenaar or standaard_eigenaar(agenda)
    _controleer_koppelingen(
        agenda, eigenaar, projecten, groepen, [g for lijst in ook.values() for g in lijst]
    )
    opgave = Opgave(
        agenda=agenda, titel=titel.strip(), thema=thema, beschrijving=beschrijving.strip(), eigenaar=eigenaar
    )
    opgave.full_clean()
    opgave.save()
    opgave.projecten.set(projecten)
    opgave.groepen.set(groepen)
    _ook_zetten(opgave, ook)
    OPGAVE.historie_schrijven(obj=opgave, van="", naar=opgave.status, door=door)
    return opgave


@transaction.atomic
def opgave_bijwerken(
    *,
    door,
    opgave: Opgave,
    titel: str,
    thema,
    beschrijving: str,
    eigenaar=None,
    projecten=(),
    groepen=(),
    ook_kernen=(),
    ook_wijken=(),
    ook_buurten=(),
) -> Opgave:
    """Change the text, theme, owner and links of an opgave (the status has its own service)."""
    opgave = (
        Opgave.objects.select_for_update(of=("self",))
        .select_related("agenda__kern", "agenda__wijk", "agenda__buurt__wijk")
        .get(pk=opgave.pk)
    )
    _eis_staf(door, opgave)
    projecten, groepen = list(projecten), list(groepen)
    ook = {"ook_kernen": list(ook_kernen), "ook_wijken": list(ook_wijken), "ook_buurten": list(ook_buurten)}
    eigenaar = eigenaar or standaard_eigenaar(opgave.agenda)
    _controleer_koppelingen(
        opgave.agenda, eigenaar, projecten, groepen, [g for lijst in ook.values() for g in lijst]
    )
    opgave.titel, opgave.thema, opgave.beschrijving = titel.strip(), thema, beschrijving.strip()
    opgave.eigenaar = eigenaar
    opgave.full_clean()
    opgave.save()
    opgave.projecten.set(projecten)
    opgave.groepen.set(groepen)
    _ook_zetten(opgave, ook)
    return opgave


def _ook_zetten(opgave: Opgave, ook: dict) -> None:
    """The other areas an opgave spans; its own agenda's area is not repeated there."""
    eigen = opgave.agenda.gebied
    for veld, gebieden in ook.items():
        getattr(opgave, veld).set([g for g in gebieden if g != eigen])


def toegestane_statussen(opgave: Opgave, door) -> list[tuple[str, str, bool]]:
    """(status, label, reason required) of every status `door` may move the opgave to now."""
    return [
        (o.naar, OPGAVE.label(o.naar), o.reden_verplicht) for o in OPGAVE.toegestane_overgangen(door, opgave)
    ]


def opgave_status_wijzigen(*, door, opgave: Opgave, naar: str, toelichting: str = "") -> Opgave:
    """Move an opgave along its workflow (werkstromen.OPGAVE); appends a history row."""
    _eis_staf(door, opgave)
    return OPGAVE.uitvoeren(
        obj=opgave,
        naar=naar,
        door=door,
        reden=toelichting,
        bijwerken=["gewijzigd_op"],
        vergrendeld=lambda qs: qs.select_for_update(of=("self",)).select_related(
            "agenda__kern", "agenda__wijk"
        ),
    )


@transaction.atomic
def voortgang_toevoegen(*, door, opgave: Opgave, tekst: str, datum: datetime.date | None = None):
    """A dated, public progress note on an opgave."""
    _eis_staf(door, opgave)
    notitie = Voortgangsnotitie(
        opgave=opgave, tekst=tekst.strip(), datum=datum or timezone.localdate(), auteur=door
    )
    notitie.full_clean()
    notitie.save()
    return notitie


@transaction.atomic
def reactie_geven(*, door, opgave: Opgave, groep, tekst: str) -> Reactie:
    """A member reacts on behalf of the group: one text per group per opgave (a new text replaces it).

    Staff see it at once; the public only after staff publish it, so a changed text goes back to staff.
    """
    if not is_lid(door, groep):
        raise PermissionDenied("Alleen leden van de groep reageren namens haar.")
    if groep.gemeente_id != opgave.gemeente_id:
        raise ValidationError({"groep": "Deze groep werkt niet in de gemeente van deze opgave."})
    reactie = Reactie.objects.select_for_update().filter(opgave=opgave, groep=groep).first()
    if reactie is None:
        reactie = Reactie(opgave=opgave, groep=groep)
    reactie.tekst = tekst.strip()
    reactie.auteur = door
    reactie.gewijzigd_op = timezone.now()
    reactie.gepubliceerd_op = None
    reactie.gepubliceerd_door = None
    reactie.full_clean(validate_constraints=False)
    reactie.save()
    return reactie


@transaction.atomic
def reactie_publiceren(*, door, reactie: Reactie, publiceren: bool = True) -> Reactie:
    """Staff of the opgave's gemeente show a group's reaction on the public page, or take it off."""
    reactie = (
        Reactie.objects.select_for_update(of=("self",))
        .select_related("opgave__agenda__kern", "opgave__agenda__wijk")
        .get(pk=reactie.pk)
    )
    _eis_staf(door, reactie.opgave, "Alleen medewerkers van deze gemeente publiceren reacties.")
    reactie.gepubliceerd_op = timezone.now() if publiceren else None
    reactie.gepubliceerd_door = door if publiceren else None
    reactie.save(update_fields=["gepubliceerd_op", "gepubliceerd_door"])
    return reactie


# --- Hand-over (rollen's open-work registry) ---------------------------------------------------------


def opgaven_overdragen(*, van, naar, gebied, toewijzing=None) -> int:
    """When someone hands over an area, their open opgaven there (for a kern: also its wijken's and
    buurten's; for a wijk: also its buurten') move to
    the successor. Runs inside rollen's hand-over transaction. Returns how many moved."""
    label = gebied._meta.label
    if label == "gebieden.Kern":
        waar = Q(agenda__kern=gebied) | Q(agenda__wijk__kern=gebied) | Q(agenda__buurt__wijk__kern=gebied)
    elif label == "gebieden.Wijk":
        waar = Q(agenda__wijk=gebied) | Q(agenda__buurt__wijk=gebied)
    else:
        return 0  # a project holds no opgaven of its own
    return (
        Opgave.objects.filter(waar, eigenaar=van)
        .exclude(status=OpgaveStatus.GEREALISEERD)
        .update(eigenaar=naar, gewijzigd_op=timezone.now())
    )
