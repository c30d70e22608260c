"""Registering a group from the public form: confirmed by e-mail (double opt-in) before staff see it.

Until the registrant clicks the link, the registration is no group: no staff list, work queue, count,
admin list or mail shows it. Unconfirmed ones are deleted after 7 days (manage.py onbevestigd_opruimen).
"""

import datetime
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.privacy import bronnen, persoon_anonimiseren
from bewonersgroepen import services
from bewonersgroepen.constants import Groepsoort, Groepstatus
from bewonersgroepen.models import Groep, Groepaanmelding
from tests.factories import UserFactory
from tests.rollen.factories import ToewijzingFactory


def _formulier(gemeente, kern, **extra):
    return {
        "gemeente": gemeente.slug,
        "soort": Groepsoort.ACTIVITEITENCOMMISSIE,
        "naam": "Buurtfeest De Brug",
        "kernen": [kern.pk],
        "email": "info@debrug.nl",
        "aanmelder_naam": "Anna Aanmelder",
        "aanmelder_email": "anna@example.nl",
        **extra,
    }


def _aanmelden(client, capture, gemeente, kern, **extra):
    with capture(execute=True):
        return client.post(reverse("bewonersgroepen:aanmelden"), _formulier(gemeente, kern, **extra))


def _bevestiglink(bericht) -> str:
    return urlsplit(re.search(r"https?://\S+/aanmelden/bevestigen/\S+/", bericht.body).group(0)).path


def test_staf_ziet_een_aanmelding_pas_na_de_bevestiging(
    client, gemeente, kern, django_capture_on_commit_callbacks
):
    adviseur = ToewijzingFactory(kern=kern).medewerker
    response = _aanmelden(client, django_capture_on_commit_callbacks, gemeente, kern)
    assert response["Location"] == reverse("bewonersgroepen:aanmelding_ontvangen")
    assert "Klik binnen 7 dagen op die link" in client.get(response["Location"]).text

    # Unconfirmed: one mail, to the registrant only, and nothing for staff anywhere.
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]
    assert not Groep.objects.exists()
    client.force_login(adviseur)
    assert list(client.get(reverse("bewonersgroepen:lijst")).context["aanmeldingen"]) == []
    assert "Buurtfeest" not in client.get(reverse("rollen:werklast")).text
    client.logout()

    # The link first asks (a mail scanner's GET confirms nothing), the button confirms.
    link = _bevestiglink(mail.outbox[0])
    vraag = client.get(link)
    assert vraag.status_code == 200 and "Ja, bevestig de aanmelding" in vraag.text
    assert not Groep.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        bevestigd = client.post(link)
    assert bevestigd.status_code == 200 and "de aanmelding is bevestigd" in bevestigd.text
    groep = Groep.objects.get()
    assert (groep.naam, groep.status, groep.behandelaar) == (
        "Buurtfeest De Brug",
        Groepstatus.AANGEMELD,
        adviseur,
    )
    assert (groep.aanmelder_naam, groep.aanmelder_email) == ("Anna Aanmelder", "anna@example.nl")
    assert list(groep.kernen.all()) == [kern]
    assert not Groepaanmelding.objects.exists()
    # Now staff are told, and see it in their list; the registrant hears that it arrived.
    assert sorted(m.to for m in mail.outbox[1:]) == sorted([[adviseur.email], ["anna@example.nl"]])
    assert groep.get_absolute_url() in mail.outbox[1].body
    client.force_login(adviseur)
    assert list(client.get(reverse("bewonersgroepen:lijst")).context["aanmeldingen"]) == [groep]
    client.logout()

    # The link works once.
    assert client.post(link).status_code == 404
    assert client.get(link).status_code == 404
    assert Groep.objects.count() == 1


