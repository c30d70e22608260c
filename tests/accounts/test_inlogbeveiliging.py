"""Log-in protection (issue 9, item 2): lockout, two-step log-in, session limits, log-in log.

config/settings/test.py switches lockout and the obligation of the second step off for the rest of
the suite; these tests switch them on.
"""

import logging
import re
import time
from base64 import b32decode
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.demo import DEMO_TOTP_GEHEIM
from accounts.inloggen import SESSIE_ACTIEF, SESSIE_BEGIN, tweestaps_verplicht
from accounts.models import User
from portaal.demo import DEMO_WACHTWOORD
from tests.factories import WACHTWOORD, UserFactory

verplicht = override_settings(OTP_VERPLICHT_VOOR_MEDEWERKERS=True)
axes_aan = override_settings(AXES_ENABLED=True)


def inloggen(client, user_of_email, wachtwoord=WACHTWOORD, **extra):
    email = getattr(user_of_email, "email", user_of_email)
    return client.post(reverse("login"), {"username": email, "password": wachtwoord, **extra})


def app_code(apparaat) -> str:
    return f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"


def app_instellen(user) -> TOTPDevice:
    apparaat = services.tweestaps_app_voorbereiden(user=user)
    bevestigd, _ = services.tweestaps_app_bevestigen(user=user, code=app_code(apparaat))
    assert bevestigd is not None
    # Next code must be from a later time step; forget the one used here so tests can log in now.
    TOTPDevice.objects.filter(pk=bevestigd.pk).update(last_t=-1)
    return TOTPDevice.objects.get(pk=bevestigd.pk)


# --- Lockout (django-axes) ---------------------------------------------------------------------


@axes_aan
def test_vijf_foute_pogingen_blokkeren_het_account_een_half_uur(client, medewerker):
    for _ in range(4):
        assert inloggen(client, medewerker, "fout-wachtwoord").status_code == 200
    vijfde = inloggen(client, medewerker, "fout-wachtwoord")
    assert vijfde.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in vijfde.text
    assert "de komende 30 minuten" in vijfde.text
    # Even the right password does not help now, nor another way of writing the address.
    for email in (medewerker.email, medewerker.email.upper(), f"  {medewerker.email} "):
        response = inloggen(client, email)
        assert response.status_code == 429, email
    assert "_auth_user_id" not in client.session
    assert AccessFailureLog.objects.filter(username=medewerker.email).count() >= 5


@axes_aan
def test_ander_ip_adres_of_andere_browser_omzeilt_de_blokkade_niet(client, medewerker):
    """Locked per account (AXES_LOCKOUT_PARAMETERS = ["username"]): why axes.W006 is silenced."""
    for i in range(5):
        inloggen(
            client, medewerker, "fout-wachtwoord", REMOTE_ADDR=f"192.0.2.{i}", HTTP_USER_AGENT=f"Browser {i}"
        )
    client.cookies.clear()
    response = inloggen(client, medewerker, REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT="Nog een andere")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@axes_aan
def test_blokkade_geldt_per_account_en_verloopt_na_een_half_uur(client, medewerker, raadslid):
    for _ in range(5):
        inloggen(client, medewerker, "fout-wachtwoord")
    assert inloggen(client, raadslid).status_code == 302  # another account is not locked
    client.post(reverse("logout"))
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert inloggen(client, medewerker).status_code == 302


@axes_aan
def test_geslaagde_login_zet_de_teller_terug(client, medewerker):
    for _ in range(4):
        inloggen(client, medewerker, "fout-wachtwoord")
    assert inloggen(client, medewerker).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert inloggen(client, medewerker, "fout-wachtwoord").status_code == 200
    assert inloggen(client, medewerker).status_code == 302


