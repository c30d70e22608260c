"""Groups: kind-specific rules, registration, status workflow and budget access."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from bewonersgroepen import services
from bewonersgroepen.constants import Groepsoort, Groepstatus, Standpunt
from bewonersgroepen.models import Groep, Groepstatusovergang, Uitnodiging
from tests.factories import KernFactory, UserFactory, WijkFactory
from tests.rollen.factories import ProjectFactory, ToewijzingFactory

from .factories import GroepFactory, LidmaatschapFactory


def registreer(gemeente, kern, **extra):
    velden = {
        "soort": Groepsoort.ACTIVITEITENCOMMISSIE,
        "naam": "Activiteitencommissie De Brug",
        "gemeente": gemeente,
        "kernen": [kern],
        "email": "info@debrug.nl",
        "aanmelder_naam": "Anna Aanmelder",
        "aanmelder_email": "anna@example.nl",
    }
    velden.update(extra)
    return services.groep_registreren(**velden)


def veldfouten(exc_info) -> dict:
    return exc_info.value.message_dict


# --- kind-specific rules ---------------------------------------------------------------------------


def test_projectcommissie_zonder_project_geweigerd(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, soort=Groepsoort.PROJECTCOMMISSIE)
    assert "project" in veldfouten(exc)
    assert not Groep.objects.exists()


def test_projectcommissie_met_project_van_andere_gemeente_geweigerd(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, soort=Groepsoort.PROJECTCOMMISSIE, project=ProjectFactory())
    assert "andere gemeente" in veldfouten(exc)["project"][0]


def test_projectcommissie_met_project(gemeente, kern, django_capture_on_commit_callbacks):
    project = ProjectFactory(gemeente=gemeente)
    groep = registreer(gemeente, kern, soort=Groepsoort.PROJECTCOMMISSIE, project=project)
    assert groep.project == project


@pytest.mark.parametrize(
    "soort,extra",
    [
        (Groepsoort.PROJECTCOMMISSIE, {}),
        (Groepsoort.BEWONERSGROEP, {}),
        (Groepsoort.THEMACOMMISSIE, {"thema": "Windpark"}),
        (Groepsoort.THEMACOMMISSIE, {"standpunt": Standpunt.VOOR}),
    ],
)
def test_database_weigert_groep_zonder_wat_haar_soort_vraagt(gemeente, soort, extra):
    """The kind rules hold in the database too (no project, no constituency, no theme or stance)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Groep.objects.create(soort=soort, naam="X", slug="x", gemeente=gemeente, email="a@b.nl", **extra)


def test_bewonersgroep_moet_achterban_noemen(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, soort=Groepsoort.BEWONERSGROEP)
    assert "achterban_grootte" in veldfouten(exc)
    groep = registreer(gemeente, kern, soort=Groepsoort.BEWONERSGROEP, achterban_grootte=800)
    assert groep.achterban_grootte == 800


def test_alleen_bewonersgroep_heeft_achterban(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, achterban_grootte=800)
    assert "achterban_grootte" in veldfouten(exc)


def test_themacommissie_noemt_thema_en_standpunt(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, soort=Groepsoort.THEMACOMMISSIE)
    assert {"thema", "standpunt"} <= set(veldfouten(exc))
    groep = registreer(
        gemeente, kern, soort=Groepsoort.THEMACOMMISSIE, thema="Zonnepark Haarrijn", standpunt=Standpunt.TEGEN
    )
    assert groep.get_standpunt_display() == "Is tegen de ontwikkeling"


def test_thema_alleen_voor_themacommissie(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, thema="Iets")
    assert "thema" in veldfouten(exc)


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a"])
def test_kvk_nummer_moet_acht_cijfers_zijn(gemeente, kern, kvk):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, kvk_nummer=kvk)
    assert "8 cijfers" in veldfouten(exc)["kvk_nummer"][0]


def test_iban_controlegetal(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, iban="NL91ABNA0417164301")
    assert "controlegetal" in veldfouten(exc)["iban"][0]
    groep = registreer(gemeente, kern, iban="nl91 abna 0417 1643 00", kvk_nummer="12345678")
    assert groep.iban == "NL91ABNA0417164300"


