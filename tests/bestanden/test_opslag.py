"""Storing files whole or not at all (a full disk), cleaning up files no row points to, checking files
after a restore, and the S3-compatible storage (moto in-process)."""

import errno
import io
import json
import os
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from bestanden import OpslagFout, opruimen_bij_fout, prive_opslag
from bestanden import opslag as opslagmodule
from tests.bewonersgroepen.factories import pdf_bytes


def _alles_in_privemap() -> set[Path]:
    """Every file, temporary ones included."""
    return {p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}


def _schijf_vol_na_een_stuk(bestand, content):
    """Writes part of the file, then the disk is full."""
    bestand.write(b"%PDF-1.4 half")
    bestand.flush()
    raise OSError(errno.ENOSPC, "No space left on device")


def test_schijf_vol_laat_niets_half_achter():
    voor = _alles_in_privemap()
    with (
        mock.patch.object(opslagmodule, "_schrijven", _schijf_vol_na_een_stuk),
        pytest.raises(OpslagFout, match="de opslag is vol"),
    ):
        prive_opslag().save("aanvragen/2026/abc", ContentFile(pdf_bytes()))
    assert _alles_in_privemap() == voor


def test_bestand_verschijnt_pas_heel_onder_zijn_naam():
    gezien = {}

    def schrijven(bestand, content):
        for chunk in content.chunks():
            bestand.write(chunk)
        # While writing, the real name does not exist yet; only a temporary one in the same folder.
        gezien["map"] = sorted(p.name for p in Path(prive_opslag().path("aanvragen/2026")).iterdir())

    with mock.patch.object(opslagmodule, "_schrijven", schrijven):
        naam = prive_opslag().save("aanvragen/2026/heel", ContentFile(pdf_bytes()))
    try:
        assert naam == "aanvragen/2026/heel"
        assert any(n.startswith(".tmp-") for n in gezien["map"]) and "heel" not in gezien["map"]
        assert prive_opslag().open(naam).read() == pdf_bytes()
        assert not [p for p in _alles_in_privemap() if p.name.startswith(".tmp-")]
        # A second file under the same name never replaces the first.
        tweede = prive_opslag().save("aanvragen/2026/heel", ContentFile(b"%PDF-anders"))
        assert tweede != naam and prive_opslag().open(naam).read() == pdf_bytes()
        prive_opslag().delete(tweede)
    finally:
        prive_opslag().delete(naam)


def test_schijf_vol_bij_bijlage_geeft_nederlandse_melding_en_geen_rij(client, db):
    from leefbaarheidsbudget.models import Bijlage
    from tests.permissietabel.objecten import bouw_wereld

    wereld = bouw_wereld()
    aanvraag = wereld.objecten["aanvraag_concept"]
    client.force_login(wereld.lid_a)
    voor, aantal = _alles_in_privemap(), Bijlage.objects.count()
    url = reverse("leefbaarheidsbudget:bijlage_toevoegen", kwargs={"pk": aanvraag.pk})
    with mock.patch.object(opslagmodule, "_schrijven", _schijf_vol_na_een_stuk):
        response = client.post(url, {"bestand": SimpleUploadedFile("offerte.pdf", pdf_bytes())})
    assert response.status_code == 302
    meldingen = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Het bestand is niet toegevoegd" in m and "de opslag is vol" in m for m in meldingen), (
        meldingen
    )
    assert Bijlage.objects.count() == aantal
    assert _alles_in_privemap() == voor


def test_schijf_vol_bij_overeenkomst_geeft_fout_bij_het_veld(client, medewerker, gemeente):
    from bewonersgroepen.models import Samenwerkingsovereenkomst
    from tests.bewonersgroepen.factories import GroepFactory, SamenwerkingsovereenkomstFactory
    from tests.test_uploads import _formulier

    overeenkomst = SamenwerkingsovereenkomstFactory(groep=GroepFactory(gemeente=gemeente, bewonersgroep=True))
    client.force_login(medewerker)
    url = reverse("bewonersgroepen:overeenkomst_wijzigen", kwargs={"pk": overeenkomst.pk})
    gegevens = _formulier(client, url)
    gegevens["ondertekend_document"] = SimpleUploadedFile("getekend.pdf", pdf_bytes())
    voor = _alles_in_privemap()
    with mock.patch.object(opslagmodule, "_schrijven", _schijf_vol_na_een_stuk):
        response = client.post(url, gegevens)
    assert response.status_code == 200
    assert "de opslag is vol" in str(response.context["form"].errors["ondertekend_document"])
    assert "de opslag is vol" in response.content.decode()
    assert not Samenwerkingsovereenkomst.objects.get(pk=overeenkomst.pk).ondertekend_document
    assert _alles_in_privemap() == voor


