"""Every write to applications: create, edit, submit, decide, pay, account for, settle.

Each public service takes keyword-only arguments (a service that records when takes `nu`, the moment,
default now: the demo replays steps on past days), checks the actor against the one transition
table (`werkstromen.AANVRAAG`) through `AANVRAAG.overgaan`, runs in one transaction with the application
row locked (a double click or two staff members at once cannot make a step twice), and sends its
e-mails only after the commit.
"""

import copy
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from bewonersgroepen.constants import Overeenkomststatus
from invoer import format_euro
from invoer import versie as versies
from rollen.permissions import is_medewerker_van_gemeente

from . import brieven, geld, mail, selectors, vier_ogen
from .aanmerking import komt_in_aanmerking, regeling_nu
from .constants import (
    BEWERKBAAR,
    MAX_VERDAGING_WEKEN,
    VERANTWOORDING_WEKEN,
    BijlageSoort,
    Soort,
    Status,
)
from .models import NUL, Aanvraag, Bijlage, Budget, Kostenpost, Regeling
from .permissions import is_lid_van_groep, is_medewerker_van_gebied
from .termijnen import uiterste_beslisdatum
from .voorwaarden import NIET_GELEZEN
from .werkstromen import AANVRAAG


@dataclass(frozen=True)
class Kostenregel:
    omschrijving: str
    bedrag: Decimal


def _nu():
    return timezone.now()


def _vandaag(nu: datetime | None = None) -> date:
    return timezone.localdate(nu or _nu())


def _vergrendeld(aanvraag: Aanvraag) -> Aanvraag:
    return Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)


def _gebeurtenis(*, aanvraag: Aanvraag, door, gebeurtenis: str, toelichting: str = "", op: datetime) -> None:
    """An event in the timeline that keeps the status (an extension, a notice of default)."""
    AANVRAAG.historie_schrijven(
        obj=aanvraag,
        van=aanvraag.status,
        naar=aanvraag.status,
        door=door,
        reden=toelichting,
        op=op,
        gebeurtenis=gebeurtenis,
    )


def _met_opmerking(wat: str, opmerking: str = "") -> str:
    """The timeline comment of a step: what happened, then the person's own words (if any)."""
    opmerking = (opmerking or "").strip()
    return f"{wat}\n{opmerking}" if opmerking else wat


DEZE_AANVRAAG = "deze aanvraag"


def _opslaan(aanvraag: Aanvraag) -> None:
    # The stored letters are our own PDFs: not read back and parsed again at every step.
    aanvraag.full_clean(exclude=[veld for _, veld in brieven.BRIEVEN.values()])
    if aanvraag.pk is not None:
        versies.ophogen(aanvraag, wat=DEZE_AANVRAAG)  # an open edit form of this version is now outdated
    aanvraag.save()


def _regeling(aanvraag: Aanvraag) -> Regeling:
    regeling = selectors.regeling_voor(gemeente=aanvraag.gemeente, jaar=aanvraag.begrotingsjaar)
    if regeling is None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"Er is nog geen regeling voor het leefbaarheidsbudget {aanvraag.begrotingsjaar}."
            }
        )
    return regeling


def _bijwerken_termijn(aanvraag: Aanvraag) -> None:
    aanvraag.uiterste_beslisdatum = uiterste_beslisdatum(
        ingediend_op=timezone.localdate(aanvraag.ingediend_op),
        termijn_dagen=aanvraag.beslistermijn_dagen,
        opgeschort_dagen=aanvraag.opgeschort_dagen,
        verdaging_dagen=aanvraag.verdaging_dagen,
    )


# --- The group: concept, cost lines, attachments, submission ---------------------------------------


def aanvraag_aanmaken(
    *, groep, door, titel: str, voorwaarden_gelezen: bool = False, nu: datetime | None = None
) -> Aanvraag:
    """A new concept for `groep`; only its members may start one, and only for a group that may apply
    (`aanmerking.komt_in_aanmerking`, the one place that decides it; checked again on submission)."""
    nu = nu or _nu()
    aanvraag = Aanvraag(
        groep=groep,
        gemeente_id=groep.gemeente_id,
        titel=titel,
        aangemaakt_door=door,
        begrotingsjaar=selectors.begrotingsjaar(gemeente=groep.gemeente, op=_vandaag(nu)),
        voorwaarden_gelezen_op=nu if voorwaarden_gelezen else None,
    )
    if not is_lid_van_groep(door, aanvraag):
        raise PermissionDenied("Alleen leden van de groep kunnen voor de groep een aanvraag doen.")
    mag, uitleg = komt_in_aanmerking(groep, regeling=regeling_nu(groep.gemeente))
    if not mag:
        raise ValidationError({"groep": uitleg})
    with transaction.atomic():
        _opslaan(aanvraag)
        AANVRAAG.historie_schrijven(obj=aanvraag, van="", naar=Status.CONCEPT, door=door, op=nu)
    return aanvraag


def namens_tekst(aanvraag: Aanvraag) -> str:
    """ "Ingevoerd door <medewerker> namens <groep>": the line the timeline, the page and the mail show."""
    medewerker = (aanvraag.ingevoerd_door.naam if aanvraag.ingevoerd_door else "") or "een medewerker"
    return f"Ingevoerd door {medewerker} (gemeente) namens {aanvraag.groep.naam}."


def aanvraag_namens_invoeren(
    *,
    groep,
    door,
    gegevens: dict,
    kostenposten: list[Kostenregel],
    toelichting: str = "",
    nu: datetime | None = None,
) -> Aanvraag:
    """A staff member enters and submits an application for a group that phoned or came to the desk.

    The same fields and rules as the group's own form (`aanvraag_controleren`: everything a submission
    needs, all errors at once; nothing is saved when one is wrong). The application records who entered
    it (`ingevoerd_door`); the timeline says "ingevoerd door … namens …"; the group's addresses get a mail
    saying so; and under the four-eyes rule this staff member does not decide it (`vier_ogen`)."""
    nu = nu or _nu()
    if not is_medewerker_van_gemeente(door, groep.gemeente_id):
        raise PermissionDenied(
            "Alleen medewerkers van de gemeente van de groep kunnen namens de groep invoeren."
        )
    mag, uitleg = komt_in_aanmerking(groep, regeling=regeling_nu(groep.gemeente))
    if not mag:
        raise ValidationError({"groep": uitleg})
    aanvraag = Aanvraag(
        groep=groep,
        gemeente_id=groep.gemeente_id,
        aangemaakt_door=door,
        ingevoerd_door=door,
        begrotingsjaar=selectors.begrotingsjaar(gemeente=groep.gemeente, op=_vandaag(nu)),
    )
    fouten = aanvraag_controleren(
        aanvraag=aanvraag, gegevens=gegevens, kostenposten=kostenposten, indienen=True, op=_vandaag(nu)
    )
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        _toepassen(aanvraag, gegevens, kostenposten)
        _opslaan(aanvraag)
        for regel in kostenposten:
            post = Kostenpost(aanvraag=aanvraag, omschrijving=regel.omschrijving, bedrag=regel.bedrag)
            post.full_clean()
            post.save()
        AANVRAAG.historie_schrijven(
            obj=aanvraag,
            van="",
            naar=Status.CONCEPT,
            door=door,
            reden=_met_opmerking(namens_tekst(aanvraag), toelichting),
            op=nu,
        )
        return aanvraag_indienen(aanvraag=aanvraag, door=door, toelichting=namens_tekst(aanvraag), nu=nu)


