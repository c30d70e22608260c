"""Following an area: double opt-in, one-click unsubscribe that deletes the address, weekly overview."""

import datetime
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from berichten.models import Bericht, Berichtstatus
from berichten.wachtrij import wachtrij_afwerken
from gebiedsagenda import services
from gebiedsagenda.models import Volger
from tests.gebiedsagenda.factories import OpgaveFactory, VolgerFactory


class WeigertEenAdres(locmem.EmailBackend):
    """Like the test backend, but the mail server refuses one address."""

    def send_messages(self, berichten):
        for bericht in berichten:
            if "kapot@example.nl" in bericht.to:
                raise smtplib.SMTPRecipientsRefused({"kapot@example.nl": (550, b"Onbekend adres")})
        return super().send_messages(berichten)


def _overzichten_versturen(**kwargs) -> int:
    """The weekly run queues the mails; then the worker's turn (in production: bin/worker)."""
    aantal = services.overzichten_versturen(**kwargs)
    wachtrij_afwerken()
    return aantal


def _gebiedsnieuws_versturen():
    call_command("gebiedsnieuws_versturen", "--basis-url", "https://portaal.example/")
    wachtrij_afwerken()


def _link(bericht, naam):
    return re.search(rf"https?://\S+/volgen/{naam}/\S+/", bericht.body).group(0)


def _aanmelden(client, django_capture_on_commit_callbacks, gebied, email="anna@example.nl"):
    url = (
        reverse("gebiedsagenda:volgen_wijk", args=[gebied.code])
        if gebied.niveau == "wijk"
        else reverse("gebiedsagenda:volgen_kern", args=[gebied.gemeente.slug, gebied.slug])
    )
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, {"email": email})


def test_dubbele_opt_in(client, wijk, publiceer, django_capture_on_commit_callbacks):
    response = _aanmelden(client, django_capture_on_commit_callbacks, wijk)
    assert response.status_code == 200 and "Bevestig uw aanmelding" in response.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.nl"]
    bevestig = _link(mail.outbox[0], "bevestigen")

    # Before confirmation: nothing but the confirmation mail, whatever happens in the area.
    publiceer("Nieuw speelveld", wijken=[wijk])
    mail.outbox.clear()
    assert _overzichten_versturen(basis_url="https://portaal.example/") == 0
    assert mail.outbox == []

    response = client.get(bevestig)
    assert response.status_code == 200 and "U volgt nu" in response.text
    volger = Volger.objects.get()
    assert volger.is_bevestigd
    # Only what happens after confirmation comes in the overview.
    publiceer("Straatfeest", wijken=[wijk])
    assert _overzichten_versturen(basis_url="https://portaal.example/") == 1
    assert "Straatfeest" in mail.outbox[0].body and "Nieuw speelveld" not in mail.outbox[0].body


def test_elke_mail_heeft_een_afmelding_met_een_klik(
    client, wijk, publiceer, django_capture_on_commit_callbacks
):
    """The confirmation mail too: whoever did not ask for it has the address deleted at once."""
    _aanmelden(client, django_capture_on_commit_callbacks, wijk)
    client.get(_link(mail.outbox[0], "bevestigen"))
    publiceer("Straatfeest", wijken=[wijk])
    assert _overzichten_versturen(basis_url="https://portaal.example/") == 1
    bevestiging, overzicht = mail.outbox
    for bericht in (bevestiging, overzicht):
        assert bericht.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        kop = bericht.extra_headers["List-Unsubscribe"]
        assert kop.startswith("<http") and kop.endswith(">")
        assert kop.strip("<>").split("?")[0] in bericht.body  # the same link in the text


