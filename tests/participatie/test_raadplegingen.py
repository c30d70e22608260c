"""Consultation rounds: who may respond, one response per group/partner/address, editing until it closes,
consent, confirmation of residents, partner links, the workflow with history, themes and the feedback mail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from berichten.models import Bericht
from participatie import raadpleging_selectors as rselectors
from participatie import raadplegingen as rs
from participatie.models import Reactie
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import UserFactory
from tests.rollen.factories import ParticipatiestapFactory

from .factories import KetenpartnerFactory, ParticipatieplanFactory, antwoorden, raadpleging_maken

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(project):
    return ParticipatieplanFactory(project=project, gepubliceerd=True)


@pytest.fixture
def groep(gemeente):
    return GroepFactory(gemeente=gemeente, naam="Bewonersgroep Stationsbuurt", email="groep@example.nl")


@pytest.fixture
def lid(groep):
    return LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker


@pytest.fixture
def partner(gemeente):
    return KetenpartnerFactory(gemeente=gemeente, naam="Woonstichting Vecht", email="info@vecht.example")


@pytest.fixture
def ronde(plan, omgevingsmanager, groep, partner):
    return raadpleging_maken(plan, omgevingsmanager, groepen=[groep], ketenpartners=[partner], openen=True)


def test_een_raadpleging_hoort_bij_een_stap_op_niveau_raadplegen_of_adviseren(plan, omgevingsmanager):
    informeren = ParticipatiestapFactory(project=plan.project, niveau="informeren")
    with pytest.raises(ValidationError):
        raadpleging_maken(plan, omgevingsmanager, stap=informeren)
    adviseren = ParticipatiestapFactory(project=plan.project, niveau="adviseren")
    assert raadpleging_maken(plan, omgevingsmanager, stap=adviseren).status == "concept"


def test_alleen_de_eigenaar_maakt_en_opent_een_raadpleging(plan, omgevingsmanager, collega):
    with pytest.raises(PermissionDenied):
        raadpleging_maken(plan, collega)
    ronde = raadpleging_maken(plan, omgevingsmanager)
    with pytest.raises(PermissionDenied):
        rs.raadpleging_openen(raadpleging=ronde, door=collega)


def test_de_werkstroom_met_geschiedenis(plan, omgevingsmanager):
    ronde = raadpleging_maken(plan, omgevingsmanager, vragen=False)
    with pytest.raises(ValidationError, match="minstens één vraag"):
        rs.raadpleging_openen(raadpleging=ronde, door=omgevingsmanager)
    rs.vraag_toevoegen(raadpleging=ronde, door=omgevingsmanager, tekst="Wat vindt u?", soort="open")
    ronde = rs.raadpleging_openen(raadpleging=ronde, door=omgevingsmanager)
    with pytest.raises(ValidationError):  # questions are fixed once open
        rs.vraag_toevoegen(raadpleging=ronde, door=omgevingsmanager, tekst="Nog een", soort="open")
    ronde = rs.raadpleging_sluiten(raadpleging=ronde, door=omgevingsmanager)
    with pytest.raises(ValidationError):  # reopening needs a reason
        rs.raadpleging_heropenen(raadpleging=ronde, door=omgevingsmanager, reden="")
    with pytest.raises(ValidationError, match="thema"):  # publishing needs a theme
        rs.samenvatting_publiceren(raadpleging=ronde, door=omgevingsmanager)
    rs.thema_opslaan(
        raadpleging=ronde,
        door=omgevingsmanager,
        titel="Groen",
        wat_gehoord="Meer bomen",
        afweging="overgenomen",
    )
    ronde = rs.samenvatting_publiceren(raadpleging=ronde, door=omgevingsmanager)
    assert [(h.van, h.naar, h.door) for h in ronde.statuswijzigingen.all()] == [
        ("", "concept", omgevingsmanager),
        ("concept", "open", omgevingsmanager),
        ("open", "gesloten", omgevingsmanager),
        ("gesloten", "gepubliceerd", omgevingsmanager),
    ]
    assert ronde.gepubliceerd_op is not None


def test_het_systeem_sluit_verlopen_raadplegingen(ronde):
    assert rs.verlopen_sluiten(nu=timezone.now() + datetime.timedelta(days=30)) == 1
    ronde.refresh_from_db()
    assert ronde.status == "gesloten"
    assert ronde.statuswijzigingen.last().door is None


def test_een_lid_reageert_namens_de_groep_en_de_groep_heeft_een_reactie(ronde, groep, lid):
    rs.reactie_groep_opslaan(
        raadpleging=ronde, door=lid, groep=groep, antwoorden=antwoorden(ronde), publiceren=True, naam=True
    )
    ander_lid = LidmaatschapFactory(groep=groep).gebruiker
    reactie = rs.reactie_groep_opslaan(
        raadpleging=ronde,
        door=ander_lid,
        groep=groep,
        antwoorden=antwoorden(ronde, open_="Een speeltuin"),
        publiceren=False,
        naam=False,
    )
    assert Reactie.objects.filter(raadpleging=ronde, groep=groep).count() == 1
    assert (
        reactie.ingediend_door == ander_lid
        and reactie.antwoorden.get(vraag__soort="open").tekst == "Een speeltuin"
    )
    assert reactie.telt


def test_geen_lid_of_niet_uitgenodigde_groep_mag_niet_reageren(ronde, groep, gemeente):
    buitenstaander = UserFactory(groepslid=True, gemeente=gemeente)
    with pytest.raises(PermissionDenied):
        rs.reactie_groep_opslaan(
            raadpleging=ronde,
            door=buitenstaander,
            groep=groep,
            antwoorden=antwoorden(ronde),
            publiceren=True,
            naam=True,
        )
    andere = GroepFactory(gemeente=gemeente)
    lid_andere = LidmaatschapFactory(groep=andere).gebruiker
    with pytest.raises(PermissionDenied):
        rs.reactie_groep_opslaan(
            raadpleging=ronde,
            door=lid_andere,
            groep=andere,
            antwoorden=antwoorden(ronde),
            publiceren=True,
            naam=True,
        )


def test_de_database_houdt_een_reactie_per_groep_partner_en_adres(ronde, groep, partner):
    Reactie.objects.create(raadpleging=ronde, soort="groep", groep=groep)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reactie.objects.create(raadpleging=ronde, soort="groep", groep=groep)
    Reactie.objects.create(raadpleging=ronde, soort="partner", ketenpartner=partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reactie.objects.create(raadpleging=ronde, soort="partner", ketenpartner=partner)
    Reactie.objects.create(raadpleging=ronde, soort="inwoner", email="a@example.nl")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reactie.objects.create(raadpleging=ronde, soort="inwoner", email="a@example.nl")
    with pytest.raises(IntegrityError), transaction.atomic():  # a name only with publication
        Reactie.objects.create(
            raadpleging=ronde, soort="inwoner", email="b@example.nl", toestemming_naam=True
        )


def test_de_partner_krijgt_een_eigen_link_en_reageert_eenmaal(ronde, partner):
    uitnodiging = ronde.uitnodigingen.get()
    assert len(uitnodiging.token) >= 40 and uitnodiging.verstuurd_op is not None
    tweede = raadpleging_maken(ronde.plan, None, ketenpartners=[partner])
    assert tweede.uitnodigingen.get().token != uitnodiging.token  # per partner per round
    uitnodigingsmail = Bericht.objects.filter(aan="info@vecht.example")
    assert len(uitnodigingsmail) == 1 and uitnodiging.token in uitnodigingsmail[0].tekst
    rs.reactie_partner_opslaan(
        token=uitnodiging.token, antwoorden=antwoorden(ronde), publiceren=True, naam=False
    )
    rs.reactie_partner_opslaan(
        token=uitnodiging.token, antwoorden=antwoorden(ronde, score="2"), publiceren=True, naam=False
    )
    reactie = Reactie.objects.get(raadpleging=ronde, ketenpartner=partner)
    assert reactie.antwoorden.get(vraag__soort="schaal").score == 2
    with pytest.raises(PermissionDenied):
        rs.reactie_partner_opslaan(token="geraden", antwoorden=antwoorden(ronde), publiceren=True, naam=False)


def test_een_inwoner_telt_pas_na_bevestiging(ronde):
    Bericht.objects.all().delete()
    reactie = rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="inwoner@example.nl",
        naam="Ina",
        antwoorden=antwoorden(ronde),
        publiceren=True,
        toon_naam=False,
    )
    assert not reactie.telt and rselectors.deelname(ronde)["inwoners"] == 0
    bericht = Bericht.objects.get()
    assert bericht.aan == "inwoner@example.nl" and reactie.token in bericht.tekst
    assert "Meer bankjes" not in bericht.tekst  # nothing they typed goes to an unconfirmed address
    # Submitting again with the same address changes nothing and sends the link again.
    tweede = rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="INWONER@example.nl",
        antwoorden=antwoorden(ronde, open_="Anders"),
        publiceren=True,
        toon_naam=False,
    )
    assert tweede.pk == reactie.pk and Reactie.objects.filter(raadpleging=ronde).count() == 1
    assert reactie.antwoorden.get(vraag__soort="open").tekst == "Meer bankjes"
    rs.reactie_inwoner_bevestigen(token=reactie.token)
    assert rselectors.deelname(ronde)["inwoners"] == 1


def test_wijzigen_kan_tot_de_raadpleging_sluit(ronde, omgevingsmanager):
    reactie = rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="inwoner@example.nl",
        antwoorden=antwoorden(ronde),
        publiceren=False,
        toon_naam=False,
    )
    rs.reactie_inwoner_wijzigen(
        token=reactie.token, antwoorden=antwoorden(ronde, open_="Bomen"), publiceren=True, toon_naam=True
    )
    reactie.refresh_from_db()
    assert (
        reactie.telt
        and reactie.toestemming_naam
        and reactie.antwoorden.get(vraag__soort="open").tekst == "Bomen"
    )
    rs.raadpleging_sluiten(raadpleging=ronde, door=omgevingsmanager)
    with pytest.raises(ValidationError, match="niet open"):
        rs.reactie_inwoner_wijzigen(
            token=reactie.token, antwoorden=antwoorden(ronde), publiceren=True, toon_naam=True
        )


def test_alleen_openbaar_bij_een_openbare_raadpleging(plan, omgevingsmanager, groep):
    ronde = raadpleging_maken(plan, omgevingsmanager, openbaar=False, groepen=[groep], openen=True)
    with pytest.raises(PermissionDenied):
        rs.reactie_inwoner_indienen(
            raadpleging=ronde,
            email="x@example.nl",
            antwoorden=antwoorden(ronde),
            publiceren=True,
            toon_naam=True,
        )


def test_antwoorden_worden_gecontroleerd(ronde):
    vragen = list(ronde.vragen.all())
    for fout in (
        {vragen[0].pk: ""},
        {vragen[0].pk: "x", vragen[1].pk: "Iets anders"},
        {vragen[0].pk: "x", vragen[2].pk: "6"},
    ):
        with pytest.raises(ValidationError):
            rs.reactie_inwoner_indienen(
                raadpleging=ronde, email="x@example.nl", antwoorden=fout, publiceren=True, toon_naam=False
            )
    assert not Reactie.objects.exists()


def test_naam_zonder_publicatie_wordt_geen_naam(ronde, groep, lid):
    reactie = rs.reactie_groep_opslaan(
        raadpleging=ronde, door=lid, groep=groep, antwoorden=antwoorden(ronde), publiceren=False, naam=True
    )
    assert not reactie.toestemming_publiceren and not reactie.toestemming_naam
    assert reactie.openbare_afzender == "Een bewonersgroep"


def _verwerkt(ronde, omgevingsmanager, groep, lid, partner):
    rs.reactie_groep_opslaan(
        raadpleging=ronde, door=lid, groep=groep, antwoorden=antwoorden(ronde), publiceren=True, naam=True
    )
    rs.reactie_partner_opslaan(
        token=ronde.uitnodigingen.get().token,
        antwoorden=antwoorden(ronde, open_="Veilig fietsen"),
        publiceren=True,
        naam=False,
    )
    bevestigd = rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="ina@example.nl",
        naam="Ina Inwoner",
        antwoorden=antwoorden(ronde, open_="Geheim idee"),
        publiceren=False,
        toon_naam=False,
    )
    rs.reactie_inwoner_bevestigen(token=bevestigd.token)
    rs.reactie_inwoner_indienen(
        raadpleging=ronde,
        email="nooit@example.nl",
        antwoorden=antwoorden(ronde),
        publiceren=True,
        toon_naam=True,
    )
    rs.raadpleging_sluiten(raadpleging=ronde, door=omgevingsmanager)
    thema = rs.thema_opslaan(
        raadpleging=ronde,
        door=omgevingsmanager,
        titel="Groen",
        wat_gehoord="Meer bomen en bankjes.",
        afweging="deels",
    )
    rs.reacties_indelen(
        raadpleging=ronde, door=omgevingsmanager, indeling={r.pk: thema.pk for r in ronde.reacties.all()}
    )
    return thema


def test_publiceren_vraagt_per_thema_het_waarom_en_mailt_elke_deelnemer(
    ronde, omgevingsmanager, groep, lid, partner
):
    thema = _verwerkt(ronde, omgevingsmanager, groep, lid, partner)
    with pytest.raises(ValidationError, match="waarom"):
        rs.samenvatting_publiceren(raadpleging=ronde, door=omgevingsmanager)
    rs.thema_opslaan(
        raadpleging=ronde,
        door=omgevingsmanager,
        thema=thema,
        titel="Groen",
        wat_gehoord="Meer bomen.",
        afweging="deels",
        waarom="Er liggen kabels.",
    )
    Bericht.objects.all().delete()
    rs.samenvatting_publiceren(raadpleging=ronde, door=omgevingsmanager, samenvatting="Veel reacties.")
    ontvangers = sorted(Bericht.objects.values_list("aan", flat=True))
    # the confirmed resident, the partner, the group's address and its contact person; not the unconfirmed one
    assert ontvangers == sorted(["ina@example.nl", "info@vecht.example", "groep@example.nl", lid.email])
    assert all(ronde.openbare_url() in b.tekst for b in Bericht.objects.all())


def test_thema_en_indeling_alleen_na_sluiten(ronde, omgevingsmanager):
    with pytest.raises(ValidationError):
        rs.thema_opslaan(raadpleging=ronde, door=omgevingsmanager, titel="Te vroeg")


def test_openbaar_alleen_met_toestemming_en_zonder_naam_zonder_toestemming(
    ronde, omgevingsmanager, groep, lid, partner
):
    thema = _verwerkt(ronde, omgevingsmanager, groep, lid, partner)
    assert not rselectors.openbare_reacties(ronde).exists()  # nothing before publishing
    rs.thema_opslaan(
        raadpleging=ronde,
        door=omgevingsmanager,
        thema=thema,
        titel="Groen",
        wat_gehoord="Meer bomen.",
        afweging="overgenomen",
    )
    ronde = rs.samenvatting_publiceren(raadpleging=ronde, door=omgevingsmanager)
    openbaar = list(rselectors.openbare_reacties(ronde))
    assert [r.openbare_afzender for r in openbaar] == ["Bewonersgroep Stationsbuurt", "Een ketenpartner"]
    assert rselectors.deelname(ronde) == {"groepen": 1, "partners": 1, "inwoners": 1, "totaal": 3}
