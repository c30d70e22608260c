"""Writes of rollen: assignments, hand-over, projects and their participation steps."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.text import slugify

from gebieden.models import Gemeente, Kern, Wijk

from .constants import LOPENDE_FASEN, Fase, Rol
from .models import Overdracht, Participatiestap, Project, Toewijzing
from .registry import open_werk_providers


def _vergrendel_gemeente(gemeente_id) -> None:
    """Serialise assignment writes per gemeente, so two overlapping assignments cannot both pass the
    overlap check (PostgreSQL row lock; SQLite serialises writes anyway)."""
    if gemeente_id:
        list(Gemeente.objects.select_for_update().filter(pk=gemeente_id).values_list("pk"))


def _mag(door, perm: str, obj) -> None:
    """The one permission policy (rollen/permissions.py) also guards the services: a call on behalf of
    a user (`door`) that the policy refuses changes nothing. Without `door`: the system (demo, hand-over)."""
    if door is not None and not door.has_perm(perm, obj):
        raise PermissionDenied("U mag dit niet doen voor deze gemeente.")


def _gemeente_id_van(*, kern=None, wijk=None, project=None):
    for obj in (wijk, kern, project):
        if obj is not None:
            return obj.gemeente_id
    return None


@transaction.atomic
def toewijzing_aanmaken(
    *,
    rol: Rol | str,
    van: datetime.date,
    tot: datetime.date | None = None,
    medewerker=None,
    naam: str = "",
    email: str = "",
    telefoon: str = "",
    kern: Kern | None = None,
    wijk: Wijk | None = None,
    project: Project | None = None,
    door=None,
) -> Toewijzing:
    """Assign a person to a role for an area or project. Overlapping periods are refused."""
    for gebied in (kern, wijk, project):
        if gebied is not None:
            _mag(door, "rollen.add_toewijzing", gebied)
    _vergrendel_gemeente(_gemeente_id_van(kern=kern, wijk=wijk, project=project))
    toewijzing = Toewijzing(
        rol=rol,
        van=van,
        tot=tot,
        medewerker=medewerker,
        naam=naam.strip(),
        email=email.strip(),
        telefoon=telefoon.strip(),
        kern=kern,
        wijk=wijk,
        project=project,
    )
    toewijzing.full_clean()
    toewijzing.save()
    return toewijzing


@transaction.atomic
def toewijzing_beeindigen(
    *,
    toewijzing: Toewijzing,
    tot: datetime.date,
    opvolger=None,
    reden: str = "",
    door=None,
) -> Overdracht:
    """End an assignment on `tot` (its last day). With a successor: the successor holds the same role
    for the same area from the next day, and the person's open work for that area moves to them
    (every registered open-work provider), all in one transaction, recorded as an Overdracht."""
    _mag(door, "rollen.change_toewijzing", toewijzing)
    _vergrendel_gemeente(toewijzing.gemeente_id)
    toewijzing = (
        Toewijzing.objects.select_for_update(of=("self",)).select_related("medewerker").get(pk=toewijzing.pk)
    )
    if tot < toewijzing.van:
        raise ValidationError({"tot": "De laatste dag ligt voor de begindatum van deze toewijzing."})
    if toewijzing.tot is not None and tot > toewijzing.tot:
        raise ValidationError(
            {"tot": f"Deze toewijzing eindigt al op {toewijzing.tot:%d-%m-%Y}. Kies die dag of eerder."}
        )
    if opvolger is not None and opvolger.pk == toewijzing.medewerker_id:
        raise ValidationError({"opvolger": "De opvolger is dezelfde persoon. Kies iemand anders."})

    oude_tot = toewijzing.tot
    toewijzing.tot = tot
    toewijzing.full_clean()
    toewijzing.save()

    opvolging, verplaatst = None, {}
    if opvolger is not None:
        try:
            opvolging = toewijzing_aanmaken(
                rol=toewijzing.rol,
                van=tot + datetime.timedelta(days=1),
                tot=oude_tot,
                medewerker=opvolger,
                kern=toewijzing.kern,
                wijk=toewijzing.wijk,
                project=toewijzing.project,
            )
        except ValidationError as fout:
            raise ValidationError(
                {"opvolger": [f"De opvolger kan deze rol niet krijgen: {m}" for m in fout.messages]}
            ) from fout
        if toewijzing.medewerker_id:
            for provider in open_werk_providers():
                verplaatst[provider.key] = provider.transfer(
                    van=toewijzing.medewerker, naar=opvolger, gebied=toewijzing.gebied, toewijzing=toewijzing
                )
    return Overdracht.objects.create(
        toewijzing=toewijzing,
        opvolging=opvolging,
        van=toewijzing.medewerker,
        naar=opvolger,
        datum=tot,
        reden=reden.strip(),
        verplaatst=verplaatst,
        door=door if door is not None and door.is_authenticated else None,
    )


# --- projects -------------------------------------------------------------------------------------
def _controleer_gebieden(gemeente, kernen, wijken) -> None:
    fouten = {}
    if any(k.gemeente_id != gemeente.pk for k in kernen):
        fouten["kernen"] = "Kies alleen kernen van de gemeente van het project."
    if any(w.gemeente_id != gemeente.pk for w in wijken):
        fouten["wijken"] = "Kies alleen wijken van de gemeente van het project."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def project_opslaan(
    *,
    gemeente: Gemeente,
    naam: str,
    beschrijving: str = "",
    fase: Fase | str = Fase.INITIATIEF,
    kernen=(),
    wijken=(),
    project: Project | None = None,
    door=None,
) -> Project:
    """Create a project, or update `project` when given."""
    if project is not None and project.pk:
        _mag(door, "rollen.change_project", project)
        if project.gemeente_id != gemeente.pk:
            raise ValidationError(
                {
                    "gemeente": "Een project blijft bij zijn gemeente. Maak in de andere gemeente een nieuw project."
                }
            )
    _mag(door, "rollen.add_project", gemeente)
    kernen, wijken = list(kernen), list(wijken)
    _controleer_gebieden(gemeente, kernen, wijken)
    project = project or Project(gemeente=gemeente)
    project.naam = naam.strip()
    project.beschrijving = beschrijving.strip()
    project.fase = fase
    if not project.slug:
        project.slug = slugify(project.naam)[:150]
    if Project.objects.filter(gemeente=gemeente, slug=project.slug).exclude(pk=project.pk).exists():
        raise ValidationError(
            {"naam": "Er is al een project met deze naam in deze gemeente. Kies een andere naam."}
        )
    project.full_clean()
    project.save()
    project.kernen.set(kernen)
    project.wijken.set(wijken)
    return project


@transaction.atomic
def participatiestap_toevoegen(
    *,
    project: Project,
    datum: datetime.date,
    wat: str,
    met_wie: str,
    uitkomst: str = "",
    niveau: str = "",
    uitgevoerd: bool | None = None,
    door=None,
) -> Participatiestap:
    """Add a step. Without `uitgevoerd`, a step dated today or earlier counts as done (the old form's
    meaning: it recorded steps taken)."""
    _mag(door, "rollen.add_participatiestap", project)
    if uitgevoerd is None:
        uitgevoerd = datum <= datetime.date.today()
    stap = Participatiestap(
        project=project,
        datum=datum,
        wat=wat.strip(),
        met_wie=met_wie.strip(),
        uitkomst=uitkomst.strip(),
        niveau=niveau,
        uitgevoerd=uitgevoerd,
    )
    stap.full_clean()
    stap.save()
    return stap


@transaction.atomic
def participatiestap_wijzigen(*, stap: Participatiestap, door=None, **velden) -> Participatiestap:
    """Change a step's date, text, level or done-mark (the apps above may narrow who: participatie lets
    only the plan's owner). Unknown fields are refused."""
    _mag(door, "rollen.add_participatiestap", stap.project)
    toegestaan = {"datum", "wat", "met_wie", "uitkomst", "niveau", "uitgevoerd"}
    if onbekend := set(velden) - toegestaan:
        raise ValueError(f"Onbekende velden: {sorted(onbekend)}")
    for veld, waarde in velden.items():
        setattr(stap, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    stap.full_clean()
    stap.save()
    return stap


# --- projects as the first open-work provider -------------------------------------------------------
def _lopende_om_toewijzingen(user_ids, op=None):
    return Toewijzing.objects.actief_op(op).filter(
        rol=Rol.OMGEVINGSMANAGER, medewerker_id__in=user_ids, project__fase__in=LOPENDE_FASEN
    )


def projecten_tellen(user_ids: list[int]) -> dict[int, int]:
    rijen = (
        _lopende_om_toewijzingen(user_ids).values("medewerker_id").annotate(n=Count("project", distinct=True))
    )
    return {r["medewerker_id"]: r["n"] for r in rijen}


def projecten_overdragen(*, van, naar, gebied, toewijzing) -> int:
    """Move `van`'s Omgevingsmanager role on running projects in the ended assignment's area to `naar`.

    For a project assignment the hand-over itself already made the successor's assignment."""
    if isinstance(gebied, Project):
        return 0
    dag = toewijzing.tot
    if isinstance(gebied, Kern):
        in_gebied = Q(project__kernen=gebied) | Q(project__wijken__kern=gebied)
    else:
        in_gebied = Q(project__wijken=gebied)
        if gebied.kern_id:
            in_gebied |= Q(project__kernen=gebied.kern_id)
    te_verplaatsen = list(
        _lopende_om_toewijzingen([van.pk], dag).filter(in_gebied).exclude(pk=toewijzing.pk).distinct()
    )
    for oud in te_verplaatsen:
        einde = oud.tot
        oud.tot = dag
        oud.full_clean()
        oud.save()
        toewijzing_aanmaken(
            rol=Rol.OMGEVINGSMANAGER,
            van=dag + datetime.timedelta(days=1),
            tot=einde,
            medewerker=naar,
            project=oud.project,
        )
    return len(te_verplaatsen)
