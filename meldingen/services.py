"""Every write of meldingen: reporting, routing, the steps, notes, (re)assigning, the hand-over."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

import berichten
from berichten.opmaak import portaal_url
from bestanden import OpslagFout, exif_verwijderen
from rollen.permissions import is_staf_van_gemeente

from . import selectors
from .constants import (
    FEEDBACK_DAGEN,
    GESLOTEN,
    MAX_FOTOS,
    OPEN,
    REFERENTIE_FORMAAT,
    MeldingStatus,
    NotitieSoort,
)
from .models import Categorie, Doorzetting, Foto, Melding, Meldingstatuswijziging, Notitie, Volgnummer
from .termijn import werkdagen_erbij
from .werkstromen import MELDING

BEHANDELAAR_GEWIJZIGD = "Behandelaar gewijzigd"


def volgende_referentie(jaar: int) -> str:
    """The next reference of the year, safe when two reports arrive at once (a conditional UPDATE; the
    row is made once, a second maker retries the update)."""
    rij = Volgnummer.objects.filter(jaar=jaar)
    with transaction.atomic():
        if not rij.update(laatste=F("laatste") + 1):
            try:
                with transaction.atomic():
                    Volgnummer.objects.create(jaar=jaar, laatste=1)
            except IntegrityError:
                rij.update(laatste=F("laatste") + 1)
        nummer = rij.values_list("laatste", flat=True).get()
    return REFERENTIE_FORMAAT.format(jaar=jaar, nummer=nummer)


def deadline_voor(categorie: Categorie, vanaf: datetime.date) -> datetime.date:
    return werkdagen_erbij(vanaf, categorie.afhandeltermijn)


def melding_doen(
    *,
    gemeente,
    categorie: Categorie,
    tekst: str,
    kern=None,
    wijk=None,
    straat: str = "",
    herkenningspunt: str = "",
    lat=None,
    lon=None,
    email: str = "",
    telefoon: str = "",
    fotos=(),
    door=None,
    op: datetime.datetime | None = None,
) -> Melding:
    """A resident's report: checked, numbered, routed, its photos stored without EXIF, the first history
    row, and (with an e-mail address) the receipt queued — all in one transaction."""
    op = op or timezone.now()
    if categorie.gemeente_id != gemeente.pk or not categorie.actief:
        raise ValidationError({"categorie": "Kies een categorie uit de lijst."})
    fotos = [f for f in fotos if f]
    if len(fotos) > MAX_FOTOS:
        raise ValidationError({"fotos": f"U kunt hoogstens {MAX_FOTOS} foto's meesturen."})
    if (lat is None) != (lon is None):
        raise ValidationError("Geef een punt op de kaart met beide coördinaten, of geen.")
    if lat is not None:
        # The point on the map is more precise than a choice from the list: its wijk wins. A point in no
        # wijk (or where no boundaries are known) keeps the chosen area; else the kern that holds it.
        wijk = selectors.wijk_bij_punt(gemeente, lat, lon) or wijk
        if wijk is None and kern is None:
            kern = selectors.kern_bij_punt(gemeente, lat, lon)
    if wijk is not None:
        if wijk.gemeente_id != gemeente.pk:
            raise ValidationError({"wijk": "Deze wijk ligt niet in de gemeente."})
        kern = wijk.kern
    if kern is not None and kern.gemeente_id != gemeente.pk:
        raise ValidationError({"kern": "Deze kern ligt niet in de gemeente."})
    if kern is None and not (straat or herkenningspunt or lat is not None):
        raise ValidationError({"straat": "Vertel waar het is: kies een kern of wijk, of vul de straat in."})
    dag = timezone.localdate(op)
    melding = Melding(
        gemeente=gemeente,
        categorie=categorie,
        tekst=(tekst or "").strip(),
        kern=kern,
        wijk=wijk,
        straat=straat.strip(),
        herkenningspunt=herkenningspunt.strip(),
        lat=lat,
        lon=lon,
        email=(email or "").strip(),
        telefoon=(telefoon or "").strip(),
        melder=door if door is not None and door.is_authenticated else None,
        gemeld_op=op,
        deadline=deadline_voor(categorie, dag),
        behandelaar=selectors.behandelaar_voor(categorie=categorie, wijk=wijk, kern=kern, op=dag),
        referentie="M-0000-000000",  # replaced below, inside the transaction
    )
    melding.full_clean(exclude=["referentie", "token"])
    foto_rijen = []
    for bestand in fotos:
        foto = Foto(melding=melding, bestand=bestand)
        foto.full_clean(exclude=["melding"])
        foto_rijen.append(foto)
    try:
        with transaction.atomic():
            melding.referentie = volgende_referentie(dag.year)
            melding.save()
            MELDING.historie_schrijven(obj=melding, van="", naar=MeldingStatus.GEMELD, door=None, op=op)
            for foto in foto_rijen:
                foto.melding = melding
                foto.bestand = exif_verwijderen(foto.bestand)
                foto.save()
            if melding.email:
                berichten.sjabloonmail(
                    melding.email,
                    "meldingen/mail/ontvangen",
                    {"melding": melding, "url": portaal_url(melding.get_status_url())},
                    gemeente=gemeente,
                )
            if melding.behandelaar is not None and melding.behandelaar.email:
                berichten.sjabloonmail(
                    melding.behandelaar.email,
                    "meldingen/mail/nieuwe_melding",
                    {"melding": melding, "url": portaal_url(melding.get_absolute_url())},
                    gemeente=gemeente,
                )
    except OpslagFout as fout:
        raise ValidationError({"fotos": fout.melding}) from fout
    return melding


def _vergrendeld(melding: Melding) -> Melding:
    return Melding.objects.select_for_update().select_related("categorie").get(pk=melding.pk)


def _melder_mailen(melding: Melding, tekst: str) -> bool:
    if not melding.email:
        return False
    berichten.sjabloonmail(
        melding.email,
        "meldingen/mail/bericht",
        {"melding": melding, "tekst": tekst, "url": portaal_url(melding.get_status_url())},
        gemeente=melding.gemeente,
    )
    return True


def _afsluitmail(melding: Melding, tekst: str) -> bool:
    """The closing mail: staff's closing text, the question "tevreden?" (a link to rate 1-5 with a
    remark on the status page) and a one-click link to ask to reopen, both valid FEEDBACK_DAGEN days."""
    if not melding.email:
        return False
    berichten.sjabloonmail(
        melding.email,
        "meldingen/mail/afgehandeld",
        {
            "melding": melding,
            "tekst": tekst,
            "url": portaal_url(melding.get_status_url()) + "#reactie-kop",
            "knop": "Geef uw cijfer",
            "heropenen_url": portaal_url(melding.get_heropenen_url()),
            "tot": melding.feedback_tot,
        },
        gemeente=melding.gemeente,
    )
    return True


def melding_overgaan(
    *,
    melding: Melding,
    naar: str,
    door,
    tekst: str = "",
    melder_informeren: bool = False,
    op: datetime.datetime | None = None,
) -> Melding:
    """One step of the workflow (who, when, text in the history). With `melder_informeren` the text
    goes to the reporter by mail and is kept as a message to the reporter."""
    tekst = (tekst or "").strip()
    if melder_informeren and not tekst:
        raise ValidationError({"toelichting": "Schrijf de tekst die de melder krijgt."})
    with transaction.atomic():
        melding = _vergrendeld(melding)
        stap = MELDING.overgaan(obj=melding, naar=naar, door=door, reden=tekst, op=op)
        velden = ["status"]
        if naar in GESLOTEN:
            melding.gesloten_op = stap.op
            velden.append("gesloten_op")
        elif naar == MeldingStatus.HEROPEND:
            if melding.hoofdmelding_id:  # reopened on its own: no longer a duplicate
                melding.hoofdmelding = None
                velden.append("hoofdmelding")
            melding.gesloten_op = None
            melding.heropenverzoek_op = None
            velden.append("heropenverzoek_op")
            melding.deadline = deadline_voor(melding.categorie, timezone.localdate(stap.op))
            velden += ["gesloten_op", "deadline"]
        if naar == MeldingStatus.IN_BEHANDELING and melding.behandelaar_id is None:
            melding.behandelaar = door
            velden.append("behandelaar")
        melding.save(update_fields=velden)
        if melder_informeren:
            if naar == MeldingStatus.AFGEHANDELD:
                stap.melder_geinformeerd = _afsluitmail(melding, tekst)
            else:
                stap.melder_geinformeerd = _melder_mailen(melding, tekst)
            stap.save(update_fields=["melder_geinformeerd"])
            Notitie.objects.create(
                melding=melding, soort=NotitieSoort.AAN_MELDER, tekst=tekst, door=door, op=stap.op
            )
            if naar in GESLOTEN:
                _volgers_mailen(melding, tekst)
    return melding


def _volgers_mailen(melding: Melding, tekst: str) -> int:
    """The closing message also goes to the reporters of the duplicates who left an e-mail address."""
    gehad = {melding.email}
    for dubbel in melding.duplicaten.exclude(email="").order_by("pk"):
        if dubbel.email in gehad:
            continue
        gehad.add(dubbel.email)
        berichten.sjabloonmail(
            dubbel.email,
            "meldingen/mail/bericht",
            {
                "melding": melding,
                "eigen": dubbel,
                "tekst": tekst,
                "url": portaal_url(melding.get_status_url()),
            },
            gemeente=melding.gemeente,
        )
    return len(gehad) - 1


def als_dubbel_markeren(*, melding: Melding, hoofdmelding: Melding, door, reden: str) -> Melding:
    """Staff mark `melding` as a duplicate of another open melding of the same gemeente: it is closed
    (afgehandeld, through the workflow) with the reason, both histories record it, and its reporter (with
    an e-mail address) hears it with the main report's status link; from then on they follow the main one."""
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente voegen meldingen samen.")
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": "Leg uit waarom dit dezelfde melding is."})
    with transaction.atomic():
        # Lock both rows in a fixed order (no deadlock when two staff merge the other way round).
        rijen = {
            m.pk: m
            for m in Melding.objects.select_for_update()
            .select_related("categorie", "gemeente")
            .filter(pk__in=[melding.pk, hoofdmelding.pk])
            .order_by("pk")
        }
        melding, hoofd = rijen[melding.pk], rijen.get(hoofdmelding.pk)
        if hoofd is None or hoofd.pk == melding.pk:
            raise ValidationError({"hoofdmelding": "Een melding is geen dubbel van zichzelf."})
        if hoofd.gemeente_id != melding.gemeente_id:
            raise ValidationError({"hoofdmelding": "Kies een melding van dezelfde gemeente."})
        if hoofd.hoofdmelding_id:
            raise ValidationError(
                {"hoofdmelding": f"{hoofd.referentie} is zelf een dubbele melding. Kies de hoofdmelding."}
            )
        if not hoofd.is_open:
            raise ValidationError({"hoofdmelding": f"{hoofd.referentie} is gesloten. Kies een open melding."})
        if not melding.is_open:
            raise ValidationError("Deze melding is al gesloten.")
        if melding.duplicaten.exists():
            raise ValidationError(
                "Andere meldingen zijn hiermee samengevoegd. Maak deze melding daarom niet zelf dubbel."
            )
        stap = MELDING.overgaan(
            obj=melding,
            naar=MeldingStatus.AFGEHANDELD,
            door=door,
            reden=f"Dubbel: samengevoegd met {hoofd.referentie}. {reden}",
        )
        melding.hoofdmelding = hoofd
        melding.gesloten_op = stap.op
        melding.save(update_fields=["status", "hoofdmelding", "gesloten_op"])
        MELDING.historie_schrijven(
            obj=hoofd,
            van=hoofd.status,
            naar=hoofd.status,
            door=door,
            reden=f"{melding.referentie} is hiermee samengevoegd (dubbel). {reden}",
            op=stap.op,
        )
        if melding.email:
            berichten.sjabloonmail(
                melding.email,
                "meldingen/mail/samengevoegd",
                {"melding": melding, "hoofd": hoofd, "url": portaal_url(hoofd.get_status_url())},
                gemeente=melding.gemeente,
            )
            stap.melder_geinformeerd = True
            stap.save(update_fields=["melder_geinformeerd"])
    return melding


