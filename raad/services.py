"""Writes for the council pages: registering motions and adding their progress updates."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .constants import MotieSoort, MotieStatus
from .models import Motie, Thema, Voortgangsupdate
from .werkstromen import MOTIE


def _mag_schrijven(user, obj) -> None:
    if not user.has_perm("raad.change_motie", obj):
        raise PermissionDenied("Alleen medewerkers van deze gemeente mogen moties bijwerken.")


@transaction.atomic
def motie_registreren(
    *,
    door,
    gemeente,
    nummer: str,
    titel: str,
    indieners: str,
    jaar: int | None = None,
    datum_aangenomen: datetime.date | None = None,
    gevraagde_actie: str,
    soort: str = MotieSoort.MOTIE,
    kernen=(),
    themas=(),
    projecten=(),
) -> Motie:
    if not door.has_perm("raad.add_motie", gemeente):
        raise PermissionDenied("Alleen medewerkers van deze gemeente mogen moties toevoegen.")
    motie = Motie(gemeente=gemeente, status=MotieStatus.LOPEND)
    return _motie_opslaan(
        motie,
        nummer=nummer,
        titel=titel,
        indieners=indieners,
        jaar=jaar,
        datum_aangenomen=datum_aangenomen,
        gevraagde_actie=gevraagde_actie,
        soort=soort,
        kernen=kernen,
        themas=themas,
        projecten=projecten,
    )


@transaction.atomic
def motie_bijwerken(
    *,
    door,
    motie: Motie,
    nummer: str,
    titel: str,
    indieners: str,
    jaar: int | None = None,
    datum_aangenomen: datetime.date | None = None,
    gevraagde_actie: str,
    soort: str = MotieSoort.MOTIE,
    kernen=(),
    themas=(),
    projecten=(),
) -> Motie:
    """Correct a motion's facts; its status only changes through `voortgang_toevoegen`."""
    _mag_schrijven(door, motie)
    motie = Motie.objects.select_for_update().get(pk=motie.pk)
    return _motie_opslaan(
        motie,
        nummer=nummer,
        titel=titel,
        indieners=indieners,
        jaar=jaar,
        datum_aangenomen=datum_aangenomen,
        gevraagde_actie=gevraagde_actie,
        soort=soort,
        kernen=kernen,
        themas=themas,
        projecten=projecten,
    )


def _motie_opslaan(
    motie,
    *,
    nummer,
    titel,
    indieners,
    jaar,
    datum_aangenomen,
    gevraagde_actie,
    soort,
    kernen,
    themas,
    projecten=(),
):
    kernen = list(kernen)
    if any(kern.gemeente_id != motie.gemeente_id for kern in kernen):
        raise ValidationError({"kernen": "Kies alleen kernen van de gemeente van deze motie."})
    projecten = list(projecten)
    if any(project.gemeente_id != motie.gemeente_id for project in projecten):
        raise ValidationError({"projecten": "Kies alleen projecten van de gemeente van deze motie."})
    motie.nummer = nummer.strip().upper()
    if Motie.objects.filter(gemeente_id=motie.gemeente_id, nummer=motie.nummer).exclude(pk=motie.pk).exists():
        raise ValidationError({"nummer": f"Er is al een motie met nummer {motie.nummer} in deze gemeente."})
    motie.titel = titel.strip()
    motie.indieners = indieners.strip()
    motie.datum_aangenomen = datum_aangenomen
    motie.jaar = jaar if jaar is not None else (datum_aangenomen.year if datum_aangenomen else None)
    motie.gevraagde_actie = gevraagde_actie.strip()
    motie.soort = soort
    motie.full_clean()
    motie.save()
    motie.kernen.set(kernen)
    motie.themas.set(list(themas))
    motie.projecten.set(projecten)
    return motie


def thema_ophalen(*, naam: str) -> Thema:
    """The theme with this name, created when new (idempotent; used by the demo and imports)."""
    thema, _ = Thema.objects.get_or_create(naam=naam.strip())
    return thema


@transaction.atomic
def voortgang_toevoegen(
    *, door, motie: Motie, datum: datetime.date, tekst: str, nieuwe_status: str = ""
) -> Voortgangsupdate:
    """Append a dated 'stand van zaken'; optionally change the status through the workflow (the text is
    the step's reason, the history row records who and when)."""
    _mag_schrijven(door, motie)
    motie = Motie.objects.select_for_update().get(pk=motie.pk)
    update = Voortgangsupdate(motie=motie, datum=datum, tekst=tekst.strip(), auteur=door)
    if nieuwe_status and nieuwe_status != motie.status:
        update.status_van = motie.status
        MOTIE.overgaan(obj=motie, naar=nieuwe_status, door=door, reden=update.tekst)
        update.status_naar = motie.status
    update.full_clean()
    update.save()
    if update.status_naar:
        motie.save(update_fields=["status", "gewijzigd_op"])
    return update


def voortgang_importeren(*, motie: Motie, datum: datetime.date, tekst: str) -> Voortgangsupdate:
    """For the demo and imports of existing updates: idempotent on (motie, datum), no author; the same
    text again writes nothing (no history row)."""
    update, nieuw = Voortgangsupdate.objects.get_or_create(
        motie=motie, datum=datum, defaults={"tekst": tekst}
    )
    if not nieuw and update.tekst != tekst:
        update.tekst = tekst
        update.save()
    return update
