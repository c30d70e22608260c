"""Every write to groups, members, invitations and agreements; mail is queued in the same transaction."""

import datetime
import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

import berichten
from accounts.constants import Gebruikerssoort
from accounts.emailadres import canoniek
from accounts.services import soort_toevoegen
from berichten.opmaak import portaal_url
from gebieden.models import Kern, Wijk
from invoer import versie as versies
from rollen.models import Project
from rollen.permissions import is_staf_van_gemeente
from rollen.selectors import verantwoordelijke_voor

from .constants import (
    AANMELDING_BEVESTIGEN_DAGEN,
    HERINNER_EINDE_DAGEN,
    MAG_NIET_WIJZIGEN,
    UITNODIGING_GELDIG_DAGEN,
    Functie,
    Groepstatus,
    Overeenkomststatus,
    Wijzigingsstatus,
)
from .models import (
    Betaalgegevenswijziging,
    Groep,
    Groepaanmelding,
    Lidmaatschap,
    Samenwerkingsovereenkomst,
    Uitnodiging,
)
from .selectors import actieve_lidmaatschappen, bestaand_account, verlopende_overeenkomsten
from .validators import gebieden_in_gemeente
from .werkstromen import BETAALGEGEVENS, GROEP, OVEREENKOMST

SOORT_WERK_AANMELDING = "groep_aanmelding"
SOORT_WERK_OVEREENKOMST = "samenwerkingsovereenkomst"


# --- mail ------------------------------------------------------------------------------------------


MAIL = "bewonersgroepen/mail"


def _mailen(*, aan: list[str], sjabloon: str, context: dict, gemeente=None) -> None:
    """Render mail `sjabloon` (templates/bewonersgroepen/mail/<sjabloon>_onderwerp.txt and .txt; the HTML
    part by berichten.opmaak) now and queue one message per address in this transaction. docs/mail.md
    lists who gets which."""
    aan = [a for a in aan if a]
    if not aan:
        return
    berichten.sjabloonmail(aan, f"{MAIL}/{sjabloon}", context, gemeente=gemeente)


def _bestuur_mailen(groep: Groep, *, sjabloon: str, context: dict, ook_aan: tuple[str, ...] = ()) -> None:
    """One mail to each officer of the group as it is now (and to `ook_aan`, e.g. an officer who just
    left): a change of payment details or officers is never made without the others hearing it."""
    adressen = set(
        actieve_lidmaatschappen()
        .filter(groep_id=groep.pk, functie__in=groep.bestuursfuncties, gebruiker__is_active=True)
        .values_list("gebruiker__email", flat=True)
    )
    adressen.update(ook_aan)
    context = {"groep": groep, "url": _portaal_url(groep.get_absolute_url()), **context}
    _mailen(
        aan=sorted(a for a in adressen if a), sjabloon=sjabloon, context=context, gemeente=groep.gemeente_id
    )


def _eis(door, perm: str, obj, melding: str) -> None:
    """The policy (permissions.py) checked again in the service: a view is not the only way in."""
    if door is None or not door.has_perm(perm, obj):
        raise PermissionDenied(melding)


_portaal_url = portaal_url  # absolute link for mails (also sent by the worker, without a request)


# --- groups ----------------------------------------------------------------------------------------


def _unieke_slug(groep: Groep) -> str:
    basis = slugify(groep.naam)[:150] or "groep"
    slug, n = basis, 2
    while Groep.objects.filter(gemeente_id=groep.gemeente_id, slug=slug).exclude(pk=groep.pk).exists():
        slug, n = f"{basis}-{n}", n + 1
    return slug


def _eerste_gebied(groep: Groep, kernen, wijken):
    if kernen:
        return kernen[0]
    if wijken:
        return wijken[0]
    return groep.gemeente


def _nieuwe_groep(
    *,
    soort: str,
    naam: str,
    gemeente,
    kernen: list,
    wijken: list,
    email: str,
    beschrijving: str = "",
    achterban_grootte: int | None = None,
    project=None,
    thema: str = "",
    standpunt: str = "",
    kvk_nummer: str = "",
    iban: str = "",
    aanmelder_naam: str = "",
    aanmelder_email: str = "",
) -> Groep:
    """A new group, checked (fields, kind rules, areas in the gemeente) but not saved."""
    groep = Groep(
        soort=soort,
        naam=naam.strip(),
        gemeente=gemeente,
        email=email,
        beschrijving=beschrijving,
        achterban_grootte=achterban_grootte,
        project=project,
        thema=thema,
        standpunt=standpunt,
        kvk_nummer=kvk_nummer,
        iban=iban,
        aanmelder_naam=aanmelder_naam,
        aanmelder_email=aanmelder_email,
        status=Groepstatus.AANGEMELD,
    )
    groep.slug = _unieke_slug(groep)
    groep.full_clean()
    gebieden_in_gemeente(gemeente, kernen, wijken)
    return groep