def notitie_toevoegen(*, melding: Melding, door, tekst: str, aan_melder: bool = False) -> Notitie:
    """An internal note, or (aan_melder) a message mailed to the reporter."""
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente schrijven bij een melding.")
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": "Schrijf een tekst."})
    if aan_melder and not melding.email:
        raise ValidationError({"tekst": "De melder heeft geen e-mailadres gegeven."})
    with transaction.atomic():
        notitie = Notitie.objects.create(
            melding=melding,
            soort=NotitieSoort.AAN_MELDER if aan_melder else NotitieSoort.INTERN,
            tekst=tekst,
            door=door,
        )
        if aan_melder:
            _melder_mailen(melding, tekst)
    return notitie


def melding_toewijzen(*, melding: Melding, door, behandelaar) -> Melding:
    """Take over (behandelaar = door) or hand to a colleague of the same gemeente; written in the history."""
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente wijzen meldingen toe.")
    if behandelaar is not None and not (
        behandelaar.gemeente_id == melding.gemeente_id
        and is_staf_van_gemeente(behandelaar, melding.gemeente_id)
    ):
        raise ValidationError({"behandelaar": "Kies een medewerker van de gemeente."})
    with transaction.atomic():
        melding = _vergrendeld(melding)
        if melding.status in GESLOTEN:
            raise ValidationError("Een gesloten melding wijst u niet meer toe. Heropen haar eerst.")
        if melding.behandelaar_id == getattr(behandelaar, "pk", None):
            return melding
        melding.behandelaar = behandelaar
        melding.save(update_fields=["behandelaar"])
        if behandelaar is None:
            tekst = "Terug naar de wachtrij (niet toegewezen)."
        elif behandelaar == door:
            tekst = f"Overgenomen door {door.naam}."
        else:
            tekst = f"Toegewezen aan {behandelaar.naam}."
        MELDING.historie_schrijven(
            obj=melding,
            van=melding.status,
            naar=melding.status,
            door=door,
            reden=tekst,
            gebeurtenis=BEHANDELAAR_GEWIJZIGD,
        )
        if behandelaar is not None and behandelaar != door and behandelaar.email:
            berichten.sjabloonmail(
                behandelaar.email,
                "meldingen/mail/nieuwe_melding",
                {"melding": melding, "url": portaal_url(melding.get_absolute_url())},
                gemeente=melding.gemeente,
            )
    return melding


