"""One canonical e-mail address per person (issue 15, item 1).

On PostgreSQL `email__iexact` folded the dotless ı and the long ſ (UPPER()) into other people's addresses:
an invitation to a look-alike set the password of a staff account, and every look-alike had its own
lockout counter. Run these on SQLite and on PostgreSQL (DATABASE_URL): the bug only showed on PostgreSQL.
"""

import importlib

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from accounts.emailadres import FOUT_NAAM, FOUT_SCHRIFT, canoniek
from accounts.services import gebruiker_aanmaken_of_bijwerken
from bewonersgroepen import services as groepsdiensten
from bewonersgroepen.models import Lidmaatschap, Uitnodiging
from gebiedsagenda import services as agendadiensten
from gebiedsagenda.models import Volger
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import WACHTWOORD, UserFactory

User = get_user_model()

AHMED = "ahmed.benali@stichtsevecht.demo"
# Spellings of the same address: upper case, full-width letters, long s, Kelvin sign (K) for k.
VARIANTEN_AHMED = [
    "Ahmed.Benali@StichtseVecht.DEMO",
    "ａｈｍｅｄ.ｂｅｎａｌｉ@ｓｔｉｃｈｔｓｅｖｅｃｈｔ.demo",
    "ahmed.benali@stichtſevecht.demo",
    "  AHMED.BENALI@STICHTSEVECHT.DEMO ",
]
# Look-alikes that must never reach Ahmed's account: dotless ı, İ, Cyrillic а, Greek ο, the IDNA form of ı.
LOOKALIKES_AHMED = [
    "ahmed.benali@stıchtsevecht.demo",
    "ahmed.benalı@stichtsevecht.demo",
    "ahmed.benali@stİchtsevecht.demo",
    "AHMED.BENALİ@stichtsevecht.demo",
    "аhmed.benali@stichtsevecht.demo",
    "ahmed.benali@stichtsevеcht.demo",
    "ahmed.benali@stichtsevecht.dεmο",
    "ahmed.benali@xn--stchtsevecht-24b.demo",
]


# --- the canonical form ---------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTEN_AHMED)
def test_spellingen_van_een_adres_hebben_een_vorm(variant):
    assert canoniek(variant) == AHMED


def test_kelvinteken_en_lange_s_worden_gewone_letters():
    assert canoniek("\u212aees.dorpſraad@Example.NL") == "kees.dorpsraad@example.nl"
    assert canoniek("ＫＥＥＳ@ＥＸＡＭＰＬＥ.ＮＬ") == "kees@example.nl"


def test_domein_met_accenten_wordt_idna():
    assert canoniek("Jan@Müller.de") == "jan@xn--mller-kva.de"
    assert canoniek("jan@xn--mller-kva.de") == "jan@xn--mller-kva.de"


@pytest.mark.parametrize("lookalike", LOOKALIKES_AHMED)
def test_lookalikes_worden_geweigerd(lookalike):
    with pytest.raises(ValidationError) as fout:
        canoniek(lookalike)
    assert fout.value.messages[0] in {FOUT_NAAM, FOUT_SCHRIFT}


@pytest.mark.parametrize(
    "adres", ["geen-adres", "a@-x.nl", "a@x..nl", "a@x.nl.", "a@[192.0.2.1]", "a@b@x.nl"]
)
def test_ongeldige_adressen_en_domeinen_worden_geweigerd(adres):
    with pytest.raises(ValidationError):
        canoniek(adres)


# --- the database holds and matches one form -------------------------------------------------------


def test_opslaan_en_zoeken_in_de_canonieke_vorm(db):
    ahmed = UserFactory(email="Ahmed.Benali@StichtseVecht.demo")
    ahmed.refresh_from_db()
    assert ahmed.email == AHMED
    for variant in VARIANTEN_AHMED:
        assert User.objects.get(email=variant) == ahmed
    for lookalike in LOOKALIKES_AHMED:
        assert not User.objects.filter(email=lookalike).exists()
        with pytest.raises(User.DoesNotExist):
            User.objects.get_by_natural_key(lookalike)


# --- log-in and lockout ----------------------------------------------------------------------------


def _inloggen(client, email, wachtwoord=WACHTWOORD):
    return client.post(reverse("login"), {"username": email, "password": wachtwoord})


def test_inloggen_met_een_spelling_is_hetzelfde_account(client, db):
    ahmed = UserFactory(email=AHMED)
    response = _inloggen(client, "ａｈｍｅｄ.ｂｅｎａｌｉ@StichtseVecht.demo")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(ahmed.pk)


