"""Every write of participatie: the plan, its steps, its stakeholders, and the ketenpartner register."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rollen import services as rollen_services
from rollen.models import Participatiestap, Project

from .constants import ALGEMENE_SOORTEN, Belanghebbendesoort, Planstatus
from .models import Belanghebbende, Ketenpartner, Participatieplan
from .volgers import informeren
from .werkstromen import PLAN


def _mag(door, perm: str, obj) -> None:
    """The policy (participatie/permissions.py) guards the services too. Without `door`: the system (demo)."""
    if door is not None and not door.has_perm(perm, obj):
        raise PermissionDenied("U mag dit niet doen voor dit project.")


# --- the plan ---------------------------------------------------------------------------------------
@transaction.atomic
def plan_opslaan(
    *,
    project: Project,
    door=None,
    vraag: str,
    wel_invloed: str,
    geen_invloed: str = "",
    besluitorgaan: str,
    besluit_verwacht: datetime.date | None = None,
    besluit_genomen_op: datetime.date | None = None,
    besluit: str = "",
    themas=(),
) -> Participatieplan:
    """Make the project's plan (as a concept, with its first history row) or change it."""
    _mag(door, "participatie.change_participatieplan", project)
    plan = Participatieplan.objects.select_for_update().filter(project=project).first()
    nieuw = plan is None
    if nieuw:
        plan = Participatieplan(project=project)
    plan.vraag = vraag.strip()
    plan.wel_invloed = wel_invloed.strip()
    plan.geen_invloed = geen_invloed.strip()
    plan.besluitorgaan = besluitorgaan
    plan.besluit_verwacht = besluit_verwacht
    plan.besluit_genomen_op = besluit_genomen_op
    plan.besluit = besluit.strip()
    plan.full_clean()
    plan.save()
    plan.themas.set(themas)
    if nieuw:
        PLAN.historie_schrijven(obj=plan, van="", naar=Planstatus.CONCEPT, door=door)
    return plan


def plan_publiceren(*, plan: Participatieplan, door=None) -> Participatieplan:
    """Concept → gepubliceerd: from now on the plan is on the public project page."""
    with transaction.atomic():
        plan = Participatieplan.objects.select_for_update().get(pk=plan.pk)
        if not plan.vraag or not plan.wel_invloed:
            raise ValidationError("Vul eerst de vraag in en waar inwoners invloed op hebben.")
        PLAN.overgaan(obj=plan, naar=Planstatus.GEPUBLICEERD, door=door)
        plan.gepubliceerd_op = plan.gepubliceerd_op or timezone.now()
        plan.save(update_fields=["status", "gepubliceerd_op"])
        informeren(
            plan.project,
            plan=plan,
            onderwerp="Het participatieplan is gepubliceerd",
            tekst=f"De vraag: {plan.vraag}",
        )
    return plan


def plan_intrekken(*, plan: Participatieplan, door=None, reden: str) -> Participatieplan:
    """Gepubliceerd → concept, with the reason in the history."""
    return PLAN.uitvoeren(obj=plan, naar=Planstatus.CONCEPT, door=door, reden=reden)


# --- steps (rollen.Participatiestap of the plan's project) ------------------------------------------
@transaction.atomic
def stap_opslaan(
    *,
    plan: Participatieplan,
    door=None,
    stap: Participatiestap | None = None,
    datum: datetime.date,
    wat: str,
    met_wie: str,
    niveau: str,
    uitgevoerd: bool,
    uitkomst: str = "",
) -> Participatiestap:
    """Add or change a step of the plan. Every step of a plan has a level on the ladder."""
    _mag(door, "participatie.change_participatiestap", plan)
    if not niveau:
        raise ValidationError({"niveau": "Kies het niveau op de participatieladder."})
    velden = {
        "datum": datum,
        "wat": wat,
        "met_wie": met_wie,
        "niveau": niveau,
        "uitgevoerd": uitgevoerd,
        "uitkomst": uitkomst,
    }
    if stap is None:
        stap = rollen_services.participatiestap_toevoegen(project=plan.project, door=door, **velden)
        informeren(plan.project, plan=plan, onderwerp=f"Nieuwe stap: {stap.wat}", tekst=_staptekst(stap))
        return stap
    if stap.project_id != plan.project_id:
        raise PermissionDenied("Deze stap hoort niet bij dit plan.")
    was_uitgevoerd = stap.uitgevoerd
    stap = rollen_services.participatiestap_wijzigen(stap=stap, door=door, **velden)
    if stap.uitgevoerd and not was_uitgevoerd:
        informeren(plan.project, plan=plan, onderwerp=f"Stap gedaan: {stap.wat}", tekst=_staptekst(stap))
    return stap