BEWERKBARE_VELDEN = [
    "titel",
    "omschrijving",
    "doel",
    "kern",
    "wijk",
    "datum_van",
    "datum_tot",
    "verwacht_aantal_deelnemers",
    "eigen_bijdrage",
    "cofinanciering",
    "cofinanciering_door",
]


def aanvraag_bijwerken(
    *,
    aanvraag: Aanvraag,
    door,
    gegevens: dict,
    kostenposten: list[Kostenregel],
    versie: int | None = None,
) -> Aanvraag:
    """Save the form as it is (a concept may be incomplete); the amount asked follows from the lines.
    Fields that contradict each other (dates, contribution above the costs) are all refused at once.

    `versie` is the version the form showed: when a co-member saved in between, nothing is saved
    (`invoer.versie.VersieVerouderd`)."""
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        _mag_bewerken(aanvraag, door, versie)
        _toepassen(aanvraag, gegevens, kostenposten)
        if fouten := _samenhang(aanvraag):
            raise ValidationError(fouten)
        aanvraag.concept_invoer = None  # the columns now hold what was typed
        _opslaan(aanvraag)
        aanvraag.kostenposten.all().delete()
        for regel in kostenposten:
            post = Kostenpost(aanvraag=aanvraag, omschrijving=regel.omschrijving, bedrag=regel.bedrag)
            post.full_clean()
            post.save()
    return aanvraag


def _mag_bewerken(aanvraag: Aanvraag, door, versie: int | None) -> None:
    if not is_lid_van_groep(door, aanvraag):
        raise PermissionDenied("Alleen leden van de groep kunnen de aanvraag wijzigen.")
    versies.controleren(aanvraag, versie, wat=DEZE_AANVRAAG)
    if aanvraag.status not in BEWERKBAAR:
        raise ValidationError("Deze aanvraag kan niet meer worden gewijzigd.")


def _toepassen(aanvraag: Aanvraag, gegevens: dict, kostenposten: list[Kostenregel]) -> None:
    """Put the form's values on the application (in memory) and work out the amounts."""
    for veld in BEWERKBARE_VELDEN:
        if veld in gegevens:
            setattr(aanvraag, veld, gegevens[veld])
    # "Ik heb de voorwaarden gelezen": the first tick is kept with its moment; unticking later changes nothing.
    if gegevens.get("voorwaarden_gelezen") and aanvraag.voorwaarden_gelezen_op is None:
        aanvraag.voorwaarden_gelezen_op = _nu()
    aanvraag.eigen_bijdrage = aanvraag.eigen_bijdrage or NUL
    aanvraag.cofinanciering = aanvraag.cofinanciering or NUL
    aanvraag.totale_kosten = sum((k.bedrag for k in kostenposten), NUL)
    aanvraag.gevraagd_bedrag = aanvraag.totale_kosten - aanvraag.eigen_bijdrage - aanvraag.cofinanciering


def _samenhang(aanvraag: Aanvraag) -> dict[str, list[str]]:
    """The rules between fields that every save must meet (the model's `clean`: dates in order, the
    contribution not above the costs, kern and wijk that belong together), all of them at once."""
    try:
        aanvraag.clean()
    except ValidationError as fout:
        return fout.message_dict
    return {}


def aanvraag_controleren(
    *,
    aanvraag: Aanvraag,
    gegevens: dict,
    kostenposten: list[Kostenregel],
    indienen: bool,
    op: date | None = None,
) -> dict[str, list[str]]:
    """Every error in this input at once, without saving: the rules between fields and, when it is to
    be submitted, every reason why it cannot be submitted (`toetsen`). The form shows them all together;
    the services check the same rules again when they save."""
    op = op or _vandaag()
    kopie = copy.copy(aanvraag)
    _toepassen(kopie, gegevens, kostenposten)
    fouten = _samenhang(kopie)
    if indienen:
        if kopie.ingediend_op is None:
            kopie.begrotingsjaar = selectors.begrotingsjaar(gemeente=kopie.gemeente, op=op)
        for veld, teksten in toetsen(kopie, op=op, kostenposten=kostenposten).items():
            bestaand = fouten.setdefault(veld, [])
            bestaand += [t for t in teksten if t not in bestaand]
    return fouten


def concept_invoer_bewaren(*, aanvraag: Aanvraag, door, invoer: dict, versie: int | None = None) -> Aanvraag:
    """A concept save with wrong fields: keep everything as it was typed (`concept_invoer`), so that the
    edit form shows it again with its errors. The columns keep the last correct save."""
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        _mag_bewerken(aanvraag, door, versie)
        aanvraag.concept_invoer = {
            str(sleutel)[:100]: [str(waarde)[:10_000] for waarde in waarden][:5]
            for sleutel, waarden in list(invoer.items())[:500]
        }
        _opslaan(aanvraag)
    return aanvraag


def bijlage_toevoegen(*, aanvraag: Aanvraag, door, bestand, soort: str = BijlageSoort.BIJLAGE) -> Bijlage:
    """A PDF or image, checked on content and size; photos lose their EXIF data (location)."""
    from bestanden import Bestandstype, OpslagFout, exif_verwijderen, herken_type

    if not is_lid_van_groep(door, aanvraag):
        raise PermissionDenied("Alleen leden van de groep kunnen bijlagen toevoegen.")
    toegestaan = BEWERKBAAR if soort == BijlageSoort.BIJLAGE else {Status.UITBETAALD}
    if aanvraag.status not in toegestaan:
        raise ValidationError({"bestand": "Bij deze stap kunt u geen bestanden meer toevoegen."})
    naam = (getattr(bestand, "name", "") or "bijlage").rsplit("/", 1)[-1][:200]
    bijlage = Bijlage(aanvraag=aanvraag, soort=soort, bestand=bestand, naam=naam, toegevoegd_door=door)
    bijlage.full_clean()
    if herken_type(bestand) in (Bestandstype.JPEG, Bestandstype.PNG):
        bijlage.bestand = exif_verwijderen(bestand)
    try:
        with transaction.atomic():
            bijlage.save()
    except (
        OpslagFout
    ) as fout:  # disk full: no file and no row, a message at the field instead of an error page
        raise ValidationError({"bestand": fout.melding}) from fout
    return bijlage


def bijlage_verwijderen(*, bijlage: Bijlage, door) -> None:
    aanvraag = bijlage.aanvraag
    if not is_lid_van_groep(door, aanvraag):
        raise PermissionDenied("Alleen leden van de groep kunnen bijlagen verwijderen.")
    if aanvraag.status not in BEWERKBAAR and bijlage.soort == BijlageSoort.BIJLAGE:
        raise ValidationError("Deze bijlage hoort bij een ingediende aanvraag en blijft bewaard.")
    if aanvraag.status != Status.UITBETAALD and bijlage.soort == BijlageSoort.FOTO:
        raise ValidationError("Deze foto hoort bij een ingediende verantwoording en blijft bewaard.")
    bestand = bijlage.bestand
    with transaction.atomic():
        bijlage.delete()
        transaction.on_commit(lambda: bestand.storage.delete(bestand.name))


