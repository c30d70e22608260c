"""Members, contact persons and invitations."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bewonersgroepen import services
from bewonersgroepen.constants import Functie
from bewonersgroepen.models import Lidmaatschap, Uitnodiging
from bewonersgroepen.selectors import groepen_van_lid, is_lid
from tests.factories import WACHTWOORD, UserFactory

from .factories import GroepFactory, LidmaatschapFactory


def uitnodigen(groep, door, email="nieuw@example.nl", **extra):
    return services.lid_uitnodigen(groep=groep, email=email, naam="Nina Nieuw", door=door, **extra)


def test_groep_houdt_altijd_een_contactpersoon(groep, contactpersoon, medewerker):
    with pytest.raises(ValidationError, match="ten minste één contactpersoon"):
        services.lidmaatschap_beeindigen(lidmaatschap=contactpersoon, door=medewerker)
    with pytest.raises(ValidationError, match="ten minste één contactpersoon"):
        services.lidmaatschap_wijzigen(
            lidmaatschap=contactpersoon, functie=Functie.LID, is_contactpersoon=False, door=medewerker
        )
    tweede = LidmaatschapFactory(groep=groep)
    services.lidmaatschap_wijzigen(
        lidmaatschap=tweede, functie=Functie.SECRETARIS, is_contactpersoon=True, door=medewerker
    )
    services.lidmaatschap_beeindigen(lidmaatschap=contactpersoon, door=medewerker)
    contactpersoon.refresh_from_db()
    assert contactpersoon.tot == datetime.date.today()
    assert not is_lid(contactpersoon.gebruiker, groep)


def test_uitnodiging_mail_na_commit_met_link(groep, medewerker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging, token = uitnodigen(groep, medewerker, functie=Functie.PENNINGMEESTER)
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["nieuw@example.nl"]
    assert "http://localhost:8000" + reverse("bewonersgroepen:uitnodiging", args=[token]) in bericht.body
    assert token not in uitnodiging.token_hash  # only the hash is stored


def test_al_lid_kan_niet_opnieuw_uitgenodigd(groep, lid, medewerker):
    with pytest.raises(ValidationError):
        uitnodigen(groep, medewerker, email=lid.email.upper())


def test_uitnodiging_accepteren_wachtwoord_kiezen_en_in_mijn_groep_landen(client, groep, medewerker):
    _, token = uitnodigen(groep, medewerker, functie=Functie.SECRETARIS, is_contactpersoon=True)
    url = reverse("bewonersgroepen:uitnodiging", args=[token])
    assert "Kies een wachtwoord" in client.get(url).text

    response = client.post(url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200 and "is-invalid" in response.text
    assert not Lidmaatschap.objects.filter(gebruiker__email="nieuw@example.nl").exists()

    wachtwoord = "paarse-olifant-fietst-naar-breukelen"
    response = client.post(url, {"new_password1": wachtwoord, "new_password2": wachtwoord})
    assert response.status_code == 302 and response["Location"] == reverse("bewonersgroepen:mijn_groep")
    pagina = client.get(response["Location"])
    assert groep.naam in pagina.text
    lidmaatschap = Lidmaatschap.objects.get(gebruiker__email="nieuw@example.nl")
    assert lidmaatschap.functie == Functie.SECRETARIS and lidmaatschap.is_contactpersoon
    assert lidmaatschap.gebruiker.is_groepslid and lidmaatschap.gebruiker.check_password(wachtwoord)

    client.logout()
    assert client.get(url).status_code == 404  # the link works once


def test_een_nieuw_lid_hoort_bij_de_gemeente_van_de_groep(groep, medewerker):
    """Every person belongs to one gemeente explicitly: its functional admins manage the account."""
    uitnodiging, _ = uitnodigen(groep, medewerker)
    user = services.uitnodiging_accepteren(
        uitnodiging=uitnodiging, wachtwoord="paarse-olifant-fietst-naar-breukelen"
    )
    user.refresh_from_db()
    assert user.gemeente_id == groep.gemeente_id


def test_wie_al_een_gemeente_heeft_houdt_die(groep, medewerker, medewerker_elders):
    uitnodiging, _ = uitnodigen(groep, medewerker, email=medewerker_elders.email)
    services.uitnodiging_accepteren(uitnodiging=uitnodiging, gebruiker=medewerker_elders)
    eigen = medewerker_elders.gemeente_id
    medewerker_elders.refresh_from_db()
    assert medewerker_elders.gemeente_id == eigen != groep.gemeente_id and is_lid(medewerker_elders, groep)


def test_de_migratie_geeft_elk_lid_een_gemeente(groep, gemeente):
    """bewonersgroepen 0002: a member without a gemeente gets that of their current group (not of an ended
    one elsewhere); someone with a gemeente keeps it; an account without memberships stays without."""
    import importlib

    from django.apps import apps

    migratie = importlib.import_module("bewonersgroepen.migrations.0002_leden_hebben_een_gemeente")
    lid = LidmaatschapFactory(
        groep=GroepFactory(),  # another gemeente, membership ended
        gebruiker__gemeente=None,
        van=datetime.date(2020, 1, 1),
        tot=datetime.date(2021, 1, 1),
    ).gebruiker
    LidmaatschapFactory(groep=groep, gebruiker=lid, van=datetime.date(2022, 1, 1))
    oud_lid = LidmaatschapFactory(gebruiker__gemeente=None, tot=datetime.date(2024, 6, 1))
    staf = UserFactory(medewerker=True)
    LidmaatschapFactory(groep=groep, gebruiker=staf)
    zonder = UserFactory(groepslid=True)

    migratie.gemeente_uit_lidmaatschap(apps, None)

    for user in (lid, oud_lid.gebruiker, staf, zonder):
        user.refresh_from_db()
    assert lid.gemeente == gemeente
    assert oud_lid.gebruiker.gemeente_id == oud_lid.groep.gemeente_id  # only ended memberships: the last
    assert staf.gemeente_id != gemeente.pk and zonder.gemeente_id is None


def test_verlopen_uitnodiging_werkt_niet(client, groep, medewerker):
    uitnodiging, token = uitnodigen(groep, medewerker)
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        verloopt_op=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    response = client.get(reverse("bewonersgroepen:uitnodiging", args=[token]))
    assert response.status_code == 404 and "werkt niet meer" in response.text


def test_bestaand_account_moet_eerst_inloggen(client, groep, medewerker, lid_andere_groep):
    _, token = uitnodigen(groep, medewerker, email=lid_andere_groep.email)
    url = reverse("bewonersgroepen:uitnodiging", args=[token])
    assert (
        "Er is al een account met dit e-mailadres. Log in om de uitnodiging te accepteren."
        in client.get(url).text
    )
    with pytest.raises(PermissionDenied):
        services.uitnodiging_accepteren(uitnodiging=services.uitnodiging_zoeken(token), wachtwoord="x")
    client.force_login(lid_andere_groep)
    assert client.post(url).status_code == 302
    assert groepen_van_lid(lid_andere_groep).count() == 2
    assert lid_andere_groep.check_password(WACHTWOORD)  # password untouched


def test_bestuurslid_kan_leden_uitnodigen_en_wijzigen_via_paginas(client, groep, lid, contactpersoon):
    client.force_login(contactpersoon.gebruiker)  # the voorzitter
    response = client.post(
        reverse("bewonersgroepen:uitnodigen", args=[groep.pk]),
        {"naam": "Kees Kas", "email": "kees@example.nl", "functie": Functie.PENNINGMEESTER},
    )
    assert response.status_code == 302
    assert Uitnodiging.objects.filter(groep=groep, email="kees@example.nl").exists()
    url = reverse("bewonersgroepen:lid_wijzigen", args=[groep.pk, contactpersoon.pk])
    response = client.post(url, {"beeindigen": "1", "functie": "lid"})
    assert response.status_code == 200 and "ten minste één contactpersoon" in response.text


def test_bestuurslid_kan_gegevens_van_eigen_groep_wijzigen(client, groep, contactpersoon, kern):
    client.force_login(contactpersoon.gebruiker)
    url = reverse("bewonersgroepen:wijzigen", args=[groep.pk])
    data = {"naam": groep.naam, "kernen": [kern.pk], "beschrijving": "Nieuwe tekst", "email": "geen adres"}
    response = client.post(url, data)
    assert response.status_code == 200 and "e-mailadres" in response.text
    groep.refresh_from_db()
    assert groep.beschrijving != "Nieuwe tekst"
    data["email"] = "nieuw@groep.nl"
    assert client.post(url, data).status_code == 302
    groep.refresh_from_db()
    assert (groep.email, groep.beschrijving) == ("nieuw@groep.nl", "Nieuwe tekst")


def test_bestuurslid_ziet_nooit_andere_groep(client, groep, contactpersoon, andere_groep):
    client.force_login(contactpersoon.gebruiker)
    lidmaatschap_ander = andere_groep.lidmaatschappen.first()
    for url in (
        reverse("bewonersgroepen:detail", args=[andere_groep.pk]),
        reverse("bewonersgroepen:wijzigen", args=[andere_groep.pk]),
        reverse("bewonersgroepen:uitnodigen", args=[andere_groep.pk]),
        reverse("bewonersgroepen:betaalgegevens", args=[andere_groep.pk]),
        reverse("bewonersgroepen:lid_wijzigen", args=[andere_groep.pk, lidmaatschap_ander.pk]),
        reverse("bewonersgroepen:lid_wijzigen", args=[groep.pk, lidmaatschap_ander.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("bewonersgroepen:uitnodigen", args=[andere_groep.pk]), {}).status_code == 404
    assert andere_groep.naam not in client.get(reverse("bewonersgroepen:mijn_groep")).text


def test_oud_lid_ziet_groep_niet_meer(client, groep, lid, medewerker):
    services.lidmaatschap_beeindigen(lidmaatschap=Lidmaatschap.objects.get(gebruiker=lid), door=medewerker)
    client.force_login(lid)
    assert client.get(reverse("bewonersgroepen:detail", args=[groep.pk])).status_code == 404


def test_gebruiker_zonder_groep(db):
    assert not groepen_van_lid(UserFactory(groepslid=True)).exists()