@transaction.atomic
def groep_registreren(*, gemeente, kernen=(), wijken=(), door=None, **velden) -> Groep:
    """A registration becomes a group: status aangemeld, routed to the staff member of its area, who
    gets a mail. From the public form only through `groep_aanmelding_bevestigen` (double opt-in).

    The mail to staff holds only our own text and a link, never what the registrant typed (the
    group's name included): a form anyone can fill in must not write mail from the gemeente.
    """
    kernen, wijken = list(kernen), list(wijken)
    groep = _nieuwe_groep(gemeente=gemeente, kernen=kernen, wijken=wijken, **velden)
    groep.behandelaar = verantwoordelijke_voor(
        gebied=_eerste_gebied(groep, kernen, wijken), soort_werk=SOORT_WERK_AANMELDING
    )
    groep.save()
    groep.kernen.set(kernen)
    groep.wijken.set(wijken)
    GROEP.historie_schrijven(
        obj=groep, van="", naar=Groepstatus.AANGEMELD, door=door, reden="Aangemeld via het portaal."
    )
    if groep.behandelaar:
        _mailen(
            aan=[groep.behandelaar.email],
            sjabloon="aanmelding_te_behandelen",
            context={
                "groep": groep,
                "gebied": _eerste_gebied(groep, kernen, wijken),
                "url": _portaal_url(groep.get_absolute_url()),
            },
            gemeente=groep.gemeente_id,
        )
    # The registrant confirmed this address (double opt-in): tell them what happens now. Our own text only.
    _mailen(
        aan=[groep.aanmelder_email],
        sjabloon="aanmelding_ontvangen",
        context={"gemeente": groep.gemeente, "url": _portaal_url("/")},
        gemeente=groep.gemeente_id,
    )
    return groep


AANMELDING_VELDEN = (
    "soort",
    "naam",
    "email",
    "beschrijving",
    "achterban_grootte",
    "thema",
    "standpunt",
    "kvk_nummer",
    "iban",
    "aanmelder_naam",
    "aanmelder_email",
)


@transaction.atomic
def groep_aanmelden(
    *, gemeente, kernen=(), wijken=(), project=None, door=None, **velden
) -> tuple[Groepaanmelding, str]:
    """The public form, step 1 of the double opt-in: check the registration as a group would be checked,
    keep it unconfirmed and mail a confirmation link to the registrant's address. Staff see nothing yet.
    Returns the registration and the (only e-mailed, never stored) token.

    The mail holds only our own text and the link: nothing the visitor typed, because the address may
    be someone else's.
    """
    onbekend = set(velden) - set(AANMELDING_VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    if not velden.get("aanmelder_email"):
        raise ValidationError(
            {"aanmelder_email": "Vul uw e-mailadres in. Daar sturen wij de bevestiging heen."}
        )
    kernen, wijken = list(kernen), list(wijken)
    _nieuwe_groep(gemeente=gemeente, kernen=kernen, wijken=wijken, project=project, **velden)
    token = secrets.token_urlsafe(32)
    aanmelding = Groepaanmelding.objects.create(
        gemeente=gemeente,
        aanmelder_email=velden["aanmelder_email"],
        gegevens={
            **velden,
            "kernen": [k.pk for k in kernen],
            "wijken": [w.pk for w in wijken],
            "project": project.pk if project else None,
            "door": door.pk if door is not None and door.is_authenticated else None,
        },
        token_hash=_token_hash(token),
    )
    _mailen(
        aan=[aanmelding.aanmelder_email],
        sjabloon="aanmelding_bevestigen",
        context={
            "gemeente": gemeente,
            "url": _portaal_url(reverse("bewonersgroepen:aanmelding_bevestigen", kwargs={"token": token})),
            "knop": "Bevestig de aanmelding",
            "dagen": AANMELDING_BEVESTIGEN_DAGEN,
        },
    )
    return aanmelding, token


def _bevestigen_voor() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=AANMELDING_BEVESTIGEN_DAGEN)


def aanmelding_zoeken(token: str) -> Groepaanmelding | None:
    """The unconfirmed registration of this link, or None (unknown, used or expired)."""
    return (
        Groepaanmelding.objects.select_related("gemeente")
        .filter(token_hash=_token_hash(token or ""), aangemaakt_op__gt=_bevestigen_voor())
        .first()
    )


@transaction.atomic
def groep_aanmelding_bevestigen(*, token: str) -> Groep | None:
    """Step 2 of the double opt-in: the link in the mail turns the registration into a group (status
    aangemeld; now staff see it and are told). None when the link is unknown, used or expired."""
    aanmelding = (
        Groepaanmelding.objects.select_for_update()
        .filter(token_hash=_token_hash(token or ""), aangemaakt_op__gt=_bevestigen_voor())
        .first()
    )
    if aanmelding is None:
        return None
    gegevens = dict(aanmelding.gegevens)
    door_id = gegevens.pop("door", None)
    groep = groep_registreren(
        gemeente=aanmelding.gemeente,
        kernen=Kern.objects.filter(gemeente=aanmelding.gemeente, pk__in=gegevens.pop("kernen")),
        wijken=Wijk.objects.filter(gemeente=aanmelding.gemeente, pk__in=gegevens.pop("wijken")),
        project=Project.objects.filter(pk=gegevens.pop("project")).first(),
        door=get_user_model().objects.filter(pk=door_id).first() if door_id else None,
        **gegevens,
    )
    aanmelding.delete()
    return groep


def onbevestigde_aanmeldingen_opruimen() -> int:
    """Registrations never confirmed are deleted after AANMELDING_BEVESTIGEN_DAGEN days."""
    return Groepaanmelding.objects.filter(aangemaakt_op__lte=_bevestigen_voor()).delete()[0]