def meldingen_overdragen(*, van, naar, gebied, toewijzing=None) -> int:
    """The hand-over (rollen): open meldingen of `van` in the area move to the successor."""
    label = gebied._meta.label
    if label == "gebieden.Kern":
        waar = Q(kern=gebied) | Q(wijk__kern=gebied)
    elif label == "gebieden.Wijk":
        waar = Q(wijk=gebied)
    else:
        return 0
    with transaction.atomic():
        meldingen = list(
            Melding.objects.select_for_update(of=("self",))
            .filter(waar, behandelaar=van, status__in=OPEN)
            .only("pk", "status")
        )
        if not meldingen:
            return 0
        # One history row each, as melding_toewijzen writes (and the other apps' hand-overs do).
        tekst = f"Overgedragen van {van.naam} aan {naar.naam if naar is not None else 'niemand (wachtrij)'}."
        nu = timezone.now()
        Meldingstatuswijziging.objects.bulk_create(
            Meldingstatuswijziging(
                melding=m,
                van=m.status,
                naar=m.status,
                door=None,
                op=nu,
                toelichting=tekst,
                gebeurtenis=BEHANDELAAR_GEWIJZIGD,
            )
            for m in meldingen
        )
        return Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(behandelaar=naar)


def feedback_geven(
    *, melding: Melding, tevredenheid: int, opmerking: str = "", heropenen: bool = False, op=None
) -> Melding:
    """The reporter's answer on the status page (whoever has the secret link): satisfied 1-5 and a
    remark, once, within FEEDBACK_DAGEN days after handling; optionally a request to reopen, which the
    handler reviews (a mail to them; the melding shows in the queue "Verzoek om heropenen")."""
    op = op or timezone.now()
    if not 1 <= int(tevredenheid) <= 5:
        raise ValidationError({"tevredenheid": "Kies een cijfer van 1 tot en met 5."})
    with transaction.atomic():
        melding = _vergrendeld(melding)
        if not melding.feedback_mogelijk(op):
            raise ValidationError(
                f"U kunt alleen binnen {FEEDBACK_DAGEN} dagen na het afhandelen één keer reageren."
            )
        melding.tevredenheid = int(tevredenheid)
        melding.tevredenheid_opmerking = (opmerking or "").strip()
        velden = ["tevredenheid", "tevredenheid_opmerking"]
        tekst = f"De melder geeft een {melding.tevredenheid} (1-5)."
        if heropenen and melding.heropenen_aanvragen_mogelijk(op):
            melding.heropenverzoek_op = op
            velden.append("heropenverzoek_op")
            tekst += " De melder vraagt de melding te heropenen."
        melding.save(update_fields=velden)
        MELDING.historie_schrijven(
            obj=melding, van=melding.status, naar=melding.status, door=None, reden=tekst, op=op
        )
        if "heropenverzoek_op" in velden:
            _heropenverzoek_melden(melding)
    return melding


