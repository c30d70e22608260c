"""The letters about an application (beschikking, vaststellingsbeschikking) as PDFs, made once and stored.

A letter is made when the decision (or the settlement) is taken, in the same transaction, and kept in
the private storage: a later download gives the same document, also after the group changed its name
or IBAN. Applications decided before letters were stored get theirs made and stored on their first
download (`services.brief_bewaren_als_ontbreekt`).
"""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

BESCHIKKING = "beschikking"
VASTSTELLING = "vaststelling"

# kind -> (template, file field on Aanvraag)
BRIEVEN = {
    BESCHIKKING: ("leefbaarheidsbudget/beschikking.html", "beschikking_pdf"),
    VASTSTELLING: ("leefbaarheidsbudget/vaststelling.html", "vaststelling_pdf"),
}


def downloadnaam(soort: str, aanvraag) -> str:
    return f"{soort}-{aanvraag.kenmerk}.pdf"


def als_pdf(template: str, aanvraag) -> bytes:
    """Render a letter's template with xhtml2pdf."""
    from xhtml2pdf import pisa
    from xhtml2pdf.default import DEFAULT_CSS

    html = render_to_string(template, {"aanvraag": aanvraag})
    uit = io.BytesIO()
    css = DEFAULT_CSS + (Path(__file__).parent / "pdf" / "beschikking.css").read_text(encoding="utf-8")
    resultaat = pisa.CreatePDF(html, dest=uit, encoding="utf-8", default_css=css)
    if resultaat.err:
        raise RuntimeError(
            f"De brief {downloadnaam(Path(template).stem, aanvraag)} kon niet als PDF worden gemaakt."
        )
    return uit.getvalue()


def maken(soort: str, aanvraag) -> None:
    """Make the letter from the application as it is now and put it in its file field (the caller
    saves the application)."""
    from bestanden import OpslagFout

    template, veld = BRIEVEN[soort]
    try:
        getattr(aanvraag, veld).save(
            downloadnaam(soort, aanvraag), ContentFile(als_pdf(template, aanvraag)), save=False
        )
    except OpslagFout as fout:  # the decision is not saved either: the caller's transaction rolls back
        raise ValidationError(
            f"De brief kon niet worden bewaard, dus het besluit is niet opgeslagen. {fout.melding}"
        ) from fout
