"""The policy of participatie (see docs/permissions.md).

* A plan is the project's Omgevingsmanager's: they (and the functional admins of the gemeente) write it,
  publish it and choose its stakeholders. Other staff of the gemeente read the staff page of a plan.
* A published plan is public; a concept only for staff of the gemeente.
* Ketenpartners: staff of the gemeente keep the register (organisation contacts only; the public area
  pages show active partners).
"""

import rules

from rollen.constants import Rol
from rollen.permissions import (  # noqa: F401  (re-exported for this app's views and selectors)
    gemeente_id_van,
    gemeente_ids_van,
    is_beheerder_van_gemeente,
    is_staf,
    is_staf_van_gemeente,
    is_staf_van_object,
    toegang_vereist,
    zichtbaar_voor,
)
from rollen.registry import register_stappenbeheer


def _project_van(obj):
    """The project of a plan (or a project itself)."""
    return getattr(obj, "project", obj)


def is_omgevingsmanager_van(user, project) -> bool:
    """Omgevingsmanager of this project today (the prefetched `actieve_omgevingsmanagers` if present)."""
    if not user.is_authenticated or not getattr(user, "is_medewerker", False):
        return False
    toewijzing = project.omgevingsmanager_toewijzing()
    return bool(toewijzing and toewijzing.medewerker_id == user.pk and toewijzing.rol == Rol.OMGEVINGSMANAGER)


def mag_plan_schrijven(user, obj) -> bool:
    """The owner of a plan: the project's Omgevingsmanager, a functional admin of its gemeente, a superuser."""
    if obj is None or not user.is_authenticated:
        return False
    project = _project_van(obj)
    if user.is_superuser or is_beheerder_van_gemeente(user, project.gemeente_id):
        return True
    return is_omgevingsmanager_van(user, project)


@rules.predicate
def is_eigenaar_van_plan(user, obj):
    return mag_plan_schrijven(user, obj)


@rules.predicate
def is_staf_van_plan(user, obj):
    if obj is None:
        return is_staf(user)
    return is_staf_van_gemeente(user, _project_van(obj).gemeente_id)


# Plans (the object is a Participatieplan or its rollen.Project).
rules.add_perm("participatie.view_participatieplan", is_staf_van_plan)
rules.add_perm("participatie.change_participatieplan", is_eigenaar_van_plan)
rules.add_perm("participatie.publiceren_participatieplan", is_eigenaar_van_plan)
rules.add_perm("participatie.change_belanghebbende", is_eigenaar_van_plan)
rules.add_perm("participatie.change_participatiestap", is_eigenaar_van_plan)
# The ketenpartner register.
rules.add_perm("participatie.view_ketenpartner_beheer", is_staf)
rules.add_perm("participatie.add_ketenpartner", is_staf_van_object)
rules.add_perm("participatie.change_ketenpartner", is_staf_van_object)
from . import raadpleging_permissions  # noqa: E402,F401  (consultation rounds)


# The steps of a project with a plan are the plan's: rollen's "Stap toevoegen" sends the user to the plan's
# step page, and rollen.add_participatiestap applies the plan owner's rule (declared here, once).
def _stappen_url(project):
    from django.core.exceptions import ObjectDoesNotExist
    from django.urls import reverse

    try:
        project.participatieplan  # noqa: B018  (cached on the project, also when there is none)
    except ObjectDoesNotExist:
        return None
    return reverse(
        "participatie:stap_toevoegen", kwargs={"gemeente": project.gemeente.slug, "slug": project.slug}
    )


register_stappenbeheer(url_voor=_stappen_url, mag=mag_plan_schrijven)