@pytest.mark.parametrize("lookalike", LOOKALIKES_AHMED[:4])
def test_inloggen_met_een_lookalike_komt_niet_in_het_account(client, db, lookalike):
    UserFactory(email=AHMED)
    response = _inloggen(client, lookalike)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert FOUT_NAAM in response.text or FOUT_SCHRIFT in response.text


@override_settings(AXES_ENABLED=True)
def test_blokkade_telt_per_adres_over_alle_spellingen(client, db):
    kees = UserFactory(email="kees.klein@stichtsevecht.demo")
    spellingen = [
        "KEES.KLEIN@STICHTSEVECHT.DEMO",
        "\u212aees.klein@stichtsevecht.demo",
        "ｋｅｅｓ.ｋｌｅｉｎ@stichtsevecht.demo",
        "kees.klein@stichtſevecht.demo",
        "Kees.Klein@StichtseVecht.Demo",
    ]
    for spelling in spellingen:
        assert _inloggen(client, spelling, "fout-wachtwoord").status_code in (200, 429)
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {kees.email}
    response = _inloggen(client, kees.email)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# --- password reset --------------------------------------------------------------------------------


def test_wachtwoord_vergeten_voor_een_spelling_vindt_alleen_het_canonieke_account(
    client, db, django_capture_on_commit_callbacks
):
    UserFactory(email="dorpsraad@example.nl")
    UserFactory(email="dorpsraad@example.com")
    for spelling in ("DORPſRAAD@Example.NL", "ｄｏｒｐｓｒａａｄ@example.nl"):
        with django_capture_on_commit_callbacks(execute=True):  # the queued job runs, as the worker would
            response = client.post(reverse("password_reset"), {"email": spelling})
        assert response.status_code == 302
    assert [bericht.to for bericht in mail.outbox] == [["dorpsraad@example.nl"]] * 2


def test_wachtwoord_vergeten_voor_een_lookalike_stuurt_niets(client, db, django_capture_on_commit_callbacks):
    UserFactory(email=AHMED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "ahmed.benali@stıchtsevecht.demo"})
    assert response.status_code == 200
    assert FOUT_SCHRIFT in response.text
    assert mail.outbox == []


# --- registration: admin, imports and demo data ----------------------------------------------------


def test_nieuw_account_met_een_spelling_van_een_bestaand_adres_wordt_geweigerd(client, db):
    UserFactory(email=AHMED)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for email in ("AHMED.Benali@stichtsevecht.demo", "ａｈｍｅｄ.benali@stichtsevecht.demo"):
        response = client.post(
            reverse("admin:accounts_user_add"),
            {
                "email": email,
                "naam": "Tweede Ahmed",
                "password1": "Een-lang-wachtwoord-9",
                "password2": "Een-lang-wachtwoord-9",
            },
        )
        assert response.status_code == 200
        assert "email" in response.context["adminform"].form.errors
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "ahmed.benali@stıchtsevecht.demo",
            "naam": "Nep",
            "password1": "Een-lang-wachtwoord-9",
            "password2": "Een-lang-wachtwoord-9",
        },
    )
    assert FOUT_SCHRIFT in response.context["adminform"].form.errors["email"][0]
    assert User.objects.filter(naam__in=["Tweede Ahmed", "Nep"]).count() == 0


