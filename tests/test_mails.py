"""docs/mail.md against the code: every mail template is listed and exists, and every listed event,
triggered through its service or command, sends one message per recipient with a text and an HTML part
and the link to the page."""

import contextlib
import datetime
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import berichten
from berichten.opmaak import portaal_url
from bewonersgroepen import services as groepen
from bewonersgroepen.constants import Functie, Groepsoort, Groepstatus, Overeenkomststatus
from bewonersgroepen.models import Lidmaatschap
from gebiedsagenda import services as agenda
from gebiedsagenda.models import Volger
from leefbaarheidsbudget import selectors as budgetselectors
from leefbaarheidsbudget import services as budget
from leefbaarheidsbudget.constants import Status
from tests.bewonersgroepen.factories import (
    GroepFactory,
    LidmaatschapFactory,
    SamenwerkingsovereenkomstFactory,
)
from tests.factories import UserFactory
from tests.gebiedsagenda.factories import VolgerFactory
from tests.leefbaarheidsbudget.conftest import naar_status
from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, RegelingFactory
from tests.rollen.factories import ToewijzingFactory

ROOT = Path(settings.BASE_DIR)
VANDAAG = timezone.localdate()


def tabel() -> list[dict]:
    """The rows of the table in docs/mail.md: event, when, recipients, template."""
    rijen = []
    for regel in (ROOT / "docs" / "mail.md").read_text().splitlines():
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if len(cellen) == 4 and cellen[0].startswith("`"):
            rijen.append({"event": cellen[0].strip("`"), "wie": cellen[2], "sjabloon": cellen[3].strip("`")})
    return rijen


TABEL = tabel()


def sjablonen_in_de_code() -> set[str]:
    """Every mail template pair in the repository: <app>/templates/<pad>/mail/<naam>(_onderwerp).txt."""
    mappen = [ROOT / "templates"] + [
        d / "templates"
        for d in ROOT.iterdir()
        if d.is_dir() and not d.name.startswith(".") and d.name != "node_modules"
    ]
    gevonden = set()
    for map_ in mappen:
        for pad in map_.rglob("*.txt") if map_.is_dir() else []:
            if pad.parent.name == "mail":
                gevonden.add(str(pad.relative_to(map_).with_suffix("")).removesuffix("_onderwerp"))
    return gevonden


def test_de_tabel_is_er_en_elke_gebeurtenis_een_keer():
    assert len(TABEL) >= 30
    events = [r["event"] for r in TABEL]
    assert len(events) == len(set(events))


def test_elk_sjabloon_in_de_tabel_bestaat():
    for rij in TABEL:
        get_template(f"{rij['sjabloon']}.txt")
        get_template(f"{rij['sjabloon']}_onderwerp.txt")


def test_elk_mailsjabloon_staat_in_de_tabel():
    assert sjablonen_in_de_code() == {r["sjabloon"] for r in TABEL}


def test_de_code_gebruikt_elk_sjabloon():
    """The template's name occurs in the code of its app (the mail module, the services, or a task)."""
    for rij in TABEL:
        app, _, naam = rij["sjabloon"].partition("/mail/")
        bron = "\n".join(p.read_text() for p in (ROOT / app).rglob("*.py"))
        assert f'"{naam}"' in bron or f'"{rij["sjabloon"]}"' in bron, rij["sjabloon"]


def test_elke_gebeurtenis_heeft_hier_een_scenario():
    assert set(SCENARIOS) == {r["event"] for r in TABEL}


# --- the world the scenarios run in --------------------------------------------------------------------


@pytest.fixture
def w(gemeente, kern, medewerker, client, monkeypatch, django_capture_on_commit_callbacks):
    """A gemeente with a budget, an active group with two members, officers, a behandelaar and a colleague;
    `w.vastleggen()` runs a step and its queued mail, recording which template made which message."""
    jaar = VANDAAG.year
    RegelingFactory(
        gemeente=gemeente, jaar=jaar, sluitingsdatum=None, direct_vaststellen_tot=Decimal("500.00")
    )
    BudgetFactory(gemeente=gemeente, jaar=jaar, totaal=Decimal("50000.00"))
    monkeypatch.setattr(budgetselectors, "verantwoordelijke_adviseur", lambda a: medewerker)
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Activiteitencommissie Breukelen")
    lid = LidmaatschapFactory(groep=groep, gebruiker=UserFactory(groepslid=True, naam="Lotte Lid")).gebruiker
    voorzitter = LidmaatschapFactory(
        groep=groep, functie=Functie.VOORZITTER, is_contactpersoon=True
    ).gebruiker
    penningmeester = LidmaatschapFactory(groep=groep, functie=Functie.PENNINGMEESTER).gebruiker

    gemaakt: dict[str, set[str]] = {}
    origineel = berichten.sjabloonmail

    def spion(aan, sjabloon, context, **kwargs):
        rijen = origineel(aan, sjabloon, context, **kwargs)
        gemaakt.setdefault(sjabloon, set()).update(r.message_id for r in rijen)
        return rijen

    monkeypatch.setattr(berichten, "sjabloonmail", spion)

    @contextlib.contextmanager
    def vastleggen():
        mail.outbox.clear()
        gemaakt.clear()
        with django_capture_on_commit_callbacks(execute=True):
            yield

    def berichten_van(sjabloon):
        ids = gemaakt.get(sjabloon, set())
        return [m for m in mail.outbox if m.extra_headers.get("Message-ID") in ids]

    return SimpleNamespace(
        gemeente=gemeente,
        kern=kern,
        medewerker=medewerker,
        collega=UserFactory(medewerker=True, gemeente=gemeente, naam="Cas Collega"),
        client=client,
        groep=groep,
        lid=lid,
        voorzitter=voorzitter,
        penningmeester=penningmeester,
        vastleggen=vastleggen,
        gemaakt=gemaakt,
        berichten_van=berichten_van,
    )


def groepsadressen(w) -> set[str]:
    return {w.lid.email, w.voorzitter.email, w.penningmeester.email, w.groep.email}


