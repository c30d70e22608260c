"""Applications through the services: derived amount, eligibility, every transition and its actor,
the legal term, money, four eyes and the e-mails."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bewonersgroepen.constants import Groepsoort, Groepstatus
from leefbaarheidsbudget import selectors, services
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag, Budget, Statuswijziging, te_laat_q
from leefbaarheidsbudget.services import Kostenregel
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory

from .conftest import JAAR
from .factories import AanvraagFactory, KernplafondFactory, RegelingFactory

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


def fouten_bij_indienen(aanvraag, lid):
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    return fout.value.message_dict


# --- The amount asked is derived from the cost lines ------------------------------------------------


def test_gevraagd_bedrag_volgt_uit_de_kostenposten(aanvraag, lid):
    services.aanvraag_bijwerken(
        aanvraag=aanvraag,
        door=lid,
        gegevens={
            "eigen_bijdrage": Decimal("100"),
            "cofinanciering": Decimal("50"),
            "cofinanciering_door": "Fonds",
        },
        kostenposten=[Kostenregel("Tent", Decimal("300")), Kostenregel("Koffie en thee", Decimal("200.50"))],
    )
    aanvraag.refresh_from_db()
    assert aanvraag.totale_kosten == Decimal("500.50")
    assert aanvraag.gevraagd_bedrag == Decimal("350.50")
    assert list(aanvraag.kostenposten.values_list("omschrijving", flat=True)) == ["Tent", "Koffie en thee"]


def test_database_bewaakt_de_afleiding(aanvraag):
    with pytest.raises(IntegrityError), transaction.atomic():
        Aanvraag.objects.filter(pk=aanvraag.pk).update(gevraagd_bedrag=Decimal("5000"))


def test_eigen_bijdrage_hoger_dan_kosten_wordt_geweigerd(aanvraag, lid):
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_bijwerken(
            aanvraag=aanvraag,
            door=lid,
            gegevens={"eigen_bijdrage": Decimal("900"), "cofinanciering": Decimal("200")},
            kostenposten=[Kostenregel("Tent", Decimal("1000"))],
        )
    assert "hoger dan de kosten" in fout.value.message_dict["eigen_bijdrage"][0]
    aanvraag.refresh_from_db()
    assert aanvraag.eigen_bijdrage == Decimal("100.00")  # nothing saved half


def test_concept_mag_onvolledig_zijn(groep, lid, budget):
    aanvraag = services.aanvraag_aanmaken(groep=groep, door=lid, titel="Idee")
    services.aanvraag_bijwerken(aanvraag=aanvraag, door=lid, gegevens={}, kostenposten=[])
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT
    assert aanvraag.statuswijzigingen.get().naar == Status.CONCEPT


def test_alleen_leden_maken_en_wijzigen(groep, aanvraag, ander_lid, medewerker):
    with pytest.raises(PermissionDenied):
        services.aanvraag_aanmaken(groep=groep, door=ander_lid, titel="Niet van mij")
    for wie in (ander_lid, medewerker):
        with pytest.raises(PermissionDenied):
            services.aanvraag_bijwerken(aanvraag=aanvraag, door=wie, gegevens={"titel": "X"}, kostenposten=[])


# --- Eligibility on submission -------------------------------------------------------------------------


def test_volledige_aanvraag_wordt_ingediend(aanvraag, lid):
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    assert aanvraag.status == Status.INGEDIEND
    assert aanvraag.beslistermijn_dagen == 56
    assert aanvraag.uiterste_beslisdatum == VANDAAG + datetime.timedelta(days=56)


@pytest.mark.parametrize(
    ("veld", "waarde", "tekst"),
    [
        ("omschrijving", "", "Vertel wat u gaat doen."),
        ("doel", "", "Vertel wat de activiteit oplevert"),
        ("kern", None, "Kies de kern"),
        ("datum_van", None, "Vul de datum van de activiteit in."),
        ("verwacht_aantal_deelnemers", None, "hoeveel mensen"),
    ],
)
def test_verplichte_velden(aanvraag, lid, veld, waarde, tekst):
    setattr(aanvraag, veld, waarde)
    aanvraag.save()
    fouten = fouten_bij_indienen(aanvraag, lid)
    assert tekst in " ".join(fouten[veld])
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.CONCEPT


def test_zonder_kostenposten(groep, lid, budget, kern):
    aanvraag = AanvraagFactory(groep=groep, kern=kern, kostenposten=[], eigen_bijdrage=Decimal(0))
    assert "minstens één kostenpost" in fouten_bij_indienen(aanvraag, lid)["kostenposten"][0]


def test_groepsoort_beslist_bewonersgroepen(gemeente, kern, budget):
    groep = GroepFactory(
        gemeente=gemeente, kernen=[kern], soort=Groepsoort.BEWONERSGROEP, achterban_grootte=500
    )
    lid = LidmaatschapFactory(groep=groep).gebruiker
    fouten = fouten_bij_indienen(AanvraagFactory(groep=groep, kern=kern), lid)
    assert "samenwerkingsovereenkomst" in fouten[NON_FIELD_ERRORS][0]


def test_alleen_een_actieve_groep(groep, aanvraag, lid):
    groep.status = Groepstatus.INACTIEF
    groep.save()
    assert "actieve groep" in fouten_bij_indienen(aanvraag, lid)[NON_FIELD_ERRORS][0]


def test_voorbereidingstijd(aanvraag, lid):
    aanvraag.datum_van = VANDAAG + datetime.timedelta(days=41)
    aanvraag.save()
    tekst = fouten_bij_indienen(aanvraag, lid)["datum_van"][0]
    assert "minstens 6 weken" in tekst
    assert (VANDAAG + datetime.timedelta(days=42)).strftime("%d-%m-%Y") in tekst
    aanvraag.datum_van = VANDAAG + datetime.timedelta(days=42)
    aanvraag.save()
    assert services.aanvraag_indienen(aanvraag=aanvraag, door=lid).status == Status.INGEDIEND


def test_maximum_per_aanvraag(aanvraag, lid, regeling):
    regeling.max_per_aanvraag = Decimal("899.99")
    regeling.save()
    assert "maximum per aanvraag is € 899,99" in fouten_bij_indienen(aanvraag, lid)["kostenposten"][0]


def test_maximum_per_groep_per_jaar(aanvraag, groep, kern, lid, regeling, flow):
    regeling.max_per_groep_per_jaar = Decimal("1500.00")
    regeling.save()
    flow(aanvraag, Status.TOEGEKEND)
    tweede = AanvraagFactory(groep=groep, kern=kern)
    tekst = fouten_bij_indienen(tweede, lid)["kostenposten"][0]
    assert "al € 900,00" in tekst and "€ 1.500,00" in tekst


def test_zonder_regeling_geen_aanvraag(groep, kern, lid):
    aanvraag = AanvraagFactory(groep=groep, kern=kern)
    assert "geen regeling" in fouten_bij_indienen(aanvraag, lid)[NON_FIELD_ERRORS][0]


def test_na_de_sluitingsdatum_telt_het_volgende_jaar(aanvraag, lid, regeling, op_dag, gemeente):
    regeling.sluitingsdatum = datetime.date(JAAR, 10, 1)
    regeling.save()
    op_dag(datetime.date(JAAR, 10, 2))
    aanvraag.datum_van = datetime.date(JAAR + 1, 3, 1)
    aanvraag.save()
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    assert aanvraag.begrotingsjaar == JAAR + 1
    assert selectors.begrotingsjaar(gemeente=gemeente, op=datetime.date(JAAR, 10, 1)) == JAAR


# --- Transitions: the right actor may, the wrong one may not --------------------------------------------


@pytest.mark.parametrize(
    ("van", "actie", "wie_mag", "naar"),
    [
        (Status.CONCEPT, "indienen", "lid", Status.INGEDIEND),
        (Status.INGEDIEND, "behandelen", "medewerker", Status.IN_BEHANDELING),
        (Status.IN_BEHANDELING, "aanvulling", "medewerker", Status.AANVULLING_GEVRAAGD),
        (Status.AANVULLING_GEVRAAGD, "indienen", "lid", Status.INGEDIEND),
        (Status.IN_BEHANDELING, "toekennen", "medewerker", Status.TOEGEKEND),
        (Status.IN_BEHANDELING, "afwijzen", "medewerker", Status.AFGEWEZEN),
        (Status.IN_BEHANDELING, "intrekken", "lid", Status.INGETROKKEN),
        (Status.TOEGEKEND, "betalen", "collega", Status.UITBETAALD),
        (Status.UITBETAALD, "verantwoorden", "lid", Status.VERANTWOORDING_INGEDIEND),
        (Status.VERANTWOORDING_INGEDIEND, "vaststellen", "medewerker", Status.VASTGESTELD),
    ],
)
def test_overgangen_en_actoren(
    aanvraag, flow, lid, ander_lid, medewerker, collega, medewerker_elders, van, actie, wie_mag, naar
):
    if van != Status.CONCEPT:
        aanvraag = flow(aanvraag, van)
    acties = {
        "indienen": lambda door: services.aanvraag_indienen(aanvraag=aanvraag, door=door),
        "behandelen": lambda door: services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=door),
        "aanvulling": lambda door: services.aanvulling_vragen(
            aanvraag=aanvraag, door=door, vraag="Offerte graag."
        ),
        "toekennen": lambda door: services.aanvraag_toekennen(
            aanvraag=aanvraag, door=door, bedrag=Decimal("900"), motivering="Past goed."
        ),
        "afwijzen": lambda door: services.aanvraag_afwijzen(
            aanvraag=aanvraag, door=door, motivering="Commercieel."
        ),
        "intrekken": lambda door: services.aanvraag_intrekken(aanvraag=aanvraag, door=door),
        "betalen": lambda door: services.betaling_registreren(
            aanvraag=aanvraag, door=door, betaald_op=VANDAAG
        ),
        "verantwoorden": lambda door: services.verantwoording_indienen(
            aanvraag=aanvraag, door=door, werkelijke_kosten=Decimal("900"), verslag="Goed gegaan."
        ),
        "vaststellen": lambda door: services.aanvraag_vaststellen(
            aanvraag=aanvraag, door=door, bedrag=Decimal("900")
        ),
    }
    personen = {"lid": lid, "medewerker": medewerker, "collega": collega}
    verkeerd = [ander_lid, medewerker_elders] + ([medewerker, collega] if wie_mag == "lid" else [lid])
    for wie in verkeerd:
        with pytest.raises(PermissionDenied):
            acties[actie](wie)
        assert Aanvraag.objects.get(pk=aanvraag.pk).status == van
    acties[actie](personen[wie_mag])
    aanvraag.refresh_from_db()
    assert aanvraag.status == naar
    laatste = aanvraag.statuswijzigingen.last()
    assert (laatste.van, laatste.naar, laatste.door) == (van, naar, personen[wie_mag])


def test_stap_die_niet_in_de_tabel_staat(aanvraag, medewerker, lid):
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_toekennen(
            aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Goed."
        )
    assert "concept" in fout.value.messages[0]
    with pytest.raises(ValidationError):
        services.verantwoording_indienen(
            aanvraag=aanvraag, door=lid, werkelijke_kosten=Decimal(1), verslag="x"
        )


def test_tijdlijn_heeft_elke_stap(aanvraag, flow):
    aanvraag = flow(aanvraag, Status.VASTGESTELD)
    assert [(w.van, w.naar) for w in aanvraag.statuswijzigingen.all()] == [
        ("concept", "ingediend"),
        ("ingediend", "in_behandeling"),
        ("in_behandeling", "toegekend"),
        ("toegekend", "uitbetaald"),
        ("uitbetaald", "verantwoording_ingediend"),
        ("verantwoording_ingediend", "vastgesteld"),
    ]
    assert aanvraag.statuswijzigingen.get(naar=Status.TOEGEKEND).toelichting == "Goed plan."


# --- The legal term --------------------------------------------------------------------------------------


def test_termijn_staat_stil_tijdens_aanvulling(aanvraag, lid, medewerker, op_dag):
    dag = VANDAAG
    op_dag(dag)
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    assert aanvraag.uiterste_beslisdatum == dag + datetime.timedelta(days=56)
    op_dag(dag + datetime.timedelta(days=10))
    aanvraag = services.aanvulling_vragen(aanvraag=aanvraag, door=medewerker, vraag="Welke tent huurt u?")
    assert aanvraag.termijn_opgeschort
    op_dag(dag + datetime.timedelta(days=25))
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    assert aanvraag.opgeschort_dagen == 15
    assert aanvraag.uiterste_beslisdatum == dag + datetime.timedelta(days=71)
    assert aanvraag.ingediend_op.date() == dag  # the term still counts from the first receipt


def test_te_laat_in_de_werkvoorraad_is_dezelfde_regel_als_op_de_aanvraag(aanvraag):
    """The work queue's filter and mark (te_laat_q, in the database) and the application page
    (Aanvraag.is_te_laat, in Python) say the same for every status, suspension and deadline."""
    gisteren, morgen = VANDAAG - datetime.timedelta(days=1), VANDAAG + datetime.timedelta(days=1)
    for status in Status:
        for opgeschort_sinds in (None, gisteren):
            for uiterste in (None, gisteren, VANDAAG, morgen):
                Aanvraag.objects.filter(pk=aanvraag.pk).update(
                    status=status, opgeschort_sinds=opgeschort_sinds, uiterste_beslisdatum=uiterste
                )
                aanvraag.refresh_from_db()
                in_database = Aanvraag.objects.filter(te_laat_q(VANDAAG), pk=aanvraag.pk).exists()
                assert aanvraag.is_te_laat(VANDAAG) == in_database, (status, opgeschort_sinds, uiterste)
    # Not vacuous: the loop met both answers.
    Aanvraag.objects.filter(pk=aanvraag.pk).update(
        status=Status.INGEDIEND, opgeschort_sinds=None, uiterste_beslisdatum=gisteren
    )
    assert Aanvraag.objects.filter(te_laat_q(VANDAAG)).count() == 1


def test_aanvulling_na_de_termijn_zet_de_termijn_niet_stil(aanvraag, lid, medewerker, op_dag):
    """Awb 4:15 stops a running term only: asked after the deadline, the application stays late (in the
    work queue) and the group can still send a notice of default."""
    dag = VANDAAG
    op_dag(dag)
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    op_dag(dag + datetime.timedelta(days=60))
    aanvraag = services.aanvulling_vragen(aanvraag=aanvraag, door=medewerker, vraag="Welke tent huurt u?")
    assert aanvraag.status == Status.AANVULLING_GEVRAAGD
    assert not aanvraag.termijn_opgeschort and aanvraag.opgeschort_sinds is None
    assert aanvraag.is_te_laat(dag + datetime.timedelta(days=60))
    assert "die staat daarom niet stil" in aanvraag.statuswijzigingen.latest("pk").toelichting
    te_laat = selectors.werkvoorraad(medewerker, filter="te_laat", vandaag=dag + datetime.timedelta(days=60))
    assert [a.pk for a in te_laat] == [aanvraag.pk] and te_laat[0].te_laat
    services.ingebrekestelling_registreren(
        aanvraag=aanvraag, door=lid, ontvangen_op=dag + datetime.timedelta(days=60)
    )

    # Answered later: no days are added, the deadline is the one that had already passed.
    op_dag(dag + datetime.timedelta(days=70))
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    assert aanvraag.opgeschort_dagen == 0
    assert aanvraag.uiterste_beslisdatum == dag + datetime.timedelta(days=56)


def test_termijn_een_keer_verlengen_met_reden_en_mail(
    aanvraag, flow, medewerker, django_capture_on_commit_callbacks
):
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    voor = aanvraag.uiterste_beslisdatum
    mail.outbox.clear()
    with pytest.raises(ValidationError) as fout:
        services.termijn_verlengen(aanvraag=aanvraag, door=medewerker, weken=4, reden="")
    assert "reden" in fout.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = services.termijn_verlengen(
            aanvraag=aanvraag, door=medewerker, weken=4, reden="Advies van de brandweer nodig."
        )
    assert aanvraag.uiterste_beslisdatum == voor + datetime.timedelta(days=28)
    assert {m.subject for m in mail.outbox} == {
        f"Besluit over uw aanvraag komt later: {aanvraag.titel} ({aanvraag.kenmerk})"
    }
    assert "Advies van de brandweer nodig." in mail.outbox[0].body
    with pytest.raises(ValidationError) as fout:
        services.termijn_verlengen(aanvraag=aanvraag, door=medewerker, weken=2, reden="Nog eens.")
    assert "maar één keer" in fout.value.message_dict["weken"][0]


def test_ingebrekestelling_en_dwangsom(aanvraag, lid, medewerker, op_dag):
    start = VANDAAG - datetime.timedelta(days=100)
    op_dag(start)
    aanvraag.datum_van = start + datetime.timedelta(days=60)
    aanvraag.save()
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    deadline = aanvraag.uiterste_beslisdatum
    op_dag(VANDAAG)
    with pytest.raises(ValidationError) as fout:
        services.ingebrekestelling_registreren(aanvraag=aanvraag, door=lid, ontvangen_op=deadline)
    assert "pas na de uiterste beslisdatum" in fout.value.message_dict["ontvangen_op"][0]
    ontvangen = deadline + datetime.timedelta(days=1)
    aanvraag = services.ingebrekestelling_registreren(aanvraag=aanvraag, door=lid, ontvangen_op=ontvangen)
    assert aanvraag.is_te_laat()
    # 100 - 57 = 43 days since the notice: 43 - 15 = 28 whole days in default.
    assert aanvraag.dwangsom().dagen == 28
    assert aanvraag.dwangsom().bedrag == Decimal("812")
    op_dag(ontvangen + datetime.timedelta(days=20))  # decided on day 20: 5 days of penalty, then it stops
    aanvraag = services.aanvraag_afwijzen(aanvraag=aanvraag, door=medewerker, motivering="Te laat, maar nee.")
    assert aanvraag.dwangsom().dagen == 5
    assert aanvraag.dwangsom(vandaag=VANDAAG + datetime.timedelta(days=365)).bedrag == Decimal("115")


def test_doorlooptijd_wordt_bewaard(aanvraag, lid, medewerker, op_dag):
    dag = VANDAAG - datetime.timedelta(days=30)
    op_dag(dag)
    aanvraag.datum_van = dag + datetime.timedelta(days=60)
    aanvraag.save()
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    op_dag(dag + datetime.timedelta(days=17))
    aanvraag = services.aanvraag_toekennen(
        aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Prima."
    )
    assert aanvraag.doorlooptijd_dagen == 17


# --- Deciding and the money -------------------------------------------------------------------------------


def test_toekennen_reserveert_het_bedrag(aanvraag, flow, budget):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    budget.refresh_from_db()
    assert budget.vastgelegd == Decimal("900.00")
    assert aanvraag.budget == budget
    assert not aanvraag.direct_vastgesteld  # € 900 is above this regulation's € 500


def test_gedeeltelijk_toekennen_vraagt_een_motivering(aanvraag, flow, medewerker):
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_toekennen(
            aanvraag=aanvraag, door=medewerker, bedrag=Decimal("600"), motivering="Deels."
        )
    assert "minder toe dan gevraagd" in fout.value.message_dict["motivering"][0]
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_toekennen(
            aanvraag=aanvraag, door=medewerker, bedrag=Decimal("901"), motivering="Meer!"
        )
    assert "niet meer toekennen dan gevraagd" in fout.value.message_dict["bedrag"][0]
    aanvraag = services.aanvraag_toekennen(
        aanvraag=aanvraag,
        door=medewerker,
        bedrag=Decimal("600"),
        motivering="Materiaal is niet nodig: de gemeente leent het uit.",
    )
    assert aanvraag.toegekend_bedrag == Decimal("600")


def test_afwijzen_vraagt_een_motivering(aanvraag, flow, medewerker, budget):
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_afwijzen(aanvraag=aanvraag, door=medewerker, motivering="  ")
    assert "motivering" in fout.value.message_dict
    aanvraag = services.aanvraag_afwijzen(
        aanvraag=aanvraag, door=medewerker, motivering="Dit is een commerciële activiteit."
    )
    assert aanvraag.status == Status.AFGEWEZEN
    budget.refresh_from_db()
    assert budget.vastgelegd == 0


def test_niet_meer_dan_het_budget(aanvraag, flow, medewerker, budget):
    budget.totaal = Decimal("899.99")
    budget.save()
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_toekennen(
            aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Goed."
        )
    assert "nog € 899,99 vrij" in fout.value.message_dict["bedrag"][0]
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    assert not Statuswijziging.objects.filter(aanvraag=aanvraag, naar=Status.TOEGEKEND).exists()


def test_niet_meer_dan_het_kernplafond(aanvraag, flow, medewerker, budget, kern):
    plafond = KernplafondFactory(budget=budget, kern=kern, plafond=Decimal("500"))
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_toekennen(
            aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Goed."
        )
    assert "plafond van Breukelen" in fout.value.message_dict["bedrag"][0]
    budget.refresh_from_db()
    assert budget.vastgelegd == 0  # the budget's reservation rolled back with the refused ceiling
    plafond.plafond = Decimal("1000")
    plafond.save()
    services.aanvraag_toekennen(aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Goed.")
    plafond.refresh_from_db()
    assert plafond.vastgelegd == Decimal("900")


def test_zonder_budget_geen_toekenning(groep, kern, lid, medewerker, regeling):
    aanvraag = services.aanvraag_indienen(aanvraag=AanvraagFactory(groep=groep, kern=kern), door=lid)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_toekennen(
            aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Goed."
        )
    assert f"geen budget voor {JAAR}" in fout.value.message_dict["bedrag"][0]


def test_maximum_per_groep_ook_bij_toekennen(aanvraag, groep, kern, flow, regeling, medewerker, lid):
    tweede = services.aanvraag_indienen(aanvraag=AanvraagFactory(groep=groep, kern=kern), door=lid)
    regeling.max_per_groep_per_jaar = Decimal("1500")
    regeling.save()
    flow(aanvraag, Status.TOEGEKEND)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_toekennen(
            aanvraag=tweede, door=medewerker, bedrag=Decimal("900"), motivering="Goed."
        )
    assert "maximum per groep per jaar" in fout.value.message_dict["bedrag"][0]


def test_direct_vastgesteld_onder_de_grens(aanvraag, flow, regeling, collega, budget):
    regeling.direct_vaststellen_tot = Decimal("5000")
    regeling.save()
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    assert aanvraag.direct_vastgesteld and aanvraag.vastgesteld_bedrag == Decimal("900")
    aanvraag = services.betaling_registreren(aanvraag=aanvraag, door=collega, betaald_op=VANDAAG)
    assert aanvraag.status == Status.VASTGESTELD  # no accountability step
    cijfers = selectors.budgetcijfers(gemeente=budget.gemeente, jaar=JAAR)
    assert (cijfers.gereserveerd, cijfers.vastgesteld, cijfers.uitbetaald) == (
        0,
        Decimal("900"),
        Decimal("900"),
    )


def test_intrekken_na_toekenning_geeft_geld_terug(aanvraag, flow, lid, budget):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    services.aanvraag_intrekken(aanvraag=aanvraag, door=lid, toelichting="Gaat niet door.")
    budget.refresh_from_db()
    assert budget.vastgelegd == 0


def test_vier_ogen_bij_betaling_en_vaststelling(aanvraag, flow, medewerker, collega, lid, regeling):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    with pytest.raises(ValidationError) as fout:
        services.betaling_registreren(aanvraag=aanvraag, door=medewerker, betaald_op=VANDAAG)
    assert "Vier ogen" in fout.value.message_dict["betaald_op"][0]
    aanvraag = services.betaling_registreren(aanvraag=aanvraag, door=collega, betaald_op=VANDAAG)
    aanvraag = services.verantwoording_indienen(
        aanvraag=aanvraag, door=lid, werkelijke_kosten=Decimal("900"), verslag="Top."
    )
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_vaststellen(aanvraag=aanvraag, door=collega, bedrag=Decimal("900"))
    assert "Vier ogen" in fout.value.message_dict["bedrag"][0]
    assert (
        services.aanvraag_vaststellen(aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900")).status
        == Status.VASTGESTELD
    )


def test_zonder_vier_ogen_mag_een_persoon_alles(aanvraag, flow, medewerker, regeling):
    regeling.vier_ogen = False
    regeling.save()
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    assert (
        services.betaling_registreren(aanvraag=aanvraag, door=medewerker, betaald_op=VANDAAG).status
        == Status.UITBETAALD
    )


def test_vaststellen_lager_dan_toegekend_terugvorderen(aanvraag, flow, medewerker, budget):
    aanvraag = flow(aanvraag, Status.VERANTWOORDING_INGEDIEND)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_vaststellen(aanvraag=aanvraag, door=medewerker, bedrag=Decimal("750"))
    assert "motivering" in fout.value.message_dict
    aanvraag = services.aanvraag_vaststellen(
        aanvraag=aanvraag, door=medewerker, bedrag=Decimal("750"), motivering="Materiaal was goedkoper."
    )
    assert aanvraag.terug_te_vorderen == Decimal("150")
    budget.refresh_from_db()
    assert budget.vastgelegd == Decimal("750")
    cijfers = selectors.budgetcijfers(gemeente=budget.gemeente, jaar=JAAR)
    assert (cijfers.vastgesteld, cijfers.uitbetaald, cijfers.terug_te_vorderen, cijfers.vrij) == (
        Decimal("750"),
        Decimal("900"),
        Decimal("150"),
        Decimal("49250"),
    )
    aanvraag = services.terugbetaling_registreren(aanvraag=aanvraag, door=medewerker, ontvangen_op=VANDAAG)
    assert aanvraag.openstaande_terugvordering == 0
    cijfers = selectors.budgetcijfers(gemeente=budget.gemeente, jaar=JAAR)
    assert (cijfers.uitbetaald, cijfers.terug_te_vorderen) == (Decimal("750"), 0)
    with pytest.raises(ValidationError):
        services.terugbetaling_registreren(aanvraag=aanvraag, door=medewerker, ontvangen_op=VANDAAG)


def test_teller_klopt_met_de_aanvragen(groep, kern, flow, budget):
    """The locked counter on Budget equals what the applications say (reserved + settled)."""
    for status in (Status.TOEGEKEND, Status.UITBETAALD, Status.VASTGESTELD, Status.AFGEWEZEN):
        flow(AanvraagFactory(groep=groep, kern=kern), status)
    budget.refresh_from_db()
    assert (
        budget.vastgelegd
        == selectors.budgetcijfers(gemeente=budget.gemeente, jaar=JAAR).vastgelegd
        == Decimal("2700")
    )


# --- E-mails, after the commit -------------------------------------------------------------------------


def test_mails_bij_elke_stap(
    aanvraag, lid, medewerker, collega, groep, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(selectors, "verantwoordelijke_adviseur", lambda a: medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    onderwerpen = {}
    for m in mail.outbox:  # one message per recipient, never several people in one To:
        assert len(m.to) == 1
        onderwerpen.setdefault(m.subject, []).append(m.to[0])
    assert sorted(onderwerpen[f"Aanvraag ontvangen: {aanvraag.titel} ({aanvraag.kenmerk})"]) == sorted(
        [lid.email, groep.email]
    )
    assert onderwerpen[f"Nieuwe aanvraag leefbaarheidsbudget: {aanvraag.titel} ({aanvraag.kenmerk})"] == [
        medewerker.email
    ]
    assert aanvraag.behandelaar == medewerker
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = services.aanvulling_vragen(
            aanvraag=aanvraag, door=medewerker, vraag="Graag een offerte van de tent."
        )
    assert "Graag een offerte van de tent." in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
        aanvraag = services.aanvraag_toekennen(
            aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Mooi plan & goed begroot."
        )
        aanvraag = services.betaling_registreren(aanvraag=aanvraag, door=collega, betaald_op=VANDAAG)
    onderwerpen = [m.subject for m in mail.outbox]
    assert f"Besluit over uw aanvraag: {aanvraag.titel} ({aanvraag.kenmerk})" in onderwerpen
    assert f"Bedrag betaald: {aanvraag.titel} ({aanvraag.kenmerk})" in onderwerpen
    besluit = next(m for m in mail.outbox if m.subject.startswith("Besluit"))
    assert "€ 900,00" in besluit.body and "Mooi plan & goed begroot." in besluit.body  # no HTML escaping


def test_geen_mail_zonder_commit(aanvraag, lid, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    assert callbacks and not mail.outbox  # queued for after the commit, nothing sent inside the transaction


def test_regeling_per_jaar_blijft_gelden(gemeente):
    RegelingFactory(gemeente=gemeente, jaar=2024)
    assert selectors.regeling_voor(gemeente=gemeente, jaar=2026).jaar == 2024
    assert selectors.regeling_voor(gemeente=gemeente, jaar=2023) is None


def test_budget_rij_ongewijzigd_na_mislukte_toekenning(aanvraag, flow, medewerker, budget):
    Budget.objects.filter(pk=budget.pk).update(totaal=Decimal("100"))
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    with pytest.raises(ValidationError):
        services.aanvraag_toekennen(
            aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Goed."
        )
    budget.refresh_from_db()
    assert budget.vastgelegd == 0


def test_nieuwe_aanvraag_volgt_de_routeringsregel_van_de_wijk(groep, budget, kern, lid, medewerker, collega):
    """rollen's routing rules decide the behandelaar: a wijk's rule for an activity in that wijk, else the
    kern's adviseur."""
    from rollen.constants import Rol
    from rollen.services import toewijzing_aanmaken
    from tests.factories import WijkFactory
    from tests.rollen.factories import RouteringsregelFactory

    wijk = WijkFactory(kern=kern, gemeente=kern.gemeente)
    start = datetime.date(2024, 1, 1)
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=start)
    toewijzing_aanmaken(rol=Rol.BEHEERDER, wijk=wijk, medewerker=collega, van=start)
    RouteringsregelFactory(
        gemeente=kern.gemeente, soort_werk=selectors.SOORT_WERK_AANVRAAG, wijk=wijk, rol=Rol.BEHEERDER
    )

    in_de_wijk = services.aanvraag_indienen(
        aanvraag=AanvraagFactory(groep=groep, kern=kern, wijk=wijk), door=lid
    )
    in_de_kern = services.aanvraag_indienen(aanvraag=AanvraagFactory(groep=groep, kern=kern), door=lid)
    assert in_de_wijk.behandelaar == collega
    assert in_de_kern.behandelaar == medewerker


