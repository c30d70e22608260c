"""Public forms that send mail (group registration, following an area, password reset), issue 15 item 5.

- Nothing a visitor types goes into a mail: five POSTs once sent "Beste Uw DigiD verloopt, verleng via
  https://evil.example …" from the gemeente's address to any address typed in the form.
- Each is rate limited per IP address and per e-mail address (`limiet`): over the limit the page says so
  (429) and nothing is sent. A proxy header counts only when CLIENT_IP_HEADER names it.
"""

import datetime
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import limiet
from accounts.emailadres import canoniek
from bewonersgroepen.constants import Groepsoort, Standpunt
from bewonersgroepen.models import Groep, Groepaanmelding
from gebiedsagenda.models import Volger
from limiet.models import Teller
from tests.factories import UserFactory
from tests.rollen.factories import ToewijzingFactory

PHISHING = "Beste klant, Uw DigiD verloopt vandaag, verleng via https://evil.example/digid"
# A quoted local part may hold most signs (RFC 5321), so an address can carry a message too.
PHISHING_ADRES = '"Uw.DigiD.verloopt.verleng.via.evil.example"@example.org'
SPOREN = ("DigiD", "evil.example", "verleng")


def _zonder_sporen(berichten):
    assert berichten, "er is geen mail verstuurd"
    for bericht in berichten:
        assert len(bericht.to) == 1 and not bericht.cc and not bericht.bcc
        tekst = " ".join([bericht.subject, bericht.body, *(inhoud for inhoud, _ in bericht.alternatives)])
        gevonden = [spoor for spoor in SPOREN if spoor.lower() in tekst.lower()]
        assert not gevonden, f"{gevonden} in de mail aan {bericht.to}: {bericht.subject}\n{bericht.body}"


# --- free text -------------------------------------------------------------------------------------