@transaction.atomic
def groep_toevoegen_in_beheer(*, groep: Groep, door) -> Groep:
    """A functional admin adds a group in the Django admin. Like every new group it starts as
    aangemeld, and its status history starts with who added it; later steps go through
    `groep_status_wijzigen`. The admin's form has already checked the fields."""
    if not is_staf_van_gemeente(door, groep.gemeente_id):
        raise PermissionDenied("Alleen een beheerder van de gemeente mag hier een groep toevoegen.")
    groep.status = Groepstatus.AANGEMELD
    if not groep.slug:
        groep.slug = _unieke_slug(groep)
    groep.save()
    GROEP.historie_schrijven(
        obj=groep, van="", naar=Groepstatus.AANGEMELD, door=door, reden="Toegevoegd in het beheer."
    )
    return groep


@transaction.atomic
def groep_status_wijzigen(*, groep: Groep, naar: str, door, toelichting: str = "") -> Groep:
    """Move a group along its status table; a reason where required; the applicant hears the outcome."""
    groep = Groep.objects.select_for_update().get(pk=groep.pk)
    van = groep.status
    toelichting = (toelichting or "").strip()
    GROEP.overgaan(obj=groep, naar=naar, door=door, reden=toelichting)
    if groep.behandelaar_id is None and van == Groepstatus.AANGEMELD:
        groep.behandelaar = door
    groep.save(update_fields=["status", "behandelaar"])

    if van == Groepstatus.AANGEMELD:
        _uitkomst_aanmelding_mailen(
            groep, geaccepteerd=naar == Groepstatus.ACTIEF, door=door, toelichting=toelichting
        )
    return groep


def _uitkomst_aanmelding_mailen(groep: Groep, *, geaccepteerd: bool, door, toelichting: str) -> None:
    """The outcome of a registration: one mail for each address, each with its own link (issue 18,
    item 9). The registrant, on acceptance, becomes the first contact person: their mail holds their own
    invitation link (no second mail for it). The group's own address, when it is another, hears it too,
    with a link to the public page of the group's area."""
    uitnodiging_url = None
    # The applicant becomes the first contact person: the group always has one.
    if geaccepteerd and groep.aanmelder_email and not actieve_lidmaatschappen().filter(groep=groep).exists():
        _, token = lid_uitnodigen(
            groep=groep,
            email=groep.aanmelder_email,
            naam=groep.aanmelder_naam or groep.aanmelder_email,
            functie=Functie.LID,
            is_contactpersoon=True,
            door=door,
            mailen=False,
        )
        uitnodiging_url = _portaal_url(reverse("bewonersgroepen:uitnodiging", kwargs={"token": token}))
    gebied = groep.kernen.order_by("naam").first() or groep.wijken.order_by("naam").first() or groep.gemeente
    gebied_url = _portaal_url(gebied.get_absolute_url() if geaccepteerd else "/")
    ontvangers = []  # (address, link, is it the registrant)
    if groep.aanmelder_email:
        ontvangers.append((groep.aanmelder_email, uitnodiging_url or gebied_url, True))
    if groep.email and not any(_zelfde_adres(groep.email, adres) for adres, _, _ in ontvangers):
        ontvangers.append((groep.email, gebied_url, False))
    for adres, url, aanmelder in ontvangers:
        _mailen(
            aan=[adres],
            sjabloon="aanmelding_geaccepteerd" if geaccepteerd else "aanmelding_afgewezen",
            context={
                "groep": groep,
                "toelichting": toelichting,
                "behandelaar": door,
                "url": url,
                "aan_aanmelder": aanmelder,
                "uitnodiging": aanmelder and uitnodiging_url is not None,
                "knop": "Kies een wachtwoord" if aanmelder and uitnodiging_url else "",
                "dagen": UITNODIGING_GELDIG_DAGEN,
            },
            gemeente=groep.gemeente_id,
        )


def _zelfde_adres(een: str, ander: str) -> bool:
    try:
        return canoniek(een) == canoniek(ander)
    except ValidationError:
        return een.strip().casefold() == ander.strip().casefold()


# The IBAN and account name are not here: they change only through `betaalgegevens_voorstellen` and a
# second person's `betaalgegevens_bevestigen`.
GROEP_GEGEVENS = (
    "naam",
    "beschrijving",
    "email",
    "kvk_nummer",
    "adres",
    "postcode",
    "plaats",
    "achterban_grootte",
    "project",
    "thema",
    "standpunt",
)


