"""No reset or invitation token is ever written to a log (config/logboek.py).

The tests read what the real console handler of LOGGING writes, with every logger at DEBUG, during a
password reset and an invitation from mail to use, and a few requests that Django logs with their path.
"""

import io
import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

NIEUW = "paarse-olifant-fietst-naar-breukelen"


@pytest.fixture
def logboek():
    """What the console handler writes during the test, with everything from DEBUG up."""
    root = logging.getLogger()
    [console] = [h for h in root.handlers if type(h) is logging.StreamHandler]
    uit = io.StringIO()
    oude_stroom, oud_niveau = console.setStream(uit), root.level
    root.setLevel(logging.DEBUG)
    yield uit
    root.setLevel(oud_niveau)
    console.setStream(oude_stroom)


def _link(bericht) -> str:
    return re.search(r"https?://\S+", bericht.body).group(0)


def test_wachtwoord_herstellen_schrijft_geen_token_in_het_log(
    client, db, logboek, django_capture_on_commit_callbacks
):
    user = UserFactory(groepslid=True)
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):  # the queued reset job runs, as the worker would
        assert client.post(reverse("password_reset"), {"email": user.email}).status_code == 302
    link = _link(mail.outbox[0])
    pad = link.split("://", 1)[1].partition("/")[2]
    token = pad.rstrip("/").rsplit("/", 1)[1]
    assert len(token) > 20
    client.get("/" + pad + "%00")  # 404 for the control character: Django logs "Not Found: <path>"
    nieuw = client.get("/" + pad, follow=True)
    client.post(nieuw.request["PATH_INFO"], {"new_password1": NIEUW, "new_password2": NIEUW})
    user.refresh_from_db()
    assert user.check_password(NIEUW)
    log = logboek.getvalue()
    assert "Not Found: /account/wachtwoord/nieuw/" in log  # the line is there ...
    assert token not in log and link not in log  # ... without its token


def test_uitnodiging_schrijft_geen_token_in_het_log(
    client, logboek, medewerker, django_capture_on_commit_callbacks
):
    from bewonersgroepen import services
    from tests.bewonersgroepen.factories import GroepFactory

    groep = GroepFactory(gemeente=medewerker.gemeente)
    client.force_login(medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        _, token = services.lid_uitnodigen(
            groep=groep, email="nieuw@example.nl", naam="Nieuw Lid", door=medewerker
        )
    link = _link(mail.outbox[-1])
    client.logout()
    url = reverse("bewonersgroepen:uitnodiging", args=[token])
    assert client.post(url, {"new_password1": NIEUW, "new_password2": NIEUW}).status_code == 302
    client.logout()
    assert client.get(url).status_code == 404  # used: Django logs "Not Found: <path>"
    log = logboek.getvalue()
    assert "Not Found: /bewonersgroepen/uitnodiging/***/" in log
    assert token not in log and link not in log


def test_elke_tokenlink_wordt_verborgen():
    """The patterns in config/logboek.py cover the addresses as the URL configuration builds them."""
    from config.logboek import zonder_tokens

    reset = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "ck2v1a-0123456789abcdef0123"})
    uitnodiging = reverse("bewonersgroepen:uitnodiging", args=["Zm9vYmFyLWJhei1xdXV4LTEyMzQ1Njc4OTA"])
    assert zonder_tokens(f"Not Found: {reset}") == "Not Found: /account/wachtwoord/nieuw/MQ/***/"
    assert zonder_tokens(f"x https://portaal.example{uitnodiging} y") == (
        "x https://portaal.example/bewonersgroepen/uitnodiging/***/ y"
    )
    assert zonder_tokens("Not Found: /gebieden/wijk/WK190402/") == "Not Found: /gebieden/wijk/WK190402/"