# --- Rules the forms ask for hold in the services too ---------------------------------------------------


def test_betaling_zonder_datum_wordt_geweigerd(aanvraag, flow, collega):
    aanvraag = flow(aanvraag, Status.TOEGEKEND)
    with pytest.raises(ValidationError) as fout:
        services.betaling_registreren(aanvraag=aanvraag, door=collega, betaald_op=None)
    assert "datum van de betaling" in fout.value.message_dict["betaald_op"][0]
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.TOEGEKEND and aanvraag.uitbetaald_op is None


def test_ingebrekestelling_en_terugbetaling_zonder_datum_worden_geweigerd(aanvraag, flow, lid, medewerker):
    aanvraag = flow(aanvraag, Status.INGEDIEND)
    with pytest.raises(ValidationError) as fout:
        services.ingebrekestelling_registreren(aanvraag=aanvraag, door=lid, ontvangen_op=None)
    assert "ontvangen_op" in fout.value.message_dict
    aanvraag = flow(
        AanvraagFactory(groep=aanvraag.groep, kern=aanvraag.kern), Status.VERANTWOORDING_INGEDIEND
    )
    aanvraag = services.aanvraag_vaststellen(
        aanvraag=aanvraag, door=medewerker, bedrag=Decimal("700"), motivering="Minder uitgegeven."
    )
    with pytest.raises(ValidationError) as fout:
        services.terugbetaling_registreren(aanvraag=aanvraag, door=medewerker, ontvangen_op=None)
    assert "ontvangen_op" in fout.value.message_dict
    aanvraag.refresh_from_db()
    assert aanvraag.terugontvangen_op is None