@transaction.atomic
def groep_bijwerken(
    *, groep: Groep, door, kernen=None, wijken=None, versie: int | None = None, **gegevens
) -> Groep:
    """Change a group's public details (its officers and staff). Status and kind change elsewhere.

    `versie` is the version the form showed: when someone else saved in between, nothing is saved
    (`invoer.versie.VersieVerouderd`)."""
    onbekend = set(gegevens) - set(GROEP_GEGEVENS)
    if onbekend:
        raise TypeError(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    groep = Groep.objects.select_for_update().get(pk=groep.pk)
    _eis(door, "bewonersgroepen.change_groep", groep, MAG_NIET_WIJZIGEN)
    versies.controleren(groep, versie, wat=DEZE_GROEP)
    for veld, waarde in gegevens.items():
        setattr(groep, veld, waarde)
    groep.full_clean(exclude=["slug"])
    kernen = list(groep.kernen.all()) if kernen is None else list(kernen)
    wijken = list(groep.wijken.all()) if wijken is None else list(wijken)
    gebieden_in_gemeente(groep.gemeente, kernen, wijken)
    versies.ophogen(groep, wat=DEZE_GROEP)  # conditional: also holds where the row lock is ignored (SQLite)
    groep.save()
    groep.kernen.set(kernen)
    groep.wijken.set(wijken)
    return groep


DEZE_GROEP = "de gegevens van deze groep"


# --- payment details -------------------------------------------------------------------------------


@transaction.atomic
def betaalgegevens_voorstellen(
    *, groep: Groep, door, iban: str, tenaamstelling: str = ""
) -> Betaalgegevenswijziging:
    """Propose a new IBAN and account name. Nothing changes for payments until a second person (another
    officer, or staff) confirms it; every officer gets a mail now and when it is confirmed."""
    groep = Groep.objects.select_for_update().get(pk=groep.pk)
    _eis(door, "bewonersgroepen.change_betaalgegevens", groep, MAG_NIET_WIJZIGEN)
    if groep.betaalgegevenswijzigingen.filter(status=Wijzigingsstatus.VOORGESTELD).exists():
        raise ValidationError(
            "Er wacht al een wijziging van de betaalgegevens op bevestiging. "
            "Laat die eerst bevestigen of afwijzen."
        )
    wijziging = Betaalgegevenswijziging(
        groep=groep,
        iban=iban,
        tenaamstelling=tenaamstelling,
        oude_iban=groep.iban,
        oude_tenaamstelling=groep.tenaamstelling,
        voorgesteld_door=door,
    )
    wijziging.full_clean()
    if (wijziging.iban, wijziging.tenaamstelling) == (groep.iban, groep.tenaamstelling):
        raise ValidationError({"iban": "Dit zijn al de betaalgegevens van de groep."})
    wijziging.save()
    BETAALGEGEVENS.historie_schrijven(
        obj=wijziging, van="", naar=wijziging.status, door=door, op=wijziging.voorgesteld_op
    )
    _bestuur_mailen(
        groep,
        sjabloon="betaalgegevens_voorgesteld",
        context={"wijziging": wijziging, "door": door},
    )
    return wijziging


def _open_wijziging(wijziging: Betaalgegevenswijziging, door) -> tuple[Groep, Betaalgegevenswijziging]:
    groep = Groep.objects.select_for_update().get(pk=wijziging.groep_id)
    _eis(door, "bewonersgroepen.change_betaalgegevens", groep, MAG_NIET_WIJZIGEN)
    # Whether it is still open, and who may take which step, the workflow's table decides.
    wijziging = Betaalgegevenswijziging.objects.select_for_update().get(pk=wijziging.pk)
    return groep, wijziging


@transaction.atomic
def betaalgegevens_bevestigen(*, wijziging: Betaalgegevenswijziging, door) -> Betaalgegevenswijziging:
    """A second person confirms: from now on payments and decisions use the new IBAN and account name."""
    groep, wijziging = _open_wijziging(wijziging, door)
    if wijziging.is_open and door is not None and wijziging.voorgesteld_door_id == door.pk:
        raise PermissionDenied(
            "U stelde deze wijziging zelf voor. Een ander bestuurslid of een medewerker van de gemeente "
            "bevestigt haar."
        )
    stap = BETAALGEGEVENS.overgaan(obj=wijziging, naar=Wijzigingsstatus.BEVESTIGD, door=door)
    wijziging.afgehandeld_door = door
    wijziging.afgehandeld_op = stap.op
    wijziging.save()
    groep.iban = wijziging.iban
    groep.tenaamstelling = wijziging.tenaamstelling
    groep.save(update_fields=["iban", "tenaamstelling"])
    _bestuur_mailen(
        groep,
        sjabloon="betaalgegevens_bevestigd",
        context={"wijziging": wijziging, "door": door},
    )
    return wijziging


@transaction.atomic
def betaalgegevens_afwijzen(
    *, wijziging: Betaalgegevenswijziging, door, reden: str
) -> Betaalgegevenswijziging:
    """Refuse (or, by the proposer, withdraw) an open proposal, with a reason. The IBAN stays as it was."""
    groep, wijziging = _open_wijziging(wijziging, door)
    stap = BETAALGEGEVENS.overgaan(obj=wijziging, naar=Wijzigingsstatus.AFGEWEZEN, door=door, reden=reden)
    wijziging.afgehandeld_door = door
    wijziging.afgehandeld_op = stap.op
    wijziging.reden = stap.toelichting
    wijziging.save()
    _bestuur_mailen(
        groep,
        sjabloon="betaalgegevens_afgewezen",
        context={"wijziging": wijziging, "door": door},
    )
    return wijziging


# --- members and invitations -----------------------------------------------------------------------


def _bestuurswijziging_mailen(groep: Groep, *, wat: str, door, ook_aan: tuple[str, ...] = ()) -> None:
    _bestuur_mailen(
        groep,
        sjabloon="bestuur_gewijzigd",
        context={"wat": wat, "door": door},
        ook_aan=ook_aan,
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def lid_uitnodigen(
    *,
    groep: Groep,
    email: str,
    naam: str,
    functie: str = Functie.LID,
    is_contactpersoon: bool = False,
    door=None,
    mailen: bool = True,
) -> tuple[Uitnodiging, str]:
    """Invite a person by e-mail; returns the invitation and the (only e-mailed, never stored) token.
    An invitation to an officer function is told to the officers. `mailen=False`: the caller puts the
    link in a mail of its own (the registrant's acceptance mail), so the person gets one mail."""
    _eis(door, "bewonersgroepen.change_leden", groep, MAG_NIET_WIJZIGEN)
    try:
        email = canoniek(email)  # the mail goes to, and the account is matched by, this one form
    except ValidationError as exc:
        raise ValidationError({"email": exc.messages}) from exc
    if actieve_lidmaatschappen().filter(groep=groep, gebruiker__email=email).exists():
        raise ValidationError({"email": "Deze persoon is al lid van de groep."})
    token = secrets.token_urlsafe(32)
    uitnodiging = Uitnodiging(
        groep=groep,
        email=email,
        naam=naam.strip(),
        functie=functie,
        is_contactpersoon=is_contactpersoon,
        token_hash=_token_hash(token),
        uitgenodigd_door=door,
        verloopt_op=timezone.now() + datetime.timedelta(days=UITNODIGING_GELDIG_DAGEN),
    )
    uitnodiging.full_clean()
    uitnodiging.save()
    if mailen:
        _mailen(
            aan=[email],
            sjabloon="uitnodiging",
            context={
                "uitnodiging": uitnodiging,
                "groep": groep,
                "door": door,
                "url": _portaal_url(reverse("bewonersgroepen:uitnodiging", kwargs={"token": token})),
                "knop": "Kies een wachtwoord",
                "dagen": UITNODIGING_GELDIG_DAGEN,
            },
            gemeente=groep.gemeente_id,
        )
    if functie in groep.bestuursfuncties:
        _bestuurswijziging_mailen(
            groep,
            wat=f"{uitnodiging.naam} ({email}) is uitgenodigd als {Functie(functie).label.lower()}.",
            door=door,
        )
    return uitnodiging, token


def uitnodiging_zoeken(token: str) -> Uitnodiging | None:
    """The open (not used, not expired) invitation for this token, or None."""
    return (
        Uitnodiging.objects.select_related("groep")
        .filter(
            token_hash=_token_hash(token or ""), geaccepteerd_op__isnull=True, verloopt_op__gt=timezone.now()
        )
        .first()
    )


@transaction.atomic
def uitnodiging_accepteren(*, uitnodiging: Uitnodiging, wachtwoord: str | None = None, gebruiker=None):
    """Accept: make the account or use the existing one, and add the membership. Returns the user.

    A person who already has an account (with or without a password) must be logged in as that account
    (`gebruiker`): an invitation never sets the password of an existing account. Only a new person
    chooses a password here.
    """
    User = get_user_model()
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if not uitnodiging.is_open:
        raise ValidationError(
            "Deze uitnodiging is al gebruikt of verlopen. Vraag een nieuwe uitnodiging aan."
        )
    bestaand = bestaand_account(uitnodiging)  # selectors
    if bestaand is not None:
        if gebruiker is None or gebruiker.pk != bestaand.pk:
            raise PermissionDenied("Log eerst in met het account van dit e-mailadres.")
        user = bestaand
    else:
        user = User(email=uitnodiging.email, naam=uitnodiging.naam)
        validate_password(wachtwoord or "", user)
        user.set_password(wachtwoord)
        user.full_clean(exclude=["password"])
        user.save()
    soort_toevoegen(user=user, soort=Gebruikerssoort.GROEPSLID)
    _gemeente_geven(user, uitnodiging.groep)
    if not actieve_lidmaatschappen().filter(groep=uitnodiging.groep, gebruiker=user).exists():
        lid = Lidmaatschap(
            groep=uitnodiging.groep,
            gebruiker=user,
            functie=uitnodiging.functie,
            is_contactpersoon=uitnodiging.is_contactpersoon,
        )
        lid.full_clean()
        lid.save()
    uitnodiging.geaccepteerd_op = timezone.now()
    uitnodiging.gebruiker = user
    uitnodiging.save(update_fields=["geaccepteerd_op", "gebruiker"])
    return user


def _gemeente_geven(user, groep: Groep) -> None:
    """A person belongs to one gemeente, explicitly (its functional admins manage the account): a resident
    without one gets that of the group they join; someone who has one (staff, or a member of a group
    elsewhere first) keeps it."""
    if user.gemeente_id is None:
        user.gemeente_id = groep.gemeente_id
        user.save(update_fields=["gemeente"])


def _houdt_contactpersoon(groep: Groep, zonder: Lidmaatschap) -> None:
    over = actieve_lidmaatschappen().filter(groep=groep, is_contactpersoon=True).exclude(pk=zonder.pk)
    if not over.exists():
        raise ValidationError(
            "Een groep heeft altijd ten minste één contactpersoon. Maak eerst iemand anders contactpersoon."
        )


@transaction.atomic
def lidmaatschap_wijzigen(
    *, lidmaatschap: Lidmaatschap, functie: str, is_contactpersoon: bool, door
) -> Lidmaatschap:
    groep = Groep.objects.select_for_update().get(pk=lidmaatschap.groep_id)  # serialise changes per group
    lidmaatschap = Lidmaatschap.objects.select_related("gebruiker").get(pk=lidmaatschap.pk)
    _eis(door, "bewonersgroepen.change_leden", lidmaatschap, MAG_NIET_WIJZIGEN)
    if lidmaatschap.is_contactpersoon and not is_contactpersoon:
        _houdt_contactpersoon(groep, lidmaatschap)
    oud = lidmaatschap.functie
    lidmaatschap.functie = functie
    lidmaatschap.is_contactpersoon = is_contactpersoon
    lidmaatschap.full_clean()
    lidmaatschap.save()
    if oud != functie and groep.bestuursfuncties & {oud, functie}:
        _bestuurswijziging_mailen(
            groep,
            wat=f"{lidmaatschap.gebruiker.naam} is nu {lidmaatschap.get_functie_display().lower()} "
            f"(was {Functie(oud).label.lower()}).",
            door=door,
            ook_aan=(lidmaatschap.gebruiker.email,),
        )
    elif oud != functie:
        # Not an officer's function: only the member hears it (the officers' mail above includes them).
        _mailen(
            aan=[lidmaatschap.gebruiker.email],
            sjabloon="functie_gewijzigd",
            context={
                "groep": groep,
                "lidmaatschap": lidmaatschap,
                "oud": Functie(oud).label.lower(),
                "door": door,
                "url": _portaal_url(groep.get_absolute_url()),
            },
            gemeente=groep.gemeente_id,
        )
    return lidmaatschap


@transaction.atomic
def lidmaatschap_beeindigen(
    *, lidmaatschap: Lidmaatschap, door, op: datetime.date | None = None
) -> Lidmaatschap:
    groep = Groep.objects.select_for_update().get(pk=lidmaatschap.groep_id)
    lidmaatschap = Lidmaatschap.objects.select_related("gebruiker").get(pk=lidmaatschap.pk)
    _eis(door, "bewonersgroepen.change_leden", lidmaatschap, MAG_NIET_WIJZIGEN)
    if lidmaatschap.is_contactpersoon:
        _houdt_contactpersoon(groep, lidmaatschap)
    lidmaatschap.tot = max(op or timezone.localdate(), lidmaatschap.van)
    lidmaatschap.full_clean()
    lidmaatschap.save()
    if lidmaatschap.functie in groep.bestuursfuncties:
        _bestuurswijziging_mailen(
            groep,
            wat=f"Het lidmaatschap van {lidmaatschap.gebruiker.naam} "
            f"({lidmaatschap.get_functie_display().lower()}) eindigt op {lidmaatschap.tot:%d-%m-%Y}.",
            door=door,
            ook_aan=(lidmaatschap.gebruiker.email,),
        )
    else:
        _mailen(
            aan=[lidmaatschap.gebruiker.email],
            sjabloon="lidmaatschap_beeindigd",
            context={"groep": groep, "lidmaatschap": lidmaatschap, "door": door, "url": _portaal_url("/")},
            gemeente=groep.gemeente_id,
        )
    return lidmaatschap


# --- samenwerkingsovereenkomst ---------------------------------------------------------------------

OVEREENKOMST_VELDEN = (
    "startdatum",
    "einddatum",
    "jaarbijdrage",
    "overlegfrequentie",
    "onderwerpen",
    "verplichtingen_groep",
    "verplichtingen_gemeente",
    "ondertekenaar_naam",
    "ondertekenaar_functie",
    "ondertekend_document",
)


def _alleen_staf(door, groep: Groep) -> None:
    if not is_staf_van_gemeente(door, groep.gemeente_id):
        raise PermissionDenied("Alleen een medewerker van de gemeente beheert samenwerkingsovereenkomsten.")


@transaction.atomic
def overeenkomst_opstellen(*, groep: Groep, door, vorige: Samenwerkingsovereenkomst | None = None, **velden):
    """A new agreement in concept; its version follows the group's highest."""
    _alleen_staf(door, groep)
    onbekend = set(velden) - set(OVEREENKOMST_VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    Groep.objects.select_for_update().get(pk=groep.pk)
    hoogste = groep.overeenkomsten.order_by("-versie").values_list("versie", flat=True).first() or 0
    overeenkomst = Samenwerkingsovereenkomst(groep=groep, versie=hoogste + 1, vorige=vorige, **velden)
    overeenkomst.full_clean()
    _opslaan_met_bestand(overeenkomst)
    OVEREENKOMST.historie_schrijven(
        obj=overeenkomst,
        van="",
        naar=Overeenkomststatus.CONCEPT,
        door=door,
        reden=f"Verlenging van versie {vorige.versie}." if vorige else "",
    )
    return overeenkomst


@transaction.atomic
def overeenkomst_bijwerken(*, overeenkomst: Samenwerkingsovereenkomst, door, **velden):
    """Change a concept (or one awaiting signature), e.g. to upload the signed PDF."""
    _alleen_staf(door, overeenkomst.groep)
    onbekend = set(velden) - set(OVEREENKOMST_VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    overeenkomst = Samenwerkingsovereenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    if not overeenkomst.is_bewerkbaar:
        raise ValidationError("Een actieve, verlopen of beëindigde overeenkomst kunt u niet meer wijzigen.")
    for veld, waarde in velden.items():
        setattr(overeenkomst, veld, waarde)
    overeenkomst.full_clean()
    _opslaan_met_bestand(overeenkomst)
    return overeenkomst


def _opslaan_met_bestand(overeenkomst: Samenwerkingsovereenkomst) -> None:
    """Save, with the uploaded PDF; a full disk is a message at the field (the transaction rolls back)."""
    from bestanden import OpslagFout

    try:
        overeenkomst.save()
    except OpslagFout as fout:
        raise ValidationError({"ondertekend_document": fout.melding}) from fout


@transaction.atomic
def overeenkomst_status_wijzigen(
    *, overeenkomst: Samenwerkingsovereenkomst, naar: str, door=None, toelichting: str = ""
) -> Samenwerkingsovereenkomst:
    """Move an agreement along its table. `door=None` is the system (the nightly command)."""
    overeenkomst = (
        Samenwerkingsovereenkomst.objects.select_for_update().select_related("groep").get(pk=overeenkomst.pk)
    )
    toelichting = (toelichting or "").strip()
    OVEREENKOMST.controleren(door, overeenkomst, naar, toelichting)
    if naar == Overeenkomststatus.ACTIEF:
        actief = (
            Samenwerkingsovereenkomst.objects.select_for_update()
            .filter(groep_id=overeenkomst.groep_id, status=Overeenkomststatus.ACTIEF)
            .first()
        )
        if actief is not None:
            if overeenkomst.vorige_id != actief.pk:
                raise ValidationError(
                    f"Deze groep heeft al een actieve overeenkomst (versie {actief.versie}). "
                    "Een groep heeft er hoogstens één."
                )
            # A renewal takes over from the version it renews (the group hears of the renewal only).
            _overgang_overeenkomst(
                actief, Overeenkomststatus.VERLOPEN, door, f"Opgevolgd door versie {overeenkomst.versie}."
            )
            actief.save(update_fields=["status"])
    _overgang_overeenkomst(overeenkomst, naar, door, toelichting)
    try:
        with transaction.atomic():
            overeenkomst.save()
    except IntegrityError as exc:  # a concurrent activation won the race
        raise ValidationError(
            "Deze groep heeft al een actieve overeenkomst. Een groep heeft er hoogstens één."
        ) from exc
    sjabloon = OVEREENKOMST_MAILS.get(naar)
    if naar == Overeenkomststatus.ACTIEF and overeenkomst.vorige_id:
        sjabloon = "overeenkomst_verlengd"
    if sjabloon:
        _overeenkomst_mailen(overeenkomst, sjabloon=sjabloon)
    return overeenkomst


# The agreement steps the group hears about (back to concept is the gemeente's own work).
OVEREENKOMST_MAILS = {
    Overeenkomststatus.TER_ONDERTEKENING: "overeenkomst_ter_ondertekening",
    Overeenkomststatus.ACTIEF: "overeenkomst_actief",
    Overeenkomststatus.VERLOPEN: "overeenkomst_verlopen",
    Overeenkomststatus.BEEINDIGD: "overeenkomst_beeindigd",
}


def _overeenkomst_mailen(overeenkomst: Samenwerkingsovereenkomst, *, sjabloon: str) -> None:
    """One mail to each officer and contact person of the group, with the link to the agreement."""
    groep = overeenkomst.groep
    adressen = (
        actieve_lidmaatschappen()
        .filter(groep_id=groep.pk, gebruiker__is_active=True)
        .filter(Q(functie__in=groep.bestuursfuncties) | Q(is_contactpersoon=True))
        .values_list("gebruiker__email", flat=True)
    )
    _mailen(
        aan=sorted({a for a in adressen if a}),
        sjabloon=sjabloon,
        context={
            "groep": groep,
            "overeenkomst": overeenkomst,
            "url": _portaal_url(overeenkomst.get_absolute_url()),
        },
        gemeente=groep.gemeente_id,
    )


def _overgang_overeenkomst(overeenkomst, naar, door, toelichting):
    OVEREENKOMST.overgaan(obj=overeenkomst, naar=naar, door=door, reden=toelichting)
    if naar == Overeenkomststatus.BEEINDIGD:
        overeenkomst.beeindigingsreden = toelichting


@transaction.atomic
def overeenkomst_verlengen(*, overeenkomst: Samenwerkingsovereenkomst, door) -> Samenwerkingsovereenkomst:
    """The next version as a concept: same terms, the period right after this one, linked to it."""
    _alleen_staf(door, overeenkomst.groep)
    overeenkomst = Samenwerkingsovereenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    if overeenkomst.status not in (Overeenkomststatus.ACTIEF, Overeenkomststatus.VERLOPEN):
        raise ValidationError("Alleen een actieve of verlopen overeenkomst kunt u verlengen.")
    if Samenwerkingsovereenkomst.objects.filter(vorige=overeenkomst).exists():
        raise ValidationError("Deze overeenkomst is al verlengd.")
    start = overeenkomst.einddatum + datetime.timedelta(days=1)
    duur = overeenkomst.einddatum - overeenkomst.startdatum
    return overeenkomst_opstellen(
        groep=overeenkomst.groep,
        door=door,
        vorige=overeenkomst,
        startdatum=start,
        einddatum=start + duur,
        jaarbijdrage=overeenkomst.jaarbijdrage,
        overlegfrequentie=overeenkomst.overlegfrequentie,
        onderwerpen=overeenkomst.onderwerpen,
        verplichtingen_groep=overeenkomst.verplichtingen_groep,
        verplichtingen_gemeente=overeenkomst.verplichtingen_gemeente,
        ondertekenaar_naam=overeenkomst.ondertekenaar_naam,
        ondertekenaar_functie=overeenkomst.ondertekenaar_functie,
    )


def verlopen_overeenkomsten_afsluiten(*, vandaag: datetime.date | None = None) -> int:
    """Active agreements whose end date has passed become 'verlopen' (a system transition)."""
    vandaag = vandaag or timezone.localdate()
    aantal = 0
    for overeenkomst in Samenwerkingsovereenkomst.objects.filter(
        status=Overeenkomststatus.ACTIEF, einddatum__lt=vandaag
    ):
        overeenkomst_status_wijzigen(
            overeenkomst=overeenkomst,
            naar=Overeenkomststatus.VERLOPEN,
            door=None,
            toelichting=f"Einddatum {overeenkomst.einddatum:%d-%m-%Y} is voorbij.",
        )
        aantal += 1
    return aantal


def einde_overeenkomsten_aankondigen(*, vandaag: datetime.date | None = None) -> int:
    """Tell each group that its active agreement ends (unless a next version already exists): once when it
    ends within VERLOOPT_BINNEN_DAGEN days (about three months; `einde_aangekondigd_op`) and once more when
    it ends within HERINNER_EINDE_DAGEN days (about a month; `einde_herinnerd_op`). Each reminder is sent
    at most once per agreement, however often the command runs; an agreement that enters the window late
    gets one mail that counts for both. Returns the number of mails (groups) queued."""
    vandaag = vandaag or timezone.localdate()
    maand = vandaag + datetime.timedelta(days=HERINNER_EINDE_DAGEN)
    aantal = 0
    te_melden = verlopende_overeenkomsten(vandaag=vandaag).filter(
        Q(einde_aangekondigd_op__isnull=True) | Q(einde_herinnerd_op__isnull=True, einddatum__lte=maand)
    )
    for pk in te_melden.values_list("pk", flat=True):
        with transaction.atomic():
            overeenkomst = (
                Samenwerkingsovereenkomst.objects.select_for_update().select_related("groep").get(pk=pk)
            )
            if overeenkomst.status != Overeenkomststatus.ACTIEF:
                continue
            velden = []
            if overeenkomst.einde_aangekondigd_op is None:
                overeenkomst.einde_aangekondigd_op = vandaag
                velden.append("einde_aangekondigd_op")
            if overeenkomst.einde_herinnerd_op is None and overeenkomst.einddatum <= maand:
                overeenkomst.einde_herinnerd_op = vandaag
                velden.append("einde_herinnerd_op")
            if not velden:
                continue
            overeenkomst.save(update_fields=velden)
            _overeenkomst_mailen(overeenkomst, sjabloon="overeenkomst_loopt_af")
            aantal += 1
    return aantal


def verantwoordelijke_voor_overeenkomst(overeenkomst: Samenwerkingsovereenkomst):
    """The adviseur of the group's (first) kern via rollen's routing; else the group's behandelaar."""
    groep = overeenkomst.groep
    kernen = list(groep.kernen.all())
    wijken = list(groep.wijken.all())
    gebied = kernen[0] if kernen else (wijken[0] if wijken else None)
    persoon = (
        verantwoordelijke_voor(gebied=gebied, soort_werk=SOORT_WERK_OVEREENKOMST)
        if gebied is not None
        else None
    )
    return persoon or groep.behandelaar


@dataclass
class Herinneringsresultaat:
    verstuurd: dict  # e-mail -> number of agreements in the digest
    zonder_verantwoordelijke: list


def herinneringen_versturen(*, vandaag: datetime.date | None = None) -> Herinneringsresultaat:
    """One digest mail per responsible adviseur with the active agreements ending within 90 days."""
    vandaag = vandaag or timezone.localdate()
    per_persoon = defaultdict(list)
    zonder = []
    for overeenkomst in verlopende_overeenkomsten(vandaag=vandaag):
        persoon = verantwoordelijke_voor_overeenkomst(overeenkomst)
        if persoon is None or not persoon.email:
            zonder.append(overeenkomst)
        else:
            per_persoon[persoon].append(overeenkomst)
    verstuurd = {}
    for persoon, overeenkomsten in per_persoon.items():
        _mailen(
            aan=[persoon.email],
            sjabloon="verlopende_overeenkomsten",
            context={
                "persoon": persoon,
                "overeenkomsten": [
                    {"o": o, "dagen": (o.einddatum - vandaag).days, "url": _portaal_url(o.get_absolute_url())}
                    for o in overeenkomsten
                ],
                "url": _portaal_url(reverse("bewonersgroepen:verlopend")),
            },
            gemeente=persoon.gemeente_id,
        )
        verstuurd[persoon.email] = len(overeenkomsten)
    return Herinneringsresultaat(verstuurd=verstuurd, zonder_verantwoordelijke=zonder)