def aanvraag_tot(w, status, **kwargs):
    return naar_status(
        AanvraagFactory(groep=w.groep, kern=w.kern),
        status,
        lid=w.lid,
        medewerker=w.medewerker,
        collega=w.collega,
        **kwargs,
    )


def url_van(aanvraag) -> str:
    return portaal_url(aanvraag.get_absolute_url())


# --- applications --------------------------------------------------------------------------------------


def ingediend(w):
    aanvraag = AanvraagFactory(groep=w.groep, kern=w.kern)
    with w.vastleggen():
        budget.aanvraag_indienen(aanvraag=aanvraag, door=w.lid)
    return aanvraag


def s_ingediend(w):
    return groepsadressen(w), url_van(ingediend(w))


def s_ingediend_behandelaar(w):
    return {w.medewerker.email}, url_van(ingediend(w))


def s_namens_ingevoerd(w):
    with w.vastleggen():
        aanvraag = budget.aanvraag_namens_invoeren(
            groep=w.groep,
            door=w.collega,
            gegevens={
                "titel": "Burendag",
                "omschrijving": "Spelletjes op het plein.",
                "doel": "Buren leren elkaar kennen.",
                "kern": w.kern,
                "datum_van": VANDAAG + datetime.timedelta(days=70),
                "verwacht_aantal_deelnemers": 40,
                "eigen_bijdrage": Decimal("50.00"),
                "voorwaarden_gelezen": True,
            },
            kostenposten=[budget.Kostenregel("Huur tent", Decimal("450.00"))],
        )
    assert not w.berichten_van("leefbaarheidsbudget/mail/ontvangen")
    tekst = w.berichten_van("leefbaarheidsbudget/mail/namens_ingevoerd")[0].body
    assert "Cas Collega van de gemeente heeft namens uw groep" in tekst
    return groepsadressen(w), url_van(aanvraag)


def ingetrokken(w):
    aanvraag = aanvraag_tot(w, Status.INGEDIEND)
    with w.vastleggen():
        budget.aanvraag_intrekken(aanvraag=aanvraag, door=w.lid)
    return aanvraag


def s_ingetrokken(w):
    return groepsadressen(w), url_van(ingetrokken(w))


def s_ingetrokken_behandelaar(w):
    return {w.medewerker.email}, url_van(ingetrokken(w))


def s_aanvulling_gevraagd(w):
    aanvraag = aanvraag_tot(w, Status.INGEDIEND)
    with w.vastleggen():
        budget.aanvulling_vragen(aanvraag=aanvraag, door=w.medewerker, vraag="Stuur een offerte mee.")
    return groepsadressen(w), url_van(aanvraag)


def s_aangevuld(w):
    aanvraag = aanvraag_tot(w, Status.AANVULLING_GEVRAAGD)
    with w.vastleggen():
        budget.aanvraag_indienen(aanvraag=aanvraag, door=w.lid)
    assert "aanvulling" in w.berichten_van("leefbaarheidsbudget/mail/ontvangen")[0].subject.lower()
    return groepsadressen(w), url_van(aanvraag)


def s_beantwoord_behandelaar(w):
    aanvraag = aanvraag_tot(w, Status.AANVULLING_GEVRAAGD)
    with w.vastleggen():
        budget.informatie_beantwoorden(
            aanvraag=aanvraag, door=w.lid, antwoord="De offerte is van Bakker B.V."
        )
    bericht = w.berichten_van("leefbaarheidsbudget/mail/antwoord_behandelaar")[0]
    assert "De offerte is van Bakker B.V." in bericht.body
    # The behandelaar gets the answer instead of the general "aangevuld" mail: one message, not two.
    assert not w.berichten_van("leefbaarheidsbudget/mail/nieuwe_aanvraag")
    return {w.medewerker.email}, url_van(aanvraag)


def s_termijn_verlengd(w):
    aanvraag = aanvraag_tot(w, Status.IN_BEHANDELING)
    with w.vastleggen():
        budget.termijn_verlengen(aanvraag=aanvraag, door=w.medewerker, weken=4, reden="Advies nodig.")
    return groepsadressen(w), url_van(aanvraag)


def ingebrekestelling(w, monkeypatch):
    start = timezone.make_aware(
        datetime.datetime.combine(VANDAAG - datetime.timedelta(days=100), datetime.time(12))
    )
    nu = budget._nu
    monkeypatch.setattr(budget, "_nu", lambda: start)
    aanvraag = budget.aanvraag_indienen(aanvraag=AanvraagFactory(groep=w.groep, kern=w.kern), door=w.lid)
    monkeypatch.setattr(budget, "_nu", nu)
    with w.vastleggen():
        budget.ingebrekestelling_registreren(aanvraag=aanvraag, door=w.lid, ontvangen_op=VANDAAG)
    return aanvraag


def s_ingebrekestelling(w, monkeypatch):
    return groepsadressen(w), url_van(ingebrekestelling(w, monkeypatch))


def s_ingebrekestelling_behandelaar(w, monkeypatch):
    return {w.medewerker.email}, url_van(ingebrekestelling(w, monkeypatch))


def s_besluit(w):
    aanvraag = aanvraag_tot(w, Status.IN_BEHANDELING)
    with w.vastleggen():
        budget.aanvraag_afwijzen(aanvraag=aanvraag, door=w.medewerker, motivering="Past niet in de regeling.")
    return groepsadressen(w), url_van(aanvraag)


def s_betaald(w):
    aanvraag = aanvraag_tot(w, Status.TOEGEKEND)
    with w.vastleggen():
        budget.betaling_registreren(aanvraag=aanvraag, door=w.collega, betaald_op=VANDAAG)
    return groepsadressen(w), url_van(aanvraag)


def s_verantwoording_gevraagd(w):
    aanvraag = aanvraag_tot(w, Status.UITBETAALD)
    dag = aanvraag.datum_van + datetime.timedelta(days=1)
    with w.vastleggen():
        call_command("herinner_verantwoording", "--datum", dag.isoformat())
    return groepsadressen(w), url_van(aanvraag)