def test_verlengen_kan_niet_meer_na_de_uiterste_beslisdatum(aanvraag, lid, medewerker, op_dag, client):
    """Awb 4:14 lid 3: the extension must reach the group before the term has run out."""
    start = VANDAAG - datetime.timedelta(days=60)
    op_dag(start)
    aanvraag.datum_van = start + datetime.timedelta(days=50)
    aanvraag.save()
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    op_dag(VANDAAG)
    assert aanvraag.uiterste_beslisdatum < VANDAAG
    with pytest.raises(ValidationError) as fout:
        services.termijn_verlengen(aanvraag=aanvraag, door=medewerker, weken=2, reden="Drukte.")
    assert "Verlengen kan alleen vóór die datum" in fout.value.message_dict["weken"][0]
    aanvraag.refresh_from_db()
    assert aanvraag.verdaging_dagen == 0
    client.force_login(medewerker)
    assert "Termijn verlengen" not in client.get(aanvraag.get_absolute_url()).text


# --- More eligibility and money rules -----------------------------------------------------------------


@pytest.mark.parametrize("soort", ["projectcommissie", "themacommissie"])
def test_ook_andere_soorten_kunnen_niet_indienen(gemeente, kern, budget, soort):
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], **{soort: True})
    lid = LidmaatschapFactory(groep=groep).gebruiker
    aanvraag = AanvraagFactory(groep=groep, kern=kern)  # e.g. a concept from before the kind changed
    fouten = fouten_bij_indienen(aanvraag, lid)
    assert "leefbaarheidsbudget" in fouten[NON_FIELD_ERRORS][0]


