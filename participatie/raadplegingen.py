"""Every write of consultation rounds: the round and its questions, the responses (group, partner,
resident), closing, the themes of "Wat hebben we opgehaald" and publishing it (the feedback mail)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bewonersgroepen.selectors import actieve_lidmaatschappen

from . import raadpleging_mail as mails
from .constants import Belanghebbendesoort
from .models import (
    Antwoord,
    Ketenpartner,
    Opgehaald,
    Participatieplan,
    Partneruitnodiging,
    Raadpleging,
    Reactie,
    Vraag,
)
from .raadpleging_constants import (
    NIVEAUS_MET_RAADPLEGING,
    Afweging,
    Raadplegingstatus,
    Reactiesoort,
    Vraagsoort,
)
from .raadpleging_werkstromen import RAADPLEGING
from .volgers import informeren

MAX_ANTWOORD = 5000
ANONIEM = "anoniem.invalid"  # accounts.privacy.ANONIEM_DOMEIN: can never receive mail


def _mag(door, raadpleging_of_plan) -> None:
    plan = getattr(raadpleging_of_plan, "plan", raadpleging_of_plan)
    if door is not None and not door.has_perm("participatie.change_raadpleging", plan):
        raise PermissionDenied("U mag dit niet doen voor dit project.")


def _vergrendeld(raadpleging: Raadpleging) -> Raadpleging:
    return Raadpleging.objects.select_for_update().get(pk=raadpleging.pk)


def _moet_status(raadpleging: Raadpleging, *statussen: str, melding: str) -> None:
    if raadpleging.status not in statussen:
        raise ValidationError(melding)


# --- the round and its questions --------------------------------------------------------------------
@transaction.atomic
def raadpleging_opslaan(
    *,
    plan: Participatieplan,
    door=None,
    raadpleging: Raadpleging | None = None,
    stap,
    titel: str,
    inleiding: str,
    open_van: datetime.datetime,
    open_tot: datetime.datetime,
    openbaar: bool,
    groepen=(),
    ketenpartners=(),
) -> Raadpleging:
    """Make a round (concept) or change it while it is a concept."""
    _mag(door, plan)
    if raadpleging is not None:
        raadpleging = _vergrendeld(raadpleging)
        if raadpleging.plan_id != plan.pk:
            raise PermissionDenied("Deze raadpleging hoort niet bij dit plan.")
        _moet_status(
            raadpleging, Raadplegingstatus.CONCEPT, melding="Een geopende raadpleging wijzigt niet meer."
        )
    if stap.project_id != plan.project_id:
        raise ValidationError({"stap": "Kies een stap van dit project."})
    if stap.niveau not in NIVEAUS_MET_RAADPLEGING:
        raise ValidationError(
            {"stap": "Een raadpleging hoort bij een stap op niveau raadplegen of adviseren."}
        )
    if open_tot <= open_van:
        raise ValidationError({"open_tot": "Het einde van de periode ligt na het begin."})
    groepen, ketenpartners = list(groepen), list(ketenpartners)
    gemeente_id = plan.project.gemeente_id
    if any(g.gemeente_id != gemeente_id for g in groepen) or any(
        k.gemeente_id != gemeente_id for k in ketenpartners
    ):
        raise ValidationError("Nodig alleen groepen en ketenpartners van de gemeente van het project uit.")
    if not openbaar and not groepen and not ketenpartners:
        raise ValidationError("Kies wie mag reageren: iedereen, of uitgenodigde groepen of ketenpartners.")
    obj = raadpleging or Raadpleging(plan=plan)
    obj.stap = stap
    obj.titel = titel.strip()
    obj.inleiding = inleiding.strip()
    obj.open_van = open_van
    obj.open_tot = open_tot
    obj.openbaar = openbaar
    obj.full_clean()
    obj.save()
    obj.groepen.set(groepen)
    obj.uitnodigingen.exclude(ketenpartner__in=ketenpartners).delete()
    for partner in ketenpartners:
        Partneruitnodiging.objects.get_or_create(raadpleging=obj, ketenpartner=partner)
    if raadpleging is None:
        RAADPLEGING.historie_schrijven(obj=obj, van="", naar=Raadplegingstatus.CONCEPT, door=door)
    return obj


@transaction.atomic
def vraag_toevoegen(
    *, raadpleging: Raadpleging, door=None, tekst: str, soort: str, keuzes: str = "", verplicht: bool = False
) -> Vraag:
    _mag(door, raadpleging)
    raadpleging = _vergrendeld(raadpleging)
    _moet_status(raadpleging, Raadplegingstatus.CONCEPT, melding="Vragen wijzigen alleen in een concept.")
    if soort not in Vraagsoort.values:
        raise ValidationError({"soort": "Kies een soort vraag."})
    keuzelijst = [k.strip() for k in keuzes.splitlines() if k.strip()]
    if soort == Vraagsoort.KEUZE and len(keuzelijst) < 2:
        raise ValidationError({"keuzes": "Geef minstens twee keuzes, één per regel."})
    if len(set(keuzelijst)) != len(keuzelijst):
        raise ValidationError({"keuzes": "Elke keuze komt één keer voor."})
    vraag = Vraag(
        raadpleging=raadpleging,
        volgorde=raadpleging.vragen.count() + 1,
        tekst=tekst.strip(),
        soort=soort,
        keuzes="\n".join(keuzelijst) if soort == Vraagsoort.KEUZE else "",
        verplicht=verplicht,
    )
    vraag.full_clean()
    vraag.save()
    return vraag


@transaction.atomic
def vraag_verwijderen(*, vraag: Vraag, door=None) -> None:
    _mag(door, vraag.raadpleging)
    raadpleging = _vergrendeld(vraag.raadpleging)
    _moet_status(raadpleging, Raadplegingstatus.CONCEPT, melding="Vragen wijzigen alleen in een concept.")
    vraag.delete()


def raadpleging_openen(*, raadpleging: Raadpleging, door=None) -> Raadpleging:
    """Concept → open; each invited ketenpartner gets its link, each invited group a mail."""
    with transaction.atomic():
        raadpleging = _vergrendeld(raadpleging)
        RAADPLEGING.overgaan(obj=raadpleging, naar=Raadplegingstatus.OPEN, door=door)
        raadpleging.save(update_fields=["status"])
        for uitnodiging in raadpleging.uitnodigingen.select_related("ketenpartner").filter(
            verstuurd_op__isnull=True
        ):
            if uitnodiging.ketenpartner.email:
                mails.mail_partneruitnodiging(uitnodiging)
                uitnodiging.verstuurd_op = timezone.now()
                uitnodiging.save(update_fields=["verstuurd_op"])
        for groep in raadpleging.groepen.all():
            mails.mail_groepsuitnodiging(raadpleging, groep)
        informeren(
            raadpleging.plan.project,
            plan=raadpleging.plan,
            onderwerp=f"Raadpleging geopend: {raadpleging.titel}",
            tekst=f"Open tot {timezone.localtime(raadpleging.open_tot):%d-%m-%Y %H:%M}.",
        )
    return raadpleging


def raadpleging_sluiten(*, raadpleging: Raadpleging, door=None) -> Raadpleging:
    return RAADPLEGING.uitvoeren(obj=raadpleging, naar=Raadplegingstatus.GESLOTEN, door=door)


def raadpleging_heropenen(*, raadpleging: Raadpleging, door=None, reden: str) -> Raadpleging:
    return RAADPLEGING.uitvoeren(obj=raadpleging, naar=Raadplegingstatus.OPEN, door=door, reden=reden)


def verlopen_sluiten(nu: datetime.datetime | None = None) -> int:
    """The system closes every open round whose period has passed (a nightly command may call this)."""
    nu = nu or timezone.now()
    aantal = 0
    for raadpleging in Raadpleging.objects.filter(status=Raadplegingstatus.OPEN, open_tot__lt=nu):
        raadpleging_sluiten(raadpleging=raadpleging, door=None)
        aantal += 1
    return aantal


def onbevestigd_verwijderen(voor: datetime.datetime) -> int:
    """Delete residents' responses submitted before `voor` and never confirmed by the mailed link (with
    their answers): they never counted, and their address has no purpose left (docs/privacy.md)."""
    _, per_model = Reactie.objects.filter(
        soort=Reactiesoort.INWONER, bevestigd_op__isnull=True, ingediend_op__lt=voor
    ).delete()
    return per_model.get(Reactie._meta.label, 0)


# --- responses --------------------------------------------------------------------------------------
def _open_voor_reacties(raadpleging: Raadpleging) -> None:
    if not raadpleging.is_open:
        raise ValidationError("Deze raadpleging is niet open. U kunt niet (meer) reageren.")


def _antwoorden_controleren(
    raadpleging: Raadpleging, antwoorden: dict
) -> list[tuple[Vraag, str, int | None]]:
    """`antwoorden` maps a question's pk to its answer (text, a choice, or a score 1–5)."""
    rijen, fouten = [], {}
    for vraag in raadpleging.vragen.all():
        waarde = antwoorden.get(vraag.pk, antwoorden.get(str(vraag.pk), ""))
        waarde = "" if waarde is None else str(waarde).strip()
        if not waarde:
            if vraag.verplicht:
                fouten[f"vraag_{vraag.pk}"] = "Beantwoord deze vraag."
            continue
        if vraag.soort == Vraagsoort.SCHAAL:
            if waarde not in {"1", "2", "3", "4", "5"}:
                fouten[f"vraag_{vraag.pk}"] = "Kies een getal van 1 tot en met 5."
                continue
            rijen.append((vraag, "", int(waarde)))
        elif vraag.soort == Vraagsoort.KEUZE:
            if waarde not in vraag.keuzelijst:
                fouten[f"vraag_{vraag.pk}"] = "Kies een van de keuzes."
                continue
            rijen.append((vraag, waarde, None))
        else:
            if len(waarde) > MAX_ANTWOORD:
                fouten[f"vraag_{vraag.pk}"] = f"Gebruik hoogstens {MAX_ANTWOORD} tekens."
                continue
            rijen.append((vraag, waarde, None))
    if fouten:
        raise ValidationError(fouten)
    if not rijen:
        raise ValidationError("Beantwoord minstens één vraag.")
    return rijen