def s_verantwoording_te_laat(w):
    aanvraag = aanvraag_tot(w, Status.UITBETAALD)
    dag = aanvraag.datum_van + datetime.timedelta(weeks=13, days=1)
    with w.vastleggen():
        call_command("herinner_verantwoording", "--datum", dag.isoformat())
    return groepsadressen(w), url_van(aanvraag)


def jaarbijdrage(w, status=Status.TOEGEKEND):
    """This year's jaarbijdrage of the group's agreement, reserved (and paid, for UITBETAALD)."""
    jaar = VANDAAG.year
    overeenkomst = SamenwerkingsovereenkomstFactory(
        groep=w.groep,
        actief=True,
        startdatum=datetime.date(jaar, 1, 1),
        einddatum=datetime.date(jaar + 1, 12, 31),
        jaarbijdrage=Decimal("1200.00"),
    )
    w.groep.iban = "NL91ABNA0417164300"
    w.groep.tenaamstelling = w.groep.naam
    w.groep.save()
    bijdrage = budget.jaarbijdrage_vastleggen(overeenkomst=overeenkomst, jaar=jaar, door=w.medewerker)
    if status == Status.UITBETAALD:
        bijdrage = budget.betaling_registreren(aanvraag=bijdrage, door=w.collega, betaald_op=VANDAAG)
    return bijdrage


def s_jaarbijdrage_vervallen(w):
    bijdrage = jaarbijdrage(w)
    with w.vastleggen():
        budget.jaarbijdrage_laten_vervallen(
            aanvraag=bijdrage, door=w.collega, reden="De overeenkomst is per 1 juli beëindigd."
        )
    [bericht] = w.berichten_van("leefbaarheidsbudget/mail/jaarbijdrage_vervallen")[:1]
    assert "De overeenkomst is per 1 juli beëindigd." in bericht.body and "€ 1.200,00" in bericht.body
    return groepsadressen(w), url_van(bijdrage)


def verantwoord(w):
    aanvraag = aanvraag_tot(w, Status.UITBETAALD)
    with w.vastleggen():
        budget.verantwoording_indienen(
            aanvraag=aanvraag, door=w.lid, werkelijke_kosten=Decimal("800.00"), verslag="Het ging goed."
        )
    return aanvraag


def s_verantwoording_ontvangen(w):
    return groepsadressen(w), url_van(verantwoord(w))


def s_verantwoording_ontvangen_behandelaar(w):
    return {w.medewerker.email}, url_van(verantwoord(w))


def s_vastgesteld(w):
    aanvraag = aanvraag_tot(w, Status.VERANTWOORDING_INGEDIEND)
    with w.vastleggen():
        budget.aanvraag_vaststellen(aanvraag=aanvraag, door=w.medewerker, bedrag=aanvraag.toegekend_bedrag)
    return groepsadressen(w), url_van(aanvraag)


def teruggevorderd(w):
    aanvraag = aanvraag_tot(w, Status.VERANTWOORDING_INGEDIEND)
    with w.vastleggen():
        aanvraag = budget.aanvraag_vaststellen(
            aanvraag=aanvraag, door=w.medewerker, bedrag=Decimal("500.00"), motivering="Minder uitgegeven."
        )
    return aanvraag


def s_teruggevorderd(w):
    aanvraag = teruggevorderd(w)
    assert "€ 400,00" in w.berichten_van("leefbaarheidsbudget/mail/terugvordering")[0].body
    return groepsadressen(w), url_van(aanvraag)


def s_terugbetaald(w):
    aanvraag = teruggevorderd(w)
    with w.vastleggen():
        budget.terugbetaling_registreren(aanvraag=aanvraag, door=w.medewerker, ontvangen_op=VANDAAG)
    return groepsadressen(w), url_van(aanvraag)


# --- groups and members -------------------------------------------------------------------------------

AANMELDER = "anna@example.nl"


def aanmelden(w):
    return groepen.groep_aanmelden(
        gemeente=w.gemeente,
        kernen=[w.kern],
        soort=Groepsoort.ACTIVITEITENCOMMISSIE,
        naam="Buurtfeest De Brug",
        email="info@debrug.example",
        aanmelder_naam="Anna Aanmelder",
        aanmelder_email=AANMELDER,
    )


def s_aanmelding_bevestigen(w):
    with w.vastleggen():
        _, token = aanmelden(w)
    return {AANMELDER}, portaal_url(reverse("bewonersgroepen:aanmelding_bevestigen", kwargs={"token": token}))


def bevestigd(w):
    _, token = aanmelden(w)
    with w.vastleggen():
        return groepen.groep_aanmelding_bevestigen(token=token)


def s_aanmelding_ontvangen(w):
    bevestigd(w)
    return {AANMELDER}, portaal_url("/")


def s_aanmelding_te_behandelen(w):
    adviseur = ToewijzingFactory(kern=w.kern).medewerker
    groep = bevestigd(w)
    return {adviseur.email}, portaal_url(groep.get_absolute_url())


def aangemelde_groep(w):
    return groepen.groep_registreren(
        gemeente=w.gemeente,
        kernen=[w.kern],
        soort=Groepsoort.ACTIVITEITENCOMMISSIE,
        naam="Buurtfeest De Brug",
        email="info@debrug.example",
        aanmelder_naam="Anna Aanmelder",
        aanmelder_email=AANMELDER,
    )


def s_geaccepteerd(w):
    groep = aangemelde_groep(w)
    with w.vastleggen():
        groepen.groep_status_wijzigen(groep=groep, naar=Groepstatus.ACTIEF, door=w.medewerker)
    # Each their own link: the registrant's invitation, the group's address the page of its kern.
    eigen_link = re.escape(portaal_url("/")) + r"(bewonersgroepen/uitnodiging/[\w-]+/|gebieden/[\w/-]+/)"
    return {AANMELDER, "info@debrug.example"}, re.compile(eigen_link)


def s_afgewezen(w):
    groep = aangemelde_groep(w)
    with w.vastleggen():
        groepen.groep_status_wijzigen(
            groep=groep, naar=Groepstatus.AFGEWEZEN, door=w.medewerker, toelichting="Geen groep uit de kern."
        )
    return {AANMELDER, "info@debrug.example"}, portaal_url("/")


