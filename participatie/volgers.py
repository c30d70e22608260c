"""Tell the followers of a project (gebiedsagenda.Volger with a project) what happened on it.

participatie is above gebiedsagenda, so it calls gebiedsagenda's service; the mails are queued in the
transaction of the change. Only what the public may see: nothing while the plan is a concept (except its
publication itself)."""

from gebiedsagenda.services import project_volgers_informeren

from .constants import Planstatus


def informeren(project, *, onderwerp: str, tekst: str = "", url: str | None = None, plan=None) -> int:
    plan = plan if plan is not None else getattr(project, "participatieplan", None)
    if plan is None or plan.status != Planstatus.GEPUBLICEERD:
        return 0
    return project_volgers_informeren(
        project=project, onderwerp=onderwerp, tekst=tekst, url=url or project.get_absolute_url()
    )