def _toestemming(publiceren: bool, naam: bool) -> tuple[bool, bool]:
    """A name is only published with the answer: no consent to publish means no name either."""
    publiceren = bool(publiceren)
    return publiceren, bool(naam) and publiceren


def _antwoorden_schrijven(reactie: Reactie, rijen) -> None:
    reactie.antwoorden.all().delete()
    Antwoord.objects.bulk_create(
        [Antwoord(reactie=reactie, vraag=vraag, tekst=tekst, score=score) for vraag, tekst, score in rijen]
    )


def mag_namens_groep(user, raadpleging: Raadpleging, groep) -> bool:
    """An active member of a group that is invited to the round or a stakeholder of its plan."""
    if not user.is_authenticated:
        return False
    uitgenodigd = (
        raadpleging.groepen.filter(pk=groep.pk).exists()
        or raadpleging.plan.belanghebbenden.filter(soort=Belanghebbendesoort.GROEP, groep=groep).exists()
    )
    return uitgenodigd and actieve_lidmaatschappen().filter(gebruiker_id=user.pk, groep_id=groep.pk).exists()


def _opslaan(reactie: Reactie, rijen, *, publiceren: bool, naam: bool) -> Reactie:
    reactie.toestemming_publiceren, reactie.toestemming_naam = _toestemming(publiceren, naam)
    reactie.gewijzigd_op = timezone.now()
    reactie.full_clean(exclude=["raadpleging", "groep", "ketenpartner", "token"])
    reactie.save()
    _antwoorden_schrijven(reactie, rijen)
    return reactie