def _heropenverzoek_melden(melding: Melding) -> None:
    if melding.behandelaar is not None and melding.behandelaar.email:
        berichten.sjabloonmail(
            melding.behandelaar.email,
            "meldingen/mail/heropenverzoek",
            {"melding": melding, "url": portaal_url(melding.get_absolute_url())},
            gemeente=melding.gemeente,
        )


def heropenen_aanvragen(*, melding: Melding, op=None) -> Melding:
    """The reporter's one-click request to reopen (the link in the closing mail, confirmed with a POST):
    once per closing, within FEEDBACK_DAGEN days. Staff review it (heropenverzoek_honoreren or
    heropenverzoek_afwijzen); the handler gets a mail, the melding shows in "Verzoek om heropenen"."""
    op = op or timezone.now()
    with transaction.atomic():
        melding = _vergrendeld(melding)
        if not melding.heropenen_aanvragen_mogelijk(op):
            raise ValidationError(
                f"U kunt alleen binnen {FEEDBACK_DAGEN} dagen na het afhandelen één keer vragen "
                "de melding te heropenen."
            )
        melding.heropenverzoek_op = op
        melding.save(update_fields=["heropenverzoek_op"])
        MELDING.historie_schrijven(
            obj=melding,
            van=melding.status,
            naar=melding.status,
            door=None,
            reden="De melder vraagt de melding te heropenen.",
            op=op,
            gebeurtenis="Verzoek om heropenen",
        )
        _heropenverzoek_melden(melding)
    return melding