def s_uitgenodigd(w):
    with w.vastleggen():
        _, token = groepen.lid_uitnodigen(
            groep=w.groep, email="nieuw@example.nl", naam="Nina Nieuw", door=w.voorzitter
        )
    return {"nieuw@example.nl"}, portaal_url(reverse("bewonersgroepen:uitnodiging", kwargs={"token": token}))


def s_bestuur_gewijzigd(w):
    lidmaatschap = Lidmaatschap.objects.get(groep=w.groep, gebruiker=w.lid)
    with w.vastleggen():
        groepen.lidmaatschap_wijzigen(
            lidmaatschap=lidmaatschap, functie=Functie.SECRETARIS, is_contactpersoon=False, door=w.voorzitter
        )
    assert "lidmaatschap_gewijzigd" not in str(w.gemaakt)  # the member's own mail is the officers' one
    return {w.voorzitter.email, w.penningmeester.email, w.lid.email}, portaal_url(w.groep.get_absolute_url())


def s_functie_gewijzigd(w):
    # In a themacommissie a penningmeester is a plain member: no officer is involved.
    groep = GroepFactory(gemeente=w.gemeente, kernen=[w.kern], themacommissie=True)
    voorzitter = LidmaatschapFactory(
        groep=groep, functie=Functie.VOORZITTER, is_contactpersoon=True
    ).gebruiker
    lidmaatschap = LidmaatschapFactory(groep=groep)
    with w.vastleggen():
        groepen.lidmaatschap_wijzigen(
            lidmaatschap=lidmaatschap,
            functie=Functie.PENNINGMEESTER,
            is_contactpersoon=False,
            door=voorzitter,
        )
    assert set(w.gemaakt) == {"bewonersgroepen/mail/functie_gewijzigd"}
    return {lidmaatschap.gebruiker.email}, portaal_url(groep.get_absolute_url())


def s_lid_beeindigd(w):
    lidmaatschap = Lidmaatschap.objects.get(groep=w.groep, gebruiker=w.lid)
    with w.vastleggen():
        groepen.lidmaatschap_beeindigen(lidmaatschap=lidmaatschap, door=w.voorzitter)
    return {w.lid.email}, portaal_url("/")


IBAN = "NL20INGB0001234567"  # not the factory's: a change


def s_betaalgegevens_voorgesteld(w):
    with w.vastleggen():
        groepen.betaalgegevens_voorstellen(
            groep=w.groep, door=w.voorzitter, iban=IBAN, tenaamstelling="De groep"
        )
    return {w.voorzitter.email, w.penningmeester.email}, portaal_url(w.groep.get_absolute_url())


def s_betaalgegevens_bevestigd(w):
    wijziging = groepen.betaalgegevens_voorstellen(groep=w.groep, door=w.voorzitter, iban=IBAN)
    with w.vastleggen():
        groepen.betaalgegevens_bevestigen(wijziging=wijziging, door=w.penningmeester)
    return {w.voorzitter.email, w.penningmeester.email}, portaal_url(w.groep.get_absolute_url())


def s_betaalgegevens_afgewezen(w):
    wijziging = groepen.betaalgegevens_voorstellen(groep=w.groep, door=w.voorzitter, iban=IBAN)
    with w.vastleggen():
        groepen.betaalgegevens_afwijzen(wijziging=wijziging, door=w.medewerker, reden="Klopt niet.")
    return {w.voorzitter.email, w.penningmeester.email}, portaal_url(w.groep.get_absolute_url())


# --- agreements ------------------------------------------------------------------------------------------


def bewonersgroep(w):
    """A bewonersgroep with a chair, a secretary, a plain contact person and a plain member."""
    groep = GroepFactory(gemeente=w.gemeente, kernen=[w.kern], bewonersgroep=True)
    adressen = {
        LidmaatschapFactory(groep=groep, functie=Functie.VOORZITTER).gebruiker.email,
        LidmaatschapFactory(groep=groep, functie=Functie.SECRETARIS).gebruiker.email,
        LidmaatschapFactory(groep=groep, is_contactpersoon=True).gebruiker.email,
    }
    LidmaatschapFactory(groep=groep)  # a plain member: not told about the agreement
    return groep, adressen


def naar(w, overeenkomst, status, toelichting=""):
    with w.vastleggen():
        groepen.overeenkomst_status_wijzigen(
            overeenkomst=overeenkomst, naar=status, door=w.medewerker, toelichting=toelichting
        )
    return overeenkomst


def url_overeenkomst(overeenkomst):
    return portaal_url(overeenkomst.get_absolute_url())


def s_ter_ondertekening(w):
    groep, adressen = bewonersgroep(w)
    o = naar(w, SamenwerkingsovereenkomstFactory(groep=groep), Overeenkomststatus.TER_ONDERTEKENING)
    return adressen, url_overeenkomst(o)


def s_overeenkomst_actief(w):
    groep, adressen = bewonersgroep(w)
    o = naar(w, SamenwerkingsovereenkomstFactory(groep=groep, ondertekend=True), Overeenkomststatus.ACTIEF)
    return adressen, url_overeenkomst(o)


def s_overeenkomst_verlengd(w):
    groep, adressen = bewonersgroep(w)
    eerste = SamenwerkingsovereenkomstFactory(
        groep=groep, actief=True, startdatum=datetime.date(2024, 1, 1), einddatum=datetime.date(2025, 12, 31)
    )
    tweede = SamenwerkingsovereenkomstFactory(
        groep=groep,
        ondertekend=True,
        vorige=eerste,
        startdatum=datetime.date(2026, 1, 1),
        einddatum=datetime.date(2027, 12, 31),
    )
    naar(w, tweede, Overeenkomststatus.ACTIEF)
    assert set(w.gemaakt) == {
        "bewonersgroepen/mail/overeenkomst_verlengd"
    }  # not also "ended" for the old one
    return adressen, url_overeenkomst(tweede)


def s_overeenkomst_loopt_af(w):
    groep, adressen = bewonersgroep(w)
    o = SamenwerkingsovereenkomstFactory(
        groep=groep,
        actief=True,
        startdatum=VANDAAG - datetime.timedelta(days=700),
        einddatum=VANDAAG + datetime.timedelta(days=30),
    )
    with w.vastleggen():
        call_command("herinner_overeenkomsten", "--alleen-afsluiten", "--datum", VANDAAG.isoformat())
    return adressen, url_overeenkomst(o)


