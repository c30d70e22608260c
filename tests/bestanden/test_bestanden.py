"""bestanden: type sniffed from content, size limits, private storage, safe serving, EXIF removal."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image

from bestanden import (
    Bestandstype,
    BestandValidator,
    PriveOpslag,
    WillekeurigeNaam,
    bestand_serveren,
    exif_verwijderen,
    herken_type,
)
from tests.bewonersgroepen.factories import pdf_bytes


def jpeg_met_exif() -> bytes:
    beeld = Image.new("RGB", (4, 4), "red")
    exif = Image.Exif()
    exif[0x010F] = "Camera Merk"  # Make
    uit = io.BytesIO()
    beeld.save(uit, format="JPEG", exif=exif)
    return uit.getvalue()


def png() -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (2, 2)).save(uit, format="PNG")
    return uit.getvalue()


def test_type_uit_inhoud_niet_uit_naam():
    assert herken_type(ContentFile(pdf_bytes(), name="foto.jpg")) is Bestandstype.PDF
    assert herken_type(ContentFile(jpeg_met_exif(), name="stuk.pdf")) is Bestandstype.JPEG
    assert herken_type(ContentFile(png(), name="x")) is Bestandstype.PNG
    assert herken_type(ContentFile(b"GIF89a....", name="x.png")) is None


def test_validator_pdf():
    valideer = BestandValidator(soorten=[Bestandstype.PDF], max_mb=1)
    valideer(SimpleUploadedFile("a.pdf", pdf_bytes()))
    with pytest.raises(ValidationError, match="geen PDF"):
        valideer(SimpleUploadedFile("a.pdf", png()))
    with pytest.raises(ValidationError, match="beschadigd"):
        valideer(SimpleUploadedFile("a.pdf", b"%PDF-1.4 rommel"))
    with pytest.raises(ValidationError, match="leeg"):
        valideer(SimpleUploadedFile("a.pdf", b""))
    with pytest.raises(ValidationError, match="hoogstens 1 MB"):
        valideer(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * (1024 * 1024)))


def test_validator_afbeeldingen():
    valideer = BestandValidator(soorten=[Bestandstype.JPEG, Bestandstype.PNG], max_mb=5)
    valideer(SimpleUploadedFile("a.jpg", jpeg_met_exif()))
    valideer(SimpleUploadedFile("a.png", png()))
    with pytest.raises(ValidationError, match="JPG-foto of PNG-afbeelding"):
        valideer(SimpleUploadedFile("a.jpg", pdf_bytes()))


def test_exif_verwijderen():
    origineel = jpeg_met_exif()
    assert Image.open(io.BytesIO(origineel)).getexif()
    schoon = exif_verwijderen(ContentFile(origineel, name="foto.jpg"))
    beeld = Image.open(io.BytesIO(schoon.read()))
    assert not beeld.getexif() and beeld.size == (4, 4)


def test_exif_verwijderen_zet_een_staande_foto_eerst_rechtop():
    beeld = Image.new("RGB", (8, 4), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned a quarter; viewers rotate it to 4 x 8
    exif[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPSInfo: where the photo was taken
    uit = io.BytesIO()
    beeld.save(uit, format="JPEG", exif=exif)
    schoon = Image.open(io.BytesIO(exif_verwijderen(ContentFile(uit.getvalue(), name="f.jpg")).read()))
    assert schoon.size == (4, 8)
    assert not schoon.getexif()


def test_willekeurige_naam_zonder_invoer_van_gebruiker():
    naam = WillekeurigeNaam("bijlagen")(None, "../../etc/passwd.pdf")
    assert naam.startswith("bijlagen/") and "passwd" not in naam and ".." not in naam
    assert naam != WillekeurigeNaam("bijlagen")(None, "../../etc/passwd.pdf")


def test_prive_opslag_heeft_geen_url(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    opslag = PriveOpslag()
    naam = opslag.save("x/bestand", ContentFile(pdf_bytes()))
    assert opslag.path(naam).startswith(str(tmp_path))
    with pytest.raises(ValueError):
        opslag.url(naam)


def test_serveren_met_veilige_kopregels(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    opslag = PriveOpslag()
    naam = opslag.save("x/bestand", ContentFile(b"<script>alert(1)</script>"))

    class Veld:
        storage = opslag
        name = naam

        def __bool__(self):
            return True

    response = bestand_serveren(Veld(), downloadnaam="stuk.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("attachment")
    opslag.delete(naam)
    with pytest.raises(Http404):
        bestand_serveren(Veld(), downloadnaam="stuk.html")


def test_exif_verwijderen_houdt_palet_en_transparantie():
    beeld = Image.new("P", (4, 4), 1)
    beeld.putpalette([0, 0, 0, 200, 30, 40] + [0] * 762)
    uit = io.BytesIO()
    beeld.save(uit, format="PNG", transparency=0)
    schoon = Image.open(io.BytesIO(exif_verwijderen(ContentFile(uit.getvalue(), name="p.png")).read()))
    assert schoon.convert("RGBA").getpixel((0, 0)) == (200, 30, 40, 255)
    assert schoon.info.get("transparency") == 0


# --- Memory: an upload is bounded by its pixels, not its bytes ---------------------------------------

_GEHEUGEN_METEN = """
import json, resource, sys
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from bestanden.validatie import BestandValidator, exif_verwijderen