def test_gebied_verplicht_en_in_eigen_gemeente(gemeente, kern):
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, kernen=[])
    assert "kernen" in veldfouten(exc)
    with pytest.raises(ValidationError) as exc:
        registreer(gemeente, kern, kernen=[], wijken=[WijkFactory()])
    assert "niet in de gemeente" in veldfouten(exc)["wijken"][0]
    assert not Groep.objects.exists()


# --- registration ----------------------------------------------------------------------------------


def test_aanmelding_gaat_naar_adviseur_van_de_kern_die_een_mail_krijgt(
    gemeente, kern, django_capture_on_commit_callbacks
):
    """The registrant confirmed before this (double opt-in, test_aanmelden_anoniem.py): staff are asked to
    handle it, the registrant hears that it arrived."""
    adviseur = ToewijzingFactory(kern=kern).medewerker
    with django_capture_on_commit_callbacks(execute=True):
        groep = registreer(gemeente, kern)
    assert groep.status == Groepstatus.AANGEMELD
    assert groep.behandelaar == adviseur
    assert groep.slug == "activiteitencommissie-de-brug"
    overgang = groep.statusovergangen.get()
    assert (overgang.van, overgang.naar) == ("", Groepstatus.AANGEMELD)
    assert sorted(m.to for m in mail.outbox) == sorted([[adviseur.email], ["anna@example.nl"]])


def test_geen_mail_als_transactie_terugdraait(gemeente, kern, django_capture_on_commit_callbacks):
    ToewijzingFactory(kern=kern)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registreer(gemeente, kern)
    assert callbacks and mail.outbox == []


def test_tweede_groep_met_zelfde_naam_krijgt_eigen_slug(gemeente, kern):
    registreer(gemeente, kern)
    assert registreer(gemeente, kern).slug == "activiteitencommissie-de-brug-2"


# --- status ----------------------------------------------------------------------------------------


def test_accepteren_mailt_aanmelder_en_nodigt_hem_uit_als_contactpersoon(
    gemeente, kern, medewerker, django_capture_on_commit_callbacks
):
    groep = registreer(gemeente, kern)
    with django_capture_on_commit_callbacks(execute=True):
        services.groep_status_wijzigen(groep=groep, naar=Groepstatus.ACTIEF, door=medewerker)
    groep.refresh_from_db()
    assert groep.status == Groepstatus.ACTIEF and groep.behandelaar == medewerker
    uitnodiging = Uitnodiging.objects.get(groep=groep)
    assert uitnodiging.email == "anna@example.nl" and uitnodiging.is_contactpersoon
    # Issue 18, item 9: one mail per person, each with its own link. The registrant's acceptance holds
    # their invitation link (no second mail); the group's own address gets its own, without that link.
    assert sorted(m.to for m in mail.outbox) == [["anna@example.nl"], ["info@debrug.nl"]]
    assert all("geaccepteerd" in m.subject for m in mail.outbox)
    aan_anna = next(m for m in mail.outbox if m.to == ["anna@example.nl"])
    aan_groep = next(m for m in mail.outbox if m.to == ["info@debrug.nl"])
    link = re.search(r"https?://\S+/bewonersgroepen/uitnodiging/([\w-]+)/", aan_anna.body)
    assert link and services.uitnodiging_zoeken(link.group(1)) == uitnodiging
    assert "Beste Anna Aanmelder" in aan_anna.body and "alleen voor u" in aan_anna.body
    assert "/uitnodiging/" not in aan_groep.body and "Beste leden van" in aan_groep.body
    assert kern.get_absolute_url() in aan_groep.body


def test_accepteren_met_zelfde_adres_voor_groep_en_aanmelder_een_mail(
    gemeente, kern, medewerker, django_capture_on_commit_callbacks
):
    groep = registreer(gemeente, kern, email="Anna@Example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.groep_status_wijzigen(groep=groep, naar=Groepstatus.ACTIEF, door=medewerker)
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]
    assert "/bewonersgroepen/uitnodiging/" in mail.outbox[0].body


