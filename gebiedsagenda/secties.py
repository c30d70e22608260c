"""The sections this app adds to the area pages: news and the agenda (see gebieden/secties.py)."""

from django.urls import reverse

from gebieden.models import Gemeente, Kern, Wijk
from gebieden.registry import register_gebied_sectie

from . import selectors

NIEUWS_OP_GEBIEDSPAGINA = 5


def _gebied_urls(gebied) -> dict:
    if isinstance(gebied, Gemeente):  # a feed, but no following: residents follow a kern or wijk
        return {
            "rss_url": reverse("gebiedsagenda:feed_gemeente_rss", args=[gebied.slug]),
            "atom_url": reverse("gebiedsagenda:feed_gemeente_atom", args=[gebied.slug]),
        }
    if isinstance(gebied, Kern):
        args, soort = [gebied.gemeente.slug, gebied.slug], "kern"
    elif isinstance(gebied, Wijk):
        args, soort = [gebied.code], "wijk"
    else:
        return {}
    return {
        "rss_url": reverse(f"gebiedsagenda:feed_{soort}_rss", args=args),
        "atom_url": reverse(f"gebiedsagenda:feed_{soort}_atom", args=args),
        "volgen_url": reverse(f"gebiedsagenda:volgen_{soort}", args=args),
    }


def nieuws_sectie(request, gebied):
    berichten = list(selectors.nieuws_voor_gebied(gebied)[:NIEUWS_OP_GEBIEDSPAGINA])
    urls = _gebied_urls(gebied)
    if not berichten and not urls:
        return None
    return {"gebied": gebied, "berichten": berichten, **urls}


def agenda_sectie(request, gebied):
    if not isinstance(gebied, Kern | Wijk):
        return None
    agendas = selectors.agendas_voor_gebied(gebied)
    mag_bewerken = request.user.has_perm("gebiedsagenda.change_gebiedsagenda", gebied)
    if not agendas and not mag_bewerken:
        return None
    eigen = next((a for a in agendas if a.gebied == gebied), None)
    return {"gebied": gebied, "agendas": agendas, "eigen_agenda": eigen, "mag_bewerken": mag_bewerken}


register_gebied_sectie("gebiedsagenda", "gebiedsagenda/_sectie_agenda.html", agenda_sectie, order=30)
register_gebied_sectie("nieuws", "gebiedsagenda/_sectie_nieuws.html", nieuws_sectie, order=40)