def heropenverzoek_honoreren(*, melding: Melding, door, tekst: str) -> Melding:
    """Staff accept a request to reopen: the melding goes to "heropend" through the workflow (a new
    term), and the reporter gets the text when they gave an e-mail address."""
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente beoordelen een verzoek om heropenen.")
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": "Schrijf wat u gaat doen. De melder krijgt deze tekst."})
    if melding.heropenverzoek_op is None:
        raise ValidationError("Er is geen verzoek om heropenen (meer).")
    return melding_overgaan(
        melding=melding,
        naar=MeldingStatus.HEROPEND,
        door=door,
        tekst=tekst,
        melder_informeren=bool(melding.email),
    )


def heropenverzoek_afwijzen(*, melding: Melding, door, tekst: str) -> Melding:
    """Staff keep the melding closed after a request to reopen: the reason goes to the reporter."""
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente beoordelen een verzoek om heropenen.")
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": "Leg de melder uit waarom de melding gesloten blijft."})
    with transaction.atomic():
        melding = _vergrendeld(melding)
        if melding.heropenverzoek_op is None:
            raise ValidationError("Er is geen verzoek om heropenen (meer).")
        melding.heropenverzoek_op = None
        melding.heropenverzoek_afgewezen_op = timezone.now()
        melding.save(update_fields=["heropenverzoek_op", "heropenverzoek_afgewezen_op"])
        MELDING.historie_schrijven(
            obj=melding,
            van=melding.status,
            naar=melding.status,
            door=door,
            reden=f"Verzoek om heropenen afgewezen: {tekst}",
            op=melding.heropenverzoek_afgewezen_op,
        )
        Notitie.objects.create(melding=melding, soort=NotitieSoort.AAN_MELDER, tekst=tekst, door=door)
        _melder_mailen(melding, tekst)
    return melding