def test_afwijzen_vraagt_reden_en_mailt_die(gemeente, kern, medewerker, django_capture_on_commit_callbacks):
    groep = registreer(gemeente, kern)
    with pytest.raises(ValidationError) as exc:
        services.groep_status_wijzigen(groep=groep, naar=Groepstatus.AFGEWEZEN, door=medewerker)
    assert "toelichting" in veldfouten(exc)
    with django_capture_on_commit_callbacks(execute=True):
        services.groep_status_wijzigen(
            groep=groep, naar=Groepstatus.AFGEWEZEN, door=medewerker, toelichting="Bestaat al als dorpsraad."
        )
    afwijzing = next(m for m in mail.outbox if "afgewezen" in m.subject)
    assert "Bestaat al als dorpsraad." in afwijzing.body and afwijzing.to == ["anna@example.nl"]
    laatste = groep.statusovergangen.last()
    assert (laatste.van, laatste.naar, laatste.door, laatste.toelichting) == (
        Groepstatus.AANGEMELD,
        Groepstatus.AFGEWEZEN,
        medewerker,
        "Bestaat al als dorpsraad.",
    )


@pytest.mark.parametrize(
    "van,naar",
    [
        (Groepstatus.AANGEMELD, Groepstatus.OPGEHEVEN),
        (Groepstatus.AFGEWEZEN, Groepstatus.ACTIEF),
        (Groepstatus.OPGEHEVEN, Groepstatus.ACTIEF),
        (Groepstatus.ACTIEF, Groepstatus.AANGEMELD),
    ],
)
def test_niet_toegestane_overgang_geweigerd(gemeente, medewerker, van, naar):
    groep = GroepFactory(gemeente=gemeente, status=van)
    with pytest.raises(ValidationError):
        services.groep_status_wijzigen(groep=groep, naar=naar, door=medewerker, toelichting="x")
    groep.refresh_from_db()
    assert groep.status == van and not Groepstatusovergang.objects.exists()


def test_actief_naar_inactief_en_opgeheven(groep, medewerker):
    services.groep_status_wijzigen(
        groep=groep, naar=Groepstatus.INACTIEF, door=medewerker, toelichting="Geen leden"
    )
    services.groep_status_wijzigen(
        groep=groep, naar=Groepstatus.OPGEHEVEN, door=medewerker, toelichting="Gestopt"
    )
    assert [o.naar for o in groep.statusovergangen.all()] == [Groepstatus.INACTIEF, Groepstatus.OPGEHEVEN]


def test_status_alleen_door_medewerker_van_de_gemeente(groep, lid, medewerker_elders):
    for wie in (lid, medewerker_elders):
        with pytest.raises(PermissionDenied):
            services.groep_status_wijzigen(groep=groep, naar=Groepstatus.INACTIEF, door=wie, toelichting="x")


# --- details ---------------------------------------------------------------------------------------


def test_groep_bijwerken(groep, contactpersoon, gemeente):
    nieuwe_kern = KernFactory(gemeente=gemeente)
    door = contactpersoon.gebruiker  # the voorzitter
    services.groep_bijwerken(groep=groep, door=door, beschrijving="Nieuw", kernen=[nieuwe_kern])
    groep.refresh_from_db()
    assert groep.beschrijving == "Nieuw" and list(groep.kernen.all()) == [nieuwe_kern]
    with pytest.raises(ValidationError):
        services.groep_bijwerken(groep=groep, door=door, kvk_nummer="123")
    with pytest.raises(TypeError):  # the IBAN changes only with a second person's confirmation
        services.groep_bijwerken(groep=groep, door=door, iban="NL20INGB0001234567")
    groep.refresh_from_db()
    assert (groep.kvk_nummer, groep.iban) == ("", "NL91ABNA0417164300")  # the factory's, unchanged


def test_lidmaatschap_per_groep_uniek_zolang_actief(groep):
    gebruiker = UserFactory(groepslid=True)
    LidmaatschapFactory(groep=groep, gebruiker=gebruiker)
    with pytest.raises(IntegrityError), transaction.atomic():
        LidmaatschapFactory(groep=groep, gebruiker=gebruiker)


def test_aanmelding_volgt_de_routeringsregel_van_de_wijk(gemeente, kern):
    from tests.rollen.factories import RouteringsregelFactory

    wijk = WijkFactory(kern=kern, gemeente=gemeente)
    adviseur = ToewijzingFactory(kern=kern).medewerker
    specialist = UserFactory(medewerker=True, gemeente=gemeente)
    RouteringsregelFactory(
        gemeente=gemeente, soort_werk=services.SOORT_WERK_AANMELDING, wijk=wijk, rol="", medewerker=specialist
    )
    assert registreer(gemeente, kern, kernen=[], wijken=[wijk]).behandelaar == specialist
    assert registreer(gemeente, kern, naam="Activiteitencommissie Elders").behandelaar == adviseur