def test_opruimen_bij_fout_verwijdert_wat_het_blok_opsloeg():
    voor = _alles_in_privemap()
    with pytest.raises(KeyboardInterrupt), opruimen_bij_fout():
        prive_opslag().save("demo/2026/een", ContentFile(pdf_bytes()))
        prive_opslag().save("demo/2026/twee", ContentFile(pdf_bytes()))
        raise KeyboardInterrupt  # Ctrl+C halfway through load_demo
    assert _alles_in_privemap() == voor
    with opruimen_bij_fout():
        naam = prive_opslag().save("demo/2026/blijft", ContentFile(pdf_bytes()))
    assert prive_opslag().exists(naam)
    prive_opslag().delete(naam)


@pytest.mark.django_db(transaction=True)
def test_onderbroken_load_demo_laat_geen_bestanden_achter():
    voor = _alles_in_privemap()
    echt = opslagmodule.PriveOpslag._save
    opgeslagen = []

    def tweede_keer_onderbreken(self, name, content):
        if opgeslagen:
            raise KeyboardInterrupt
        opgeslagen.append(echt(self, name, content))
        return opgeslagen[-1]

    with (
        mock.patch.object(opslagmodule.PriveOpslag, "_save", tweede_keer_onderbreken),
        pytest.raises(KeyboardInterrupt),
    ):
        call_command("load_demo", stdout=io.StringIO())
    assert opgeslagen, "load_demo sloeg geen enkel bestand op: deze test toetst dan niets"
    assert _alles_in_privemap() == voor


# --- bestanden_opruimen -----------------------------------------------------------------------------


def _oud_maken(naam: str, uren: float = 2) -> None:
    pad = prive_opslag().path(naam)
    moment = time.time() - uren * 3600
    os.utime(pad, (moment, moment))


@pytest.fixture
def bijlage(db):
    from leefbaarheidsbudget.models import Bijlage
    from tests.leefbaarheidsbudget.factories import AanvraagFactory

    aanvraag = AanvraagFactory()
    bijlage = Bijlage(aanvraag=aanvraag, naam="offerte.pdf")
    bijlage.bestand.save("offerte.pdf", ContentFile(pdf_bytes()))
    return bijlage


def test_bestanden_opruimen_verwijdert_alleen_oude_bestanden_zonder_rij(bijlage, capsys):
    opslag = prive_opslag()
    wees = opslag.save("aanvragen/2026/wees", ContentFile(pdf_bytes()))
    jong = opslag.save("aanvragen/2026/jong", ContentFile(pdf_bytes()))
    half = "aanvragen/2026/.tmp-afgebroken"
    Path(opslag.path(half)).write_bytes(b"%PDF-half")
    for naam in (wees, half, bijlage.bestand.name):
        _oud_maken(naam)
    try:
        call_command("bestanden_opruimen", "--dry-run")
        assert "zou verwijderen: aanvragen/2026/wees" in capsys.readouterr().out
        assert opslag.exists(wees) and opslag.exists(half)

        call_command("bestanden_opruimen")
        assert not opslag.exists(wees) and not opslag.exists(half)
        assert opslag.exists(jong), "een upload van zojuist (rij nog niet opgeslagen) blijft"
        assert opslag.exists(bijlage.bestand.name), "een bestand waar een rij naar verwijst blijft"

        call_command("bestanden_opruimen", "--wachttijd-minuten", "0")
        assert not opslag.exists(jong)
    finally:
        for naam in (wees, jong, half):
            opslag.delete(naam)


def test_bestanden_opruimen_houdt_het_document_van_een_eerdere_versie(db):
    """The history (audit trail) still names the earlier signed document: it is kept."""
    from tests.bewonersgroepen.factories import SamenwerkingsovereenkomstFactory

    overeenkomst = SamenwerkingsovereenkomstFactory()
    overeenkomst.ondertekend_document.save("v1.pdf", ContentFile(pdf_bytes()))
    eerste = overeenkomst.ondertekend_document.name
    overeenkomst.ondertekend_document.save("v2.pdf", ContentFile(pdf_bytes()))
    _oud_maken(eerste)
    call_command("bestanden_opruimen")
    assert prive_opslag().exists(eerste)


