import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raad import services
from raad.constants import MotieStatus
from raad.models import Motie, Voortgangsupdate
from tests.factories import WACHTWOORD, KernFactory, UserFactory

from .factories import MotieFactory, ThemaFactory, VoortgangsupdateFactory


def _login(client, user):
    assert client.login(username=user.email, password=WACHTWOORD)
    return client


def _gegevens(**extra):
    gegevens = {
        "nummer": "m-7",
        "titel": "Meer groen in de kernen",
        "indieners": "GroenLinks, D66",
        "jaar": 2024,
        "gevraagde_actie": "Het college te verzoeken meer bomen te planten.",
    }
    gegevens.update(extra)
    return gegevens


# --- services ---------------------------------------------------------------------------------


def test_medewerker_registreert_motie(medewerker, gemeente, kern):
    thema = ThemaFactory(naam="Groen")
    motie = services.motie_registreren(
        door=medewerker, gemeente=gemeente, kernen=[kern], themas=[thema], **_gegevens()
    )
    motie.refresh_from_db()
    assert motie.nummer == "M-7"  # normalised
    assert motie.status == MotieStatus.LOPEND
    assert list(motie.kernen.all()) == [kern]
    assert list(motie.themas.all()) == [thema]
    assert motie.history.exists()


def test_jaar_volgt_uit_datum(medewerker, gemeente):
    motie = services.motie_registreren(
        door=medewerker, gemeente=gemeente, **_gegevens(jaar=None, datum_aangenomen=datetime.date(2017, 3, 9))
    )
    assert motie.jaar == 2017


def test_datum_moet_in_jaar_vallen(medewerker, gemeente):
    with pytest.raises(ValidationError) as fout:
        services.motie_registreren(
            door=medewerker,
            gemeente=gemeente,
            **_gegevens(jaar=2018, datum_aangenomen=datetime.date(2017, 3, 9)),
        )
    assert "datum_aangenomen" in fout.value.error_dict
    assert not Motie.objects.exists()


@pytest.mark.parametrize("soort", ["raadslid", "groepslid", "beheerder"])
def test_alleen_medewerkers_registreren(request, gemeente, soort):
    user = request.getfixturevalue(soort)
    with pytest.raises(PermissionDenied):
        services.motie_registreren(door=user, gemeente=gemeente, **_gegevens())
    assert not Motie.objects.exists()


def test_medewerker_van_andere_gemeente_registreert_niet(medewerker_elders, gemeente):
    with pytest.raises(PermissionDenied):
        services.motie_registreren(door=medewerker_elders, gemeente=gemeente, **_gegevens())


def test_nummer_uniek_per_gemeente(medewerker, gemeente, medewerker_elders, andere_gemeente):
    services.motie_registreren(door=medewerker, gemeente=gemeente, **_gegevens())
    with pytest.raises(ValidationError) as fout:
        services.motie_registreren(door=medewerker, gemeente=gemeente, **_gegevens(nummer="M-7"))
    assert "nummer" in fout.value.error_dict
    # The same number in another gemeente is fine.
    services.motie_registreren(door=medewerker_elders, gemeente=andere_gemeente, **_gegevens())
    assert Motie.objects.count() == 2


def test_kern_van_andere_gemeente_geweigerd(medewerker, gemeente, andere_gemeente):
    vreemde_kern = KernFactory(gemeente=andere_gemeente)
    with pytest.raises(ValidationError):
        services.motie_registreren(door=medewerker, gemeente=gemeente, kernen=[vreemde_kern], **_gegevens())
    assert not Motie.objects.exists()