def test_afmelden_vanuit_de_bevestigingsmail_verwijdert_het_onbevestigde_adres(
    client, wijk, django_capture_on_commit_callbacks
):
    _aanmelden(client, django_capture_on_commit_callbacks, wijk)
    (bevestiging,) = mail.outbox
    afmeld = bevestiging.extra_headers["List-Unsubscribe"].strip("<>")
    assert _link(bevestiging, "afmelden") == afmeld
    assert client.post(afmeld, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Volger.objects.exists()
    assert client.get(_link(bevestiging, "bevestigen")).status_code == 404  # nothing left to confirm


def test_aanmelden_verraadt_niet_of_een_adres_al_volgt(client, wijk, django_capture_on_commit_callbacks):
    VolgerFactory(email="anna@example.nl", kern=None, wijk=wijk)
    response = _aanmelden(client, django_capture_on_commit_callbacks, wijk)
    assert "Bevestig uw aanmelding" in response.text
    assert mail.outbox == [] and Volger.objects.count() == 1


def test_ongeldig_adres_krijgt_melding_bij_het_veld(client, wijk, django_capture_on_commit_callbacks):
    response = _aanmelden(client, django_capture_on_commit_callbacks, wijk, email="geen-adres")
    assert "Voer een geldig e-mailadres in" in response.text
    assert not Volger.objects.exists() and mail.outbox == []


def test_verlopen_bevestiging_verwijdert_het_adres(client, wijk, django_capture_on_commit_callbacks):
    _aanmelden(client, django_capture_on_commit_callbacks, wijk)
    Volger.objects.update(aangemaakt_op=timezone.now() - datetime.timedelta(days=8))
    assert client.get(_link(mail.outbox[0], "bevestigen")).status_code == 404
    assert not Volger.objects.exists()


def test_onbevestigde_adressen_worden_opgeruimd(wijk):
    VolgerFactory(
        kern=None, wijk=wijk, bevestigd_op=None, aangemaakt_op=timezone.now() - datetime.timedelta(days=8)
    )
    VolgerFactory(kern=None, wijk=wijk, bevestigd_op=None)
    _overzichten_versturen(basis_url="https://portaal.example/")
    assert Volger.objects.count() == 1


def test_afmelden_met_een_klik_verwijdert_het_adres(client, wijk, publiceer):
    volger = VolgerFactory(email="anna@example.nl", kern=None, wijk=wijk)
    publiceer("Straatfeest", wijken=[wijk])
    _overzichten_versturen(basis_url="https://portaal.example/")
    bericht = mail.outbox[0]
    # RFC 8058: the mail program's one-click button POSTs to the List-Unsubscribe address.
    assert bericht.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    afmeld = _link(bericht, "afmelden")
    assert volger.token in afmeld
    # Opening the link only asks (mail scanners open links); the button deletes.
    assert client.get(afmeld).status_code == 200 and Volger.objects.exists()
    response = client.post(afmeld, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Volger.objects.filter(email="anna@example.nl").exists()


def test_alles_afmelden_via_de_kop_van_de_mail(client, wijk, kern, publiceer):
    VolgerFactory(email="anna@example.nl", kern=None, wijk=wijk)
    VolgerFactory(email="anna@example.nl", kern=kern)
    VolgerFactory(email="bob@example.nl", kern=kern)
    publiceer("Straatfeest", wijken=[wijk])
    _overzichten_versturen(basis_url="https://portaal.example/")
    anna = next(m for m in mail.outbox if m.to == ["anna@example.nl"])
    kop = anna.extra_headers["List-Unsubscribe"].strip("<>")
    client.post(kop)
    assert list(Volger.objects.values_list("email", flat=True)) == ["bob@example.nl"]


def test_adressen_staan_nergens_op_de_site(client, wijk, kern, medewerker, beheerder):
    volger = VolgerFactory(email="geheim@example.nl", kern=None, wijk=wijk)
    client.force_login(medewerker)
    for url in (wijk.get_absolute_url(), kern.get_absolute_url(), reverse("gebiedsagenda:nieuws")):
        assert "geheim@example.nl" not in client.get(url).text
    # Not in the Django admin either: counts and deletion only, no address, no search on it.
    client.force_login(beheerder)
    for url in (
        reverse("admin:gebiedsagenda_volger_changelist"),
        reverse("admin:gebiedsagenda_volger_change", args=[volger.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and "geheim" not in response.text, url
    assert "1 volger" in client.get(reverse("admin:gebiedsagenda_volger_changelist")).text
    gezocht = client.get(reverse("admin:gebiedsagenda_volger_changelist"), {"q": "geheim@example.nl"})
    assert "0 resultaten" in gezocht.text  # no search on the address: it cannot be looked up


class TestOverzicht:
    def test_juiste_wijzigingen_per_volger_en_een_mail_per_adres(
        self, wijk, wijk2, kern, andere_kern, publiceer, medewerker
    ):
        anna_wijk = VolgerFactory(email="anna@example.nl", kern=None, wijk=wijk)
        VolgerFactory(email="anna@example.nl", kern=andere_kern)
        VolgerFactory(email="bob@example.nl", kern=None, wijk=wijk2)
        VolgerFactory(email="carla@example.nl", kern=andere_kern)
        publiceer("Kermis in Breukelen", kernen=[kern])
        publiceer("Wegwerkzaamheden wijk 2", wijken=[wijk])
        opgave = OpgaveFactory(agenda__kern=kern, titel="Betaalbaar wonen")
        services.opgave_status_wijzigen(door=medewerker, opgave=opgave, naar="in_onderzoek")
        services.voortgang_toevoegen(door=medewerker, opgave=opgave, tekst="Woonbehoefte-onderzoek gestart.")

        assert _overzichten_versturen(basis_url="https://portaal.example/") == 2
        per_adres = {m.to[0]: m for m in mail.outbox}
        assert set(per_adres) == {"anna@example.nl", "bob@example.nl"}  # carla: nothing changed in Loenen
        anna = per_adres["anna@example.nl"].body
        assert "Kermis in Breukelen" in anna and "Wegwerkzaamheden wijk 2" in anna
        assert "Betaalbaar wonen: nu in onderzoek (was signalering)" in anna
        assert "Woonbehoefte-onderzoek gestart." in anna
        assert anna_wijk.token in anna  # an unsubscribe link per area
        assert "Loenen" not in anna  # nothing changed there: no section
        bob = per_adres["bob@example.nl"].body
        assert "Kermis in Breukelen" in bob and "Wegwerkzaamheden wijk 2" not in bob

    def test_wie_kern_en_wijk_volgt_leest_elk_bericht_een_keer(self, wijk, kern, publiceer, medewerker):
        """A wijk shows its kern's news and a kern its wijken's: one mail names each item once."""
        VolgerFactory(email="anna@example.nl", kern=None, wijk=wijk)
        VolgerFactory(email="anna@example.nl", kern=kern)
        publiceer("Kermis in Breukelen", kernen=[kern])
        publiceer("Wegwerkzaamheden wijk 2", wijken=[wijk])
        opgave = OpgaveFactory(agenda__kern=kern, titel="Betaalbaar wonen")
        services.voortgang_toevoegen(door=medewerker, opgave=opgave, tekst="Woonbehoefte-onderzoek gestart.")

        assert _overzichten_versturen(basis_url="https://portaal.example/") == 1
        body = mail.outbox[0].body
        for item in ("Kermis in Breukelen", "Wegwerkzaamheden wijk 2", "Woonbehoefte-onderzoek gestart."):
            assert body.count(item) == 1, item
        assert mail.outbox[0].subject == f"Nieuws uit {kern.naam}"  # the wijk had nothing left of its own
        mail.outbox.clear()
        assert _overzichten_versturen(basis_url="https://portaal.example/") == 0

    def test_tweede_keer_niets_nieuw_geen_mail(self, wijk, publiceer):
        VolgerFactory(kern=None, wijk=wijk)
        publiceer("Straatfeest", wijken=[wijk])
        _gebiedsnieuws_versturen()
        _gebiedsnieuws_versturen()
        assert len(mail.outbox) == 1

    def test_niets_veranderd_geen_mail(self, wijk):
        VolgerFactory(kern=None, wijk=wijk)
        _gebiedsnieuws_versturen()
        assert mail.outbox == []

    def test_een_geweigerd_adres_houdt_de_anderen_niet_op(
        self, wijk, publiceer, settings, caplog, monkeypatch
    ):
        settings.EMAIL_BACKEND = "tests.gebiedsagenda.test_volgen.WeigertEenAdres"
        VolgerFactory(email="kapot@example.nl", kern=None, wijk=wijk)
        VolgerFactory(email="anna@example.nl", kern=None, wijk=wijk)
        VolgerFactory(email="bob@example.nl", kern=None, wijk=wijk)
        publiceer("Straatfeest", wijken=[wijk])
        assert _overzichten_versturen(basis_url="https://portaal.example/") == 3
        assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.nl", "bob@example.nl"]
        kapot = Bericht.objects.get(aan="kapot@example.nl")
        assert kapot.status == Berichtstatus.WACHTEND and "SMTPRecipientsRefused" in kapot.laatste_fout
        assert f"Bericht {kapot.pk} niet verzonden" in caplog.text and "kapot@example.nl" not in caplog.text
        # The worker tries the refused address again later; the others get nothing twice.
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        mail.outbox.clear()
        later = timezone.now() + datetime.timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert _overzichten_versturen(basis_url="https://portaal.example/") == 0
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["kapot@example.nl"] and "Straatfeest" in mail.outbox[0].body

    def test_commando_eist_een_basisadres(self, db, settings):
        from django.core.management import CommandError

        settings.PORTAAL_URL = ""
        with pytest.raises(CommandError, match="basis-url"):
            call_command("gebiedsnieuws_versturen")


def test_overzicht_noemt_besluiten_over_het_leefbaarheidsbudget(wijk, andere_kern, medewerker):
    from decimal import Decimal

    from leefbaarheidsbudget import services as budget
    from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
    from tests.factories import UserFactory
    from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, RegelingFactory

    kern = wijk.kern
    jaar = timezone.localdate().year
    RegelingFactory(gemeente=kern.gemeente, jaar=jaar, sluitingsdatum=None)
    BudgetFactory(gemeente=kern.gemeente, jaar=jaar)
    groep = GroepFactory(gemeente=kern.gemeente, kernen=[kern], naam="Activiteitencommissie Breukelen")
    lid = LidmaatschapFactory(groep=groep, gebruiker=UserFactory(groepslid=True)).gebruiker
    collega = UserFactory(medewerker=True, gemeente=kern.gemeente)

    def ingediend(titel, **gebied):
        aanvraag = AanvraagFactory(groep=groep, titel=titel, **gebied)
        return budget.aanvraag_indienen(aanvraag=aanvraag, door=lid)

    toegekend = ingediend("Buurtbarbecue zonder eten", kern=kern)
    afgewezen = ingediend("Speeltoestel", kern=kern, wijk=wijk)
    nog_open = ingediend("Kerstmarkt", kern=kern)
    elders = AanvraagFactory(
        groep=GroepFactory(gemeente=kern.gemeente, kernen=[andere_kern]), kern=andere_kern
    )
    VolgerFactory(email="anna@example.nl", kern=None, wijk=wijk)
    VolgerFactory(email="carla@example.nl", kern=andere_kern)

    budget.aanvraag_toekennen(
        aanvraag=toegekend,
        door=medewerker,
        bedrag=Decimal("750.00"),
        motivering="Goed plan. Het materiaal betalen we niet: dat heeft de groep al.",
    )
    budget.aanvraag_afwijzen(aanvraag=afgewezen, door=collega, motivering="Geen speeltoestellen.")
    assert nog_open.besluit_op is None and elders.besluit_op is None

    assert _overzichten_versturen(basis_url="https://portaal.example/") == 1  # carla: nothing decided
    # The worker also sends the decision mails the services above queued; the overview is one of them.
    (overzicht,) = [m for m in mail.outbox if m.subject.startswith("Nieuws uit")]
    tekst = overzicht.body
    assert "Buurtbarbecue zonder eten (Activiteitencommissie Breukelen): toegekend, € 750,00" in tekst
    assert "Speeltoestel (Activiteitencommissie Breukelen): afgewezen" in tekst
    assert "Kerstmarkt" not in tekst