def test_groep_aanmelden_zet_geen_getypte_tekst_in_een_mail(
    client, gemeente, kern, django_capture_on_commit_callbacks
):
    """Every field that takes text gets the phishing text (the checked ones a valid value): neither the
    confirmation mail to the typed address nor, after confirmation, the mail to staff carries it."""
    adviseur = ToewijzingFactory(kern=kern).medewerker
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bewonersgroepen:aanmelden"),
            {
                "gemeente": gemeente.slug,
                "soort": Groepsoort.THEMACOMMISSIE,
                "naam": PHISHING[:150],
                "kernen": [kern.pk],
                "beschrijving": PHISHING,
                "email": "digid-verloopt@evil.example",
                "thema": PHISHING,
                "standpunt": Standpunt.TEGEN,
                "kvk_nummer": "12345678",
                "aanmelder_naam": PHISHING[:150],
                "aanmelder_email": PHISHING_ADRES,
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    assert [m.to for m in mail.outbox] == [[canoniek(PHISHING_ADRES)]]
    _zonder_sporen(mail.outbox)
    link = re.search(r"https?://\S+/aanmelden/bevestigen/\S+/", mail.outbox[0].body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(urlsplit(link).path)
    assert Groep.objects.get().thema == PHISHING  # kept as typed, for staff to read on the page
    # Staff, and the registrant (whose address is now confirmed), each hear of it: in our own words only.
    assert sorted(m.to for m in mail.outbox[1:]) == sorted([[adviseur.email], [canoniek(PHISHING_ADRES)]])
    _zonder_sporen(mail.outbox)


def test_volgen_zet_geen_getypte_tekst_in_een_mail(client, kern, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("gebiedsagenda:volgen_kern", args=[kern.gemeente.slug, kern.slug]),
            {"email": PHISHING_ADRES},
        )
    assert len(mail.outbox) == 1  # to the address as the app stores it
    _zonder_sporen(mail.outbox)


def test_wachtwoord_vergeten_zet_geen_getypte_tekst_in_een_mail(
    client, db, django_capture_on_commit_callbacks
):
    """The reset mail goes to the address of an account (never to another typed one) with our own text."""
    UserFactory(email=PHISHING_ADRES, naam="Anna")
    with django_capture_on_commit_callbacks(execute=True):  # the queued reset job runs, as the worker would
        client.post(reverse("password_reset"), {"email": PHISHING_ADRES})
    assert [m.to for m in mail.outbox] == [[canoniek(PHISHING_ADRES)]]
    _zonder_sporen(mail.outbox)


# --- rate limits -----------------------------------------------------------------------------------


@pytest.fixture
def formulieren(gemeente, kern):
    """Per form: its address and its fields with a given e-mail address."""
    return {
        "groep": (
            reverse("bewonersgroepen:aanmelden"),
            lambda email: {
                "gemeente": gemeente.slug,
                "soort": Groepsoort.ACTIVITEITENCOMMISSIE,
                "naam": "Buurtfeest",
                "kernen": [kern.pk],
                "email": "info@buurtfeest.nl",
                "aanmelder_naam": "Anna",
                "aanmelder_email": email,
            },
        ),
        "volgen": (
            reverse("gebiedsagenda:volgen_kern", args=[gemeente.slug, kern.slug]),
            lambda email: {"email": email},
        ),
        "wachtwoord": (reverse("password_reset"), lambda email: {"email": email}),
    }


def _versturen(client, capture, formulieren, soort, email, ip="192.0.2.1", **kop):
    url, velden = formulieren[soort]
    with capture(execute=True):
        return client.post(url, velden(email), REMOTE_ADDR=ip, **kop)


def _geweigerd(response):
    assert response.status_code == 429
    assert "U hebt dit formulier te vaak verstuurd" in response.content.decode()


@pytest.mark.parametrize("soort", ["groep", "volgen", "wachtwoord"])
def test_limiet_per_emailadres(client, settings, formulieren, soort, django_capture_on_commit_callbacks):
    """The same address from ever new IP addresses: after the limit nothing more goes to it."""
    settings.LIMIET_PER_EMAIL_PER_UUR = 2
    UserFactory(email="slachtoffer@example.nl")  # the reset form mails only addresses with an account
    for i in range(2):
        response = _versturen(
            client,
            django_capture_on_commit_callbacks,
            formulieren,
            soort,
            "slachtoffer@example.nl",
            f"192.0.2.{i}",
        )
        assert response.status_code in (200, 302)
    assert mail.outbox
    verstuurd = len(mail.outbox)
    volgers, aanmeldingen = Volger.objects.count(), Groepaanmelding.objects.count()
    _geweigerd(
        _versturen(
            client,
            django_capture_on_commit_callbacks,
            formulieren,
            soort,
            "Slachtoffer@Example.nl",
            "198.51.100.9",
        )
    )
    assert len(mail.outbox) == verstuurd
    assert (Volger.objects.count(), Groepaanmelding.objects.count()) == (volgers, aanmeldingen)
    # Another address is still welcome.
    assert _versturen(
        client, django_capture_on_commit_callbacks, formulieren, soort, "ander@example.nl", "198.51.100.9"
    ).status_code in (200, 302)


@pytest.mark.parametrize("soort", ["groep", "volgen", "wachtwoord"])
def test_limiet_per_ip_adres(client, settings, formulieren, soort, django_capture_on_commit_callbacks):
    """Ever new addresses from one IP address: after the limit nothing more is sent to anyone."""
    settings.LIMIET_PER_IP_PER_UUR = 3
    for i in range(3):
        UserFactory(email=f"lid{i}@example.nl")
        response = _versturen(
            client, django_capture_on_commit_callbacks, formulieren, soort, f"lid{i}@example.nl"
        )
        assert response.status_code in (200, 302)
    assert len(mail.outbox) == 3
    UserFactory(email="lid9@example.nl")
    _geweigerd(_versturen(client, django_capture_on_commit_callbacks, formulieren, soort, "lid9@example.nl"))
    assert len(mail.outbox) == 3
    # From another address it still works.
    assert _versturen(
        client, django_capture_on_commit_callbacks, formulieren, soort, "lid9@example.nl", "203.0.113.5"
    ).status_code in (200, 302)
    assert len(mail.outbox) == 4


def test_na_het_uur_mag_het_weer_en_de_opruimtaak_verwijdert_oude_tellers(
    client, settings, formulieren, monkeypatch, django_capture_on_commit_callbacks
):
    settings.LIMIET_PER_IP_PER_UUR = 1
    _versturen(client, django_capture_on_commit_callbacks, formulieren, "volgen", "a@example.nl")
    _geweigerd(_versturen(client, django_capture_on_commit_callbacks, formulieren, "volgen", "b@example.nl"))
    later = timezone.now() + datetime.timedelta(hours=1)
    monkeypatch.setattr(limiet.timezone, "now", lambda: later)
    assert Teller.objects.exists()
    call_command("onbevestigd_opruimen", stdout=StringIO())
    assert not Teller.objects.exists()  # the past hour's counters are gone
    response = _versturen(client, django_capture_on_commit_callbacks, formulieren, "volgen", "b@example.nl")
    assert response.status_code == 200


def test_de_tellers_bewaren_geen_adres(client, formulieren, django_capture_on_commit_callbacks):
    _versturen(
        client, django_capture_on_commit_callbacks, formulieren, "volgen", "anna@example.nl", "192.0.2.77"
    )
    rijen = " ".join(str(waarde) for rij in Teller.objects.values_list() for waarde in rij)
    assert Teller.objects.count() == 2
    assert "anna" not in rijen and "192.0.2" not in rijen


# --- which IP address ------------------------------------------------------------------------------


def test_een_proxykop_telt_niet_zonder_instelling(
    client, settings, formulieren, django_capture_on_commit_callbacks
):
    """Without CLIENT_IP_HEADER a visitor cannot escape the limit by sending X-Forwarded-For."""
    settings.LIMIET_PER_IP_PER_UUR = 2
    for i in range(2):
        _versturen(
            client,
            django_capture_on_commit_callbacks,
            formulieren,
            "volgen",
            f"v{i}@example.nl",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
        )
    _geweigerd(
        _versturen(
            client,
            django_capture_on_commit_callbacks,
            formulieren,
            "volgen",
            "v9@example.nl",
            HTTP_X_FORWARDED_FOR="10.0.0.9",
        )
    )


def test_achter_een_proxy_telt_het_laatste_adres_van_de_ingestelde_kop(
    client, settings, formulieren, django_capture_on_commit_callbacks
):
    """Everyone comes from the proxy's address; the proxy appends the visitor's. What the visitor wrote in
    front of it does not count."""
    settings.LIMIET_PER_IP_PER_UUR = 2
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = "10.1.1.1"
    for i in range(2):
        response = _versturen(
            client,
            django_capture_on_commit_callbacks,
            formulieren,
            "volgen",
            f"v{i}@example.nl",
            proxy,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}, 192.0.2.50",
        )
        assert response.status_code == 200
    _geweigerd(
        _versturen(
            client,
            django_capture_on_commit_callbacks,
            formulieren,
            "volgen",
            "v9@example.nl",
            proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.50",
        )
    )
    # Another visitor behind the same proxy is counted apart.
    response = _versturen(
        client,
        django_capture_on_commit_callbacks,
        formulieren,
        "volgen",
        "v9@example.nl",
        proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.51",
    )
    assert response.status_code == 200


def test_ipv6_telt_per_64_netwerk(client, settings, formulieren, django_capture_on_commit_callbacks):
    """One subscriber usually has a whole /64: its addresses share one count."""
    settings.LIMIET_PER_IP_PER_UUR = 2
    for i in range(2):
        _versturen(
            client,
            django_capture_on_commit_callbacks,
            formulieren,
            "volgen",
            f"v{i}@example.nl",
            f"2001:db8:1:2::{i + 1}",
        )
    _geweigerd(
        _versturen(
            client,
            django_capture_on_commit_callbacks,
            formulieren,
            "volgen",
            "v9@example.nl",
            "2001:db8:1:2:ffff::9",
        )
    )
    response = _versturen(
        client, django_capture_on_commit_callbacks, formulieren, "volgen", "v9@example.nl", "2001:db8:1:3::1"
    )
    assert response.status_code == 200
