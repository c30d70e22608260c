from gebiedsagenda import services
from gebiedsagenda.models import Volger
from tests.factories import BuurtFactory
from tests.gebiedsagenda.factories import AgendaFactory, OpgaveFactory

from .objecten import url_kwargs, wereld_bouwer


@wereld_bouwer
def gebiedsagenda(wereld):
    agenda = AgendaFactory(kern=wereld.kern_x)
    wereld.objecten["agenda_x"] = agenda
    wereld.objecten["opgave_x"] = OpgaveFactory(agenda=agenda)
    # A news item proposed by member A, not yet approved: only A and the gemeente's staff see it.
    wereld.objecten["voorstel_a"] = services.nieuws_voorstellen(
        door=wereld.lid_a,
        groep=wereld.objecten["groep_a"],
        titel="Buurtfeest",
        tekst="Kom ook!",
        kernen=[wereld.kern_x],
    )
    wereld.objecten["reactie_a"] = services.reactie_geven(
        door=wereld.lid_a, opgave=wereld.objecten["opgave_x"], groep=wereld.objecten["groep_a"], tekst="Eens."
    )
    wereld.objecten["volger"] = Volger.objects.create(email="volger@example.nl", wijk=wereld.wijk_x)
    wereld.objecten["buurt_x"] = BuurtFactory(wijk=wereld.wijk_x, code="BU19040201", naam="Breukelen-Noord")


@url_kwargs("gebiedsagenda:agenda_gemeente")
def _agenda_gemeente(wereld):
    return {"gemeente": wereld.gemeente_x.slug}


@url_kwargs("gebiedsagenda:agenda_buurt")
def _agenda_buurt(wereld):
    return {"code": wereld.objecten["buurt_x"].code}


@url_kwargs("gebiedsagenda:nieuwsbericht", "gebiedsagenda:nieuws_beoordelen")
def _bericht(wereld):
    return {"pk": wereld.objecten["voorstel_a"].pk}


@url_kwargs(
    "gebiedsagenda:feed_gemeente_rss", "gebiedsagenda:feed_gemeente_atom", "gebiedsagenda:kalender_gemeente"
)
def _gemeente(wereld):
    return {"gemeente": wereld.gemeente_x.slug}


@url_kwargs(
    "gebiedsagenda:feed_kern_rss",
    "gebiedsagenda:feed_kern_atom",
    "gebiedsagenda:kalender_kern",
    "gebiedsagenda:volgen_kern",
    "gebiedsagenda:agenda_kern",
)
def _kern(wereld):
    return {"gemeente": wereld.gemeente_x.slug, "kern": wereld.kern_x.slug}


@url_kwargs(
    "gebiedsagenda:feed_wijk_rss",
    "gebiedsagenda:feed_wijk_atom",
    "gebiedsagenda:kalender_wijk",
    "gebiedsagenda:volgen_wijk",
    "gebiedsagenda:agenda_wijk",
)
def _wijk(wereld):
    return {"code": wereld.wijk_x.code}


@url_kwargs("gebiedsagenda:volgen_project")
def _project(wereld):
    project = wereld.objecten["project_x"]
    return {"gemeente": project.gemeente.slug, "project": project.slug}


@url_kwargs("gebiedsagenda:volgen_bevestigen", "gebiedsagenda:volgen_afmelden")
def _volger(wereld):
    return {"token": wereld.objecten["volger"].token}


@url_kwargs("gebiedsagenda:opgave_nieuw")
def _agenda(wereld):
    return {"agenda_pk": wereld.objecten["agenda_x"].pk}


@url_kwargs(
    "gebiedsagenda:opgave",
    "gebiedsagenda:opgave_bewerken",
    "gebiedsagenda:opgave_status",
    "gebiedsagenda:opgave_notitie",
    "gebiedsagenda:opgave_reageren",
)
def _opgave(wereld):
    return {"pk": wereld.objecten["opgave_x"].pk}


@url_kwargs("gebiedsagenda:reactie_publiceren")
def _reactie(wereld):
    return {"pk": wereld.objecten["reactie_a"].pk}