data = open(sys.argv[1], "rb").read()
voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
bestand = SimpleUploadedFile("foto", data)
try:
    BestandValidator(soorten=["jpeg", "png"], max_mb=10)(bestand)
    exif_verwijderen(bestand)
    fout = None
except ValidationError as exc:
    fout = [exc.code, exc.messages]
na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"fout": fout, "mb": (na - voor) / 1024}))
"""


def _geheugen_van_upload(pad) -> dict:
    """Validate and strip one file in a fresh Python process: how many MB its peak memory grew (Pillow
    allocates outside Python's allocator, so tracemalloc would not see it)."""
    import json
    import subprocess
    import sys

    from django.conf import settings

    uit = subprocess.run(
        [sys.executable, "-c", _GEHEUGEN_METEN, str(pad)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(uit.stdout)


def _lege_png(pad, breedte: int, hoogte: int) -> None:
    """An RGBA PNG of these dimensions, written row by row: a few hundred KB on disk and in this process,
    though decoding it takes 4 bytes a pixel."""
    import struct
    import zlib

    def blok(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    inpakker = zlib.compressobj(9)
    rij = bytes(1 + 4 * breedte)
    idat = b"".join(inpakker.compress(rij) for _ in range(hoogte)) + inpakker.flush()
    kop = struct.pack(">IIBBBBB", breedte, hoogte, 8, 6, 0, 0, 0)
    pad.write_bytes(b"\x89PNG\r\n\x1a\n" + blok(b"IHDR", kop) + blok(b"IDAT", idat) + blok(b"IEND", b""))


def test_afbeelding_met_te_veel_pixels_wordt_geweigerd_voordat_ze_wordt_uitgepakt(tmp_path):
    """The attack: 230 KB, 7,700 x 7,700 pixels; decoding it took a worker to 800 MB."""
    pad = tmp_path / "bom.png"
    _lege_png(pad, 7700, 7700)
    assert pad.stat().st_size < 1024 * 1024
    gemeten = _geheugen_van_upload(pad)
    assert gemeten["fout"] == [
        "te_veel_pixels",
        [
            "De afbeelding heeft te veel beeldpunten: hoogstens 16 megapixel. "
            "Maak de foto kleiner en probeer het nog eens."
        ],
    ]
    assert gemeten["mb"] < 20, gemeten  # the header is read; not one row is decoded (that would be 237 MB)


def test_grootste_toegestane_afbeelding_blijft_onder_200_mb(tmp_path):
    """The costliest image the cap lets through: 16 megapixels as a progressive CMYK JPEG (4 bytes a pixel
    for the picture and 8 more for its coefficients while it decodes), checked and stripped of EXIF."""
    from bestanden.validatie import MAX_PIXELS

    pad = tmp_path / "groot.jpg"
    Image.linear_gradient("L").resize((4000, 4000)).convert("CMYK").save(
        pad, format="JPEG", progressive=True, subsampling=0
    )
    assert MAX_PIXELS == 4000 * 4000
    gemeten = _geheugen_van_upload(pad)
    assert gemeten["fout"] is None
    assert gemeten["mb"] < 200, gemeten