def s_overeenkomst_verlopen(w):
    groep, adressen = bewonersgroep(w)
    o = SamenwerkingsovereenkomstFactory(
        groep=groep,
        actief=True,
        startdatum=VANDAAG - datetime.timedelta(days=700),
        einddatum=VANDAAG - datetime.timedelta(days=1),
    )
    with w.vastleggen():
        call_command("herinner_overeenkomsten", "--alleen-afsluiten", "--datum", VANDAAG.isoformat())
    return adressen, url_overeenkomst(o)


def s_overeenkomst_beeindigd(w):
    groep, adressen = bewonersgroep(w)
    o = SamenwerkingsovereenkomstFactory(groep=groep, actief=True)
    naar(w, o, Overeenkomststatus.BEEINDIGD, toelichting="De groep is gestopt.")
    assert "De groep is gestopt." in w.berichten_van("bewonersgroepen/mail/overeenkomst_beeindigd")[0].body
    return adressen, url_overeenkomst(o)


def s_overeenkomst_overzicht(w):
    adviseur = ToewijzingFactory(kern=w.kern).medewerker
    groep, _ = bewonersgroep(w)
    SamenwerkingsovereenkomstFactory(
        groep=groep,
        actief=True,
        startdatum=VANDAAG - datetime.timedelta(days=700),
        einddatum=VANDAAG + datetime.timedelta(days=30),
    )
    with w.vastleggen():
        call_command("herinner_overeenkomsten", "--datum", VANDAAG.isoformat())
    return {adviseur.email}, portaal_url(reverse("bewonersgroepen:verlopend"))


# --- following an area, password reset --------------------------------------------------------------

BASIS = "https://portaal.example/"


def s_volgen_bevestigen(w):
    with w.vastleggen():
        agenda.volgen_aanmelden(email="volger@example.nl", gebied=w.kern, basis_url=BASIS)
    token = Volger.objects.get(email="volger@example.nl").token
    return {"volger@example.nl"}, urljoin(BASIS, reverse("gebiedsagenda:volgen_bevestigen", args=[token]))


def s_volgen_overzicht(w):
    VolgerFactory(email="volger@example.nl", kern=w.kern)
    VolgerFactory(email="buur@example.nl", kern=w.kern)
    agenda.nieuws_publiceren(door=w.medewerker, titel="Nieuw speelveld", tekst="Tekst.", kernen=[w.kern])
    with w.vastleggen():
        agenda.overzichten_versturen(basis_url=BASIS)
    return {"volger@example.nl", "buur@example.nl"}, urljoin(BASIS, w.kern.get_absolute_url())


def s_wachtwoord_herstel(w):
    UserFactory(email="vergeten@example.nl")
    with w.vastleggen():
        w.client.post(reverse("password_reset"), {"email": "vergeten@example.nl"})
    return {"vergeten@example.nl"}, re.compile(r"http://testserver/account/wachtwoord/nieuw/[^/\s]+/[^/\s]+/")


# --- meldingen ------------------------------------------------------------------------------------------


def _melding(w, **kwargs):
    from meldingen import services as meldingen
    from tests.factories import WijkFactory
    from tests.meldingen.factories import SubcategorieFactory

    wijk = WijkFactory(gemeente=w.gemeente, kern=w.kern, code="WK190402")
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk, medewerker=w.medewerker)
    categorie = SubcategorieFactory(gemeente=w.gemeente)
    return meldingen.melding_doen(
        gemeente=w.gemeente, categorie=categorie, wijk=wijk, tekst="Lamp kapot", **kwargs
    )


def s_melding_ontvangen(w):
    with w.vastleggen():
        melding = _melding(w, email="melder@example.nl")
    return {"melder@example.nl"}, portaal_url(melding.get_status_url())


def s_melding_nieuw_behandelaar(w):
    with w.vastleggen():
        melding = _melding(w)
    return {w.medewerker.email}, portaal_url(melding.get_absolute_url())


def s_melding_bericht(w):
    from meldingen import services as meldingen
    from meldingen.constants import MeldingStatus

    melding = _melding(w, email="melder@example.nl")
    with w.vastleggen():
        meldingen.melding_overgaan(
            melding=melding,
            naar=MeldingStatus.IN_BEHANDELING,
            door=w.medewerker,
            tekst="De monteur komt donderdag.",
            melder_informeren=True,
        )
    assert "De monteur komt donderdag." in w.berichten_van("meldingen/mail/bericht")[0].body
    return {"melder@example.nl"}, portaal_url(melding.get_status_url())


def s_melding_afgehandeld(w):
    from meldingen import services as meldingen
    from meldingen.constants import MeldingStatus

    melding = _melding(w, email="melder@example.nl")
    with w.vastleggen():
        meldingen.melding_overgaan(
            melding=melding,
            naar=MeldingStatus.AFGEHANDELD,
            door=w.medewerker,
            tekst="De lamp is vervangen.",
            melder_informeren=True,
        )
    body = w.berichten_van("meldingen/mail/afgehandeld")[0].body
    assert "De lamp is vervangen." in body and "Bent u tevreden?" in body
    assert portaal_url(melding.get_heropenen_url()) in body
    return {"melder@example.nl"}, portaal_url(melding.get_status_url()) + "#reactie-kop"


def s_melding_heropenen_aangevraagd(w):
    from meldingen import services as meldingen
    from meldingen.constants import MeldingStatus

    melding = _melding(w, email="melder@example.nl")
    meldingen.melding_overgaan(
        melding=melding, naar=MeldingStatus.AFGEHANDELD, door=w.medewerker, tekst="Klaar."
    )
    with w.vastleggen():
        meldingen.heropenen_aanvragen(melding=melding)
    return {w.medewerker.email}, portaal_url(melding.get_absolute_url())


