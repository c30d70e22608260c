"""The sections this app adds to the area pages (news and the agenda, see gebieden/secties.py) and to the
public project page (the form to follow the project, see rollen.registry)."""

from django.urls import reverse

from gebieden.models import Buurt, Gemeente, Kern, Wijk
from gebieden.registry import register_gebied_sectie
from rollen.registry import register_project_sectie

from . import selectors

NIEUWS_OP_GEBIEDSPAGINA = 5


def _gebied_urls(gebied) -> dict:
    if isinstance(gebied, Gemeente):  # a feed, but no following: residents follow a kern or wijk
        return {
            "rss_url": reverse("gebiedsagenda:feed_gemeente_rss", args=[gebied.slug]),
            "atom_url": reverse("gebiedsagenda:feed_gemeente_atom", args=[gebied.slug]),
            "kalender_url": reverse("gebiedsagenda:kalender_gemeente", args=[gebied.slug]),
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
        "kalender_url": reverse(f"gebiedsagenda:kalender_{soort}", args=args),
    }


def nieuws_sectie(request, gebied):
    berichten = list(selectors.nieuws_voor_gebied(gebied)[:NIEUWS_OP_GEBIEDSPAGINA])
    urls = _gebied_urls(gebied)
    if not berichten and not urls:
        return None
    return {"gebied": gebied, "berichten": berichten, **urls}


def agenda_bewerk_url(gebied) -> str:
    """Where staff write the agenda of an area of any level."""
    if isinstance(gebied, Gemeente):
        return reverse("gebiedsagenda:agenda_gemeente", args=[gebied.slug])
    if isinstance(gebied, Kern):
        return reverse("gebiedsagenda:agenda_kern", args=[gebied.gemeente.slug, gebied.slug])
    if isinstance(gebied, Wijk):
        return reverse("gebiedsagenda:agenda_wijk", args=[gebied.code])
    return reverse("gebiedsagenda:agenda_buurt", args=[gebied.code])


def agenda_sectie(request, gebied):
    """The area's own agenda, those above it ("ook voor heel de kern / gemeente"), those just below it,
    and opgaven of other areas that span this one."""
    if not isinstance(gebied, Gemeente | Kern | Wijk):
        return None
    agendas = selectors.agendas_voor_gebied(gebied)
    gedeeld = selectors.gedeelde_opgaven(gebied, agendas)
    mag_bewerken = request.user.has_perm("gebiedsagenda.change_gebiedsagenda", gebied)
    if not agendas and not gedeeld and not mag_bewerken:
        return None
    eigen = next((a for a in agendas if a.verhouding == "eigen"), None)
    nieuwe_buurten = []
    if mag_bewerken:
        for agenda in agendas:
            agenda.bewerk_url = agenda_bewerk_url(agenda.gebied)
        if isinstance(gebied, Wijk):  # a buurt has no page: its agenda is made from its wijk's page
            met_agenda = {a.buurt_id for a in agendas if a.buurt_id}
            nieuwe_buurten = [
                (buurt, agenda_bewerk_url(buurt))
                for buurt in Buurt.objects.filter(wijk=gebied).order_by("naam")
                if buurt.pk not in met_agenda
            ]
    return {
        "gebied": gebied,
        "agendas": agendas,
        "eigen_agenda": eigen,
        "gedeelde_opgaven": gedeeld,
        "mag_bewerken": mag_bewerken,
        "eigen_bewerk_url": agenda_bewerk_url(gebied) if mag_bewerken else None,
        "nieuwe_buurten": nieuwe_buurten,
    }


register_gebied_sectie("gebiedsagenda", "gebiedsagenda/_sectie_agenda.html", agenda_sectie, order=30)
register_gebied_sectie("nieuws", "gebiedsagenda/_sectie_nieuws.html", nieuws_sectie, order=40)


def project_volgen_sectie(request, project):
    """The follow form on the public project page: it posts to volgen_project (double opt-in)."""
    from .forms import VolgForm

    return {
        "project": project,
        "form": VolgForm(auto_id="project-volgen-%s"),
        "actie": reverse("gebiedsagenda:volgen_project", args=[project.gemeente.slug, project.slug]),
    }


register_project_sectie(
    "volgen", "gebiedsagenda/_project_sectie_volgen.html", project_volgen_sectie, order=90
)