def reactie_groep_opslaan(
    *, raadpleging: Raadpleging, door, groep, antwoorden: dict, publiceren: bool, naam: bool
) -> Reactie:
    """A member responds on behalf of the group; a second time changes the group's one response."""
    if not mag_namens_groep(door, raadpleging, groep):
        raise PermissionDenied("U kunt alleen reageren namens een uitgenodigde groep waar u lid van bent.")
    for poging in range(2):
        try:
            with transaction.atomic():
                raadpleging = _vergrendeld(raadpleging)
                _open_voor_reacties(raadpleging)
                rijen = _antwoorden_controleren(raadpleging, antwoorden)
                reactie = (
                    Reactie.objects.select_for_update().filter(raadpleging=raadpleging, groep=groep).first()
                )
                if reactie is None:
                    reactie = Reactie(
                        raadpleging=raadpleging,
                        soort=Reactiesoort.GROEP,
                        groep=groep,
                        bevestigd_op=timezone.now(),
                    )
                reactie.ingediend_door = door
                return _opslaan(reactie, rijen, publiceren=publiceren, naam=naam)
        except IntegrityError:  # another member of the group at the same moment: update theirs
            if poging:
                raise
    raise AssertionError("onbereikbaar")


def uitnodiging_bij_sleutel(token: str) -> Partneruitnodiging | None:
    return (
        Partneruitnodiging.objects.select_related("ketenpartner", "raadpleging__plan__project__gemeente")
        .filter(token=token)
        .first()
    )