def indientermijn(aanvraag: Aanvraag, *, regeling: Regeling | None = None, op: date | None = None):
    """(The first allowed day of the activity, the decision date if submitted on `op`) under the rule that
    money is asked a number of weeks before; None without a regeling. The lead time counts from the
    first submission: a completed application keeps its place."""
    op = op or _vandaag()
    if regeling is None:
        regeling = selectors.regeling_voor(gemeente=aanvraag.gemeente, jaar=aanvraag.begrotingsjaar)
    if regeling is None:
        return None
    ingediend = timezone.localdate(aanvraag.ingediend_op) if aanvraag.ingediend_op else op
    vroegst = ingediend + timedelta(days=regeling.minimale_voorbereiding_dagen)
    beslisdatum = uiterste_beslisdatum(
        ingediend_op=op, termijn_dagen=regeling.beslistermijn_dagen, opgeschort_dagen=0, verdaging_dagen=0
    )
    return vroegst, beslisdatum


def _weken(n: int) -> str:
    return ngettext("%(n)d week", "%(n)d weken", n) % {"n": n}


def voorbereiding_tekst(regeling: Regeling) -> str:
    weken, dagen = divmod(regeling.minimale_voorbereiding_dagen, 7)
    if not dagen:
        return _weken(weken)
    n = regeling.minimale_voorbereiding_dagen
    return ngettext("%(n)d dag", "%(n)d dagen", n) % {"n": n}


def toetsen(
    aanvraag: Aanvraag, *, op: date | None = None, kostenposten: list[Kostenregel] | None = None
) -> dict[str, list[str]]:
    """Every reason why this application cannot be submitted now, per field, in Dutch. Empty: fine.
    `kostenposten`: the lines of a form not saved yet (else the stored ones)."""
    op = op or _vandaag()
    fouten: dict[str, list[str]] = {}

    def fout(veld, tekst):
        fouten.setdefault(veld, []).append(tekst)

    regeling = selectors.regeling_voor(gemeente=aanvraag.gemeente, jaar=aanvraag.begrotingsjaar)
    mag, reden = komt_in_aanmerking(aanvraag.groep, regeling=regeling)
    if not mag:
        fout(NON_FIELD_ERRORS, reden)
    if aanvraag.voorwaarden_gelezen_op is None:
        fout("voorwaarden_gelezen", NIET_GELEZEN)
    for veld, tekst in [
        ("omschrijving", "Vertel wat u gaat doen."),
        ("doel", "Vertel wat de activiteit oplevert voor de buurt."),
        ("kern", "Kies de kern waar de activiteit plaatsvindt."),
        ("datum_van", "Vul de datum van de activiteit in."),
        ("verwacht_aantal_deelnemers", "Vul in hoeveel mensen er naar verwachting meedoen."),
    ]:
        if getattr(aanvraag, veld) in (None, ""):
            fout(veld, tekst)
    heeft_posten = bool(kostenposten) if kostenposten is not None else aanvraag.kostenposten.exists()
    if not heeft_posten:
        fout("kostenposten", "Zet minstens één kostenpost in de begroting.")
    elif aanvraag.gevraagd_bedrag == 0:  # below zero: the contribution's own error says it
        fout("kostenposten", "U vraagt geen geld: de eigen bijdrage en cofinanciering dekken alle kosten.")
    if aanvraag.cofinanciering > 0 and not aanvraag.cofinanciering_door:
        fout("cofinanciering_door", "Vul in wie de cofinanciering betaalt.")

    if regeling is None:
        fout(
            NON_FIELD_ERRORS,
            f"Er is nog geen regeling voor het leefbaarheidsbudget {aanvraag.begrotingsjaar}.",
        )
        return fouten
    vroegst, _ = indientermijn(aanvraag, regeling=regeling, op=op)
    if aanvraag.datum_van and aanvraag.datum_van < vroegst:
        fout(
            "datum_van",
            f"Vraag het geld minstens {voorbereiding_tekst(regeling)} vóór de activiteit aan. "
            f"De activiteit moet dus op of na {vroegst:%d-%m-%Y} zijn.",
        )
    if regeling.max_per_aanvraag is not None and aanvraag.gevraagd_bedrag > regeling.max_per_aanvraag:
        fout(
            "kostenposten",
            f"U vraagt {format_euro(aanvraag.gevraagd_bedrag)}. Het maximum per aanvraag is "
            f"{format_euro(regeling.max_per_aanvraag)}.",
        )
    if regeling.max_per_groep_per_jaar is not None:
        al = selectors.toegekend_aan_groep(
            groep=aanvraag.groep, jaar=aanvraag.begrotingsjaar, behalve=aanvraag
        )
        if al + aanvraag.gevraagd_bedrag > regeling.max_per_groep_per_jaar:
            fout(
                "kostenposten",
                f"Uw groep kreeg in {aanvraag.begrotingsjaar} al {format_euro(al)}. Met deze aanvraag erbij wordt "
                f"dat meer dan het maximum van {format_euro(regeling.max_per_groep_per_jaar)} per groep per jaar.",
            )
    return fouten


def aanvraag_indienen(
    *, aanvraag: Aanvraag, door, toelichting: str = "", antwoord: str = "", nu: datetime | None = None
) -> Aanvraag:
    """Submit (or resubmit after a request for information). The legal term starts or resumes.

    The timeline records what was asked; `toelichting` is the group's own remark, if any; `antwoord`
    the group's answer to the gemeente's question (in the timeline, and mailed to the behandelaar).
    """
    antwoord = (antwoord or "").strip()
    if antwoord:
        toelichting = _met_opmerking(f"Antwoord van de groep: {antwoord}", toelichting)
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        eerste_keer = aanvraag.ingediend_op is None
        if eerste_keer:
            # The cut-off date decides which year's budget this application counts against.
            aanvraag.begrotingsjaar = selectors.begrotingsjaar(gemeente=aanvraag.gemeente, op=_vandaag(nu))
        if aanvraag.status in (Status.CONCEPT, Status.AANVULLING_GEVRAAGD):
            fouten = toetsen(aanvraag, op=_vandaag(nu))
            if fouten:
                raise ValidationError(fouten)
        van = aanvraag.status
        AANVRAAG.overgaan(
            obj=aanvraag,
            naar=Status.INGEDIEND,
            door=door,
            reden=_met_opmerking(
                f"{'Aangevuld en opnieuw ingediend' if van == Status.AANVULLING_GEVRAAGD else 'Ingediend'}. "
                f"Gevraagd bedrag: {format_euro(aanvraag.gevraagd_bedrag)}.",
                toelichting,
            ),
            op=nu,
        )
        if eerste_keer:
            regeling = _regeling(aanvraag)
            aanvraag.ingediend_op = nu
            aanvraag.beslistermijn_dagen = regeling.beslistermijn_dagen
            aanvraag.behandelaar = selectors.verantwoordelijke_adviseur(aanvraag)
        if van == Status.AANVULLING_GEVRAAGD and aanvraag.opgeschort_sinds:
            aanvraag.opgeschort_dagen += (_vandaag(nu) - aanvraag.opgeschort_sinds).days
            aanvraag.opgeschort_sinds = None
        _bijwerken_termijn(aanvraag)
        _opslaan(aanvraag)
        mail.mail_ontvangstbevestiging(aanvraag, opnieuw=not eerste_keer)
        if antwoord and not eerste_keer:
            mail.mail_antwoord(aanvraag, antwoord=antwoord)
        else:
            mail.mail_nieuwe_aanvraag(aanvraag, opnieuw=not eerste_keer)
    return aanvraag


