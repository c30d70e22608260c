"""Officers: only they (and staff) change a group's details, payment details, functions and members; a new
IBAN counts once a second officer or staff confirms it; officers hear of every such change."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bewonersgroepen import services
from bewonersgroepen.constants import Functie, Wijzigingsstatus
from bewonersgroepen.models import Betaalgegevenswijziging, Lidmaatschap, Uitnodiging
from tests.factories import UserFactory

from .factories import GroepFactory, LidmaatschapFactory

IBAN_OUD = "NL91ABNA0417164300"
IBAN_NIEUW = "NL44RABO0123456789"


@pytest.fixture
def voorzitter(contactpersoon):
    return contactpersoon.gebruiker


@pytest.fixture
def penningmeester(groep):
    return LidmaatschapFactory(
        groep=groep,
        functie=Functie.PENNINGMEESTER,
        gebruiker=UserFactory(groepslid=True, naam="Piet Penning"),
    ).gebruiker


@pytest.fixture
def groep_met_iban(groep):
    groep.iban = IBAN_OUD
    groep.tenaamstelling = "Stichting Breukelen Actief"
    groep.save()
    return groep


def voorstellen(groep, door, iban=IBAN_NIEUW, tenaamstelling="Vereniging Breukelen"):
    return services.betaalgegevens_voorstellen(
        groep=groep, door=door, iban=iban, tenaamstelling=tenaamstelling
    )


def ontvangers():
    return [bericht.to for bericht in mail.outbox]


# --- a plain member -------------------------------------------------------------------------------


def test_lid_kan_via_de_service_niets_van_bestuur_of_betaalgegevens_wijzigen(
    groep_met_iban, lid, contactpersoon, penningmeester
):
    groep = groep_met_iban
    eigen = Lidmaatschap.objects.get(groep=groep, gebruiker=lid)
    penning = Lidmaatschap.objects.get(groep=groep, gebruiker=penningmeester)
    pogingen = [
        lambda: services.groep_bijwerken(groep=groep, door=lid, naam="Overgenomen"),
        lambda: voorstellen(groep, lid),
        lambda: services.lidmaatschap_wijzigen(
            lidmaatschap=eigen, functie=Functie.VOORZITTER, is_contactpersoon=True, door=lid
        ),
        lambda: services.lidmaatschap_beeindigen(lidmaatschap=contactpersoon, door=lid),
        lambda: services.lidmaatschap_beeindigen(lidmaatschap=penning, door=lid),
        lambda: services.lid_uitnodigen(
            groep=groep, email="maat@example.nl", naam="Maat", functie=Functie.PENNINGMEESTER, door=lid
        ),
    ]
    for poging in pogingen:
        with pytest.raises(PermissionDenied):
            poging()
    groep.refresh_from_db()
    eigen.refresh_from_db()
    assert (groep.naam, groep.iban) == ("Activiteitencommissie Breukelen", IBAN_OUD)
    assert eigen.functie == Functie.LID
    assert Lidmaatschap.objects.filter(groep=groep, tot__isnull=True).count() == 3
    assert not Betaalgegevenswijziging.objects.exists() and not Uitnodiging.objects.exists()
    assert mail.outbox == []


def test_lid_krijgt_de_paginas_niet_en_ziet_de_knoppen_niet(client, groep_met_iban, lid, contactpersoon):
    groep = groep_met_iban
    eigen = Lidmaatschap.objects.get(groep=groep, gebruiker=lid)
    client.force_login(lid)
    paginas = {
        reverse("bewonersgroepen:wijzigen", args=[groep.pk]): {
            "naam": "Overgenomen",
            "email": "x@example.nl",
        },
        reverse("bewonersgroepen:betaalgegevens", args=[groep.pk]): {"iban": IBAN_NIEUW},
        reverse("bewonersgroepen:uitnodigen", args=[groep.pk]): {
            "naam": "Maat",
            "email": "maat@example.nl",
            "functie": Functie.VOORZITTER,
        },
        reverse("bewonersgroepen:lid_wijzigen", args=[groep.pk, eigen.pk]): {
            "functie": Functie.VOORZITTER,
            "is_contactpersoon": "on",
        },
        reverse("bewonersgroepen:lid_wijzigen", args=[groep.pk, contactpersoon.pk]): {"beeindigen": "1"},
    }
    for url, data in paginas.items():
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    groep.refresh_from_db()
    eigen.refresh_from_db()
    contactpersoon.refresh_from_db()
    assert (groep.naam, groep.iban, eigen.functie, contactpersoon.tot) == (
        "Activiteitencommissie Breukelen",
        IBAN_OUD,
        Functie.LID,
        None,
    )
    assert not Betaalgegevenswijziging.objects.exists() and not Uitnodiging.objects.exists()

    pagina = client.get(reverse("bewonersgroepen:detail", args=[groep.pk])).text
    for url in paginas:
        assert f'href="{url}"' not in pagina
    assert IBAN_OUD in pagina  # a member still reads the details


def test_alleen_functies_die_de_soort_vraagt_zijn_bestuur(gemeente):
    """A themacommissie handles no money: its penningmeester is a plain member."""
    thema = GroepFactory(gemeente=gemeente, themacommissie=True)
    penning = LidmaatschapFactory(groep=thema, functie=Functie.PENNINGMEESTER).gebruiker
    secretaris = LidmaatschapFactory(groep=thema, functie=Functie.SECRETARIS).gebruiker
    assert not penning.has_perm("bewonersgroepen.change_betaalgegevens", thema)
    assert secretaris.has_perm("bewonersgroepen.change_betaalgegevens", thema)
    with pytest.raises(PermissionDenied):
        voorstellen(thema, penning)


# --- payment details ------------------------------------------------------------------------------


def test_nieuw_iban_wacht_op_tweede_bestuurslid(
    groep_met_iban, voorzitter, penningmeester, lid, django_capture_on_commit_callbacks
):
    groep = groep_met_iban
    with django_capture_on_commit_callbacks(execute=True):
        wijziging = voorstellen(groep, voorzitter, iban="nl44 rabo 0123 4567 89")
    groep.refresh_from_db()
    assert groep.iban == IBAN_OUD  # not yet
    assert (wijziging.iban, wijziging.oude_iban, wijziging.status) == (
        IBAN_NIEUW,
        IBAN_OUD,
        Wijzigingsstatus.VOORGESTELD,
    )
    # Every officer, one mail each; the plain member gets none.
    assert sorted(ontvangers()) == sorted([[voorzitter.email], [penningmeester.email]])
    assert all(IBAN_NIEUW in bericht.body for bericht in mail.outbox)

    with pytest.raises(PermissionDenied):
        services.betaalgegevens_bevestigen(wijziging=wijziging, door=voorzitter)
    with pytest.raises(PermissionDenied):
        services.betaalgegevens_bevestigen(wijziging=wijziging, door=lid)
    groep.refresh_from_db()
    assert groep.iban == IBAN_OUD

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.betaalgegevens_bevestigen(wijziging=wijziging, door=penningmeester)
    groep.refresh_from_db()
    wijziging.refresh_from_db()
    assert (groep.iban, groep.tenaamstelling) == (IBAN_NIEUW, "Vereniging Breukelen")
    assert (wijziging.status, wijziging.afgehandeld_door, wijziging.afgehandeld_op is not None) == (
        Wijzigingsstatus.BEVESTIGD,
        penningmeester,
        True,
    )
    assert sorted(ontvangers()) == sorted([[voorzitter.email], [penningmeester.email]])

    with pytest.raises(ValidationError, match="al bevestigd"):
        services.betaalgegevens_bevestigen(wijziging=wijziging, door=penningmeester)
    # The workflow's history: who proposed, who confirmed, when.
    assert [(s.van, s.naar, s.door) for s in wijziging.stappen.order_by("op", "pk")] == [
        ("", Wijzigingsstatus.VOORGESTELD, voorzitter),
        (Wijzigingsstatus.VOORGESTELD, Wijzigingsstatus.BEVESTIGD, penningmeester),
    ]
    assert wijziging.stappen.last().op == wijziging.afgehandeld_op


def test_enig_bestuurslid_laat_de_gemeente_bevestigen(groep_met_iban, voorzitter, medewerker):
    wijziging = voorstellen(groep_met_iban, voorzitter)
    services.betaalgegevens_bevestigen(wijziging=wijziging, door=medewerker)
    groep_met_iban.refresh_from_db()
    assert groep_met_iban.iban == IBAN_NIEUW


def test_voorstel_van_medewerker_bevestigt_een_ander(groep_met_iban, voorzitter, medewerker):
    wijziging = voorstellen(groep_met_iban, medewerker)
    with pytest.raises(PermissionDenied):
        services.betaalgegevens_bevestigen(wijziging=wijziging, door=medewerker)
    services.betaalgegevens_bevestigen(wijziging=wijziging, door=voorzitter)
    groep_met_iban.refresh_from_db()
    assert groep_met_iban.iban == IBAN_NIEUW


def test_medewerker_elders_kan_niet_bevestigen(groep_met_iban, voorzitter, medewerker_elders):
    wijziging = voorstellen(groep_met_iban, voorzitter)
    with pytest.raises(PermissionDenied):
        services.betaalgegevens_bevestigen(wijziging=wijziging, door=medewerker_elders)


def test_afwijzen_met_reden_en_een_voorstel_tegelijk(
    groep_met_iban, voorzitter, penningmeester, django_capture_on_commit_callbacks
):
    wijziging = voorstellen(groep_met_iban, voorzitter)
    with pytest.raises(ValidationError, match="wacht al"):
        voorstellen(groep_met_iban, penningmeester, iban="NL69INGB0123456789")
    with pytest.raises(ValidationError):
        services.betaalgegevens_afwijzen(wijziging=wijziging, door=penningmeester, reden=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.betaalgegevens_afwijzen(
            wijziging=wijziging, door=penningmeester, reden="Onbekende rekening."
        )
    wijziging.refresh_from_db()
    groep_met_iban.refresh_from_db()
    assert (wijziging.status, wijziging.reden, groep_met_iban.iban) == (
        Wijzigingsstatus.AFGEWEZEN,
        "Onbekende rekening.",
        IBAN_OUD,
    )
    assert len(mail.outbox) == 2
    with pytest.raises(ValidationError, match="al afgewezen"):  # a refused proposal stays refused
        services.betaalgegevens_bevestigen(wijziging=wijziging, door=penningmeester)
    laatste = wijziging.stappen.last()
    assert (laatste.naar, laatste.door, laatste.toelichting) == (
        Wijzigingsstatus.AFGEWEZEN,
        penningmeester,
        "Onbekende rekening.",
    )


def test_ongeldig_iban_aan_het_veld(client, groep_met_iban, voorzitter):
    client.force_login(voorzitter)
    response = client.post(
        reverse("bewonersgroepen:betaalgegevens", args=[groep_met_iban.pk]), {"iban": "NL00"}
    )
    assert response.status_code == 200 and "geen geldig IBAN" in response.text
    assert not Betaalgegevenswijziging.objects.exists()


def test_via_de_paginas_voorstellen_en_bevestigen(client, groep_met_iban, voorzitter, penningmeester):
    groep = groep_met_iban
    client.force_login(voorzitter)
    response = client.post(
        reverse("bewonersgroepen:betaalgegevens", args=[groep.pk]),
        {"iban": IBAN_NIEUW, "tenaamstelling": "Vereniging Breukelen"},
    )
    assert response.status_code == 302
    wijziging = Betaalgegevenswijziging.objects.get()
    bevestigen = reverse("bewonersgroepen:betaalgegevens_bevestigen", args=[groep.pk, wijziging.pk])
    pagina = client.get(reverse("bewonersgroepen:detail", args=[groep.pk])).text
    assert "Wacht op bevestiging" in pagina and bevestigen not in pagina
    assert client.post(bevestigen).status_code == 403  # the proposer

    client.force_login(penningmeester)
    pagina = client.get(reverse("bewonersgroepen:detail", args=[groep.pk])).text
    assert bevestigen in pagina
    assert client.post(bevestigen).status_code == 302
    groep.refresh_from_db()
    assert groep.iban == IBAN_NIEUW
    pagina = client.get(reverse("bewonersgroepen:detail", args=[groep.pk])).text
    assert "Geschiedenis van de betaalgegevens" in pagina and "Piet Penning" in pagina


def test_afwijzen_zonder_reden_geeft_melding_aan_het_veld(client, groep_met_iban, voorzitter, penningmeester):
    wijziging = voorstellen(groep_met_iban, voorzitter)
    client.force_login(penningmeester)
    url = reverse("bewonersgroepen:betaalgegevens_afwijzen", args=[groep_met_iban.pk, wijziging.pk])
    response = client.post(url, {"reden": ""})
    assert response.status_code == 200 and "Schrijf op waarom" in response.text
    wijziging.refresh_from_db()
    assert wijziging.is_open


# --- officers hear of changes in the board --------------------------------------------------------


def test_functiewijziging_en_einde_van_bestuurslid_naar_het_bestuur(
    groep, voorzitter, penningmeester, lid, medewerker, django_capture_on_commit_callbacks
):
    penning = Lidmaatschap.objects.get(groep=groep, gebruiker=penningmeester)
    with django_capture_on_commit_callbacks(execute=True):
        services.lidmaatschap_wijzigen(
            lidmaatschap=penning, functie=Functie.LID, is_contactpersoon=False, door=medewerker
        )
    # The remaining officer and the one who stepped down, one mail each.
    assert sorted(ontvangers()) == sorted([[voorzitter.email], [penningmeester.email]])
    assert "Piet Penning is nu lid (was penningmeester)" in mail.outbox[0].body

    mail.outbox.clear()
    eigen = Lidmaatschap.objects.get(groep=groep, gebruiker=lid)
    with django_capture_on_commit_callbacks(execute=True):
        services.lidmaatschap_wijzigen(
            lidmaatschap=eigen, functie=Functie.SECRETARIS, is_contactpersoon=False, door=voorzitter
        )
    assert sorted(ontvangers()) == sorted([[voorzitter.email], [lid.email]])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.lidmaatschap_beeindigen(lidmaatschap=eigen, door=voorzitter)
    assert sorted(ontvangers()) == sorted([[voorzitter.email], [lid.email]])
    assert "eindigt" in mail.outbox[0].body


def test_gewoon_lid_beeindigen_stuurt_geen_bestuursmail(
    groep, voorzitter, lid, django_capture_on_commit_callbacks
):
    eigen = Lidmaatschap.objects.get(groep=groep, gebruiker=lid)
    with django_capture_on_commit_callbacks(execute=True):
        services.lidmaatschap_beeindigen(lidmaatschap=eigen, door=voorzitter)
    assert ontvangers() == [[lid.email]]  # the member hears it, the officers do not
    assert mail.outbox[0].subject == f"Uw lidmaatschap van {groep.naam} stopt"


def test_uitnodiging_als_bestuurslid_naar_het_bestuur(groep, voorzitter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.lid_uitnodigen(
            groep=groep, email="kas@example.nl", naam="Kas", functie=Functie.PENNINGMEESTER, door=voorzitter
        )
    assert sorted(ontvangers()) == sorted([["kas@example.nl"], [voorzitter.email]])


def test_tweede_klik_op_een_afgehandelde_wijziging_geeft_een_melding(
    client, groep_met_iban, voorzitter, penningmeester
):
    wijziging = voorstellen(groep_met_iban, voorzitter)
    services.betaalgegevens_bevestigen(wijziging=wijziging, door=penningmeester)
    client.force_login(penningmeester)
    for naam, data in (
        ("betaalgegevens_bevestigen", {}),
        ("betaalgegevens_afwijzen", {"reden": "Toch niet"}),
    ):
        url = reverse(f"bewonersgroepen:{naam}", args=[groep_met_iban.pk, wijziging.pk])
        response = client.post(url, data, follow=True)
        assert response.status_code == 200 and "al bevestigd" in response.text
    wijziging.refresh_from_db()
    assert wijziging.status == Wijzigingsstatus.BEVESTIGD