def test_wie_niets_vraagt_kan_niet_indienen(groep, kern, lid, budget):
    aanvraag = AanvraagFactory(groep=groep, kern=kern, eigen_bijdrage=Decimal("1000"))
    assert "U vraagt geen geld" in fouten_bij_indienen(aanvraag, lid)["kostenposten"][0]


def test_cofinanciering_vraagt_wie_betaalt(aanvraag, lid):
    services.aanvraag_bijwerken(
        aanvraag=aanvraag,
        door=lid,
        gegevens={"cofinanciering": Decimal("100"), "cofinanciering_door": ""},
        kostenposten=[Kostenregel("Tent", Decimal("1000"))],
    )
    assert "wie de cofinanciering betaalt" in fouten_bij_indienen(aanvraag, lid)["cofinanciering_door"][0]


def test_voorbereidingstijd_telt_vanaf_de_eerste_indiening(aanvraag, lid, medewerker, op_dag):
    """A group that completes its application after a request keeps its place in the lead time."""
    op_dag(VANDAAG)
    aanvraag.datum_van = VANDAAG + datetime.timedelta(days=50)
    aanvraag.save()
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    aanvraag = services.aanvulling_vragen(aanvraag=aanvraag, door=medewerker, vraag="Offerte?")
    op_dag(VANDAAG + datetime.timedelta(days=20))  # 30 days before the activity, fewer than 42
    assert services.aanvraag_indienen(aanvraag=aanvraag, door=lid).status == Status.INGEDIEND