def test_bestanden_opruimen_staat_in_de_planning():
    [regel] = [r for r in settings.WACHTRIJ_PLANNING if r["opdracht"][0] == "bestanden_opruimen"]
    from django.utils import timezone

    from berichten.wachtrij import laatste_moment

    laatste_moment(regel["wanneer"], timezone.now())  # a moment the worker understands


# --- bestanden_controleren ------------------------------------------------------------------------


def test_bestanden_controleren_meldt_ontbrekend_en_afwijkend_bestand(bijlage, tmp_path, capsys):
    lijst = tmp_path / "lijst.json"
    call_command("bestanden_controleren", "--lijst-maken", str(lijst))
    gegevens = json.loads(lijst.read_text())
    assert gegevens[bijlage.bestand.name]["grootte"] == len(pdf_bytes())

    call_command("bestanden_controleren", "--lijst", str(lijst))
    assert "aanwezig en gelijk" in capsys.readouterr().out

    pad = Path(prive_opslag().path(bijlage.bestand.name))
    pad.write_bytes(pdf_bytes() + b"x")
    with pytest.raises(SystemExit) as uitgang:
        call_command("bestanden_controleren", "--lijst", str(lijst))
    assert uitgang.value.code == 1
    assert (
        f"afwijkend (grootte of inhoud): leefbaarheidsbudget.Bijlage {bijlage.pk}" in capsys.readouterr().err
    )

    pad.unlink()
    with pytest.raises(SystemExit):
        call_command("bestanden_controleren")
    assert f"ontbreekt: leefbaarheidsbudget.Bijlage {bijlage.pk}: {bijlage.bestand.name}" in (
        capsys.readouterr().err
    )


# --- S3-compatible object storage -------------------------------------------------------------------


@pytest.fixture
def objectopslag(monkeypatch):
    from moto import mock_aws

    from bestanden.opslag import PriveObjectOpslag

    for sleutel in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(sleutel, "test")
    with mock_aws():
        import boto3

        boto3.client("s3", region_name="eu-central-1").create_bucket(
            Bucket="gp-test", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        yield PriveObjectOpslag(
            bucket_name="gp-test", region_name="eu-central-1", default_acl=None, file_overwrite=False
        )


def test_objectopslag_bewaart_serveert_en_ruimt_op(objectopslag):
    from bestanden import bestand_serveren

    naam = objectopslag.save("aanvragen/2026/abc", ContentFile(pdf_bytes()))
    with pytest.raises(ValueError):
        objectopslag.url(naam)  # never a bucket URL

    class Veld:
        storage = objectopslag
        name = naam

        def __bool__(self):
            return True

    response = bestand_serveren(Veld(), downloadnaam="offerte.pdf")
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    from bestanden.verwijzingen import alle_bestanden

    assert list(alle_bestanden(objectopslag)) == [naam]
    objectopslag.delete(naam)
    assert list(alle_bestanden(objectopslag)) == []


def test_objectopslag_onbereikbaar_is_een_opslagfout(objectopslag):
    from bestanden.opslag import PriveObjectOpslag

    weg = PriveObjectOpslag(bucket_name="bestaat-niet", region_name="eu-central-1")
    with pytest.raises(OpslagFout, match="Er is niets opgeslagen"):
        weg.save("aanvragen/2026/abc", ContentFile(pdf_bytes()))


@pytest.mark.parametrize(
    ("omgeving", "verwacht"),
    [
        ({}, ["PriveOpslag"]),
        (
            {"AWS_STORAGE_BUCKET_NAME": "gp-bucket", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9"},
            ["PriveObjectOpslag", "gp-bucket", "http://127.0.0.1:9"],
        ),
    ],
    ids=["schijf", "objectopslag"],
)
def test_opslag_volgt_de_omgeving(omgeving, verwacht):
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from bestanden import prive_opslag; o = prive_opslag(); "
        "print(type(o).__name__, getattr(o, 'bucket_name', ''), getattr(o, 'endpoint_url', ''))"
    )
    schoon = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    uit = subprocess.run(
        [sys.executable, "-c", code],
        env={**schoon, "DJANGO_SETTINGS_MODULE": "config.settings.base", **omgeving},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.split() == verwacht