def doorzetten(
    *, melding: Melding, door, aan: str, vraag: str, aan_email: str = "", op: datetime.datetime | None = None
) -> Doorzetting:
    """Forward a melding to a vakafdeling or ketenpartner as a tracked question: the melding becomes
    "doorgezet" through the workflow (with the question in its history); with an e-mail address the
    question is mailed (durable queue, after commit)."""
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente zetten een melding door.")
    aan, vraag, aan_email = (aan or "").strip(), (vraag or "").strip(), (aan_email or "").strip()
    if not aan:
        raise ValidationError({"aan": "Schrijf aan welke afdeling of organisatie u de vraag stelt."})
    if not vraag:
        raise ValidationError({"vraag": "Schrijf de vraag."})
    with transaction.atomic():
        melding = _vergrendeld(melding)
        if not melding.is_open:
            raise ValidationError("Een gesloten melding zet u niet door. Heropen haar eerst.")
        doorzetting = Doorzetting(
            melding=melding,
            aan=aan,
            aan_email=aan_email,
            vraag=vraag,
            gesteld_door=door,
            gesteld_op=op or timezone.now(),
        )
        doorzetting.full_clean()
        # The question first: the workflow lets a melding be "doorgezet" only with an open question.
        doorzetting.save()
        tekst = f"Vraag aan {aan}: {vraag}"
        if melding.status == MeldingStatus.DOORGEZET:  # a further question: an event in the history
            MELDING.historie_schrijven(
                obj=melding,
                van=melding.status,
                naar=melding.status,
                door=door,
                reden=tekst,
                op=doorzetting.gesteld_op,
            )
        else:
            MELDING.overgaan(
                obj=melding, naar=MeldingStatus.DOORGEZET, door=door, reden=tekst, op=doorzetting.gesteld_op
            )
            melding.save(update_fields=["status"])
        if aan_email:
            berichten.sjabloonmail(
                aan_email,
                "meldingen/mail/doorzetting",
                {
                    "melding": melding,
                    "doorzetting": doorzetting,
                    "door": door,
                    "url": portaal_url(melding.get_absolute_url()),
                },
                gemeente=melding.gemeente,
            )
    return doorzetting


def doorzetting_beantwoorden(
    *, doorzetting: Doorzetting, door, antwoord: str, op: datetime.datetime | None = None
) -> Doorzetting:
    """Staff record the answer to a forwarded question. When no other question is open, the melding goes
    back to "in behandeling" through the workflow; the answer is in its history either way."""
    melding = doorzetting.melding
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente leggen een antwoord vast.")
    antwoord = (antwoord or "").strip()
    if not antwoord:
        raise ValidationError({"antwoord": "Schrijf het antwoord."})
    with transaction.atomic():
        melding = _vergrendeld(melding)
        doorzetting = Doorzetting.objects.select_for_update().get(pk=doorzetting.pk, melding=melding)
        if not doorzetting.is_open:
            raise ValidationError("Deze vraag is al beantwoord.")
        nu = op or timezone.now()
        doorzetting.antwoord, doorzetting.beantwoord_door, doorzetting.beantwoord_op = antwoord, door, nu
        doorzetting.save(update_fields=["antwoord", "beantwoord_door", "beantwoord_op"])
        tekst = f"Antwoord van {doorzetting.aan}: {antwoord}"
        nog_open = melding.doorzettingen.filter(beantwoord_op=None).exists()
        if melding.status == MeldingStatus.DOORGEZET and not nog_open:
            MELDING.overgaan(obj=melding, naar=MeldingStatus.IN_BEHANDELING, door=door, reden=tekst, op=nu)
            melding.save(update_fields=["status"])
        else:
            MELDING.historie_schrijven(
                obj=melding, van=melding.status, naar=melding.status, door=door, reden=tekst, op=nu
            )
    doorzetting.melding = melding
    return doorzetting