@pytest.mark.parametrize(("bedrag", "direct"), [("900.00", True), ("899.99", True), ("900.01", False)])
def test_direct_vaststellen_tot_en_met_de_grens(aanvraag, flow, regeling, medewerker, bedrag, direct):
    regeling.direct_vaststellen_tot = Decimal("900.00")
    regeling.save()
    if Decimal(bedrag) > aanvraag.gevraagd_bedrag:
        aanvraag = AanvraagFactory(
            groep=aanvraag.groep, kern=aanvraag.kern, kostenposten=[("Tent", "1000.01")]
        )  # asks € 900,01
    aanvraag = flow(aanvraag, Status.IN_BEHANDELING)
    aanvraag = services.aanvraag_toekennen(
        aanvraag=aanvraag, door=medewerker, bedrag=Decimal(bedrag), motivering="Een goed plan voor de buurt."
    )
    assert aanvraag.direct_vastgesteld is direct
    assert (aanvraag.vastgesteld_bedrag == Decimal(bedrag)) is direct


def test_na_de_sluitingsdatum_gaat_het_geld_van_het_volgende_jaar(
    aanvraag, lid, medewerker, regeling, budget, op_dag
):
    from .factories import BudgetFactory

    volgend = BudgetFactory(gemeente=budget.gemeente, jaar=JAAR + 1, totaal=Decimal("10000"))
    regeling.sluitingsdatum = datetime.date(JAAR, 10, 1)
    regeling.save()
    op_dag(datetime.date(JAAR, 10, 2))
    aanvraag.datum_van = datetime.date(JAAR + 1, 3, 1)
    aanvraag.save()
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid)
    aanvraag = services.aanvraag_toekennen(
        aanvraag=aanvraag, door=medewerker, bedrag=Decimal("900"), motivering="Prima plan."
    )
    assert aanvraag.budget == volgend
    budget.refresh_from_db()
    volgend.refresh_from_db()
    assert (budget.vastgelegd, volgend.vastgelegd) == (0, Decimal("900"))