def aanvraag_opslaan_en_indienen(
    *,
    aanvraag: Aanvraag,
    door,
    gegevens: dict,
    kostenposten: list[Kostenregel],
    versie: int | None = None,
    antwoord: str = "",
    nu: datetime | None = None,
) -> Aanvraag:
    """Save the form and submit it in one transaction: what is submitted is exactly what this form held,
    by this member. Every error is refused at once (`aanvraag_controleren`), not one per attempt. When
    the submission is refused (incomplete, or a co-member saved in between), nothing is saved either;
    the member still has their input in the form."""
    nu = nu or _nu()
    with transaction.atomic():
        huidig = _vergrendeld(aanvraag)
        _mag_bewerken(huidig, door, versie)
        fouten = aanvraag_controleren(
            aanvraag=huidig, gegevens=gegevens, kostenposten=kostenposten, indienen=True, op=_vandaag(nu)
        )
        if fouten:
            raise ValidationError(fouten)
        aanvraag = aanvraag_bijwerken(
            aanvraag=huidig, door=door, gegevens=gegevens, kostenposten=kostenposten, versie=versie
        )
        return aanvraag_indienen(aanvraag=aanvraag, door=door, antwoord=antwoord, nu=nu)


def informatie_beantwoorden(
    *, aanvraag: Aanvraag, door, antwoord: str, nu: datetime | None = None
) -> Aanvraag:
    """The group answers the gemeente's question (Awb 4:5) without changing the application: the answer
    goes into the timeline and to the behandelaar, and the application is submitted again, so the
    decision term runs on."""
    antwoord = (antwoord or "").strip()
    if not antwoord:
        raise ValidationError({"antwoord": "Schrijf uw antwoord op de vraag van de gemeente."})
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        if not is_lid_van_groep(door, aanvraag):
            raise PermissionDenied("Alleen leden van de groep kunnen de vraag beantwoorden.")
        if aanvraag.status != Status.AANVULLING_GEVRAAGD:
            raise ValidationError(
                {"antwoord": "De gemeente wacht niet (meer) op een antwoord op deze aanvraag."}
            )
        return aanvraag_indienen(aanvraag=aanvraag, door=door, antwoord=antwoord, nu=nu)


def aanvraag_intrekken(
    *, aanvraag: Aanvraag, door, toelichting: str = "", nu: datetime | None = None
) -> Aanvraag:
    """The group withdraws; a granted-but-unpaid amount goes back to the budget."""
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        was_toegekend = aanvraag.status == Status.TOEGEKEND
        AANVRAAG.overgaan(
            obj=aanvraag,
            naar=Status.INGETROKKEN,
            door=door,
            reden=_met_opmerking("Ingetrokken door de groep.", toelichting),
            op=nu,
        )
        if was_toegekend and aanvraag.budget_id:
            geld.budget_vergrendelen(budget_id=aanvraag.budget_id)
            geld.vrijgeven(
                budget_id=aanvraag.budget_id,
                kernplafond_id=aanvraag.kernplafond_id,
                bedrag=aanvraag.toegekend_bedrag,
            )
        aanvraag.opgeschort_sinds = None
        _opslaan(aanvraag)
        if aanvraag.ingediend_op:  # a concept the gemeente never saw: nobody to tell
            mail.mail_ingetrokken(aanvraag)
    return aanvraag


def verantwoording_indienen(
    *, aanvraag: Aanvraag, door, werkelijke_kosten: Decimal, verslag: str, nu: datetime | None = None
) -> Aanvraag:
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        fouten = {}
        if werkelijke_kosten is None or werkelijke_kosten < 0:
            fouten["werkelijke_kosten"] = "Vul in wat de activiteit echt heeft gekost."
        if not (verslag or "").strip():
            fouten["verslag"] = "Vertel in een paar zinnen hoe de activiteit ging."
        if fouten:
            raise ValidationError(fouten)
        AANVRAAG.overgaan(
            obj=aanvraag,
            naar=Status.VERANTWOORDING_INGEDIEND,
            door=door,
            reden=f"Werkelijke kosten: {format_euro(werkelijke_kosten)}.",
            op=nu,
        )
        aanvraag.werkelijke_kosten = werkelijke_kosten
        aanvraag.verslag = verslag.strip()
        aanvraag.verantwoord_op = nu
        _opslaan(aanvraag)
        mail.mail_verantwoording_ontvangen(aanvraag)
    return aanvraag


def ingebrekestelling_registreren(
    *, aanvraag: Aanvraag, door, ontvangen_op: date, nu: datetime | None = None
) -> Aanvraag:
    """Awb 4:12/4:17: the group says in writing that the decision is late. Only after the deadline."""
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        if not (is_lid_van_groep(door, aanvraag) or is_medewerker_van_gebied(door, aanvraag)):
            raise PermissionDenied("Alleen de groep of de gemeente kan een ingebrekestelling registreren.")
        if not aanvraag.termijn_loopt:
            raise ValidationError({"ontvangen_op": "Er loopt geen beslistermijn voor deze aanvraag."})
        if aanvraag.ingebrekestelling_op:
            raise ValidationError({"ontvangen_op": "Er is al een ingebrekestelling geregistreerd."})
        if ontvangen_op is None:
            raise ValidationError({"ontvangen_op": "Vul de datum in waarop het bericht binnenkwam."})
        if ontvangen_op > _vandaag(nu):
            raise ValidationError({"ontvangen_op": "Deze datum ligt in de toekomst."})
        if ontvangen_op <= aanvraag.uiterste_beslisdatum:
            raise ValidationError(
                {
                    "ontvangen_op": "Een ingebrekestelling kan pas na de uiterste beslisdatum "
                    f"({aanvraag.uiterste_beslisdatum:%d-%m-%Y})."
                }
            )
        aanvraag.ingebrekestelling_op = ontvangen_op
        _opslaan(aanvraag)
        _gebeurtenis(
            aanvraag=aanvraag,
            door=door,
            gebeurtenis="Ingebrekestelling ontvangen",
            toelichting=f"Ontvangen op {ontvangen_op:%d-%m-%Y}. Na twee weken loopt een dwangsom (Awb 4:17).",
            op=nu,
        )
        mail.mail_ingebrekestelling(aanvraag)
    return aanvraag


# --- Staff: handling, information requests, extension, decision, payment, settlement --------------


def aanvraag_in_behandeling_nemen(
    *, aanvraag: Aanvraag, door, toelichting: str = "", nu: datetime | None = None
) -> Aanvraag:
    """Who takes an application in handling becomes its handler: it is in their "aan mij toegewezen"
    from then on, also when routing gave it to a colleague (the timeline says from whom)."""
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        vorige = aanvraag.behandelaar
        AANVRAAG.overgaan(
            obj=aanvraag,
            naar=Status.IN_BEHANDELING,
            door=door,
            reden=_met_opmerking(f"Behandelaar: {getattr(door, 'naam', '')}.", toelichting),
            op=nu,
        )
        if vorige is not None and vorige.pk != door.pk:
            _gebeurtenis(
                aanvraag=aanvraag,
                door=door,
                gebeurtenis="Behandelaar gewijzigd",
                toelichting=f"Overgenomen van {vorige.naam}.",
                op=nu,
            )
        aanvraag.behandelaar = door
        _opslaan(aanvraag)
    return aanvraag