def s_melding_heropenverzoek(w):
    from meldingen import services as meldingen
    from meldingen.constants import MeldingStatus

    melding = _melding(w, email="melder@example.nl")
    meldingen.melding_overgaan(
        melding=melding, naar=MeldingStatus.AFGEHANDELD, door=w.medewerker, tekst="Klaar."
    )
    with w.vastleggen():
        meldingen.feedback_geven(melding=melding, tevredenheid=2, opmerking="Niet opgelost", heropenen=True)
    return {w.medewerker.email}, portaal_url(melding.get_absolute_url())


def s_melding_samengevoegd(w):
    from meldingen import services as meldingen

    hoofd = _melding(w)
    dubbel = meldingen.melding_doen(
        gemeente=w.gemeente,
        categorie=hoofd.categorie,
        wijk=hoofd.wijk,
        tekst="Lamp",
        email="melder@example.nl",
    )
    with w.vastleggen():
        meldingen.als_dubbel_markeren(
            melding=dubbel, hoofdmelding=hoofd, door=w.medewerker, reden="Zelfde lamp"
        )
    assert hoofd.referentie in w.berichten_van("meldingen/mail/samengevoegd")[0].body
    return {"melder@example.nl"}, portaal_url(hoofd.get_status_url())


def s_melding_doorzetting(w):
    from meldingen import services as meldingen

    melding = _melding(w, email="melder@example.nl")
    with w.vastleggen():
        meldingen.doorzetten(
            melding=melding, door=w.medewerker, aan="Stedin", aan_email="storing@example.nl", vraag="Wanneer?"
        )
    body = w.berichten_van("meldingen/mail/doorzetting")[0].body
    assert "Wanneer?" in body and "melder@example.nl" not in body
    return {"storing@example.nl"}, portaal_url(melding.get_absolute_url())


# --- consultation rounds (participatie) -----------------------------------------------------------------


def _ronde(w, **kwargs):
    from participatie.models import Participatieplan
    from rollen.constants import Rol
    from rollen.services import toewijzing_aanmaken
    from tests.participatie.factories import KetenpartnerFactory, raadpleging_maken
    from tests.rollen.factories import ProjectFactory

    project = ProjectFactory(
        gemeente=w.gemeente, kernen=[w.kern], naam="Plein Maarssen", slug="plein-maarssen"
    )
    toewijzing_aanmaken(
        rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=w.medewerker, van=datetime.date(2024, 1, 1)
    )
    plan = Participatieplan.objects.create(
        project=project, vraag="Hoe?", wel_invloed="Groen.", status="gepubliceerd"
    )
    partner = KetenpartnerFactory(gemeente=w.gemeente, naam="Welzijn Vecht", email="info@welzijn.example")
    ronde = raadpleging_maken(plan, w.medewerker, groepen=[w.groep], ketenpartners=[partner], **kwargs)
    return ronde, partner


def s_raadpleging_partner(w):
    ronde, partner = _ronde(w)
    from participatie import raadplegingen as rs

    with w.vastleggen():
        rs.raadpleging_openen(raadpleging=ronde, door=w.medewerker)
    token = ronde.uitnodigingen.get().token
    return {partner.email}, portaal_url(reverse("participatie:reageren_partner", args=[token]))


def s_raadpleging_groep(w):
    ronde, _ = _ronde(w)
    from participatie import raadplegingen as rs

    with w.vastleggen():
        rs.raadpleging_openen(raadpleging=ronde, door=w.medewerker)
    return {w.groep.email, w.voorzitter.email}, portaal_url(ronde.openbare_url())


def s_raadpleging_bevestigen(w):
    from participatie import raadplegingen as rs
    from tests.participatie.factories import antwoorden

    ronde, _ = _ronde(w, openen=True)
    with w.vastleggen():
        reactie = rs.reactie_inwoner_indienen(
            raadpleging=ronde,
            email="inwoner@example.nl",
            antwoorden=antwoorden(ronde),
            publiceren=True,
            toon_naam=False,
        )
    return {"inwoner@example.nl"}, portaal_url(reverse("participatie:reactie_inwoner", args=[reactie.token]))


def s_raadpleging_terugkoppeling(w):
    from participatie import raadplegingen as rs
    from tests.participatie.factories import antwoorden

    ronde, partner = _ronde(w, openen=True)
    rs.reactie_groep_opslaan(
        raadpleging=ronde, door=w.lid, groep=w.groep, antwoorden=antwoorden(ronde), publiceren=True, naam=True
    )
    rs.reactie_partner_opslaan(
        token=ronde.uitnodigingen.get().token, antwoorden=antwoorden(ronde), publiceren=False, naam=False
    )
    inwoner = rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="inwoner@example.nl",
        antwoorden=antwoorden(ronde),
        publiceren=True,
        toon_naam=False,
    )
    rs.reactie_inwoner_bevestigen(token=inwoner.token)
    rs.raadpleging_sluiten(raadpleging=ronde, door=w.medewerker)
    rs.thema_opslaan(
        raadpleging=ronde, door=w.medewerker, titel="Groen", wat_gehoord="Bomen.", afweging="overgenomen"
    )
    with w.vastleggen():
        rs.samenvatting_publiceren(raadpleging=ronde, door=w.medewerker)
    return (
        {"inwoner@example.nl", partner.email, w.groep.email, w.voorzitter.email},
        portaal_url(ronde.openbare_url()),
    )


def s_volgen_project(w):
    """A project follower gets a mail when a round opens; an unconfirmed address gets nothing."""
    from participatie import raadplegingen as rs

    ronde, _ = _ronde(w)
    project = ronde.plan.project
    VolgerFactory(email="volger@example.nl", kern=None, project=project)
    VolgerFactory(email="onbevestigd@example.nl", kern=None, project=project, bevestigd_op=None)
    with w.vastleggen():
        rs.raadpleging_openen(raadpleging=ronde, door=w.medewerker)
    return {"volger@example.nl"}, portaal_url(project.get_absolute_url())


