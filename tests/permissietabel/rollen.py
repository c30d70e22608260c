import datetime

from rollen.constants import Rol
from rollen.services import toewijzing_aanmaken
from tests.rollen.factories import ProjectFactory

from .objecten import url_kwargs, wereld_bouwer


@wereld_bouwer
def rollen(wereld):
    project = ProjectFactory(gemeente=wereld.gemeente_x, kernen=[wereld.kern_x], naam="Stationsgebied")
    wereld.objecten["project_x"] = project
    wereld.objecten["toewijzing_x"] = toewijzing_aanmaken(
        rol=Rol.ADVISEUR, kern=wereld.kern_x, medewerker=wereld.medewerker, van=datetime.date(2024, 1, 1)
    )


@url_kwargs("rollen:project", "rollen:project_wijzigen", "rollen:stap_toevoegen")
def _project(wereld):
    project = wereld.objecten["project_x"]
    return {"gemeente": project.gemeente.slug, "slug": project.slug}


@url_kwargs("rollen:medewerker")
def _medewerker(wereld):
    return {"pk": wereld.medewerker.pk}


@url_kwargs("rollen:toewijzing_beeindigen")
def _toewijzing(wereld):
    return {"pk": wereld.objecten["toewijzing_x"].pk}