@transaction.atomic
def reactie_partner_opslaan(*, token: str, antwoorden: dict, publiceren: bool, naam: bool) -> Reactie:
    """A ketenpartner responds through its invitation link; again: changes its one response."""
    uitnodiging = Partneruitnodiging.objects.select_for_update().filter(token=token).first()
    if uitnodiging is None or not uitnodiging.ketenpartner.actief:
        raise PermissionDenied("Deze link is niet (meer) geldig.")
    raadpleging = _vergrendeld(uitnodiging.raadpleging)
    _open_voor_reacties(raadpleging)
    rijen = _antwoorden_controleren(raadpleging, antwoorden)
    reactie, _ = Reactie.objects.select_for_update().get_or_create(
        raadpleging=raadpleging,
        ketenpartner=uitnodiging.ketenpartner,
        defaults={"soort": Reactiesoort.PARTNER, "bevestigd_op": timezone.now()},
    )
    return _opslaan(reactie, rijen, publiceren=publiceren, naam=naam)


@transaction.atomic
def reactie_inwoner_indienen(
    *,
    raadpleging: Raadpleging,
    email: str,
    naam: str = "",
    antwoorden: dict,
    publiceren: bool,
    toon_naam: bool,
) -> Reactie:
    """A resident submits: nothing counts until they follow the link in the confirmation mail. Someone
    who already responded with this address gets the link to their response again (nothing changes)."""
    raadpleging = _vergrendeld(raadpleging)
    _open_voor_reacties(raadpleging)
    if not raadpleging.openbaar:
        raise PermissionDenied("Bij deze raadpleging reageren alleen uitgenodigde groepen en partners.")
    rijen = _antwoorden_controleren(raadpleging, antwoorden)
    email = (email or "").strip()
    bestaand = Reactie.objects.filter(raadpleging=raadpleging, email__iexact=email).first() if email else None
    if bestaand is not None:
        mails.mail_inwoner_bevestigen(bestaand, opnieuw=True)
        return bestaand
    reactie = Reactie(
        raadpleging=raadpleging, soort=Reactiesoort.INWONER, email=email, naam=(naam or "").strip()
    )
    _opslaan(reactie, rijen, publiceren=publiceren, naam=toon_naam)
    mails.mail_inwoner_bevestigen(reactie, opnieuw=False)
    return reactie


def reactie_bij_sleutel(token: str) -> Reactie | None:
    return (
        Reactie.objects.select_related("raadpleging__plan__project__gemeente")
        .filter(token=token, soort=Reactiesoort.INWONER)
        .first()
    )


@transaction.atomic
def reactie_inwoner_bevestigen(*, token: str) -> Reactie:
    """The link in the mail: from now on the response counts (until the summary is published)."""
    reactie = Reactie.objects.select_for_update().filter(token=token, soort=Reactiesoort.INWONER).first()
    if reactie is None:
        raise PermissionDenied("Deze link is niet (meer) geldig.")
    if reactie.bevestigd_op is None:
        if reactie.raadpleging.status not in (Raadplegingstatus.OPEN, Raadplegingstatus.GESLOTEN):
            raise ValidationError("Deze raadpleging is al verwerkt. Uw reactie telt niet meer mee.")
        reactie.bevestigd_op = timezone.now()
        reactie.save(update_fields=["bevestigd_op"])
    return reactie


@transaction.atomic
def reactie_inwoner_wijzigen(
    *, token: str, naam: str = "", antwoorden: dict, publiceren: bool, toon_naam: bool
) -> Reactie:
    """Through the link in the mail, until the round closes; saving also confirms."""
    reactie = Reactie.objects.select_for_update().filter(token=token, soort=Reactiesoort.INWONER).first()
    if reactie is None:
        raise PermissionDenied("Deze link is niet (meer) geldig.")
    raadpleging = _vergrendeld(reactie.raadpleging)
    _open_voor_reacties(raadpleging)
    rijen = _antwoorden_controleren(raadpleging, antwoorden)
    reactie.naam = (naam or "").strip()
    reactie.bevestigd_op = reactie.bevestigd_op or timezone.now()
    return _opslaan(reactie, rijen, publiceren=publiceren, naam=toon_naam)


