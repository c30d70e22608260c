"""Samenwerkingsovereenkomst: lifecycle, one active per group, renewal, PDF checks, expiry reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import IntegrityError, transaction

from berichten.wachtrij import wachtrij_afwerken
from bewonersgroepen import services
from bewonersgroepen.constants import Overeenkomststatus
from bewonersgroepen.models import Samenwerkingsovereenkomst
from tests.rollen.factories import ToewijzingFactory

from .factories import GroepFactory, SamenwerkingsovereenkomstFactory, pdf_bestand

VELDEN = {
    "startdatum": datetime.date(2025, 1, 1),
    "einddatum": datetime.date(2026, 12, 31),
    "jaarbijdrage": Decimal("1500.00"),
    "overlegfrequentie": "Elk kwartaal",
    "onderwerpen": "Groen en verkeer",
    "verplichtingen_groep": "Raadpleegt de achterban",
    "verplichtingen_gemeente": "Informeert op tijd",
    "ondertekenaar_naam": "M. Wethouder",
    "ondertekenaar_functie": "Wijkwethouder",
}


@pytest.fixture
def bewonersgroep(gemeente, kern):
    return GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True, naam="Dorpsraad Nigtevecht")


def opstellen(groep, door, **extra):
    return services.overeenkomst_opstellen(groep=groep, door=door, **{**VELDEN, **extra})


def activeren(overeenkomst, door):
    services.overeenkomst_bijwerken(overeenkomst=overeenkomst, door=door, ondertekend_document=pdf_bestand())
    services.overeenkomst_status_wijzigen(
        overeenkomst=overeenkomst, naar=Overeenkomststatus.TER_ONDERTEKENING, door=door
    )
    return services.overeenkomst_status_wijzigen(
        overeenkomst=overeenkomst, naar=Overeenkomststatus.ACTIEF, door=door
    )


def test_levenscyclus_met_geschiedenis(bewonersgroep, medewerker):
    overeenkomst = opstellen(bewonersgroep, medewerker)
    assert overeenkomst.status == Overeenkomststatus.CONCEPT and overeenkomst.versie == 1
    activeren(overeenkomst, medewerker)
    services.overeenkomst_status_wijzigen(
        overeenkomst=overeenkomst,
        naar=Overeenkomststatus.BEEINDIGD,
        door=medewerker,
        toelichting="Groep opgeheven",
    )
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == Overeenkomststatus.BEEINDIGD
    assert overeenkomst.beeindigingsreden == "Groep opgeheven"
    assert [(o.van, o.naar) for o in overeenkomst.statusovergangen.all()] == [
        ("", "concept"),
        ("concept", "ter_ondertekening"),
        ("ter_ondertekening", "actief"),
        ("actief", "beeindigd"),
    ]


def test_alleen_voor_bewonersgroep(gemeente, medewerker):
    with pytest.raises(ValidationError) as exc:
        opstellen(GroepFactory(gemeente=gemeente), medewerker)
    assert "groep" in exc.value.message_dict
    assert not Samenwerkingsovereenkomst.objects.exists()


def test_einddatum_na_startdatum_en_bijdrage_niet_negatief(bewonersgroep, medewerker):
    with pytest.raises(ValidationError) as exc:
        opstellen(bewonersgroep, medewerker, einddatum=datetime.date(2024, 1, 1), jaarbijdrage=Decimal("-1"))
    assert {"einddatum", "jaarbijdrage"} <= set(exc.value.message_dict)


def test_beeindigen_vraagt_reden(bewonersgroep, medewerker):
    overeenkomst = activeren(opstellen(bewonersgroep, medewerker), medewerker)
    with pytest.raises(ValidationError):
        services.overeenkomst_status_wijzigen(
            overeenkomst=overeenkomst, naar=Overeenkomststatus.BEEINDIGD, door=medewerker
        )


def test_actief_alleen_met_ondertekende_pdf(bewonersgroep, medewerker):
    overeenkomst = opstellen(bewonersgroep, medewerker)
    services.overeenkomst_status_wijzigen(
        overeenkomst=overeenkomst, naar=Overeenkomststatus.TER_ONDERTEKENING, door=medewerker
    )
    with pytest.raises(ValidationError, match="ondertekende"):
        services.overeenkomst_status_wijzigen(
            overeenkomst=overeenkomst, naar=Overeenkomststatus.ACTIEF, door=medewerker
        )


def test_tweede_actieve_overeenkomst_geweigerd(bewonersgroep, medewerker):
    activeren(opstellen(bewonersgroep, medewerker), medewerker)
    tweede = opstellen(
        bewonersgroep, medewerker, startdatum=datetime.date(2027, 1, 1), einddatum=datetime.date(2028, 1, 1)
    )
    with pytest.raises(ValidationError, match="al een actieve overeenkomst"):
        activeren(tweede, medewerker)
    tweede.refresh_from_db()
    assert tweede.status == Overeenkomststatus.TER_ONDERTEKENING
    assert bewonersgroep.overeenkomsten.filter(status=Overeenkomststatus.ACTIEF).count() == 1


def test_database_weigert_tweede_actieve_overeenkomst(bewonersgroep):
    SamenwerkingsovereenkomstFactory(groep=bewonersgroep, actief=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        SamenwerkingsovereenkomstFactory(groep=bewonersgroep, actief=True)


def test_verlengen_maakt_gekoppelde_volgende_versie_die_de_vorige_opvolgt(bewonersgroep, medewerker):
    eerste = activeren(opstellen(bewonersgroep, medewerker), medewerker)
    tweede = services.overeenkomst_verlengen(overeenkomst=eerste, door=medewerker)
    assert (tweede.versie, tweede.vorige, tweede.status) == (2, eerste, Overeenkomststatus.CONCEPT)
    assert tweede.startdatum == datetime.date(2027, 1, 1) and tweede.jaarbijdrage == eerste.jaarbijdrage
    with pytest.raises(ValidationError, match="al verlengd"):
        services.overeenkomst_verlengen(overeenkomst=eerste, door=medewerker)
    activeren(tweede, medewerker)
    eerste.refresh_from_db()
    assert eerste.status == Overeenkomststatus.VERLOPEN
    assert "Opgevolgd door versie 2" in eerste.statusovergangen.last().toelichting


def test_alleen_medewerker_van_de_gemeente(bewonersgroep, lid, medewerker_elders):
    for wie in (lid, medewerker_elders):
        with pytest.raises(PermissionDenied):
            opstellen(bewonersgroep, wie)


def test_geen_pdf_geweigerd_en_niets_opgeslagen(bewonersgroep, medewerker):
    nep = ContentFile(b"MZ\x90\x00 dit is een programma", name="overeenkomst.pdf")
    with pytest.raises(ValidationError) as exc:
        opstellen(bewonersgroep, medewerker, ondertekend_document=nep)
    assert "geen PDF" in exc.value.message_dict["ondertekend_document"][0]
    assert not Samenwerkingsovereenkomst.objects.exists()


def test_kapotte_pdf_geweigerd(bewonersgroep, medewerker):
    kapot = ContentFile(b"%PDF-1.7\n dit is geen echte pdf", name="x.pdf")
    with pytest.raises(ValidationError) as exc:
        opstellen(bewonersgroep, medewerker, ondertekend_document=kapot)
    assert "beschadigd" in exc.value.message_dict["ondertekend_document"][0]


def test_te_grote_pdf_geweigerd(bewonersgroep, medewerker):
    groot = ContentFile(b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), name="groot.pdf")
    with pytest.raises(ValidationError) as exc:
        opstellen(bewonersgroep, medewerker, ondertekend_document=groot)
    assert "10 MB" in exc.value.message_dict["ondertekend_document"][0]


def test_pdf_opgeslagen_buiten_webroot_met_willekeurige_naam(bewonersgroep, medewerker, settings):
    overeenkomst = opstellen(
        bewonersgroep, medewerker, ondertekend_document=pdf_bestand("Geheim contract.pdf")
    )
    pad = overeenkomst.ondertekend_document.path
    assert pad.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "Geheim" not in pad and not pad.endswith(".pdf")


# --- expiry -----------------------------------------------------------------------------------------


def test_verlopen_en_herinneringen_via_command(bewonersgroep, kern, medewerker, gemeente, capsys):
    adviseur = ToewijzingFactory(kern=kern).medewerker
    vandaag = datetime.date(2026, 11, 1)
    bijna = SamenwerkingsovereenkomstFactory(
        groep=bewonersgroep, actief=True, einddatum=datetime.date(2027, 1, 15)
    )
    ander = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    voorbij = SamenwerkingsovereenkomstFactory(
        groep=ander, actief=True, einddatum=datetime.date(2026, 10, 31)
    )
    ver_weg = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    SamenwerkingsovereenkomstFactory(groep=ver_weg, actief=True, einddatum=datetime.date(2027, 6, 1))

    call_command("herinner_overeenkomsten", "--datum", vandaag.isoformat())
    wachtrij_afwerken()  # the worker sends what the command queued

    voorbij.refresh_from_db()
    assert voorbij.status == Overeenkomststatus.VERLOPEN
    assert voorbij.statusovergangen.last().door is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [adviseur.email]
    assert bewonersgroep.naam in mail.outbox[0].body and "15-01-2027" in mail.outbox[0].body
    assert ver_weg.naam not in mail.outbox[0].body and ander.naam not in mail.outbox[0].body
    assert "gemaild naar" in capsys.readouterr().out
    bijna.refresh_from_db()
    assert bijna.status == Overeenkomststatus.ACTIEF


def test_verlengde_overeenkomst_niet_in_herinnering(bewonersgroep, kern, medewerker):
    ToewijzingFactory(kern=kern)
    oud = SamenwerkingsovereenkomstFactory(
        groep=bewonersgroep, actief=True, einddatum=datetime.date(2027, 1, 15)
    )
    services.overeenkomst_verlengen(overeenkomst=oud, door=medewerker)
    resultaat = services.herinneringen_versturen(vandaag=datetime.date(2026, 11, 1))
    assert resultaat.verstuurd == {} and mail.outbox == []


def test_zonder_adviseur_gaat_herinnering_naar_behandelaar(bewonersgroep, medewerker):
    bewonersgroep.behandelaar = medewerker
    bewonersgroep.save()
    SamenwerkingsovereenkomstFactory(groep=bewonersgroep, actief=True, einddatum=datetime.date(2027, 1, 15))
    resultaat = services.herinneringen_versturen(vandaag=datetime.date(2026, 11, 1))
    assert resultaat.verstuurd == {medewerker.email: 1}


def test_command_alleen_afsluiten_mailt_niet(bewonersgroep, kern, gemeente, capsys):
    adviseur = ToewijzingFactory(kern=kern).medewerker
    bijna = SamenwerkingsovereenkomstFactory(
        groep=bewonersgroep, actief=True, einddatum=datetime.date(2027, 1, 15)
    )
    ander = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    voorbij = SamenwerkingsovereenkomstFactory(
        groep=ander, actief=True, einddatum=datetime.date(2026, 10, 31)
    )
    call_command("herinner_overeenkomsten", "--datum", "2026-11-01", "--alleen-afsluiten")
    voorbij.refresh_from_db()
    bijna.refresh_from_db()
    assert (voorbij.status, bijna.status) == (Overeenkomststatus.VERLOPEN, Overeenkomststatus.ACTIEF)
    # No digest for staff; the group whose agreement ends within 90 days hears it (daily, once).
    assert adviseur.email not in [m.to[0] for m in mail.outbox] and "Overzicht" not in capsys.readouterr().out