SCENARIOS = {
    "aanvraag.ingediend": s_ingediend,
    "aanvraag.ingediend.behandelaar": s_ingediend_behandelaar,
    "aanvraag.namens_ingevoerd": s_namens_ingevoerd,
    "aanvraag.ingetrokken": s_ingetrokken,
    "aanvraag.ingetrokken.behandelaar": s_ingetrokken_behandelaar,
    "aanvraag.aanvulling_gevraagd": s_aanvulling_gevraagd,
    "aanvraag.aangevuld": s_aangevuld,
    "aanvraag.beantwoord.behandelaar": s_beantwoord_behandelaar,
    "aanvraag.termijn_verlengd": s_termijn_verlengd,
    "aanvraag.ingebrekestelling": s_ingebrekestelling,
    "aanvraag.ingebrekestelling.behandelaar": s_ingebrekestelling_behandelaar,
    "aanvraag.besluit": s_besluit,
    "aanvraag.betaald": s_betaald,
    "aanvraag.verantwoording_gevraagd": s_verantwoording_gevraagd,
    "jaarbijdrage.vervallen": s_jaarbijdrage_vervallen,
    "aanvraag.verantwoording_te_laat": s_verantwoording_te_laat,
    "aanvraag.verantwoording_ontvangen": s_verantwoording_ontvangen,
    "aanvraag.verantwoording_ontvangen.behandelaar": s_verantwoording_ontvangen_behandelaar,
    "aanvraag.vastgesteld": s_vastgesteld,
    "aanvraag.teruggevorderd": s_teruggevorderd,
    "aanvraag.terugbetaald": s_terugbetaald,
    "groep.aanmelding_bevestigen": s_aanmelding_bevestigen,
    "groep.aanmelding_ontvangen": s_aanmelding_ontvangen,
    "groep.aanmelding_te_behandelen": s_aanmelding_te_behandelen,
    "groep.geaccepteerd": s_geaccepteerd,
    "groep.afgewezen": s_afgewezen,
    "lid.uitgenodigd": s_uitgenodigd,
    "bestuur.gewijzigd": s_bestuur_gewijzigd,
    "lid.functie_gewijzigd": s_functie_gewijzigd,
    "lid.beeindigd": s_lid_beeindigd,
    "betaalgegevens.voorgesteld": s_betaalgegevens_voorgesteld,
    "betaalgegevens.bevestigd": s_betaalgegevens_bevestigd,
    "betaalgegevens.afgewezen": s_betaalgegevens_afgewezen,
    "overeenkomst.ter_ondertekening": s_ter_ondertekening,
    "overeenkomst.actief": s_overeenkomst_actief,
    "overeenkomst.verlengd": s_overeenkomst_verlengd,
    "overeenkomst.loopt_af": s_overeenkomst_loopt_af,
    "overeenkomst.verlopen": s_overeenkomst_verlopen,
    "overeenkomst.beeindigd": s_overeenkomst_beeindigd,
    "overeenkomst.overzicht": s_overeenkomst_overzicht,
    "volgen.bevestigen": s_volgen_bevestigen,
    "volgen.overzicht": s_volgen_overzicht,
    "volgen.project": s_volgen_project,
    "melding.ontvangen": s_melding_ontvangen,
    "melding.nieuw.behandelaar": s_melding_nieuw_behandelaar,
    "melding.bericht": s_melding_bericht,
    "melding.heropenverzoek": s_melding_heropenverzoek,
    "melding.afgehandeld": s_melding_afgehandeld,
    "melding.samengevoegd": s_melding_samengevoegd,
    "melding.doorzetting": s_melding_doorzetting,
    "wachtwoord.herstel": s_wachtwoord_herstel,
    "raadpleging.uitnodiging.partner": s_raadpleging_partner,
    "raadpleging.uitnodiging.groep": s_raadpleging_groep,
    "raadpleging.bevestigen": s_raadpleging_bevestigen,
    "raadpleging.terugkoppeling": s_raadpleging_terugkoppeling,
}


@pytest.mark.django_db
@pytest.mark.parametrize("rij", TABEL, ids=[r["event"] for r in TABEL])
def test_elke_gebeurtenis_mailt_elke_ontvanger_apart_met_tekst_html_en_link(rij, w, monkeypatch):
    scenario = SCENARIOS[rij["event"]]
    if "monkeypatch" in scenario.__code__.co_varnames[: scenario.__code__.co_argcount]:
        verwacht, url = scenario(w, monkeypatch)
    else:
        verwacht, url = scenario(w)
    verstuurd = w.berichten_van(rij["sjabloon"])
    assert verstuurd, f"{rij['event']}: geen mail van {rij['sjabloon']}"
    assert all(
        len(m.to) == 1 and not m.cc and not m.bcc for m in verstuurd
    )  # never several people in one To:
    ontvangers = [m.to[0] for m in verstuurd]
    assert sorted(ontvangers) == sorted(verwacht)  # each recipient exactly once
    for m in verstuurd:
        assert m.subject.strip() and "\n" not in m.subject
        [(html, soort)] = m.alternatives
        assert soort == "text/html" and html.lstrip().startswith("<!DOCTYPE html>") and 'lang="nl"' in html
        link = url.search(m.body).group(0) if isinstance(url, re.Pattern) else url
        assert link in m.body, f"{rij['event']}: de link staat niet in de tekst"
        assert f'href="{escape(link)}"' in html, f"{rij['event']}: de link staat niet in de HTML"
        assert "{{" not in m.body and "{%" not in m.body and "<img" not in html


# --- once, and only once ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verantwoording_vragen_en_herinneren_gaat_maar_een_keer(w):
    aanvraag = aanvraag_tot(w, Status.UITBETAALD)
    klaar = aanvraag.datum_van
    for dag, verwacht in [
        (klaar, set()),  # the activity is not over yet
        (klaar + datetime.timedelta(days=1), {"leefbaarheidsbudget/mail/verantwoording_gevraagd"}),
        (klaar + datetime.timedelta(days=2), set()),  # asked once
        (klaar + datetime.timedelta(weeks=13), set()),  # the last day itself is not late
        (klaar + datetime.timedelta(weeks=13, days=1), {"leefbaarheidsbudget/mail/verantwoording_te_laat"}),
        (klaar + datetime.timedelta(weeks=20), set()),  # reminded once
    ]:
        with w.vastleggen():
            call_command("herinner_verantwoording", "--datum", dag.isoformat())
        assert set(w.gemaakt) == verwacht, dag
    assert list(aanvraag.statuswijzigingen.exclude(gebeurtenis="").values_list("gebeurtenis", flat=True)) == [
        budget.VERANTWOORDING_GEVRAAGD,
        budget.VERANTWOORDING_TE_LAAT,
    ]
    # Once the accountability is in, nothing more is sent.
    budget.verantwoording_indienen(
        aanvraag=aanvraag, door=w.lid, werkelijke_kosten=Decimal("800.00"), verslag="Het ging goed."
    )
    with w.vastleggen():
        call_command("herinner_verantwoording", "--datum", (klaar + datetime.timedelta(weeks=30)).isoformat())
    assert not w.gemaakt


