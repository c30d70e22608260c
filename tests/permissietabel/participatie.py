import datetime

from participatie import services
from participatie.constants import Belanghebbendesoort
from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.participatie.factories import KetenpartnerFactory
from tests.rollen.factories import ParticipatiestapFactory, ProjectFactory

from .objecten import url_kwargs, wereld_bouwer


@wereld_bouwer
def participatie(wereld):
    """A project of gemeente X whose Omgevingsmanager is the table's medewerker, with a published plan."""
    project = ProjectFactory(
        gemeente=wereld.gemeente_x, kernen=[wereld.kern_x], naam="Plein Breukelen", slug="plein-breukelen"
    )
    toewijzing_aanmaken(
        rol=Rol.OMGEVINGSMANAGER, project=project, medewerker=wereld.medewerker, van=datetime.date(2024, 1, 1)
    )
    plan = services.plan_opslaan(
        project=project,
        vraag="Hoe richten we het plein in?",
        wel_invloed="Groen en bankjes.",
        besluitorgaan="college",
    )
    plan = services.plan_publiceren(plan=plan, door=wereld.medewerker)
    wereld.objecten["participatie_project"] = project
    wereld.objecten["participatie_stap"] = ParticipatiestapFactory(project=project, niveau="raadplegen")
    wereld.objecten["participatie_partner"] = KetenpartnerFactory(
        gemeente=wereld.gemeente_x, kernen=[wereld.kern_x], naam="Vecht en Omstreken"
    )
    wereld.objecten["participatie_belanghebbende"] = services.belanghebbende_toevoegen(
        plan=plan, soort=Belanghebbendesoort.RAADSLEDEN
    )


def _project(wereld):
    project = wereld.objecten["participatie_project"]
    return {"gemeente": project.gemeente.slug, "slug": project.slug}


url_kwargs(
    "participatie:plan",
    "participatie:plan_wijzigen",
    "participatie:plan_status",
    "participatie:stap_toevoegen",
    "participatie:belanghebbende_toevoegen",
)(_project)


@url_kwargs("participatie:stap_wijzigen")
def _stap(wereld):
    return {**_project(wereld), "pk": wereld.objecten["participatie_stap"].pk}


@url_kwargs("participatie:belanghebbende_verwijderen")
def _belanghebbende(wereld):
    return {**_project(wereld), "pk": wereld.objecten["participatie_belanghebbende"].pk}


@url_kwargs("participatie:ketenpartner")
def _ketenpartner(wereld):
    return {"pk": wereld.objecten["participatie_partner"].pk}