def _staptekst(stap: Participatiestap) -> str:
    regels = [f"Datum: {stap.datum:%d-%m-%Y}", f"Met wie: {stap.met_wie}"]
    if stap.niveau:
        regels.append(f"Niveau: {stap.get_niveau_display()}")
    if stap.uitgevoerd and stap.uitkomst:
        regels.append(f"Uitkomst: {stap.uitkomst}")
    return "\n".join(regels)


# --- stakeholders -----------------------------------------------------------------------------------
@transaction.atomic
def belanghebbende_toevoegen(
    *, plan: Participatieplan, door=None, soort: str, groep=None, ketenpartner=None, toelichting: str = ""
) -> Belanghebbende:
    """Accept a suggestion (or add one) into the plan's list of stakeholders; a second time changes nothing."""
    _mag(door, "participatie.change_belanghebbende", plan)
    gemeente_id = plan.project.gemeente_id
    if groep is not None and groep.gemeente_id != gemeente_id:
        raise ValidationError("Deze groep hoort bij een andere gemeente.")
    if ketenpartner is not None and ketenpartner.gemeente_id != gemeente_id:
        raise ValidationError("Deze ketenpartner hoort bij een andere gemeente.")
    if soort == Belanghebbendesoort.GROEP and groep is None:
        raise ValidationError("Kies een groep.")
    if soort == Belanghebbendesoort.KETENPARTNER and ketenpartner is None:
        raise ValidationError("Kies een ketenpartner.")
    if soort in ALGEMENE_SOORTEN:
        groep = ketenpartner = None
    if soort not in Belanghebbendesoort.values:
        raise ValidationError("Onbekende soort belanghebbende.")
    bestaand = Belanghebbende.objects.filter(
        plan=plan, soort=soort, groep=groep, ketenpartner=ketenpartner
    ).first()
    if bestaand is not None:
        return bestaand
    rij = Belanghebbende(
        plan=plan,
        soort=soort,
        groep=groep,
        ketenpartner=ketenpartner,
        toelichting=toelichting.strip(),
        toegevoegd_door=door,
    )
    rij.full_clean()
    try:
        with transaction.atomic():
            rij.save()
    except IntegrityError:  # added at the same moment by someone else
        return Belanghebbende.objects.get(plan=plan, soort=soort, groep=groep, ketenpartner=ketenpartner)
    return rij


@transaction.atomic
def belanghebbende_verwijderen(*, belanghebbende: Belanghebbende, door=None) -> None:
    _mag(door, "participatie.change_belanghebbende", belanghebbende.plan)
    belanghebbende.delete()


# --- the ketenpartner register ----------------------------------------------------------------------
@transaction.atomic
def ketenpartner_opslaan(
    *,
    door=None,
    ketenpartner: Ketenpartner | None = None,
    gemeente,
    naam: str,
    soort: str,
    omschrijving: str = "",
    kernen=(),
    wijken=(),
    themas=(),
    email: str = "",
    telefoon: str = "",
    website: str = "",
    actief: bool = True,
) -> Ketenpartner:
    _mag(
        door,
        "participatie.add_ketenpartner" if ketenpartner is None else "participatie.change_ketenpartner",
        gemeente,
    )
    if ketenpartner is not None:
        _mag(door, "participatie.change_ketenpartner", ketenpartner)
    kernen, wijken = list(kernen), list(wijken)
    if any(k.gemeente_id != gemeente.pk for k in kernen) or any(w.gemeente_id != gemeente.pk for w in wijken):
        raise ValidationError("Kies alleen kernen en wijken van de gemeente van de ketenpartner.")
    obj = ketenpartner or Ketenpartner()
    obj.gemeente = gemeente
    obj.naam = naam.strip()
    obj.soort = soort
    obj.omschrijving = omschrijving.strip()
    obj.email = email.strip()
    obj.telefoon = telefoon.strip()
    obj.website = website.strip()
    obj.actief = actief
    if Ketenpartner.objects.filter(gemeente=gemeente, naam__iexact=obj.naam).exclude(pk=obj.pk).exists():
        raise ValidationError({"naam": "Deze gemeente heeft al een ketenpartner met deze naam."})
    obj.full_clean()
    obj.save()
    obj.kernen.set(kernen)
    obj.wijken.set(wijken)
    obj.themas.set(themas)
    return obj