# --- "Wat hebben we opgehaald" ---------------------------------------------------------------------
@transaction.atomic
def thema_opslaan(
    *,
    raadpleging: Raadpleging,
    door=None,
    thema: Opgehaald | None = None,
    titel: str,
    wat_gehoord: str = "",
    afweging: str = "",
    waarom: str = "",
) -> Opgehaald:
    _mag(door, raadpleging)
    raadpleging = _vergrendeld(raadpleging)
    _moet_status(
        raadpleging,
        Raadplegingstatus.GESLOTEN,
        melding="Thema's maakt u na het sluiten, vóór het publiceren.",
    )
    if thema is not None and thema.raadpleging_id != raadpleging.pk:
        raise PermissionDenied("Dit thema hoort niet bij deze raadpleging.")
    if afweging and afweging not in Afweging.values:
        raise ValidationError({"afweging": "Kies wat we ermee doen."})
    obj = thema or Opgehaald(raadpleging=raadpleging, volgorde=raadpleging.themas.count() + 1)
    obj.titel = titel.strip()
    obj.wat_gehoord = wat_gehoord.strip()
    obj.afweging = afweging
    obj.waarom = waarom.strip()
    if Opgehaald.objects.filter(raadpleging=raadpleging, titel__iexact=obj.titel).exclude(pk=obj.pk).exists():
        raise ValidationError({"titel": "Er is al een thema met deze naam."})
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def reacties_indelen(*, raadpleging: Raadpleging, door=None, indeling: dict) -> int:
    """`indeling` maps a response's pk to a theme's pk (or None: no theme). Returns how many changed."""
    _mag(door, raadpleging)
    raadpleging = _vergrendeld(raadpleging)
    _moet_status(
        raadpleging,
        Raadplegingstatus.GESLOTEN,
        melding="Reacties deelt u in na het sluiten, vóór het publiceren.",
    )
    themas = {t.pk: t for t in raadpleging.themas.all()}
    reacties = {r.pk: r for r in raadpleging.reacties.filter(pk__in=[int(k) for k in indeling])}
    gewijzigd = 0
    for reactie_pk, thema_pk in indeling.items():
        reactie = reacties.get(int(reactie_pk))
        if reactie is None:
            raise ValidationError("Deze reactie hoort niet bij deze raadpleging.")
        thema_pk = int(thema_pk) if thema_pk not in (None, "") else None
        if thema_pk is not None and thema_pk not in themas:
            raise ValidationError("Dit thema hoort niet bij deze raadpleging.")
        if reactie.thema_id != thema_pk:
            reactie.thema_id = thema_pk
            reactie.save(update_fields=["thema"])
            gewijzigd += 1
    return gewijzigd


def samenvatting_publiceren(*, raadpleging: Raadpleging, door=None, samenvatting: str = "") -> Raadpleging:
    """Gesloten → verwerkt en gepubliceerd: the summary goes on the public project page and every
    respondent gets a link (the feedback loop), in the same transaction."""
    with transaction.atomic():
        raadpleging = _vergrendeld(raadpleging)
        onvolledig = [
            t.titel
            for t in raadpleging.themas.all()
            if not t.wat_gehoord or not t.afweging or (t.afweging != Afweging.OVERGENOMEN and not t.waarom)
        ]
        if onvolledig:
            raise ValidationError(
                "Vul per thema in wat we hoorden, wat we ermee doen en (als we het niet helemaal overnemen) "
                "waarom: " + ", ".join(onvolledig)
            )
        RAADPLEGING.overgaan(obj=raadpleging, naar=Raadplegingstatus.GEPUBLICEERD, door=door)
        raadpleging.samenvatting = (samenvatting or raadpleging.samenvatting).strip()
        raadpleging.gepubliceerd_op = timezone.now()
        raadpleging.save(update_fields=["status", "samenvatting", "gepubliceerd_op"])
        mails.mail_terugkoppeling(raadpleging)
        informeren(
            raadpleging.plan.project,
            plan=raadpleging.plan,
            onderwerp=f"Wat hebben we opgehaald: {raadpleging.titel}",
            tekst=raadpleging.samenvatting,
            url=raadpleging.openbare_url(),
        )
        adressen_opruimen(raadpleging)
    return raadpleging


def adressen_opruimen(raadpleging: Raadpleging) -> None:
    """After the feedback mail the residents' addresses have done their job (docs/privacy.md): responses
    never confirmed are deleted, the confirmed ones keep their answers under an address that cannot
    receive mail."""
    raadpleging.reacties.filter(soort=Reactiesoort.INWONER, bevestigd_op__isnull=True).delete()
    for reactie in raadpleging.reacties.filter(soort=Reactiesoort.INWONER).exclude(email__endswith=ANONIEM):
        reactie.email = f"reactie-{reactie.pk}@{ANONIEM}"
        reactie.save(update_fields=["email"])


__all__ = [
    "Ketenpartner",
    "raadpleging_heropenen",
    "raadpleging_openen",
    "raadpleging_opslaan",
    "raadpleging_sluiten",
    "reactie_groep_opslaan",
    "reactie_inwoner_bevestigen",
    "reactie_inwoner_indienen",
    "reactie_inwoner_wijzigen",
    "reactie_partner_opslaan",
    "reacties_indelen",
    "samenvatting_publiceren",
    "thema_opslaan",
    "vraag_toevoegen",
    "onbevestigd_verwijderen",
    "verlopen_sluiten",
]