def aanvulling_vragen(*, aanvraag: Aanvraag, door, vraag: str, nu: datetime | None = None) -> Aanvraag:
    """Ask the group for missing information (Awb 4:5); the legal term pauses until they resubmit."""
    nu = nu or _nu()
    if not (vraag or "").strip():
        raise ValidationError({"vraag": "Schrijf op welke informatie u nog nodig hebt."})
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        # Awb 4:15: the term stands still from now, unless it has already passed (a late decision stays late).
        te_laat = aanvraag.is_te_laat(_vandaag(nu))
        toelichting = vraag.strip()
        if te_laat:
            toelichting += (
                f"\n\nDe beslistermijn was al voorbij ({aanvraag.uiterste_beslisdatum:%d-%m-%Y}); "
                "die staat daarom niet stil."
            )
        AANVRAAG.overgaan(obj=aanvraag, naar=Status.AANVULLING_GEVRAAGD, door=door, reden=toelichting, op=nu)
        aanvraag.opgeschort_sinds = None if te_laat else _vandaag(nu)
        _opslaan(aanvraag)
        mail.mail_aanvulling_gevraagd(aanvraag, vraag=vraag.strip())
    return aanvraag


def termijn_verlengen(
    *, aanvraag: Aanvraag, door, weken: int, reden: str, nu: datetime | None = None
) -> Aanvraag:
    """Awb 4:14: extend the term once, with a reason, before it runs out, and tell the group."""
    nu = nu or _nu()
    fouten = {}
    if not (reden or "").strip():
        fouten["reden"] = "Schrijf op waarom het besluit later komt."
    if not weken or weken < 1 or weken > MAX_VERDAGING_WEKEN:
        fouten["weken"] = f"Verleng met 1 tot en met {MAX_VERDAGING_WEKEN} weken."
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        if not is_medewerker_van_gebied(door, aanvraag):
            raise PermissionDenied("Alleen medewerkers van het gebied kunnen de termijn verlengen.")
        if not aanvraag.termijn_loopt:
            raise ValidationError({"weken": "Er loopt geen beslistermijn die u kunt verlengen."})
        if aanvraag.verdaging_dagen:
            raise ValidationError({"weken": "De termijn is al een keer verlengd; dat kan maar één keer."})
        # Awb 4:14 lid 3: the group must hear it before the term runs out; a late notice extends nothing.
        if aanvraag.uiterste_beslisdatum and aanvraag.uiterste_beslisdatum < _vandaag(nu):
            raise ValidationError(
                {
                    "weken": f"De beslistermijn is op {aanvraag.uiterste_beslisdatum:%d-%m-%Y} verlopen. "
                    "Verlengen kan alleen vóór die datum; neem nu zo snel mogelijk een besluit."
                }
            )
        aanvraag.verdaging_dagen = weken * 7
        aanvraag.verdaging_reden = reden.strip()
        _bijwerken_termijn(aanvraag)
        _opslaan(aanvraag)
        _gebeurtenis(
            aanvraag=aanvraag,
            door=door,
            gebeurtenis="Beslistermijn verlengd",
            toelichting=f"Met {_weken(weken)}, tot {aanvraag.uiterste_beslisdatum:%d-%m-%Y}. {aanvraag.verdaging_reden}",
            op=nu,
        )
        mail.mail_termijn_verlengd(aanvraag)
    return aanvraag


def _betaalgegevens(aanvraag: Aanvraag) -> tuple[str, str]:
    """The group's confirmed IBAN and account name right now (read fresh inside the transaction)."""
    from bewonersgroepen.models import Groep

    groep = Groep.objects.only("iban", "tenaamstelling").get(pk=aanvraag.groep_id)
    return groep.iban, groep.tenaamstelling


def geen_iban_melding(aanvraag: Aanvraag) -> str:
    """Why a payment cannot be made yet: the group has no confirmed IBAN on file."""
    return (
        f"Betalen kan nog niet: {aanvraag.groep.naam} heeft geen rekeningnummer (IBAN) in het portaal. "
        "De groep ziet op haar pagina en bij Mijn werk de vraag om het in te vullen. "
        "Registreer de betaling als het rekeningnummer is bevestigd."
    )


def _besluiten(aanvraag: Aanvraag, *, door, naar: str, motivering: str, nu: datetime) -> None:
    if (
        aanvraag.is_jaarbijdrage
    ):  # the agreement grants it; a cancelled one comes back by jaarbijdrage_vastleggen
        raise ValidationError("Over een jaarbijdrage neemt u geen besluit: de overeenkomst kent haar toe.")
    AANVRAAG.overgaan(obj=aanvraag, naar=naar, door=door, reden=motivering, op=nu)
    _vier_ogen(aanvraag, door, naar)  # who entered it on the group's behalf does not decide it
    aanvraag.besluit_iban, aanvraag.besluit_tenaamstelling = _betaalgegevens(aanvraag)
    aanvraag.besluit_op = nu
    aanvraag.beslist_door = door
    aanvraag.motivering = motivering
    aanvraag.doorlooptijd_dagen = (
        timezone.localdate(aanvraag.besluit_op) - timezone.localdate(aanvraag.ingediend_op)
    ).days
    aanvraag.opgeschort_sinds = None


def aanvraag_toekennen(
    *,
    aanvraag: Aanvraag,
    door,
    bedrag: Decimal,
    motivering: str,
    voorwaarden: str = "",
    nu: datetime | None = None,
) -> Aanvraag:
    """Grant in full or in part. Holds the money against the year's budget and the kern ceiling.

    The budget row is locked before any money check, so concurrent grants against one budget run one
    after the other and each sees what the previous one held (total, kern ceiling, group maximum).
    """
    nu = nu or _nu()
    fouten = {}
    if not (motivering or "").strip():
        fouten["motivering"] = "Leg uit waarom u dit besluit neemt."
    if bedrag is None or bedrag <= 0:
        fouten["bedrag"] = (
            "Vul een bedrag hoger dan € 0,00 in. Wilt u niets toekennen? Wijs de aanvraag dan af."
        )
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        _besluiten(aanvraag, door=door, naar=Status.TOEGEKEND, motivering=motivering.strip(), nu=nu)
        if bedrag > aanvraag.gevraagd_bedrag:
            raise ValidationError(
                {
                    "bedrag": f"U kunt niet meer toekennen dan gevraagd ({format_euro(aanvraag.gevraagd_bedrag)})."
                }
            )
        if bedrag < aanvraag.gevraagd_bedrag and len(motivering.strip()) < 20:
            raise ValidationError(
                {"motivering": "U kent minder toe dan gevraagd: leg in een paar zinnen uit waarom."}
            )
        regeling = _regeling(aanvraag)
        if regeling.max_per_aanvraag is not None and bedrag > regeling.max_per_aanvraag:
            raise ValidationError(
                {"bedrag": f"Het maximum per aanvraag is {format_euro(regeling.max_per_aanvraag)}."}
            )
        budget_id = (
            Budget.objects.filter(gemeente_id=aanvraag.gemeente_id, jaar=aanvraag.begrotingsjaar)
            .values_list("pk", flat=True)
            .first()
        )
        if budget_id is None:
            raise ValidationError(
                {
                    "bedrag": f"Er is nog geen budget voor {aanvraag.begrotingsjaar}. Vraag de beheerder het in te voeren."
                }
            )
        budget = geld.budget_vergrendelen(budget_id=budget_id)
        if regeling.max_per_groep_per_jaar is not None:
            al = selectors.toegekend_aan_groep(
                groep=aanvraag.groep, jaar=aanvraag.begrotingsjaar, behalve=aanvraag
            )
            if al + bedrag > regeling.max_per_groep_per_jaar:
                raise ValidationError(
                    {
                        "bedrag": f"De groep kreeg in {aanvraag.begrotingsjaar} al {format_euro(al)}; het maximum per "
                        f"groep per jaar is {format_euro(regeling.max_per_groep_per_jaar)}."
                    }
                )
        aanvraag.kernplafond = geld.vastleggen(budget=budget, kern_id=aanvraag.kern_id, bedrag=bedrag)
        aanvraag.budget = budget
        aanvraag.toegekend_bedrag = bedrag
        aanvraag.voorwaarden = (voorwaarden or "").strip()
        if bedrag <= regeling.direct_vaststellen_tot:
            aanvraag.direct_vastgesteld = True
            aanvraag.vastgesteld_bedrag = bedrag
            aanvraag.vastgesteld_op = aanvraag.besluit_op
            aanvraag.vastgesteld_door = door
        # The letters are made now, once, and kept: a later download gives the same document.
        brieven.maken(brieven.BESCHIKKING, aanvraag)
        if aanvraag.direct_vastgesteld:
            brieven.maken(brieven.VASTSTELLING, aanvraag)
        _opslaan(aanvraag)
        mail.mail_besluit(aanvraag)
    return aanvraag


