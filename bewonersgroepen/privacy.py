"""Personal data in bewonersgroepen for the AVG export and anonymisation (see accounts/privacy.py).

Memberships stay (the group's history must add up) and keep pointing to the anonymised account. What
identifies the person outside the account is replaced: invitations sent to them and the registrant's name
and address on groups they registered, also in the groups' history. Registrations they never confirmed
are deleted.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.utils import timezone

from accounts.constants import Gebruikerssoort
from accounts.models import User
from accounts.privacy import ANONIEM_DOMEIN, VOORMALIG_LID, anonieme_email, registreer_bron

from .models import (
    Betaalgegevenswijziging,
    Groep,
    Groepaanmelding,
    Groepstatusovergang,
    Lidmaatschap,
    Overeenkomststatusovergang,
    Uitnodiging,
)


def _actief(vandaag: datetime.date) -> Q:
    return Q(tot__isnull=True) | Q(tot__gt=vandaag)


def exporteren(user: User) -> dict:
    email = user.email
    return {
        "lidmaatschappen": [
            {
                "groep": lid.groep.naam,
                "functie": lid.get_functie_display(),
                "contactpersoon": lid.is_contactpersoon,
                "lid_sinds": lid.van,
                "lid_tot": lid.tot,
            }
            for lid in Lidmaatschap.objects.filter(gebruiker=user).select_related("groep").order_by("van")
        ],
        "uitnodigingen": [
            {
                "groep": u.groep.naam,
                "naam": u.naam,
                "e-mailadres": u.email,
                "verstuurd_op": u.aangemaakt_op,
                "geaccepteerd_op": u.geaccepteerd_op,
            }
            for u in Uitnodiging.objects.filter(Q(email=email) | Q(gebruiker=user))
            .select_related("groep")
            .order_by("aangemaakt_op")
        ],
        "aangemelde_groepen": [
            {"groep": g.naam, "naam_aanmelder": g.aanmelder_naam, "e-mailadres_aanmelder": g.aanmelder_email}
            for g in Groep.objects.filter(aanmelder_email=email).order_by("aangemaakt_op")
        ],
        "onbevestigde_aanmeldingen": [
            {
                "aangemeld_op": a.aangemaakt_op,
                "e-mailadres_aanmelder": a.aanmelder_email,
                "gegevens": a.gegevens,
            }
            for a in Groepaanmelding.objects.filter(aanmelder_email=email)
        ],
        "groepen_als_behandelaar": list(
            Groep.objects.filter(behandelaar=user).order_by("naam").values_list("naam", flat=True)
        ),
        "statuswijzigingen": [
            {"groep": str(s.groep), "naar": s.get_naar_display(), "op": s.op, "toelichting": s.toelichting}
            for s in Groepstatusovergang.objects.filter(door=user).select_related("groep")
        ]
        + [
            {"overeenkomst": str(s.overeenkomst), "naar": s.get_naar_display(), "op": s.op}
            for s in Overeenkomststatusovergang.objects.filter(door=user).select_related(
                "overeenkomst__groep"
            )
        ],
        "betaalgegevens_voorgesteld_of_afgehandeld": [
            {
                "groep": w.groep.naam,
                "iban": w.iban,
                "op_naam_van": w.tenaamstelling,
                "status": w.get_status_display(),
                "voorgesteld_op": w.voorgesteld_op if w.voorgesteld_door_id == user.pk else None,
                "afgehandeld_op": w.afgehandeld_op if w.afgehandeld_door_id == user.pk else None,
            }
            for w in Betaalgegevenswijziging.objects.filter(
                Q(voorgesteld_door=user) | Q(afgehandeld_door=user)
            )
            .select_related("groep")
            .order_by("voorgesteld_op")
        ],
    }


def anonimiseren(*, user: User, door=None) -> None:
    if Lidmaatschap.objects.filter(_actief(timezone.localdate()), gebruiker=user).exists():
        raise ValidationError(
            f"{user.naam} is nog lid van een groep. Beëindig eerst het lidmaatschap; "
            "daarna kunt u de persoon anonimiseren."
        )
    email = user.email
    for uitnodiging in Uitnodiging.objects.filter(Q(email=email) | Q(gebruiker=user)):
        uitnodiging.naam = VOORMALIG_LID
        uitnodiging.email = anonieme_email(user)
        uitnodiging.save(update_fields=["naam", "email"])
    for groep in Groep.objects.filter(aanmelder_email=email):
        groep.aanmelder_naam = VOORMALIG_LID
        groep.aanmelder_email = ""
        groep._history_user = door
        groep.save(update_fields=["aanmelder_naam", "aanmelder_email"])
    # Older versions in the audit trail hold the same data.
    Groep.history.filter(aanmelder_email=email).update(aanmelder_naam=VOORMALIG_LID, aanmelder_email="")
    # A registration they never confirmed is no record of anything: it goes.
    Groepaanmelding.objects.filter(aanmelder_email=email).delete()


def oud_leden(*, beeindigd_voor: datetime.date):
    """Members without an active membership whose last membership ended before that date.

    Only people who are nothing but a group member (staff, raadsleden and admins are kept) and are not
    anonymised yet.
    """
    vandaag = timezone.localdate()
    actief = Lidmaatschap.objects.filter(_actief(vandaag)).values("gebruiker")
    kandidaten = (
        User.objects.filter(lidmaatschappen__isnull=False)
        .exclude(pk__in=actief)
        .exclude(groups__name__in=[s for s in Gebruikerssoort if s != Gebruikerssoort.GROEPSLID])
        .exclude(is_staff=True)
        .exclude(is_superuser=True)
        .annotate(laatste_tot=Max("lidmaatschappen__tot"))
        .filter(laatste_tot__lt=beeindigd_voor)
        .exclude(email__iendswith="@" + ANONIEM_DOMEIN)
        .order_by("pk")
    )
    return kandidaten


def verlopen_uitnodigingen_opruimen(*, verlopen_voor) -> int:
    """Delete invitations nobody accepted that expired before that moment (name and address of a non-member)."""
    aantal, _ = Uitnodiging.objects.filter(
        geaccepteerd_op__isnull=True, verloopt_op__lt=verlopen_voor
    ).delete()
    return aantal


registreer_bron(
    "bewonersgroepen", label="Bewonersgroepen", exporteren=exporteren, anonimiseren=anonimiseren, order=20
)
