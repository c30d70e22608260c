import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.constants import Gebruikerssoort
from tests.factories import WACHTWOORD, UserFactory


def test_gebruikerssoorten_bestaan_als_groepen(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {s.value for s in Gebruikerssoort}


def test_functioneel_beheerder_mag_gebieden_beheren(beheerder):
    assert beheerder.has_perm("gebieden.change_wijk")
    assert not beheerder.has_perm("auth.change_permission")


def test_inloggen_met_email_en_uitloggen(client, medewerker):
    response = client.post(reverse("login"), {"username": medewerker.email.upper(), "password": WACHTWOORD})
    assert response.status_code == 302
    response = client.get(reverse("portaal:home"))
    assert "Ingelogd als" in response.text and medewerker.naam in response.text
    assert "Medewerker gemeente" in response.text
    client.post(reverse("logout"))
    assert "Niet ingelogd" in client.get(reverse("portaal:home")).text


def test_fout_wachtwoord_geeft_nederlandse_melding(client, medewerker):
    response = client.post(reverse("login"), {"username": medewerker.email, "password": "fout"})
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet" in response.text


def test_mijn_account_vraagt_inloggen(client, db):
    response = client.get(reverse("mijn_account"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_wachtwoord_wijzigen_eist_12_tekens(client, groepslid):
    client.force_login(groepslid)
    response = client.post(
        reverse("password_change"),
        {"old_password": WACHTWOORD, "new_password1": "kort123", "new_password2": "kort123"},
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort. Gebruik minstens 12 tekens." in response.text
    response = client.post(
        reverse("password_change"),
        {
            "old_password": WACHTWOORD,
            "new_password1": "fiets-regen-dorpshuis",
            "new_password2": "fiets-regen-dorpshuis",
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "wachtwoord, melding",
    [
        ("qwerty123456", "Dit wachtwoord is te algemeen."),  # 12 characters, on Django's list as it is
        ("password1234", "Dit wachtwoord is te algemeen."),
        ("Wachtwoord2024!", "Dit wachtwoord is te makkelijk te raden"),  # a Dutch word with digits added
        ("Welkom123456", "Dit wachtwoord is te makkelijk te raden"),
        ("Sunshine2024!!", "Dit wachtwoord is te makkelijk te raden"),  # Django's list, with digits added
        ("welkomwelkom", "Dit wachtwoord is te algemeen."),
        ("123456789012", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_wachtwoord_wijzigen_weigert_veelgebruikte_wachtwoorden(client, groepslid, wachtwoord, melding):
    client.force_login(groepslid)
    response = client.post(
        reverse("password_change"),
        {"old_password": WACHTWOORD, "new_password1": wachtwoord, "new_password2": wachtwoord},
    )
    assert response.status_code == 200
    assert melding in response.text
    groepslid.refresh_from_db()
    assert groepslid.check_password(WACHTWOORD)  # unchanged


def test_wachtwoordregels_staan_in_het_nederlands_bij_het_veld(client, groepslid):
    client.force_login(groepslid)
    tekst = client.get(reverse("password_change")).text
    assert "minstens 12 tekens" in tekst
    assert "geen veelgebruikt wachtwoord" in tekst


def test_wachtwoord_vergeten_stuurt_nederlandse_mail(client, groepslid, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the worker sends it (tests: on commit)
        response = client.post(reverse("password_reset"), {"email": groepslid.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Nieuw wachtwoord voor het Gebiedsportaal"
    assert "/account/wachtwoord/nieuw/" in mail.outbox[0].body


@pytest.mark.parametrize("soort", ["medewerker", "groepslid", "raadslid", "beheerder"])
def test_elke_soort_ziet_zijn_account(client, db, soort):
    user = UserFactory(**{soort: True})
    client.force_login(user)
    response = client.get(reverse("mijn_account"))
    assert response.status_code == 200
    assert user.email in response.text


def test_beheer_alleen_voor_beheerders(client, medewerker, beheerder):
    client.force_login(medewerker)
    assert client.get("/beheer/gebieden/wijk/").status_code == 302  # admin sends non-staff to its login
    client.force_login(beheerder)
    assert client.get("/beheer/gebieden/wijk/").status_code == 200
    assert (
        client.get("/beheer/autocomplete/?app_label=gebieden&model_name=buurt&field_name=wijk").status_code
        == 200
    )


def _gebruiker_formulier(user, **wijzigingen):
    gegevens = {
        "email": user.email,
        "naam": user.naam,
        "telefoon": user.telefoon,
        "gemeente": user.gemeente_id or "",
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "groups": [g.pk for g in user.groups.all()],
    }
    gegevens.update(wijzigingen)
    return {k: v for k, v in gegevens.items() if v != ""}


def test_functioneel_beheerder_kan_geen_superbeheerder_maken(client, beheerder, medewerker):
    """A functional admin manages users and their kinds, but no way around the permission policy."""
    client.force_login(beheerder)
    for user in (beheerder, medewerker):
        url = reverse("admin:accounts_user_change", args=[user.pk])
        response = client.post(url, _gebruiker_formulier(user, is_superuser="on", is_staff="on"))
        assert response.status_code == 302, response.content[:2000]
        user.refresh_from_db()
        assert not user.is_superuser
    assert medewerker.is_staff  # the rest of the form is saved as usual


def test_functioneel_beheerder_wijzigt_of_verwijdert_geen_superbeheerder(client, beheerder):
    # In the admin's own gemeente: a user of another gemeente (or of none) it would not see at all.
    baas = UserFactory(
        is_staff=True,
        is_superuser=True,
        naam="Super Beheer",
        email="super@example.nl",
        gemeente=beheerder.gemeente,
    )
    client.force_login(beheerder)
    url = reverse("admin:accounts_user_change", args=[baas.pk])
    assert client.get(url).status_code == 200  # may look
    response = client.post(url, _gebruiker_formulier(baas, email="ander@example.nl", is_superuser="on"))
    assert response.status_code == 403
    assert (
        client.post(reverse("admin:accounts_user_delete", args=[baas.pk]), {"post": "yes"}).status_code == 403
    )
    wachtwoord = reverse("admin:auth_user_password_change", args=[baas.pk])
    assert client.post(wachtwoord, {"password1": "x" * 20, "password2": "x" * 20}).status_code == 403
    baas.refresh_from_db()
    assert baas.email == "super@example.nl" and baas.check_password(WACHTWOORD)


def _soorten(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_een_beheerder_geeft_het_eigen_account_geen_rechten(client, beheerder):
    """Issue 15: kinds, permissions and admin access of one's own account are read-only (a posted value is
    ignored); the rest of the form saves as usual."""
    client.force_login(beheerder)
    url = reverse("admin:accounts_user_change", args=[beheerder.pk])
    alle = [Group.objects.get(name=soort).pk for soort in Gebruikerssoort]
    response = client.post(url, _gebruiker_formulier(beheerder, naam="Bram B. Beheerder", groups=alle))
    assert response.status_code == 302, response.content[:2000]
    beheerder.refresh_from_db()
    assert beheerder.naam == "Bram B. Beheerder"
    assert _soorten(beheerder) == {Gebruikerssoort.FUNCTIONEEL_BEHEERDER}
    response = client.post(url, _gebruiker_formulier(beheerder, is_staff=""))
    beheerder.refresh_from_db()
    assert beheerder.is_staff
    pagina = client.get(url).text
    assert 'name="groups"' not in pagina and 'name="is_staff"' not in pagina


def test_een_collega_beheerder_geeft_wel_rechten(client, beheerder, gemeente):
    collega = UserFactory(beheerder=True, gemeente=gemeente)
    client.force_login(collega)
    medewerker = Group.objects.get(name=Gebruikerssoort.MEDEWERKER)
    groepen = [medewerker.pk, *beheerder.groups.values_list("pk", flat=True)]
    url = reverse("admin:accounts_user_change", args=[beheerder.pk])
    assert client.post(url, _gebruiker_formulier(beheerder, groups=groepen)).status_code == 302
    assert Gebruikerssoort.MEDEWERKER in _soorten(beheerder)


def test_een_superbeheerder_wijzigt_de_eigen_rechten_niet_ongemerkt(client, caplog, db):
    baas = UserFactory(is_staff=True, is_superuser=True, naam="Super Beheer")
    client.force_login(baas)
    url = reverse("admin:accounts_user_change", args=[baas.pk])
    medewerker = Group.objects.get(name=Gebruikerssoort.MEDEWERKER)
    with caplog.at_level("WARNING", logger="gebiedsportaal.beheer"):
        response = client.post(url, _gebruiker_formulier(baas, is_superuser="on", groups=[medewerker.pk]))
    assert response.status_code == 302, response.content[:2000]
    assert _soorten(baas) == {Gebruikerssoort.MEDEWERKER}
    (regel,) = [r for r in caplog.records if r.name == "gebiedsportaal.beheer"]
    assert f"gebruiker id {baas.pk}" in regel.getMessage() and "groups" in regel.getMessage()
