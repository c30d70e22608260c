"""Every file field of the project is checked by content, size and (PDF) parsing, and stored privately.

The fields are found in the app registry, so a new FileField is tested (and must be safe) from its first
day. One upload goes through a real form page end to end, and the download view is tried by another
group's member.
"""

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from pypdf import PdfWriter

from bestanden import BestandValidator, PriveOpslagMixin, WillekeurigeNaam, prive_opslag
from bestanden.validatie import _MAGIC

EIGEN_APPS = {
    "accounts",
    "gebieden",
    "rollen",
    "bewonersgroepen",
    "leefbaarheidsbudget",
    "gebiedsagenda",
    "raad",
    "portaal",
}

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200  # a Linux executable
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200  # a Windows executable


def _bestandsvelden() -> list[models.FileField]:
    return [
        veld
        for model in apps.get_models()
        if model._meta.app_label in EIGEN_APPS
        for veld in model._meta.get_fields()
        if isinstance(veld, models.FileField)
    ]


def _validator(veld) -> BestandValidator:
    return next(v for v in veld.validators if isinstance(v, BestandValidator))


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    uit = io.BytesIO()
    writer.write(uit)
    return uit.getvalue()


def _geldig(veld) -> bytes:
    """A small valid file of the first type the field accepts."""
    soort = _validator(veld).soorten[0]
    if soort == "pdf":
        return _pdf()
    from PIL import Image

    uit = io.BytesIO()
    Image.new("RGB", (4, 4)).save(uit, format="JPEG" if soort == "jpeg" else "PNG")
    return uit.getvalue()


VELDEN = _bestandsvelden()
VELD_IDS = [f"{v.model._meta.label}.{v.name}" for v in VELDEN]


def _fout(veld, bestand) -> str | None:
    try:
        veld.run_validators(bestand)
    except ValidationError as exc:
        return exc.error_list[0].code
    return None


def test_het_project_heeft_bestandsvelden():
    assert VELDEN, "Geen enkel FileField gevonden: klopt EIGEN_APPS nog?"


@pytest.mark.parametrize("veld", VELDEN, ids=VELD_IDS)
def test_bestandsveld_is_prive_met_willekeurige_naam_en_controle(veld):
    assert isinstance(veld.storage, PriveOpslagMixin), "opslag moet bestanden.prive_opslag zijn"
    assert veld.storage is prive_opslag()
    assert isinstance(veld.upload_to, WillekeurigeNaam), "upload_to moet WillekeurigeNaam(...) zijn"
    assert any(isinstance(v, BestandValidator) for v in veld.validators), "BestandValidator ontbreekt"
    with pytest.raises(ValueError):
        veld.storage.url("iets")  # no public URL: only a view can serve it


@pytest.mark.parametrize("veld", VELDEN, ids=VELD_IDS)
@pytest.mark.parametrize("inhoud", [ELF, PE], ids=["elf", "pe"])
def test_hernoemd_programma_wordt_geweigerd(veld, inhoud):
    for naam in ("rapport.pdf", "foto.jpg", "plaatje.png"):
        bestand = SimpleUploadedFile(naam, inhoud, content_type="application/pdf")
        assert _fout(veld, bestand) == "verkeerd_type", naam


@pytest.mark.parametrize("veld", VELDEN, ids=VELD_IDS)
def test_te_groot_bestand_wordt_geweigerd(veld):
    validator = _validator(veld)
    magic = next(m for m, soort in _MAGIC if soort == validator.soorten[0])
    te_groot = SimpleUploadedFile("groot.pdf", magic + b"\x00" * (validator.max_mb * 1024 * 1024))
    assert _fout(veld, te_groot) == "te_groot"
    assert _fout(veld, SimpleUploadedFile("geldig.pdf", _geldig(veld))) is None


@pytest.mark.parametrize("veld", VELDEN, ids=VELD_IDS)
def test_kapotte_pdf_wordt_geweigerd(veld):
    if "pdf" not in _validator(veld).soorten:
        pytest.skip("dit veld neemt geen PDF aan")
    kapot = SimpleUploadedFile("kapot.pdf", b"%PDF-1.7\n" + b"geen echte pdf " * 50)
    assert _fout(veld, kapot) == "kapotte_pdf"


