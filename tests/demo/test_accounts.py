"""The demo's logins where the two-step login is not required (the test settings): no authenticator made."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portaal.demo import DEMO_WACHTWOORD


def test_demo_zonder_verplichting_maakt_geen_tweede_stap(client, demo):
    assert not TOTPDevice.objects.exists()
    antwoord = client.post(
        reverse("login"), {"username": "medewerker@demo.gebiedsportaal.nl", "password": DEMO_WACHTWOORD}
    )
    assert antwoord["Location"] == reverse("portaal:mijn_werk")