def test_beheer_bewaart_een_gewijzigd_adres_canoniek(client, db):
    kees = UserFactory(email="kees@example.nl")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:accounts_user_change", args=[kees.pk])
    formulier = client.get(url).context["adminform"].form
    data = {
        k: v
        for k, v in formulier.initial.items()
        if v is not None and k not in ("groups", "user_permissions", "last_login", "password")
    }
    data.update(email="ＫＥＥＳ.Nieuw@Example.NL", date_joined_0="01-01-2026", date_joined_1="10:00:00")
    data.pop("date_joined", None)
    data.pop("gemeente", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    kees.refresh_from_db()
    assert kees.email == "kees.nieuw@example.nl"


def test_import_met_een_spelling_werkt_het_bestaande_account_bij(db):
    ahmed = UserFactory(email=AHMED, medewerker=True)
    bijgewerkt = gebruiker_aanmaken_of_bijwerken(
        email="ＡＨＭＥＤ.benali@StichtseVecht.demo",
        naam="Ahmed Benali",
        soort="Medewerker",
        gemeente=ahmed.gemeente,
    )
    assert bijgewerkt.pk == ahmed.pk and User.objects.count() == 1
    with pytest.raises(ValidationError):
        gebruiker_aanmaken_of_bijwerken(
            email="ahmed.benali@stıchtsevecht.demo", naam="Nep", soort="Medewerker"
        )


# --- invitations -----------------------------------------------------------------------------------


@pytest.fixture
def staf_zonder_wachtwoord(db):
    """The staff account of the attack: it had no usable password yet."""
    ahmed = UserFactory(email=AHMED, medewerker=True)
    ahmed.set_unusable_password()
    ahmed.save()
    return ahmed


def test_uitnodiging_aan_een_spelling_zet_nooit_het_wachtwoord_van_het_bestaande_account(
    client, staf_zonder_wachtwoord, django_capture_on_commit_callbacks
):
    groep = GroepFactory()
    uitnodiger = LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging, token = groepsdiensten.lid_uitnodigen(
            groep=groep, email="ＡＨＭＥＤ.Benali@stichtſevecht.demo", naam="Ahmed", door=uitnodiger
        )
    assert uitnodiging.email == AHMED
    assert mail.outbox[-1].to == [AHMED]  # the mail goes to the real owner of the address

    url = reverse("bewonersgroepen:uitnodiging", args=[token])
    pagina = client.get(url)
    assert "Er is al een account met dit e-mailadres. Log in om de uitnodiging te accepteren." in pagina.text
    assert f"{reverse('login')}?next=" in pagina.text and "new_password1" not in pagina.text
    client.post(url, {"new_password1": "Een-lang-wachtwoord-9", "new_password2": "Een-lang-wachtwoord-9"})
    with pytest.raises(PermissionDenied):
        groepsdiensten.uitnodiging_accepteren(
            uitnodiging=Uitnodiging.objects.get(pk=uitnodiging.pk), wachtwoord="Een-lang-wachtwoord-9"
        )
    staf_zonder_wachtwoord.refresh_from_db()
    assert not staf_zonder_wachtwoord.has_usable_password()
    assert not Lidmaatschap.objects.filter(gebruiker=staf_zonder_wachtwoord).exists()
    assert "_auth_user_id" not in client.session

    # Logged in as that account, the person accepts; the password stays as it is.
    client.force_login(staf_zonder_wachtwoord)
    assert client.post(url).status_code == 302
    assert Lidmaatschap.objects.filter(gebruiker=staf_zonder_wachtwoord, groep=groep).exists()
    staf_zonder_wachtwoord.refresh_from_db()
    assert not staf_zonder_wachtwoord.has_usable_password()


def test_uitnodiging_aan_een_lookalike_wordt_geweigerd(client, staf_zonder_wachtwoord):
    groep = GroepFactory()
    contact = LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker
    with pytest.raises(ValidationError) as fout:
        groepsdiensten.lid_uitnodigen(
            groep=groep, email="ahmed.benali@stıchtsevecht.demo", naam="Ahmed", door=contact
        )
    assert FOUT_SCHRIFT in fout.value.message_dict["email"]
    client.force_login(contact)
    response = client.post(
        reverse("bewonersgroepen:uitnodigen", args=[groep.pk]),
        {"naam": "Ahmed", "email": "ahmed.benali@stıchtsevecht.demo", "functie": "lid"},
    )
    assert response.status_code == 200 and FOUT_SCHRIFT in response.text
    assert not Uitnodiging.objects.exists()


def test_nieuw_lid_via_uitnodiging_krijgt_het_canonieke_adres(client, db):
    groep = GroepFactory()
    contact = LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker
    _, token = groepsdiensten.lid_uitnodigen(
        groep=groep, email="ＮＩＮＡ@Example.NL", naam="Nina", door=contact
    )
    response = client.post(
        reverse("bewonersgroepen:uitnodiging", args=[token]),
        {"new_password1": "Een-lang-wachtwoord-9", "new_password2": "Een-lang-wachtwoord-9"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="nina@example.nl").check_password("Een-lang-wachtwoord-9")


# --- following, group applicants and privacy -------------------------------------------------------


def test_volgen_met_spellingen_is_een_volger(db):
    from tests.factories import KernFactory

    kern = KernFactory()
    for spelling in ("Jan@Example.NL", "ｊａｎ@example.nl", "\u212aees@example.nl", "KEES@example.nl"):
        agendadiensten.volgen_aanmelden(email=spelling, gebied=kern, basis_url="http://testserver/")
    assert sorted(Volger.objects.values_list("email", flat=True)) == ["jan@example.nl", "kees@example.nl"]
    with pytest.raises(ValidationError):
        agendadiensten.volgen_aanmelden(email="jan@exаmple.nl", gebied=kern, basis_url="http://testserver/")


def test_privacy_vindt_uitnodiging_en_aanmelding_van_een_spelling(db):
    from accounts.privacy import persoonsgegevens_exporteren

    groep = GroepFactory(aanmelder_email="Ahmed.Benali@StichtseVecht.demo")
    contact = LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker
    groepsdiensten.lid_uitnodigen(
        groep=groep, email="ＡＨＭＥＤ.benali@stichtsevecht.demo", naam="A", door=contact
    )
    ahmed = UserFactory(email=AHMED)
    gegevens = persoonsgegevens_exporteren(user=ahmed)["gegevens"]["bewonersgroepen"]
    assert [u["e-mailadres"] for u in gegevens["uitnodigingen"]] == [AHMED]
    assert [g["e-mailadres_aanmelder"] for g in gegevens["aangemelde_groepen"]] == [AHMED]


# --- the data migration ----------------------------------------------------------------------------


def _ruw_adres(user, email):
    """Write an address past the model field, as rows from before the canonical form were."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {User._meta.db_table} SET email = %s WHERE id = %s", [email, user.pk])


def _migratie():
    return importlib.import_module("accounts.migrations.0003_email_canoniek")


def test_migratie_maakt_bestaande_adressen_canoniek(db):
    ahmed = UserFactory()
    _ruw_adres(ahmed, "Ahmed.Benali@StichtseVecht.DEMO")
    _migratie().canoniek_maken(apps, None)
    assert User.objects.values_list("email", flat=True).get(pk=ahmed.pk) == AHMED


def test_migratie_stopt_bij_twee_accounts_met_hetzelfde_adres(db):
    ahmed, tweede, nep = UserFactory(), UserFactory(), UserFactory()
    _ruw_adres(ahmed, AHMED)
    _ruw_adres(tweede, "AHMED.BENALI@stichtsevecht.demo")
    _ruw_adres(nep, "ahmed.benali@stıchtsevecht.demo")
    with pytest.raises(RuntimeError) as fout:
        _migratie().canoniek_maken(apps, None)
    assert f"[{ahmed.pk}, {tweede.pk}]" in str(fout.value) and f"[{nep.pk}]" in str(fout.value)
    assert User.objects.values_list("email", flat=True).get(pk=tweede.pk) == "AHMED.BENALI@stichtsevecht.demo"


def _ruw(model, pk, veld, waarde):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {model._meta.db_table} SET {veld} = %s WHERE id = %s", [waarde, pk])


def test_migratie_maakt_een_volger_van_twee_spellingen(db):
    from django.utils import timezone

    from tests.factories import KernFactory

    kern = KernFactory()
    oud = Volger.objects.create(email="a@example.nl", kern=kern)
    bevestigd = Volger.objects.create(email="b@example.nl", kern=kern, bevestigd_op=timezone.now())
    _ruw(Volger, oud.pk, "email", "Jan@Example.NL")
    _ruw(Volger, bevestigd.pk, "email", "ｊａｎ@example.nl")
    importlib.import_module("gebiedsagenda.migrations.0004_volger_email_canoniek").canoniek_maken(apps, None)
    assert list(Volger.objects.values_list("pk", "email")) == [(bevestigd.pk, "jan@example.nl")]


def test_migratie_van_uitnodigingen_en_aanmelders(db):
    groep = GroepFactory(aanmelder_email="x@example.nl")
    ander = GroepFactory(aanmelder_email="y@example.nl")
    contact = LidmaatschapFactory(groep=groep, contactpersoon=True).gebruiker
    uitnodiging, _ = groepsdiensten.lid_uitnodigen(groep=groep, email="z@example.nl", naam="Z", door=contact)
    _ruw(type(groep), groep.pk, "aanmelder_email", "Ahmed.Benali@StichtseVecht.demo")
    _ruw(type(ander), ander.pk, "aanmelder_email", "ahmed.benali@stıchtsevecht.demo")
    _ruw(Uitnodiging, uitnodiging.pk, "email", "ＡＨＭＥＤ.benali@stichtsevecht.demo")
    importlib.import_module("bewonersgroepen.migrations.0002_email_canoniek").canoniek_maken(apps, None)
    groep.refresh_from_db()
    ander.refresh_from_db()
    uitnodiging.refresh_from_db()
    assert (groep.aanmelder_email, ander.aanmelder_email, uitnodiging.email) == (AHMED, "", AHMED)