@pytest.mark.django_db
def test_verantwoording_van_een_jaarbijdrage_spreekt_over_het_jaar(w):
    bijdrage = jaarbijdrage(w, Status.UITBETAALD)
    uiterlijk = budget.verantwoording_uiterlijk(bijdrage)
    with w.vastleggen():
        call_command(
            "herinner_verantwoording",
            "--datum",
            (bijdrage.datum_tot + datetime.timedelta(days=1)).isoformat(),
        )
    [bericht, *_] = w.berichten_van("leefbaarheidsbudget/mail/verantwoording_gevraagd")
    assert "De activiteit" not in bericht.body
    assert f"Het jaar van de jaarbijdrage {VANDAAG.year} is voorbij" in bericht.body
    assert "verantwoording over het jaar" in bericht.body
    toelichting = bijdrage.statuswijzigingen.get(gebeurtenis=budget.VERANTWOORDING_GEVRAAGD).toelichting
    assert toelichting.startswith(f"Het jaar {VANDAAG.year} is voorbij.")
    with w.vastleggen():
        call_command(
            "herinner_verantwoording", "--datum", (uiterlijk + datetime.timedelta(days=1)).isoformat()
        )
    [bericht, *_] = w.berichten_van("leefbaarheidsbudget/mail/verantwoording_te_laat")
    assert "verantwoording over het jaar" in bericht.body and "foto" not in bericht.body


@pytest.mark.django_db
def test_direct_vastgesteld_vraagt_geen_verantwoording(w):
    aanvraag = aanvraag_tot(w, Status.IN_BEHANDELING)
    budget.aanvraag_toekennen(
        aanvraag=aanvraag,
        door=w.medewerker,
        bedrag=Decimal("400.00"),
        motivering="Een deel: de tent is te duur.",
    )
    aanvraag = budget.betaling_registreren(aanvraag=aanvraag, door=w.collega, betaald_op=VANDAAG)
    assert aanvraag.status == Status.VASTGESTELD
    with w.vastleggen():
        call_command(
            "herinner_verantwoording",
            "--datum",
            (aanvraag.datum_van + datetime.timedelta(weeks=20)).isoformat(),
        )
    assert not w.gemaakt


@pytest.mark.django_db
def test_einde_van_een_overeenkomst_wordt_een_keer_gemeld(w):
    groep, adressen = bewonersgroep(w)
    SamenwerkingsovereenkomstFactory(
        groep=groep,
        actief=True,
        startdatum=VANDAAG - datetime.timedelta(days=700),
        einddatum=VANDAAG + datetime.timedelta(days=30),
    )
    for dag in range(3):
        with w.vastleggen():
            call_command(
                "herinner_overeenkomsten",
                "--alleen-afsluiten",
                "--datum",
                (VANDAAG + datetime.timedelta(days=dag)).isoformat(),
            )
        assert len(w.berichten_van("bewonersgroepen/mail/overeenkomst_loopt_af")) == (
            len(adressen) if dag == 0 else 0
        )


def test_html_deel_zonder_link_in_de_tekst_krijgt_toch_de_knop():
    from berichten.opmaak import _blokken

    blokken = _blokken(
        "Beste lezer,\n\nTekst met https://elders.example/x erin.", "https://portaal.example/p"
    )
    assert [b["soort"] for b in blokken] == ["tekst", "tekst", "knop"]


@pytest.mark.django_db
def test_einde_van_een_overeenkomst_drie_en_een_maand_ervoor_elk_een_keer(w):
    """Issue 18, item 10d: a reminder about three months (90 days) and one about a month (30 days) before
    the end date, each queued once per agreement however often the daily command runs."""
    groep, adressen = bewonersgroep(w)
    einde = VANDAAG + datetime.timedelta(days=120)
    overeenkomst = SamenwerkingsovereenkomstFactory(
        groep=groep, actief=True, startdatum=VANDAAG - datetime.timedelta(days=600), einddatum=einde
    )
    verstuurd = {}
    for dagen_voor_einde in [100, 90, 89, 60, 31, 30, 29, 30, 10]:
        with w.vastleggen():
            call_command(
                "herinner_overeenkomsten",
                "--alleen-afsluiten",
                "--datum",
                (einde - datetime.timedelta(days=dagen_voor_einde)).isoformat(),
            )
        berichten_ = w.berichten_van("bewonersgroepen/mail/overeenkomst_loopt_af")
        if berichten_:
            verstuurd[dagen_voor_einde] = berichten_
    assert sorted(verstuurd) == [30, 90]
    assert all(len(b) == len(adressen) for b in verstuurd.values())
    assert "over ongeveer drie maanden" in verstuurd[90][0].body
    assert "over ongeveer een maand" in verstuurd[30][0].body
    overeenkomst.refresh_from_db()
    assert overeenkomst.einde_aangekondigd_op == einde - datetime.timedelta(days=90)
    assert overeenkomst.einde_herinnerd_op == einde - datetime.timedelta(days=30)


@pytest.mark.django_db
def test_heropenen_via_de_link_in_de_afsluitmail_mailt_de_behandelaar(w):
    verwacht, url = s_melding_heropenen_aangevraagd(w)
    verstuurd = w.berichten_van("meldingen/mail/heropenverzoek")
    assert [m.to[0] for m in verstuurd] == sorted(verwacht)
    assert url in verstuurd[0].body