@axes_aan
def test_beheerder_ziet_mislukte_pogingen_in_het_beheer(client, medewerker, beheerder):
    for _ in range(2):
        inloggen(client, medewerker, "fout-wachtwoord")
    client.force_login(beheerder)
    for model in ("accessattempt", "accessfailurelog", "accesslog"):
        response = client.get(reverse(f"admin:axes_{model}_changelist"))
        assert response.status_code == 200, model
    assert medewerker.email in client.get(reverse("admin:axes_accessfailurelog_changelist")).text


# --- Two-step log-in (django-otp) --------------------------------------------------------------


@verplicht
def test_medewerker_zonder_app_moet_eerst_instellen(client, medewerker):
    response = inloggen(client, medewerker, next="/gebieden/")
    assert response.status_code == 302
    assert response["Location"] == reverse("tweestaps_instellen") + "?next=%2Fgebieden%2F"
    # Nothing else opens before the second step is set up.
    for pad in (reverse("mijn_account"), reverse("portaal:home"), reverse("admin:index")):
        response = client.get(pad)
        assert response.status_code == 302 and response["Location"].startswith(reverse("tweestaps_instellen"))

    pagina = client.get(reverse("tweestaps_instellen"))
    assert pagina.status_code == 200
    apparaat = TOTPDevice.objects.get(user=medewerker, confirmed=False)
    geheim = pagina.context["geheim"].replace(" ", "")
    assert len(geheim) == 32 and geheim in pagina.text.replace(" ", "")
    assert "otpauth://totp/" in pagina.text

    fout = client.post(reverse("tweestaps_instellen"), {"code": "000000", "next": "/gebieden/"})
    assert fout.status_code == 200 and "Deze code klopt niet" in fout.text
    TOTPDevice.objects.filter(pk=apparaat.pk).update(throttling_failure_count=0)  # skip the wait

    response = client.post(reverse("tweestaps_instellen"), {"code": app_code(apparaat), "next": "/gebieden/"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("tweestaps_reservecodes"))
    codes = client.get(response["Location"])
    assert codes.status_code == 200
    reserve = StaticDevice.objects.get(user=medewerker)
    assert reserve.token_set.count() == 10
    assert all(t.token in codes.text for t in reserve.token_set.all())
    assert client.get(reverse("tweestaps_reservecodes")).status_code == 302  # shown only once
    assert client.get("/gebieden/").status_code == 200
    assert TOTPDevice.objects.get(pk=apparaat.pk).confirmed


@verplicht
def test_medewerker_met_app_moet_de_code_geven(client, medewerker):
    apparaat = app_instellen(medewerker)
    response = inloggen(client, medewerker)
    assert response["Location"].startswith(reverse("tweestaps_controle"))
    assert client.get(reverse("mijn_account"))["Location"].startswith(reverse("tweestaps_controle"))
    # Setting up a new app is no way around the code.
    assert client.get(reverse("tweestaps_instellen"))["Location"].startswith(reverse("tweestaps_controle"))
    response = client.post(reverse("tweestaps_controle"), {"code": app_code(apparaat), "next": "/gebieden/"})
    assert response.status_code == 302 and response["Location"] == "/gebieden/"
    assert client.get(reverse("mijn_account")).status_code == 200


@verplicht
def test_foute_code_geeft_melding_bij_het_veld_en_geen_toegang(client, medewerker):
    app_instellen(medewerker)
    inloggen(client, medewerker)
    response = client.post(reverse("tweestaps_controle"), {"code": "123456"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text and "Deze code klopt niet" in response.text
    assert client.get(reverse("mijn_account")).status_code == 302


@verplicht
def test_na_een_foute_code_moet_je_wachten_ook_met_de_goede(client, medewerker):
    """django-otp throttles each device (1, 2, 4, ... seconds): guessing a million codes is no option."""
    apparaat = app_instellen(medewerker)
    inloggen(client, medewerker)
    assert client.post(reverse("tweestaps_controle"), {"code": "000000"}).status_code == 200
    te_snel = client.post(reverse("tweestaps_controle"), {"code": app_code(apparaat)})
    assert te_snel.status_code == 200 and "Wij hebben deze code nog niet gecontroleerd" in te_snel.text
    assert client.get(reverse("mijn_account")).status_code == 302
    TOTPDevice.objects.filter(pk=apparaat.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=10)
    )
    assert client.post(reverse("tweestaps_controle"), {"code": app_code(apparaat)}).status_code == 302
    assert client.get(reverse("mijn_account")).status_code == 200


@verplicht
def test_reservecode_werkt_een_keer(client, medewerker):
    app_instellen(medewerker)
    code = StaticDevice.objects.get(user=medewerker).token_set.first().token
    inloggen(client, medewerker)
    assert client.post(reverse("tweestaps_controle"), {"code": code.upper()}).status_code == 302
    assert client.get(reverse("mijn_account")).status_code == 200
    client.post(reverse("logout"))
    inloggen(client, medewerker)
    assert client.post(reverse("tweestaps_controle"), {"code": code}).status_code == 200
    assert client.get(reverse("mijn_account")).status_code == 302


@verplicht
@pytest.mark.parametrize("rechten", [{"is_staff": True}, {"is_superuser": True, "is_staff": True}])
def test_wie_in_het_beheer_mag_moet_de_tweede_stap_ook_zonder_soort(client, db, rechten):
    user = UserFactory(**rechten)
    assert not user.groups.exists()
    assert inloggen(client, user)["Location"].startswith(reverse("tweestaps_instellen"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("tweestaps_instellen"))


@verplicht
@pytest.mark.parametrize("soort", ["groepslid", "raadslid"])
def test_leden_en_raadsleden_mogen_zonder_tweede_stap(client, db, soort):
    user = UserFactory(**{soort: True})
    assert inloggen(client, user)["Location"] == reverse("portaal:mijn_werk")
    assert client.get(reverse("mijn_account")).status_code == 200


@verplicht
def test_lid_dat_tijdens_de_sessie_medewerker_wordt_moet_meteen_de_tweede_stap(client, groepslid):
    from accounts.constants import Gebruikerssoort

    inloggen(client, groepslid)
    assert client.get(reverse("mijn_account")).status_code == 200
    services.soort_toevoegen(user=groepslid, soort=Gebruikerssoort.MEDEWERKER)
    response = client.get(reverse("mijn_account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("tweestaps_instellen"))


@verplicht
def test_beheerder_komt_niet_in_het_beheer_zonder_tweede_stap(client, beheerder):
    inloggen(client, beheerder)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("tweestaps_instellen"))


@verplicht
def test_lid_mag_zonder_tweede_stap_en_kan_hem_aanzetten_en_uitzetten(client, groepslid):
    assert inloggen(client, groepslid)["Location"] == reverse("portaal:mijn_werk")
    assert "staat <strong>uit</strong>" in client.get(reverse("mijn_account")).text.lower()
    apparaat = services.tweestaps_app_voorbereiden(user=groepslid)
    client.get(reverse("tweestaps_instellen"))
    assert client.post(reverse("tweestaps_instellen"), {"code": app_code(apparaat)}).status_code == 302
    assert "staat <strong>aan</strong>" in client.get(reverse("mijn_account")).text.lower()

    client.post(reverse("logout"))
    assert inloggen(client, groepslid)["Location"].startswith(reverse("tweestaps_controle"))
    code = StaticDevice.objects.get(user=groepslid).token_set.first().token
    client.post(reverse("tweestaps_controle"), {"code": code})

    fout = client.post(reverse("tweestaps_uitzetten"), {"code": "verkeerd"})
    assert fout.status_code == 200 and "Deze code klopt niet" in fout.text
    assert TOTPDevice.objects.filter(user=groepslid).exists()
    StaticDevice.objects.filter(user=groepslid).update(throttling_failure_count=0)  # skip the wait
    code = StaticDevice.objects.get(user=groepslid).token_set.first().token
    assert client.post(reverse("tweestaps_uitzetten"), {"code": code}).status_code == 302
    assert not TOTPDevice.objects.filter(user=groepslid).exists()
    assert not StaticDevice.objects.filter(user=groepslid).exists()


@verplicht
def test_medewerker_kan_tweede_stap_niet_uitzetten(client, medewerker):
    app_instellen(medewerker)
    code = StaticDevice.objects.get(user=medewerker).token_set.first().token
    inloggen(client, medewerker)
    client.post(reverse("tweestaps_controle"), {"code": code})
    assert client.post(reverse("tweestaps_uitzetten"), {"code": "iets"}).status_code == 403
    assert TOTPDevice.objects.filter(user=medewerker, confirmed=True).exists()


def test_zonder_verplichting_hoeft_een_medewerker_geen_tweede_stap(client, medewerker):
    assert inloggen(client, medewerker)["Location"] == reverse("portaal:mijn_werk")
    assert client.get(reverse("mijn_account")).status_code == 200


def _demo_logins(uitvoer: str) -> dict[str, str]:
    """E-mail address -> its printed line, for every demo login load_demo prints."""
    logins = {}
    for regel in uitvoer.splitlines():
        gevonden = re.search(r"\s(\S+@demo\.gebiedsportaal\.nl)", regel)
        if gevonden:
            logins[gevonden.group(1)] = regel
    return logins


@verplicht
def test_elke_demo_login_met_tweede_stap_krijgt_een_werkend_geheim_en_reservecode(client, db, capsys):
    call_command("load_demo")
    logins = _demo_logins(capsys.readouterr().out)
    met_tweede_stap = {email for email in logins if tweestaps_verplicht(User.objects.get(email=email))}
    # Every staff and admin login the demo prints, whichever app's demo made it (finance is in the budget's).
    assert {
        "medewerker@demo.gebiedsportaal.nl",
        "beheer@demo.gebiedsportaal.nl",
        "financien@demo.gebiedsportaal.nl",
    } <= met_tweede_stap
    for email, regel in logins.items():
        client.post(reverse("logout"))
        if email not in met_tweede_stap:  # members and raadsleden: the password is enough
            assert DEMO_TOTP_GEHEIM not in regel, regel
            assert inloggen(client, email, DEMO_WACHTWOORD)["Location"] == reverse("portaal:mijn_werk"), email
            continue
        assert DEMO_TOTP_GEHEIM in regel, regel
        reservecode = re.search(r"reservecode ([^,)\s]+)", regel).group(1)

        assert inloggen(client, email, DEMO_WACHTWOORD)["Location"].startswith(reverse("tweestaps_controle"))
        assert client.get(reverse("mijn_account")).status_code == 302, email  # not in yet
        assert client.post(reverse("tweestaps_controle"), {"code": reservecode}).status_code == 302, email
        assert client.get(reverse("mijn_account")).status_code == 200, email

        client.post(reverse("logout"))
        code = f"{totp(b32decode(DEMO_TOTP_GEHEIM)):06d}"  # what an authenticator app shows now
        inloggen(client, email, DEMO_WACHTWOORD)
        assert client.post(reverse("tweestaps_controle"), {"code": code}).status_code == 302, email
        assert client.get(reverse("mijn_account")).status_code == 200, email

    call_command("load_demo")  # restores the used backup codes
    for email in met_tweede_stap:
        assert StaticDevice.objects.get(user__email=email).token_set.count() == 5, email


# --- Sessions ----------------------------------------------------------------------------------


def zet_sessie(client, **waarden):
    sessie = client.session
    sessie.update(waarden)
    sessie.save()


def test_sessie_verloopt_na_30_minuten_niets_doen(client, medewerker, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    inloggen(client, medewerker)
    assert client.get(reverse("mijn_account")).status_code == 200
    zet_sessie(client, **{SESSIE_ACTIEF: time.time() - 29 * 60})
    assert client.get(reverse("mijn_account")).status_code == 200  # active again: 30 new minutes
    sessie = Session.objects.get(session_key=client.session.session_key)
    assert sessie.expire_date > timezone.now() + timedelta(minutes=29)
    assert client.session[SESSIE_ACTIEF] > time.time() - 5

    zet_sessie(client, **{SESSIE_ACTIEF: time.time() - 30 * 60 - 1})
    response = client.get(reverse("mijn_account"))
    assert response["Location"] == reverse("login") + "?next=" + reverse("mijn_account")
    assert "een half uur niet actief" in client.get(response["Location"]).text


def test_verlopen_sessie_in_de_database_is_uitgelogd(client, medewerker):
    inloggen(client, medewerker)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(reverse("mijn_account"))["Location"].startswith(reverse("login"))


def test_activiteit_wordt_hooguit_eens_per_minuut_opgeslagen(client, medewerker):
    inloggen(client, medewerker)
    client.get(reverse("mijn_account"))
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(reverse("portaal:toegankelijkheid"))
    assert not any("UPDATE" in q["sql"] and "django_session" in q["sql"] for q in vastgelegd.captured_queries)


def zet_inlogtijd(client, seconden_geleden):
    zet_sessie(client, **{SESSIE_BEGIN: time.time() - seconden_geleden})


def test_sessie_eindigt_12_uur_na_inloggen_ook_als_je_actief_bent(client, medewerker):
    inloggen(client, medewerker)
    zet_inlogtijd(client, 11 * 3600 + 3500)
    assert client.get(reverse("mijn_account")).status_code == 200
    zet_inlogtijd(client, 12 * 3600 + 1)
    response = client.get(reverse("mijn_account"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=" + reverse("mijn_account")
    assert "_auth_user_id" not in client.session
    assert "langer dan 12 uur" in client.get(response["Location"]).text


def test_inloggen_legt_het_begin_van_de_sessie_vast(client, medewerker):
    voor = time.time()
    inloggen(client, medewerker)
    assert voor <= client.session[SESSIE_BEGIN] <= time.time()


# --- Log-in log ---------------------------------------------------------------------------------


def test_inloggen_en_mislukt_inloggen_worden_gelogd(client, medewerker, caplog):
    with caplog.at_level(logging.INFO, logger="gebiedsportaal.inloggen"):
        inloggen(client, medewerker, "fout-wachtwoord")
        inloggen(client, medewerker)
        client.post(reverse("logout"))
    berichten = [r.getMessage() for r in caplog.records if r.name == "gebiedsportaal.inloggen"]
    assert any("Inloggen mislukt" in b and medewerker.email in b for b in berichten)
    assert any("Inloggen gelukt" in b and medewerker.email in b for b in berichten)
    assert any("Uitgelogd" in b for b in berichten)
    assert not any("fout-wachtwoord" in b for b in berichten)  # never a password in the log


def test_geen_tweede_stap_pagina_voor_anoniemen(client, db):
    for naam in ("tweestaps_controle", "tweestaps_instellen", "tweestaps_reservecodes"):
        assert client.get(reverse(naam))["Location"].startswith(reverse("login"))


def test_alle_gebruikers_kunnen_inloggen(client, db):
    for soort in ("medewerker", "groepslid", "raadslid", "beheerder"):
        user = UserFactory(**{soort: True})
        assert inloggen(client, user).status_code == 302
        client.post(reverse("logout"))


def test_beheerder_mag_logboek_alleen_inzien_en_blokkades_en_apparaten_verwijderen(beheerder):
    assert beheerder.has_perm("axes.view_accesslog") and beheerder.has_perm("axes.view_accessfailurelog")
    assert not beheerder.has_perm("axes.change_accesslog") and not beheerder.has_perm("axes.delete_accesslog")
    assert not beheerder.has_perm("axes.delete_accessfailurelog")
    assert beheerder.has_perm("axes.delete_accessattempt")  # unlock an account
    assert beheerder.has_perm("otp_totp.view_totpdevice") and beheerder.has_perm("otp_totp.delete_totpdevice")
    assert not beheerder.has_perm("otp_totp.add_totpdevice") and not beheerder.has_perm(
        "otp_totp.change_totpdevice"
    )
    assert beheerder.has_perm("otp_static.delete_staticdevice")
    assert not beheerder.has_perm("otp_static.view_statictoken") or not beheerder.has_perm(
        "otp_static.add_statictoken"
    )


# --- No open redirect ----------------------------------------------------------------------------------

BUITEN = ["https://kwaadaardig.example/inloggen", "//kwaadaardig.example/", "javascript:alert(1)"]


@pytest.mark.parametrize("volgende", BUITEN)
def test_inloggen_stuurt_nooit_naar_een_andere_site(client, groepslid, volgende):
    response = inloggen(client, groepslid, next=volgende)
    assert response.status_code == 302 and response["Location"] == reverse("portaal:mijn_werk")


@verplicht
@pytest.mark.parametrize("volgende", BUITEN)
def test_tweede_stap_stuurt_nooit_naar_een_andere_site(client, medewerker, volgende):
    app_instellen(medewerker)
    code = StaticDevice.objects.get(user=medewerker).token_set.first().token
    assert inloggen(client, medewerker, next=volgende)["Location"] == (
        reverse("tweestaps_controle") + "?next=" + reverse("portaal:mijn_werk").replace("/", "%2F")
    )
    response = client.post(reverse("tweestaps_controle"), {"code": code, "next": volgende})
    assert response.status_code == 302 and response["Location"] == reverse("portaal:mijn_werk")


@verplicht
def test_codepagina_zegt_hoe_lang_wachten_na_een_foute_code(client, medewerker):
    """Issue 18, item 9: not "wait a while", but how long: the time django-otp's throttle still runs."""
    apparaat = app_instellen(medewerker)
    inloggen(client, medewerker)
    fout = client.post(reverse("tweestaps_controle"), {"code": "000000"})
    assert "Deze code klopt niet." in fout.text and "Probeer het over 1 seconde opnieuw." in fout.text

    # Six wrong codes in a row: the next try is 2**5 = 32 seconds after the last.
    TOTPDevice.objects.filter(pk=apparaat.pk).update(
        throttling_failure_count=6, throttling_failure_timestamp=timezone.now() - timedelta(seconds=2)
    )
    # 30 seconds to go (a slow machine may take a second or two to get there).
    pagina = client.get(reverse("tweestaps_controle"))
    assert re.search(
        r"Na een foute code moet u even wachten\. Probeer het over (2[89]|30) seconden opnieuw\.", pagina.text
    )
    te_snel = client.post(reverse("tweestaps_controle"), {"code": app_code(apparaat)})
    assert re.search(r"Probeer het over (2[789]|30) seconden opnieuw\.", te_snel.text)

    # After ten in a row: 512 seconds, rounded up to whole minutes.
    TOTPDevice.objects.filter(pk=apparaat.pk).update(
        throttling_failure_count=10, throttling_failure_timestamp=timezone.now()
    )
    assert "Probeer het over 9 minuten opnieuw." in client.get(reverse("tweestaps_controle")).text

    TOTPDevice.objects.filter(pk=apparaat.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )
    assert "moet u even wachten" not in client.get(reverse("tweestaps_controle")).text
    assert client.post(reverse("tweestaps_controle"), {"code": app_code(apparaat)}).status_code == 302


def test_opnieuw_over_tekst():
    from accounts.forms import opnieuw_over

    assert opnieuw_over(timedelta(seconds=0.2)) == "Probeer het over 1 seconde opnieuw."
    assert opnieuw_over(timedelta(seconds=59)) == "Probeer het over 59 seconden opnieuw."
    assert opnieuw_over(timedelta(seconds=60)) == "Probeer het over 1 minuut opnieuw."
    assert opnieuw_over(timedelta(seconds=61)) == "Probeer het over 2 minuten opnieuw."