def aanvraag_afwijzen(*, aanvraag: Aanvraag, door, motivering: str, nu: datetime | None = None) -> Aanvraag:
    nu = nu or _nu()
    if not (motivering or "").strip():
        raise ValidationError({"motivering": "Een afwijzing heeft altijd een motivering nodig."})
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        _besluiten(aanvraag, door=door, naar=Status.AFGEWEZEN, motivering=motivering.strip(), nu=nu)
        brieven.maken(brieven.BESCHIKKING, aanvraag)
        _opslaan(aanvraag)
        mail.mail_besluit(aanvraag)
    return aanvraag


def _vier_ogen(aanvraag: Aanvraag, door, naar: str) -> None:
    """The four-eyes rule of `vier_ogen`, the same one the pages ask before they offer the step."""
    reden = vier_ogen.wacht_op_collega(aanvraag, door, naar, regeling=_regeling(aanvraag))
    if reden:
        raise ValidationError({vier_ogen.veld(naar): reden})


def betaling_registreren(
    *, aanvraag: Aanvraag, door, betaald_op: date, betaalkenmerk: str = "", nu: datetime | None = None
) -> Aanvraag:
    """Record the payment of the granted amount. A direct-vastgesteld grant is settled with it. Refused
    while the group has no IBAN on file (the group is asked to fill it in: its page and Mijn werk)."""
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        if betaald_op is None:
            raise ValidationError({"betaald_op": "Vul de datum van de betaling in."})
        if betaald_op > _vandaag(nu):
            raise ValidationError({"betaald_op": "De betaaldatum ligt in de toekomst."})
        AANVRAAG.overgaan(
            obj=aanvraag,
            naar=Status.UITBETAALD,
            door=door,
            reden=f"{format_euro(aanvraag.toegekend_bedrag)} betaald op {betaald_op:%d-%m-%Y}"
            + (f", kenmerk {betaalkenmerk}." if betaalkenmerk else "."),
            op=nu,
        )
        _vier_ogen(aanvraag, door, Status.UITBETAALD)
        iban, tenaamstelling = _betaalgegevens(aanvraag)
        if not iban:
            raise ValidationError(geen_iban_melding(aanvraag))
        aanvraag.uitbetaald_op = betaald_op
        aanvraag.uitbetaald_bedrag = aanvraag.toegekend_bedrag
        aanvraag.betaalkenmerk = betaalkenmerk
        aanvraag.betaling_door = door
        aanvraag.betaling_iban, aanvraag.betaling_tenaamstelling = iban, tenaamstelling
        if aanvraag.direct_vastgesteld:
            AANVRAAG.overgaan(
                obj=aanvraag,
                naar=Status.VASTGESTELD,
                door=door,
                reden="Direct vastgesteld bij het besluit: er is geen verantwoording nodig.",
                op=nu,
            )
        _opslaan(aanvraag)
        mail.mail_betaling(aanvraag)
    return aanvraag


def aanvraag_vaststellen(
    *, aanvraag: Aanvraag, door, bedrag: Decimal, motivering: str = "", nu: datetime | None = None
) -> Aanvraag:
    """Settle the final amount after the accountability; what was paid too much is to be reclaimed."""
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        if bedrag is None or bedrag < 0:
            raise ValidationError({"bedrag": "Vul het vastgestelde bedrag in (€ 0,00 of meer)."})
        AANVRAAG.overgaan(
            obj=aanvraag,
            naar=Status.VASTGESTELD,
            door=door,
            reden=_met_opmerking(f"Vastgesteld op {format_euro(bedrag)}.", motivering),
            op=nu,
        )
        if aanvraag.toegekend_bedrag is not None and bedrag > aanvraag.toegekend_bedrag:
            raise ValidationError(
                {
                    "bedrag": f"U kunt niet meer vaststellen dan toegekend ({format_euro(aanvraag.toegekend_bedrag)})."
                }
            )
        if (
            aanvraag.toegekend_bedrag is not None
            and bedrag < aanvraag.toegekend_bedrag
            and not (motivering or "").strip()
        ):
            raise ValidationError({"motivering": "U stelt minder vast dan toegekend: leg uit waarom."})
        _vier_ogen(aanvraag, door, Status.VASTGESTELD)
        geld.budget_vergrendelen(budget_id=aanvraag.budget_id)
        geld.vrijgeven(
            budget_id=aanvraag.budget_id,
            kernplafond_id=aanvraag.kernplafond_id,
            bedrag=aanvraag.toegekend_bedrag - bedrag,
        )
        aanvraag.vastgesteld_bedrag = bedrag
        aanvraag.vastgesteld_op = nu
        aanvraag.vastgesteld_door = door
        aanvraag.vaststelling_motivering = (motivering or "").strip()
        aanvraag.terug_te_vorderen = max(NUL, (aanvraag.uitbetaald_bedrag or NUL) - bedrag)
        brieven.maken(brieven.VASTSTELLING, aanvraag)
        _opslaan(aanvraag)
        mail.mail_vastgesteld(aanvraag)
    return aanvraag


def brief_bewaren_als_ontbreekt(*, aanvraag: Aanvraag, door, soort: str) -> Aanvraag:
    """A letter is made with its decision. Applications decided before letters were stored have none:
    it is made once, on the first download, from the application as it is then, and kept from then on."""
    _, veld = brieven.BRIEVEN[soort]
    if getattr(aanvraag, veld):
        return aanvraag
    if not (is_lid_van_groep(door, aanvraag) or is_medewerker_van_gebied(door, aanvraag)):
        raise PermissionDenied("Alleen de groep en de medewerkers van het gebied zien deze brief.")
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)  # two first downloads at once make one letter
        if not getattr(aanvraag, veld):
            brieven.maken(soort, aanvraag)
            aanvraag.save(update_fields=[veld])
    return aanvraag