def test_voortgang_zonder_statuswijziging(medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    update = services.voortgang_toevoegen(
        door=medewerker, motie=motie, datum=datetime.date(2024, 5, 1), tekst="  Er is overleg geweest. "
    )
    assert update.tekst == "Er is overleg geweest."
    assert update.auteur == medewerker
    assert not update.wijzigt_status
    motie.refresh_from_db()
    assert motie.status == MotieStatus.LOPEND


def test_voortgang_met_statuswijziging_legt_van_en_naar_vast(medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    update = services.voortgang_toevoegen(
        door=medewerker,
        motie=motie,
        datum=datetime.date(2024, 5, 1),
        tekst="De nota is vastgesteld.",
        nieuwe_status=MotieStatus.AFGEDAAN,
    )
    assert (update.status_van, update.status_naar) == (MotieStatus.LOPEND, MotieStatus.AFGEDAAN)
    motie.refresh_from_db()
    assert motie.status == MotieStatus.AFGEDAAN
    # Reopening is allowed and recorded too.
    heropend = services.voortgang_toevoegen(
        door=medewerker,
        motie=motie,
        datum=datetime.date(2024, 6, 1),
        tekst="De raad vraagt meer.",
        nieuwe_status=MotieStatus.LOPEND,
    )
    assert (heropend.status_van, heropend.status_naar) == (MotieStatus.AFGEDAAN, MotieStatus.LOPEND)
    # Each step is a workflow history row: who, when, from, to, and the update's text as the reason.
    stappen = list(motie.statuswijzigingen.order_by("op", "pk"))
    assert [(s.van, s.naar, s.door, s.toelichting) for s in stappen] == [
        (MotieStatus.LOPEND, MotieStatus.AFGEDAAN, medewerker, "De nota is vastgesteld."),
        (MotieStatus.AFGEDAAN, MotieStatus.LOPEND, medewerker, "De raad vraagt meer."),
    ]


def test_statuswijziging_zonder_tekst_geweigerd_en_niets_bewaard(medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    with pytest.raises(ValidationError) as fout:
        services.voortgang_toevoegen(
            door=medewerker,
            motie=motie,
            datum=datetime.date(2024, 5, 1),
            tekst="  ",
            nieuwe_status="afgedaan",
        )
    assert "tekst" in fout.value.message_dict
    assert not Voortgangsupdate.objects.exists() and not motie.statuswijzigingen.exists()
    motie.refresh_from_db()
    assert motie.status == MotieStatus.LOPEND


def test_medewerker_van_andere_gemeente_wijzigt_geen_status(gemeente, medewerker_elders):
    motie = MotieFactory(gemeente=gemeente)
    ander = medewerker_elders
    with pytest.raises(PermissionDenied):
        services.voortgang_toevoegen(
            door=ander, motie=motie, datum=datetime.date(2024, 5, 1), tekst="x", nieuwe_status="afgedaan"
        )
    assert not motie.statuswijzigingen.exists()


def test_onbekende_status_geweigerd(medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    with pytest.raises(ValidationError):
        services.voortgang_toevoegen(
            door=medewerker, motie=motie, datum=datetime.date(2024, 5, 1), tekst="x", nieuwe_status="vergeten"
        )
    assert not Voortgangsupdate.objects.exists()
    motie.refresh_from_db()
    assert motie.status == MotieStatus.LOPEND


def test_raadslid_voegt_geen_voortgang_toe(raadslid, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    with pytest.raises(PermissionDenied):
        services.voortgang_toevoegen(door=raadslid, motie=motie, datum=datetime.date(2024, 5, 1), tekst="x")


def test_lege_tekst_geweigerd(medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    with pytest.raises(ValidationError):
        services.voortgang_toevoegen(
            door=medewerker, motie=motie, datum=datetime.date(2024, 5, 1), tekst="   "
        )
    assert not Voortgangsupdate.objects.exists()


# --- pages ------------------------------------------------------------------------------------


def test_lijst_toont_alleen_eigen_gemeente(client, raadslid, gemeente, andere_gemeente):
    MotieFactory(gemeente=gemeente, nummer="M-1", titel="Eigen motie")
    MotieFactory(gemeente=andere_gemeente, nummer="M-2", titel="Motie elders")
    response = _login(client, raadslid).get(reverse("raad:moties"))
    assert response.status_code == 200
    assert "Eigen motie" in response.text
    assert "Motie elders" not in response.text


def test_lijst_filtert_op_status_en_zoekterm(client, raadslid, gemeente):
    MotieFactory(gemeente=gemeente, nummer="M-1", titel="Speeltuin Breukelen")
    MotieFactory(gemeente=gemeente, nummer="M-2", titel="Bankjes Loenen", afgedaan=True)
    MotieFactory(gemeente=gemeente, nummer="M-3", titel="Speeltuin Loenen", indieners="Lokaal Belang")
    _login(client, raadslid)
    tekst = client.get(reverse("raad:moties"), {"status": "afgedaan"}).text
    assert "Bankjes Loenen" in tekst and "Speeltuin" not in tekst
    tekst = client.get(reverse("raad:moties"), {"q": "speeltuin"}).text
    assert "Speeltuin Breukelen" in tekst and "Speeltuin Loenen" in tekst and "Bankjes" not in tekst
    tekst = client.get(reverse("raad:moties"), {"q": "lokaal belang", "status": "lopend"}).text
    assert "Speeltuin Loenen" in tekst and "Speeltuin Breukelen" not in tekst


def test_lijst_pagineert(client, raadslid, gemeente):
    for n in range(25):
        MotieFactory(gemeente=gemeente, nummer=f"M-{n:02d}", titel=f"Motie titel {n:02d}")
    _login(client, raadslid)
    eerste = client.get(reverse("raad:moties")).text
    tweede = client.get(reverse("raad:moties"), {"pagina": 2}).text
    assert "Motie titel 00" in eerste and "Motie titel 24" not in eerste
    assert "Motie titel 24" in tweede and "Motie titel 00" not in tweede
    assert "pagina 1 van 2" in eerste


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_lijst_vast_aantal_queries(client, raadslid, gemeente):
    _login(client, raadslid)
    kern = KernFactory(gemeente=gemeente)
    thema = ThemaFactory()

    def maak(aantal):
        for _ in range(aantal):
            motie = MotieFactory(gemeente=gemeente, kernen=[kern], themas=[thema])
            VoortgangsupdateFactory.create_batch(2, motie=motie)

    maak(2)
    klein = _queries(client, reverse("raad:moties"))
    maak(10)
    assert _queries(client, reverse("raad:moties")) == klein


def test_detail_vast_aantal_queries(client, raadslid, gemeente):
    _login(client, raadslid)
    motie = MotieFactory(gemeente=gemeente, kernen=[KernFactory(gemeente=gemeente)], themas=[ThemaFactory()])
    VoortgangsupdateFactory.create_batch(2, motie=motie)
    klein = _queries(client, motie.get_absolute_url())
    VoortgangsupdateFactory.create_batch(10, motie=motie)
    motie.kernen.add(KernFactory(gemeente=gemeente), KernFactory(gemeente=gemeente))
    assert _queries(client, motie.get_absolute_url()) == klein


def test_detail_tijdlijn_nieuwste_eerst(client, raadslid, medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    VoortgangsupdateFactory(
        motie=motie, datum=datetime.date(2021, 7, 7), tekst="Oudste stand.", auteur=medewerker
    )
    VoortgangsupdateFactory(motie=motie, datum=datetime.date(2022, 1, 18), tekst="Nieuwste stand.")
    VoortgangsupdateFactory(motie=motie, datum=datetime.date(2021, 11, 10), tekst="Middelste stand.")
    tekst = _login(client, raadslid).get(motie.get_absolute_url()).text
    assert tekst.index("Nieuwste stand.") < tekst.index("Middelste stand.") < tekst.index("Oudste stand.")
    assert "18-01-2022" in tekst
    assert medewerker.naam not in tekst  # raadsleden see no names of the writers
    assert "Stand van zaken toevoegen" not in tekst


def test_detail_van_andere_gemeente_is_404(client, raadslid, andere_gemeente):
    motie = MotieFactory(gemeente=andere_gemeente)
    assert _login(client, raadslid).get(motie.get_absolute_url()).status_code == 404


def test_medewerker_voegt_motie_toe_via_formulier(client, medewerker, gemeente, kern):
    _login(client, medewerker)
    response = client.post(
        reverse("raad:motie_toevoegen"),
        {**_gegevens(), "soort": "motie", "kernen": [kern.pk], "datum_aangenomen": ""},
    )
    motie = Motie.objects.get()
    assert response.status_code == 302 and response.url == motie.get_absolute_url()
    assert motie.gemeente == gemeente and list(motie.kernen.all()) == [kern]


def test_formulier_toont_fout_bij_veld_en_slaat_niets_op(client, medewerker, gemeente):
    MotieFactory(gemeente=gemeente, nummer="M-7")
    _login(client, medewerker)
    response = client.post(reverse("raad:motie_toevoegen"), {**_gegevens(), "soort": "motie"})
    assert response.status_code == 200
    assert "Er is al een motie met nummer M-7" in response.text
    assert Motie.objects.count() == 1
    response = client.post(reverse("raad:motie_toevoegen"), {**_gegevens(nummer="M-8", jaar="", titel="")})
    assert "Dit veld is verplicht." in response.text
    assert Motie.objects.count() == 1


def test_medewerker_wijzigt_motie(client, medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente, nummer="M-7")
    _login(client, medewerker)
    versies = motie.history.count()
    assert client.get(reverse("raad:motie_wijzigen", args=[motie.pk])).status_code == 200
    response = client.post(
        reverse("raad:motie_wijzigen", args=[motie.pk]),
        {**_gegevens(titel="Nieuwe titel"), "soort": "toezegging"},
    )
    assert response.status_code == 302
    motie.refresh_from_db()
    assert motie.titel == "Nieuwe titel" and motie.soort == "toezegging"
    assert motie.history.count() > versies
    assert motie.history.first().titel == "Nieuwe titel"


def test_medewerker_voegt_voortgang_toe_via_formulier(client, medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    _login(client, medewerker)
    url = reverse("raad:voortgang_toevoegen", args=[motie.pk])
    assert "Wijzigen in: afgedaan" in client.get(url).text
    response = client.post(url, {"datum": "2024-05-01", "tekst": "Afgerond.", "nieuwe_status": "afgedaan"})
    assert response.status_code == 302
    motie.refresh_from_db()
    assert motie.status == MotieStatus.AFGEDAAN
    tekst = client.get(motie.get_absolute_url()).text
    assert "Status gewijzigd van lopend naar afgedaan" in tekst
    assert medewerker.naam in tekst  # staff see who wrote it
    assert "Statusgeschiedenis" in tekst and "Lopend → Afgedaan" in tekst


def test_raadslid_mag_niet_schrijven(client, raadslid, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    _login(client, raadslid)
    assert client.get(reverse("raad:motie_toevoegen")).status_code == 403
    assert client.get(reverse("raad:motie_wijzigen", args=[motie.pk])).status_code == 403
    response = client.post(
        reverse("raad:voortgang_toevoegen", args=[motie.pk]), {"datum": "2024-05-01", "tekst": "x"}
    )
    assert response.status_code == 403
    assert not Voortgangsupdate.objects.exists()


def test_anoniem_naar_login_en_groepslid_geweigerd(client, groepslid):
    assert client.get(reverse("raad:moties")).status_code == 302
    assert _login(client, groepslid).get(reverse("raad:moties")).status_code == 403


def test_menu_toont_moties_alleen_aan_raadslezers(client, raadslid, groepslid):
    url = reverse("raad:moties")
    assert f'href="{url}"' not in client.get(reverse("portaal:home")).text
    assert f'href="{url}"' in _login(client, raadslid).get(reverse("portaal:home")).text
    client.logout()
    assert f'href="{url}"' not in _login(client, groepslid).get(reverse("portaal:home")).text


def test_raadslid_mag_lezen_medewerker_elders_niet(client, medewerker_elders, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    _login(client, medewerker_elders)
    assert client.get(motie.get_absolute_url()).status_code == 404
    assert client.get(reverse("raad:voortgang_toevoegen", args=[motie.pk])).status_code == 404
    user = UserFactory(raadslid=True, gemeente=gemeente)
    client.logout()
    assert _login(client, user).get(motie.get_absolute_url()).status_code == 200
