"""Upload messages in plain words (issue 18, item 9): each names the problem without jargon and says what
to do next; the form's own messages too (Django's speak of the form's "coderingstype")."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bestanden import FOUTEN_BESTANDSVELD, Bestandstype, BestandValidator
from leefbaarheidsbudget.forms import BijlageForm
from tests.bestanden.test_bestanden import png
from tests.bewonersgroepen.factories import pdf_bytes

ALLES = [Bestandstype.PDF, Bestandstype.JPEG, Bestandstype.PNG]
WAT_TE_DOEN = ("probeer het opnieuw", "probeer het nog eens", "Kies")


def melding(validator, bestand) -> str:
    with pytest.raises(ValidationError) as fout:
        validator(bestand)
    assert len(fout.value.messages) == 1
    tekst = fout.value.messages[0]
    assert any(zin in tekst for zin in WAT_TE_DOEN), tekst
    assert "MIME" not in tekst and "coderingstype" not in tekst
    return tekst


def test_te_groot_noemt_de_grootte_en_wat_te_doen():
    tekst = melding(BestandValidator(ALLES, max_mb=1), SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 1572864))
    assert tekst.startswith("Het bestand is 1,5 MB. Dat is te groot: het mag hoogstens 1 MB zijn.")
    assert "Maak het bestand kleiner" in tekst


def test_verkeerde_soort_noemt_wat_wel_mag():
    tekst = melding(BestandValidator(ALLES), SimpleUploadedFile("brief.docx", b"PK\x03\x04 word"))
    assert tekst.startswith("Dit bestand is geen PDF, JPG-foto of PNG-afbeelding. U kunt alleen een PDF,")
    assert "Sla het bestand op als PDF" in tekst
    tekst = melding(BestandValidator([Bestandstype.PDF]), SimpleUploadedFile("a.pdf", png()))
    assert tekst.startswith("Dit bestand is geen PDF. U kunt alleen een PDF toevoegen.")


def test_onleesbaar_en_leeg():
    assert "beschadigd of niet te lezen" in melding(
        BestandValidator(ALLES), SimpleUploadedFile("a.pdf", b"%PDF-1.4 rommel")
    )
    assert "beschadigd of niet te lezen" in melding(
        BestandValidator(ALLES), SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\nrommel")
    )
    assert melding(BestandValidator(ALLES), SimpleUploadedFile("a.pdf", b"")).startswith(
        "Het bestand is leeg."
    )
    BestandValidator(ALLES)(SimpleUploadedFile("a.pdf", pdf_bytes()))


def test_formulier_zonder_bestand_of_met_leeg_bestand():
    form = BijlageForm(data={}, files={})
    assert form.errors["bestand"] == [FOUTEN_BESTANDSVELD["required"]]
    form = BijlageForm(data={}, files={"bestand": SimpleUploadedFile("a.pdf", b"")})
    assert form.errors["bestand"] == [FOUTEN_BESTANDSVELD["empty"]]
    assert "coderingstype" not in " ".join(FOUTEN_BESTANDSVELD.values())
