"""One convention for every mail of the portal: a subject, a plain text and an HTML part.

A mail is a pair of Django templates in its app, named by one path without extension (`sjabloon`):

    <sjabloon>_onderwerp.txt   the subject (one line)
    <sjabloon>.txt             the plain text, in `{% autoescape off %}`; the link to the page on a line
                               of its own as {{ url }}

The HTML part is made from that text by one base template, berichten/mail.html: the paragraphs of the
text, links made clickable, and the line holding the link to the page (context["url"]) shown as a
button. So a mail's wording lives in one place, and the two parts can never say different things.
docs/mail.md lists every mail (event → recipients → template); tests/test_mails.py checks that list.
"""

import re
from dataclasses import dataclass

from django.template.loader import render_to_string

# One line that is nothing but a link.
_LINK = re.compile(r"^(https?://\S+|<https?://\S+>)$")


@dataclass(frozen=True)
class Opgemaakt:
    onderwerp: str
    tekst: str
    html: str


def _blokken(tekst: str, url: str | None) -> list[dict]:
    """The text as paragraphs; a paragraph that is only the page link becomes the button."""
    blokken = []
    for alinea in re.split(r"\n\s*\n", tekst.strip()):
        alinea = alinea.strip()
        if not alinea:
            continue
        if url and alinea == url:
            blokken.append({"soort": "knop", "url": url})
        elif _LINK.match(alinea):
            blokken.append({"soort": "link", "url": alinea.strip("<>")})
        else:
            blokken.append({"soort": "tekst", "tekst": alinea})
    if url and not any(b["soort"] == "knop" for b in blokken):
        blokken.append({"soort": "knop", "url": url})
    return blokken


def opmaken(sjabloon: str, context: dict) -> Opgemaakt:
    """Render the mail `sjabloon` (see the module's docstring) with `context`."""
    onderwerp = " ".join(render_to_string(f"{sjabloon}_onderwerp.txt", context).split())
    tekst = render_to_string(f"{sjabloon}.txt", context).strip() + "\n"
    url = context.get("url") or None
    html = render_to_string(
        "berichten/mail.html",
        {
            "onderwerp": onderwerp,
            "blokken": _blokken(tekst, url),
            "knop": context.get("knop") or "Bekijk het in het Gebiedsportaal",
        },
    )
    return Opgemaakt(onderwerp=onderwerp, tekst=tekst, html=html)


def portaal_url(pad: str) -> str:
    """Absolute link for a mail (also sent by the worker, without a request): PORTAAL_URL + `pad`."""
    from django.conf import settings

    return settings.PORTAAL_URL.rstrip("/") + pad
