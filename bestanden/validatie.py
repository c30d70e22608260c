"""Upload checks: the type is sniffed from the content, never trusted from the name or the browser."""

import io
import logging
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible


class Bestandstype(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"

    @property
    def mimetype(self) -> str:
        return {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}[self.value]

    @property
    def label(self) -> str:
        return {"pdf": "PDF", "jpeg": "JPG-foto", "png": "PNG-afbeelding"}[self.value]


_MAGIC = [
    (b"%PDF-", Bestandstype.PDF),
    (b"\xff\xd8\xff", Bestandstype.JPEG),
    (b"\x89PNG\r\n\x1a\n", Bestandstype.PNG),
]


# Upload messages in plain words (B1), each saying what to do (issue 18, item 9). A virus scan there is
# none: only PDF, JPG and PNG that parse are taken in, and they are served as downloads, never run.
FOUT_LEEG = (
    "Het bestand is leeg. Kies het bestand opnieuw. Staat er op uw computer of telefoon wel iets in? "
    "Sla het dan opnieuw op en probeer het nog eens."
)
# For a form's FileField (error_messages=FOUTEN_BESTANDSVELD): Django's own speak of "coderingstype".
FOUTEN_BESTANDSVELD = {
    "required": "Kies een bestand om toe te voegen.",
    "invalid": "Er kwam geen bestand mee. Kies het bestand opnieuw en probeer het nog eens.",
    "missing": "Er kwam geen bestand mee. Kies het bestand opnieuw en probeer het nog eens.",
    "empty": FOUT_LEEG,
    "max_length": "De naam van het bestand is te lang: hoogstens %(max)d tekens. Geef het bestand een "
    "kortere naam en probeer het opnieuw.",
    "contradiction": "Kies een nieuw bestand of vink ‘wissen’ aan, niet allebei.",
}


def _opsomming(woorden: list[str]) -> str:
    """ "PDF", "PDF of JPG-foto", "PDF, JPG-foto of PNG-afbeelding"."""
    return woorden[0] if len(woorden) == 1 else f"{', '.join(woorden[:-1])} of {woorden[-1]}"


def _lees(bestand, aantal: int | None = None) -> bytes:
    f = getattr(bestand, "file", bestand)
    f.seek(0)
    data = f.read() if aantal is None else f.read(aantal)
    f.seek(0)
    return data


def herken_type(bestand) -> Bestandstype | None:
    """The type from the first bytes (magic numbers), or None when it is none we accept."""
    kop = _lees(bestand, 16)
    for magic, soort in _MAGIC:
        if kop.startswith(magic):
            return soort
    return None


# What an image costs is memory, not bytes: a 230 KB PNG of 7,700 x 7,700 pixels unpacks to 240 MB. Pillow
# holds 4 bytes a pixel (RGB too), and a progressive JPEG needs up to 6 more for its coefficients while it
# decodes; the validator decodes once, `exif_verwijderen` once more (one after the other). At 16 megapixels
# one upload stays under 200 MB (tests/bestanden/test_bestanden.py measures it), and the 12-megapixel
# photos most phones make by default fit (a 24 or 48 MP photo must be made smaller first). Larger images
# are refused from their header, before any pixel is decoded.
MAX_MEGAPIXELS = 16
MAX_PIXELS = MAX_MEGAPIXELS * 1_000_000


def _pillow():
    """PIL.Image with its own bomb guard at our cap, so every Image.open in the process refuses such a
    file too (a warning above the cap, an error above twice the cap)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    return Image


def _afbeelding_fout(bestand, soort: "Bestandstype") -> str | None:
    """Why Pillow cannot safely read this JPEG/PNG (`kapotte_afbeelding`, `te_veel_pixels`), or None."""
    import warnings

    Image = _pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Opening reads only the header: the size is known before anything is decoded.
            with Image.open(io.BytesIO(_lees(bestand))) as beeld:
                if beeld.format != {Bestandstype.JPEG: "JPEG", Bestandstype.PNG: "PNG"}[soort]:
                    return "kapotte_afbeelding"
                if beeld.width * beeld.height > MAX_PIXELS:
                    return "te_veel_pixels"
                beeld.load()  # decodes every pixel: a truncated or corrupt file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "te_veel_pixels"
    except (OSError, ValueError, SyntaxError, TypeError, IndexError, KeyError, EOFError, MemoryError):
        return "kapotte_afbeelding"
    return None


def _pdf_leesbaar(bestand) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(_lees(bestand)), strict=False)
        return len(reader.pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError):
        return False


@deconstructible
class BestandValidator:
    """Refuses files that are not of one of `soorten`, are bigger than `max_mb`, or do not parse (a PDF
    with pypdf; a JPEG or PNG is decoded completely by Pillow and may have at most MAX_MEGAPIXELS).

    Already stored files are not read again; only new uploads are checked.
    """

    def __init__(self, soorten=(Bestandstype.PDF,), max_mb: int = 10):
        self.soorten = tuple(Bestandstype(s) for s in soorten)
        self.max_mb = max_mb

    def __call__(self, bestand) -> None:
        if not bestand or getattr(bestand, "_committed", False):
            return
        toegestaan = _opsomming([s.label for s in self.soorten])
        grootte = getattr(bestand, "size", None)
        if grootte is None:
            grootte = len(_lees(bestand))
        if grootte == 0:
            raise ValidationError(FOUT_LEEG, code="leeg")
        if grootte > self.max_mb * 1024 * 1024:
            mb = f"{grootte / (1024 * 1024):.1f}".replace(".", ",")
            raise ValidationError(
                f"Het bestand is {mb} MB. Dat is te groot: het mag hoogstens {self.max_mb} MB zijn. "
                "Maak het bestand kleiner en probeer het opnieuw. Een foto wordt kleiner als u hem "
                "opnieuw opslaat met een lagere kwaliteit, of er een schermafbeelding van maakt.",
                code="te_groot",
            )
        soort = herken_type(bestand)
        if soort not in self.soorten:
            raise ValidationError(
                f"Dit bestand is geen {toegestaan}. U kunt alleen een {toegestaan} toevoegen. "
                f"Sla het bestand op als {self.soorten[0].label} (bijvoorbeeld met ‘Opslaan als’) "
                "en probeer het opnieuw.",
                code="verkeerd_type",
            )
        if soort is Bestandstype.PDF and not _pdf_leesbaar(bestand):
            raise ValidationError(
                "Dit PDF-bestand is beschadigd of niet te lezen. Open het op uw computer, sla het opnieuw "
                "op als PDF en probeer het nog eens.",
                code="kapotte_pdf",
            )
        if soort in (Bestandstype.JPEG, Bestandstype.PNG):
            fout = _afbeelding_fout(bestand, soort)
            if fout == "te_veel_pixels":
                raise ValidationError(
                    f"De afbeelding heeft te veel beeldpunten: hoogstens {MAX_MEGAPIXELS} megapixel. "
                    "Maak de foto kleiner en probeer het nog eens.",
                    code=fout,
                )
            if fout:
                raise ValidationError(
                    f"Deze {soort.label} is beschadigd of niet te lezen. Open hem op uw computer of "
                    "telefoon, sla hem opnieuw op en probeer het nog eens.",
                    code=fout,
                )

    def __eq__(self, other):
        return (
            isinstance(other, BestandValidator)
            and self.soorten == other.soorten
            and self.max_mb == other.max_mb
        )


def exif_verwijderen(bestand) -> ContentFile:
    """A copy of a JPEG or PNG without metadata (EXIF: location, camera, time; XMP, comments, text chunks,
    colour profile), turned upright first (the EXIF orientation goes with the rest, so a phone's portrait
    photo would otherwise lie on its side).

    The pixels are decoded once and written out again from that one image, without copies: memory stays
    at what the validator allowed (see MAX_MEGAPIXELS)."""
    from PIL import ImageOps

    Image = _pillow()
    soort = herken_type(bestand)
    if soort not in (Bestandstype.JPEG, Bestandstype.PNG):
        raise ValueError("Alleen foto's (JPG of PNG) hebben EXIF-gegevens om te verwijderen.")
    with Image.open(io.BytesIO(_lees(bestand))) as beeld:
        beeld.load()
        ImageOps.exif_transpose(beeld, in_place=True)
        # Pillow writes only what it is given and these from `info`; transparency is part of the picture.
        beeld.info = {k: v for k, v in beeld.info.items() if k == "transparency"}
        uit = io.BytesIO()
        beeld.save(uit, format="JPEG" if soort is Bestandstype.JPEG else "PNG")
    return ContentFile(uit.getvalue(), name=getattr(bestand, "name", None) or "foto")