def _afbeelding(soort: str, grootte=(4, 4), modus="RGB") -> bytes:
    from PIL import Image

    uit = io.BytesIO()
    Image.new(modus, grootte).save(uit, format=soort.upper())
    return uit.getvalue()


def _afbeeldingsoorten(veld) -> list[str]:
    return [s.value for s in _validator(veld).soorten if s in ("jpeg", "png")]


@pytest.mark.parametrize("veld", VELDEN, ids=VELD_IDS)
def test_kapotte_of_nep_afbeelding_wordt_geweigerd(veld):
    soorten = _afbeeldingsoorten(veld)
    if not soorten:
        pytest.skip("dit veld neemt geen afbeelding aan")
    for soort in soorten:
        magic = next(m for m, s in _MAGIC if s == soort)
        heel = _afbeelding(soort, (64, 64))
        assert _fout(veld, SimpleUploadedFile(f"foto.{soort}", heel)) is None
        # The right first bytes with anything behind them (a program, a script), or a cut-off photo.
        for inhoud in (magic + ELF, magic + b"<?php system($_GET['c']); ?>" * 20, heel[: len(heel) // 2]):
            assert _fout(veld, SimpleUploadedFile(f"foto.{soort}", inhoud)) == "kapotte_afbeelding", soort


@pytest.mark.parametrize("veld", VELDEN, ids=VELD_IDS)
def test_decompressiebom_wordt_geweigerd(veld):
    if "png" not in _afbeeldingsoorten(veld):
        pytest.skip("dit veld neemt geen PNG aan")
    from bestanden.validatie import MAX_MEGAPIXELS

    # A few kilobytes that would unpack to 100 million pixels in memory.
    bom = _afbeelding("png", (10_000, 10_000), modus="1")
    assert len(bom) < 1024 * 1024 and MAX_MEGAPIXELS < 100
    assert _fout(veld, SimpleUploadedFile("bom.png", bom)) == "te_veel_pixels"


@pytest.mark.parametrize("veld", VELDEN, ids=VELD_IDS)
def test_pad_in_de_bestandsnaam_blijft_binnen_de_privemap(veld):
    instantie = veld.model()
    naam = veld.generate_filename(instantie, "../../etc/passwd.pdf")
    opgeslagen = veld.storage.save(naam, ContentFile(_geldig(veld)))
    try:
        pad = Path(veld.storage.path(opgeslagen)).resolve()
        wortel = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
        assert pad.is_relative_to(wortel)
        assert "passwd" not in opgeslagen and ".." not in opgeslagen
        assert len(pad.name) == 32 and all(c in "0123456789abcdef" for c in pad.name)
    finally:
        veld.storage.delete(opgeslagen)


# --- end to end: the agreement upload on its real form page and its download view -----------------------


def _bestanden_in_privemap() -> set[Path]:
    return {p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}


@pytest.fixture
def overeenkomst(gemeente):
    from tests.bewonersgroepen.factories import GroepFactory, SamenwerkingsovereenkomstFactory

    groep = GroepFactory(gemeente=gemeente, bewonersgroep=True)
    return SamenwerkingsovereenkomstFactory(groep=groep)


def _formulier(client, url):
    from tests.permissietabel.formulieren import formulieren

    response = client.get(url)
    assert response.status_code == 200
    [formulier] = [f for f in formulieren(response.content.decode(), url) if f.action == url]
    return formulier.gegevens()


def test_overeenkomst_upload_weigert_programma_en_bewaart_pdf_onder_willekeurige_naam(
    client, medewerker, overeenkomst
):
    client.force_login(medewerker)
    url = reverse("bewonersgroepen:overeenkomst_wijzigen", kwargs={"pk": overeenkomst.pk})
    gegevens = _formulier(client, url)
    voor = _bestanden_in_privemap()

    gegevens["ondertekend_document"] = SimpleUploadedFile("../../etc/passwd.pdf", ELF)
    response = client.post(url, gegevens)
    assert response.status_code == 200
    assert "geen PDF" in str(response.context["form"].errors["ondertekend_document"])
    overeenkomst.refresh_from_db()
    assert not overeenkomst.ondertekend_document
    assert _bestanden_in_privemap() == voor

    gegevens["ondertekend_document"] = SimpleUploadedFile("../../etc/passwd.pdf", _pdf())
    response = client.post(url, gegevens)
    assert response.status_code == 302
    overeenkomst.refresh_from_db()
    [nieuw] = _bestanden_in_privemap() - voor
    assert nieuw == Path(overeenkomst.ondertekend_document.path).resolve()
    assert nieuw.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert "passwd" not in overeenkomst.ondertekend_document.name


def test_document_alleen_via_de_view_voor_de_eigen_groep(client, overeenkomst):
    from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
    from tests.factories import UserFactory

    overeenkomst.ondertekend_document.save("getekend.pdf", ContentFile(_pdf()))
    lid_a = LidmaatschapFactory(groep=overeenkomst.groep).gebruiker
    lid_b = LidmaatschapFactory(groep=GroepFactory(gemeente=overeenkomst.groep.gemeente)).gebruiker
    url = reverse("bewonersgroepen:overeenkomst_document", kwargs={"pk": overeenkomst.pk})

    client.force_login(lid_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["X-Content-Type-Options"] == "nosniff"

    client.force_login(lid_b)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(medewerker=True))  # staff of another gemeente
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_bijlage_bij_aanvraag_weigert_programma_en_blijft_bij_de_eigen_groep(client, db):
    from leefbaarheidsbudget.models import Bijlage
    from tests.permissietabel.objecten import bouw_wereld

    wereld = bouw_wereld()
    aanvraag = wereld.objecten["aanvraag_concept"]
    url = reverse("leefbaarheidsbudget:bijlage_toevoegen", kwargs={"pk": aanvraag.pk})
    client.force_login(wereld.lid_a)
    voor, aantal = _bestanden_in_privemap(), Bijlage.objects.count()

    nep_png = b"\x89PNG\r\n\x1a\n" + ELF
    for inhoud in (ELF, PE, b"%PDF-1.7\nkapot", nep_png, b"\xff\xd8\xff" + PE):
        response = client.post(url, {"bestand": SimpleUploadedFile("../../etc/passwd.pdf", inhoud)})
        assert response.status_code == 302
        assert Bijlage.objects.count() == aantal and _bestanden_in_privemap() == voor

    response = client.post(url, {"bestand": SimpleUploadedFile("../../etc/passwd.pdf", _pdf())})
    assert response.status_code == 302
    bijlage = Bijlage.objects.latest("pk")
    [nieuw] = _bestanden_in_privemap() - voor
    assert nieuw == Path(bijlage.bestand.path).resolve()
    assert "passwd" not in bijlage.bestand.name

    download = reverse("leefbaarheidsbudget:bijlage", kwargs={"pk": aanvraag.pk, "bijlage_pk": bijlage.pk})
    assert client.get(download).status_code == 200
    client.force_login(wereld.lid_b)
    assert client.get(download).status_code == 404
    client.force_login(wereld.gebruikers["medewerker elders"])
    assert client.get(download).status_code == 404


def test_privemap_ligt_buiten_elke_map_die_de_site_serveert(client, db):
    """No static folder contains the private folder, and no URL of the site reaches a stored file."""
    wortel = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    statisch = [Path(settings.STATIC_ROOT)] + [
        Path(d[1] if isinstance(d, tuple) else d) for d in settings.STATICFILES_DIRS
    ]
    for map_ in statisch:
        map_ = map_.resolve()
        assert not wortel.is_relative_to(map_) and not map_.is_relative_to(wortel), map_
    assert settings.MEDIA_URL in (None, "")
    naam = VELDEN[0].storage.save("bijlagen/2026/geheim", ContentFile(_pdf()))
    try:
        for pad in (
            f"/{naam}",
            f"/static/{naam}",
            f"/static/../private-media/{naam}",
            f"/media/{naam}",
            f"/private-media/{naam}",
        ):
            response = client.get(pad)
            assert response.status_code == 404, pad
    finally:
        VELDEN[0].storage.delete(naam)