def terugbetaling_registreren(
    *, aanvraag: Aanvraag, door, ontvangen_op: date, nu: datetime | None = None
) -> Aanvraag:
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        if not is_medewerker_van_gebied(door, aanvraag):
            raise PermissionDenied("Alleen medewerkers van het gebied registreren een terugbetaling.")
        if aanvraag.status != Status.VASTGESTELD or aanvraag.terug_te_vorderen <= 0:
            raise ValidationError({"ontvangen_op": "Er staat voor deze aanvraag niets terug te betalen."})
        if aanvraag.terugontvangen_op:
            raise ValidationError({"ontvangen_op": "De terugbetaling is al geregistreerd."})
        if ontvangen_op is None:
            raise ValidationError({"ontvangen_op": "Vul de datum in waarop het bericht binnenkwam."})
        if ontvangen_op > _vandaag(nu):
            raise ValidationError({"ontvangen_op": "Deze datum ligt in de toekomst."})
        aanvraag.terugontvangen_op = ontvangen_op
        _opslaan(aanvraag)
        _gebeurtenis(
            aanvraag=aanvraag,
            door=door,
            gebeurtenis="Terugbetaling ontvangen",
            toelichting=f"{format_euro(aanvraag.terug_te_vorderen)} ontvangen op {ontvangen_op:%d-%m-%Y}.",
            op=nu,
        )
        mail.mail_terugbetaling_ontvangen(aanvraag)
    return aanvraag


# --- The daily accountability reminders (manage.py herinner_verantwoording) --------------------------

VERANTWOORDING_GEVRAAGD = "Verantwoording gevraagd"
VERANTWOORDING_TE_LAAT = "Herinnering: verantwoording te laat"


def verantwoording_uiterlijk(aanvraag: Aanvraag) -> date | None:
    """The last day for the accountability: VERANTWOORDING_WEKEN after the (last day of the) activity."""
    einde = aanvraag.datum_tot or aanvraag.datum_van
    return einde + timedelta(weeks=VERANTWOORDING_WEKEN) if einde else None


def verantwoording_herinneren(*, vandaag: date | None = None) -> dict[str, int]:
    """Paid applications that still owe their accountability: once the activity is over the group is asked
    for it; once the last day has passed it gets one reminder. Each mail is sent once per application:
    the timeline remembers it (an event row, written in the mail's transaction)."""
    vandaag = vandaag or _vandaag()
    geteld = {"gevraagd": 0, "te_laat": 0}
    kandidaten = Aanvraag.objects.filter(status=Status.UITBETAALD, direct_vastgesteld=False).exclude(
        statuswijzigingen__gebeurtenis=VERANTWOORDING_TE_LAAT
    )
    for pk in kandidaten.values_list("pk", flat=True):
        with transaction.atomic():
            aanvraag = Aanvraag.objects.select_for_update().get(pk=pk)
            uiterlijk = verantwoording_uiterlijk(aanvraag)
            if aanvraag.status != Status.UITBETAALD or uiterlijk is None:
                continue
            al = set(aanvraag.statuswijzigingen.values_list("gebeurtenis", flat=True))
            if vandaag > uiterlijk and VERANTWOORDING_TE_LAAT not in al:
                _gebeurtenis(
                    aanvraag=aanvraag,
                    door=None,
                    gebeurtenis=VERANTWOORDING_TE_LAAT,
                    toelichting=f"De verantwoording moest uiterlijk {uiterlijk:%d-%m-%Y} binnen zijn.",
                    op=_nu(),
                )
                mail.mail_verantwoording_te_laat(aanvraag, uiterlijk=uiterlijk)
                geteld["te_laat"] += 1
            elif vandaag > (aanvraag.datum_tot or aanvraag.datum_van) and not al & {
                VERANTWOORDING_GEVRAAGD,
                VERANTWOORDING_TE_LAAT,
            }:
                _gebeurtenis(
                    aanvraag=aanvraag,
                    door=None,
                    gebeurtenis=VERANTWOORDING_GEVRAAGD,
                    toelichting=(
                        f"Het jaar {aanvraag.begrotingsjaar} is voorbij."
                        if aanvraag.is_jaarbijdrage
                        else "De activiteit is voorbij."
                    )
                    + f" Verantwoording uiterlijk {uiterlijk:%d-%m-%Y}.",
                    op=_nu(),
                )
                mail.mail_verantwoording_gevraagd(aanvraag, uiterlijk=uiterlijk)
                geteld["gevraagd"] += 1
    return geteld


# --- Jaarbijdragen: the yearly contribution of a samenwerkingsovereenkomst ---------------------------
#
# A jaarbijdrage is an application of soort JAARBIJDRAGE that the agreement itself grants: it is made
# per year in the status toegekend, with the money held against that year's budget exactly as a grant
# holds it (`geld.vastleggen`: locked budget row, conditional UPDATE, CheckConstraint), and from there it
# is paid, accounted for and settled by the same services, pages, lists and letters as any grant.

# Agreements whose contributions may be reserved: an active one, and an ended one for the years it ran.
BIJDRAGE_STATUSSEN = (Overeenkomststatus.ACTIEF, Overeenkomststatus.VERLOPEN)


def _jaarbijdrage_reden(overeenkomst, regel) -> str:
    tekst = (
        f"Jaarbijdrage {regel.jaar} volgens de samenwerkingsovereenkomst (versie {overeenkomst.versie}, "
        f"{overeenkomst.startdatum:%d-%m-%Y} t/m {overeenkomst.einddatum:%d-%m-%Y}): {format_euro(regel.bedrag)}"
    )
    if not regel.heel_jaar:
        tekst += (
            f", naar rato voor {regel.van:%d-%m-%Y} t/m {regel.tot:%d-%m-%Y} "
            f"(de jaarbijdrage is {format_euro(overeenkomst.jaarbijdrage)})"
        )
    return tekst + "."