# --- what the public sees ---------------------------------------------------------------------------
def foto_publiceren(*, foto: Foto, door, publiceren: bool = True) -> Foto:
    """Staff make one photo public (status page, public map and list) or private again; in the history."""
    melding = foto.melding
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente publiceren foto's.")
    with transaction.atomic():
        melding = _vergrendeld(melding)
        foto = Foto.objects.select_for_update().get(pk=foto.pk, melding=melding)
        if foto.is_openbaar == publiceren:
            return foto
        nummer = list(melding.fotos.values_list("pk", flat=True)).index(foto.pk) + 1
        if publiceren:
            foto.gepubliceerd_op, foto.gepubliceerd_door = timezone.now(), door
        else:
            foto.gepubliceerd_op, foto.gepubliceerd_door = None, None
        foto.save(update_fields=["gepubliceerd_op", "gepubliceerd_door"])
        MELDING.historie_schrijven(
            obj=melding,
            van=melding.status,
            naar=melding.status,
            door=door,
            reden=f"Foto {nummer} is {'openbaar' if publiceren else 'weer privé'}.",
            gebeurtenis="Foto gepubliceerd" if publiceren else "Foto niet meer openbaar",
        )
    return foto


def openbare_toelichting_wijzigen(*, melding: Melding, door, tekst: str) -> Melding:
    """Staff publish a text about the melding for everyone (empty: withdraw it); in the history."""
    if not is_staf_van_gemeente(door, melding.gemeente_id):
        raise PermissionDenied("Alleen medewerkers van de gemeente publiceren een toelichting.")
    tekst = (tekst or "").strip()
    with transaction.atomic():
        melding = _vergrendeld(melding)
        if melding.openbare_toelichting == tekst:
            return melding
        melding.openbare_toelichting = tekst
        melding.full_clean(exclude=["referentie", "token"])
        melding.save(update_fields=["openbare_toelichting"])
        MELDING.historie_schrijven(
            obj=melding,
            van=melding.status,
            naar=melding.status,
            door=door,
            reden=tekst or "De openbare toelichting is weggehaald.",
            gebeurtenis="Openbare toelichting gepubliceerd" if tekst else "Openbare toelichting weggehaald",
        )
    return melding


# --- retention (docs/privacy.md) --------------------------------------------------------------------
def contactgegevens_opruimen(*, gesloten_voor: datetime.datetime, proef: bool = False) -> int:
    """Remove the reporter's e-mail address, phone and account link from meldingen closed before
    `gesloten_voor` (settings.MELDINGEN_CONTACT_BEWAREN_DAGEN after closing; run daily by the worker's
    schedule, command meldingen_contact_opruimen). A duplicate keeps them while its main report is open:
    its reporter hears when that one closes. One history row per melding, no names in it."""
    qs = (
        Melding.objects.filter(status__in=GESLOTEN, gesloten_op__lt=gesloten_voor)
        .filter(~Q(email="") | ~Q(telefoon="") | Q(melder__isnull=False))
        .exclude(hoofdmelding__status__in=OPEN)
    )
    if proef:
        return qs.count()
    totaal = 0
    nu = timezone.now()
    while True:
        with transaction.atomic():
            rijen = list(qs.select_for_update(of=("self",)).only("pk", "status").order_by("pk")[:1000])
            if not rijen:
                return totaal
            Meldingstatuswijziging.objects.bulk_create(
                Meldingstatuswijziging(
                    melding=m,
                    van=m.status,
                    naar=m.status,
                    door=None,
                    op=nu,
                    gebeurtenis="Contactgegevens verwijderd",
                    toelichting="De bewaartermijn is voorbij: e-mailadres en telefoonnummer van de melder "
                    "zijn verwijderd.",
                )
                for m in rijen
            )
            totaal += Melding.objects.filter(pk__in=[m.pk for m in rijen]).update(
                email="", telefoon="", melder=None
            )