def test_de_bevestigingspagina_toont_niets_wat_de_aanmelder_typte(
    client, gemeente, kern, django_capture_on_commit_callbacks
):
    """Whoever opens the link may not be the person who typed it: our own page must not carry their text."""
    _aanmelden(
        client,
        django_capture_on_commit_callbacks,
        gemeente,
        kern,
        naam="Uw DigiD verloopt",
        aanmelder_naam="Verleng via evil.example",
    )
    link = _bevestiglink(mail.outbox[0])
    for response in (client.get(link), client.post(link)):
        assert "DigiD" not in response.text and "evil.example" not in response.text


def test_een_ingelogde_aanmelder_staat_in_de_geschiedenis(
    client, gemeente, kern, django_capture_on_commit_callbacks
):
    lid = UserFactory()
    client.force_login(lid)
    _aanmelden(client, django_capture_on_commit_callbacks, gemeente, kern)
    client.post(_bevestiglink(mail.outbox[0]))
    assert Groep.objects.get().statusovergangen.get().door == lid


def test_link_verloopt_na_7_dagen_en_de_opruimtaak_verwijdert_de_aanmelding(
    client, gemeente, kern, django_capture_on_commit_callbacks
):
    _aanmelden(client, django_capture_on_commit_callbacks, gemeente, kern)
    _aanmelden(client, django_capture_on_commit_callbacks, gemeente, kern, aanmelder_email="bob@example.nl")
    oud, nieuw = Groepaanmelding.objects.order_by("pk")
    Groepaanmelding.objects.filter(pk=oud.pk).update(
        aangemaakt_op=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    link = _bevestiglink(mail.outbox[0])
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    assert not Groep.objects.exists()

    uitvoer = StringIO()
    call_command("onbevestigd_opruimen", stdout=uitvoer)
    assert uitvoer.getvalue().startswith("1 onbevestigde aanmelding(en)")
    assert list(Groepaanmelding.objects.all()) == [nieuw]
    client.post(_bevestiglink(mail.outbox[1]))
    assert Groep.objects.get().aanmelder_email == "bob@example.nl"


def test_bevestigen_die_niet_meer_kan_zegt_waarom(client, gemeente, kern, django_capture_on_commit_callbacks):
    """Between registering and confirming the chosen kern may be gone: a clear message, no group."""
    _aanmelden(client, django_capture_on_commit_callbacks, gemeente, kern)
    aanmelding = Groepaanmelding.objects.get()
    aanmelding.gegevens = {**aanmelding.gegevens, "kernen": []}
    aanmelding.save()
    response = client.post(_bevestiglink(mail.outbox[0]))
    assert response.status_code == 400
    assert (
        "Kies ten minste één kern of wijk" in response.text and "Meld de groep opnieuw aan" in response.text
    )
    assert not Groep.objects.exists() and Groepaanmelding.objects.exists()


def test_fouten_in_het_formulier_bewaren_en_versturen_niets(
    client, gemeente, kern, django_capture_on_commit_callbacks
):
    response = _aanmelden(
        client, django_capture_on_commit_callbacks, gemeente, kern, soort=Groepsoort.PROJECTCOMMISSIE
    )
    assert response.status_code == 200 and "Een projectcommissie hoort bij één project" in response.text
    assert not Groepaanmelding.objects.exists() and mail.outbox == []


def test_service_vraagt_het_adres_van_de_aanmelder(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        services.groep_aanmelden(
            gemeente=gemeente,
            kernen=[kern],
            soort=Groepsoort.ACTIVITEITENCOMMISSIE,
            naam="X",
            email="x@example.nl",
        )
    assert "aanmelder_email" in exc.value.message_dict


def test_export_en_anonimiseren_kennen_de_onbevestigde_aanmelding(
    client, gemeente, kern, django_capture_on_commit_callbacks
):
    persoon = UserFactory(email="anna@example.nl")
    _aanmelden(client, django_capture_on_commit_callbacks, gemeente, kern)
    bron = next(b for b in bronnen() if b.key == "bewonersgroepen")
    export = bron.exporteren(persoon)["onbevestigde_aanmeldingen"]
    assert [a["gegevens"]["naam"] for a in export] == ["Buurtfeest De Brug"]
    persoon_anonimiseren(user=persoon)
    assert not Groepaanmelding.objects.exists()