def jaarbijdrage_vastleggen(*, overeenkomst, jaar: int, door=None, nu: datetime | None = None) -> Aanvraag:
    """Reserve the contribution of `jaar` that `overeenkomst` promises against that year's budget.

    `door`: a staff member of the group's gemeente, or None for the schedule (`jaarbijdragen_vastleggen`).
    Refused when the agreement is not active (or ended) for that year, when the year's contribution is
    already there (a unique constraint holds it too), when the year has no budget, and when the budget
    (or the kern ceiling) has too little left: the budget is never over-committed. The contribution is
    granted by the agreement: it needs no decision; its payment, accountability and settlement follow."""
    from bewonersgroepen.models import Samenwerkingsovereenkomst

    nu = nu or _nu()
    if door is not None and not is_medewerker_van_gemeente(door, overeenkomst.groep.gemeente_id):
        raise PermissionDenied(
            "Alleen medewerkers van de gemeente van de groep leggen een jaarbijdrage vast."
        )
    with transaction.atomic():
        # The agreement row is locked: two runs at once make one contribution (the constraint is the last guard).
        overeenkomst = (
            Samenwerkingsovereenkomst.objects.select_for_update()
            .select_related("groep")
            .get(pk=overeenkomst.pk)
        )
        groep = overeenkomst.groep
        if overeenkomst.status not in BIJDRAGE_STATUSSEN:
            raise ValidationError(
                f"De overeenkomst is {overeenkomst.get_status_display().lower()}: alleen een actieve "
                "overeenkomst (of een verlopen, voor de jaren dat zij liep) geeft een jaarbijdrage."
            )
        regel = selectors.jaarbijdrage_periode(overeenkomst, jaar)
        if regel is None:
            raise ValidationError(f"De overeenkomst loopt niet in {jaar}.")
        if regel.bedrag <= 0:
            raise ValidationError(f"De overeenkomst geeft in {jaar} geen bijdrage.")
        eerder = overeenkomst.jaarbijdragen.filter(begrotingsjaar=jaar).first()
        if eerder is not None and eerder.status == Status.INGETROKKEN and door is not None:
            # Cancelled, and now staff ask for it after all: the same row is reserved anew.
            return _jaarbijdrage_opnieuw(eerder, door=door, nu=nu)
        if eerder is not None and eerder.status == Status.INGETROKKEN:
            raise ValidationError(
                f"De jaarbijdrage {jaar} is vervallen. Alleen een medewerker kan haar opnieuw vastleggen."
            )
        if eerder is not None:
            raise ValidationError(f"De jaarbijdrage {jaar} is al vastgelegd.")
        budget_id = (
            Budget.objects.filter(gemeente_id=groep.gemeente_id, jaar=jaar)
            .values_list("pk", flat=True)
            .first()
        )
        if budget_id is None:
            raise ValidationError(
                f"Er is nog geen budget voor {jaar}. Vraag de beheerder het in te voeren; daarna wordt de "
                "jaarbijdrage vastgelegd."
            )
        budget = geld.budget_vergrendelen(budget_id=budget_id)
        kernen = list(groep.kernen.values_list("pk", flat=True)[:2])
        kern_id = kernen[0] if len(kernen) == 1 else None
        reden = _jaarbijdrage_reden(overeenkomst, regel)
        iban, tenaamstelling = _betaalgegevens(Aanvraag(groep=groep))
        aanvraag = Aanvraag(
            soort=Soort.JAARBIJDRAGE,
            overeenkomst=overeenkomst,
            groep=groep,
            gemeente_id=groep.gemeente_id,
            titel=f"Jaarbijdrage {jaar}",
            omschrijving=overeenkomst.verplichtingen_groep,
            doel=overeenkomst.onderwerpen,
            kern_id=kern_id,
            datum_van=regel.van,
            datum_tot=regel.tot,
            totale_kosten=regel.bedrag,
            gevraagd_bedrag=regel.bedrag,
            status=Status.TOEGEKEND,
            begrotingsjaar=jaar,
            aangemaakt_door=door,
            besluit_op=nu,
            beslist_door=door,
            motivering=reden,
            toegekend_bedrag=regel.bedrag,
            besluit_iban=iban,
            besluit_tenaamstelling=tenaamstelling,
            budget=budget,
        )
        aanvraag.kernplafond = geld.vastleggen(budget=budget, kern_id=kern_id, bedrag=regel.bedrag)
        _opslaan(aanvraag)
        Kostenpost.objects.create(
            aanvraag=aanvraag,
            omschrijving=f"Jaarbijdrage {jaar} (samenwerkingsovereenkomst)",
            bedrag=regel.bedrag,
        )
        AANVRAAG.historie_schrijven(
            obj=aanvraag, van="", naar=Status.TOEGEKEND, door=door, reden=reden, op=nu
        )
    return aanvraag


def _jaarbijdrage_opnieuw(aanvraag: Aanvraag, *, door, nu: datetime) -> Aanvraag:
    """A cancelled jaarbijdrage reserved again because staff ask (inside jaarbijdrage_vastleggen's
    transaction, the agreement locked)."""
    aanvraag = _vergrendeld(aanvraag)
    AANVRAAG.overgaan(
        obj=aanvraag,
        naar=Status.TOEGEKEND,
        door=door,
        reden=f"Opnieuw vastgelegd door een medewerker. {_jaarbijdrage_reden(aanvraag.overeenkomst, selectors.jaarbijdrage_periode(aanvraag.overeenkomst, aanvraag.begrotingsjaar))}",
        op=nu,
    )
    budget = geld.budget_vergrendelen(budget_id=aanvraag.budget_id)
    aanvraag.kernplafond = geld.vastleggen(
        budget=budget, kern_id=aanvraag.kern_id, bedrag=aanvraag.toegekend_bedrag
    )
    aanvraag.besluit_op = nu
    aanvraag.beslist_door = door
    _opslaan(aanvraag)
    return aanvraag


def jaarbijdrage_laten_vervallen(
    *, aanvraag: Aanvraag, door, reden: str, nu: datetime | None = None
) -> Aanvraag:
    """Staff cancel a reserved, not yet paid jaarbijdrage (e.g. the agreement ended early), with a reason:
    the reserved money goes back to the budget (and the kern ceiling), the group hears it by mail, and the
    schedule does not reserve it again for that year (only staff can, through jaarbijdrage_vastleggen)."""
    nu = nu or _nu()
    with transaction.atomic():
        aanvraag = _vergrendeld(aanvraag)
        if not aanvraag.is_jaarbijdrage:
            raise ValidationError("Alleen een jaarbijdrage laat u vervallen; een aanvraag trekt de groep in.")
        if aanvraag.status != Status.TOEGEKEND:
            raise ValidationError(
                "Alleen een vastgelegde jaarbijdrage die nog niet is betaald, kan vervallen. Deze is "
                f"{aanvraag.get_status_display().lower()}."
            )
        AANVRAAG.overgaan(
            obj=aanvraag,
            naar=Status.INGETROKKEN,
            door=door,
            reden=_met_opmerking("Jaarbijdrage vervallen.", reden) if (reden or "").strip() else "",
            op=nu,
        )
        if aanvraag.budget_id:
            geld.budget_vergrendelen(budget_id=aanvraag.budget_id)
            geld.vrijgeven(
                budget_id=aanvraag.budget_id,
                kernplafond_id=aanvraag.kernplafond_id,
                bedrag=aanvraag.toegekend_bedrag,
            )
        _opslaan(aanvraag)
        mail.mail_jaarbijdrage_vervallen(aanvraag, reden=reden.strip())
    return aanvraag


@dataclass
class Vastleggingen:
    """What one run of the schedule did: the contributions made, and per agreement why one was not."""

    vastgelegd: list = field(default_factory=list)
    overgeslagen: list = field(default_factory=list)  # (agreement, reason)


def jaarbijdragen_vastleggen(*, jaar: int | None = None, nu: datetime | None = None) -> Vastleggingen:
    """The schedule (daily, manage.py jaarbijdragen_vastleggen): reserve the contribution of `jaar`
    (default this year) of every active agreement that runs in it and has none yet. One transaction per
    agreement: one that is refused (no budget yet, too little left) does not stop the others, and is
    tried again on the next run."""
    from bewonersgroepen.models import Samenwerkingsovereenkomst

    nu = nu or _nu()
    jaar = jaar or _vandaag(nu).year
    uitkomst = Vastleggingen()
    kandidaten = (
        Samenwerkingsovereenkomst.objects.filter(
            status=Overeenkomststatus.ACTIEF,
            jaarbijdrage__gt=0,
            startdatum__lte=date(jaar, 12, 31),
            einddatum__gte=date(jaar, 1, 1),
        )
        .exclude(jaarbijdragen__begrotingsjaar=jaar)
        .select_related("groep")
        .order_by("pk")
    )
    for overeenkomst in kandidaten:
        try:
            uitkomst.vastgelegd.append(jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=jaar, nu=nu))
        except ValidationError as fout:
            uitkomst.overgeslagen.append((overeenkomst, " ".join(fout.messages)))
    return uitkomst
