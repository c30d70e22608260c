"""The permission policy of rollen, and generic helpers every higher app reuses.

One pattern for the whole project (see docs/permissions.md):

* predicates (django-rules) answer "may this user do this action on this object";
* a visible-queryset function answers "which objects may this user see" — views fetch objects only
  through it, so an object that is not yours answers 404, like one that does not exist;
* `toegang_vereist(perm)` guards a view: anonymous → login page, logged in but not allowed → 403.

Staff (medewerkers and functional admins) see everything in their own gemeente; superusers in all.
"""

from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from accounts.permissions import is_functioneel_beheerder, is_ingelogd, is_medewerker, zelfde_gemeente


def gemeente_id_van(obj) -> int | None:
    """The gemeente an object belongs to: a Gemeente itself, or anything with a gemeente (id)."""
    if obj is None:
        return None
    if obj._meta.label == "gebieden.Gemeente":
        return obj.pk
    if hasattr(obj, "gemeente_id"):
        return obj.gemeente_id
    if hasattr(obj, "wijk"):  # Buurt
        return obj.wijk.gemeente_id
    return None


def is_medewerker_van_gemeente(user, gemeente_id) -> bool:
    return bool(is_medewerker(user) and zelfde_gemeente(user, gemeente_id))


def is_beheerder_van_gemeente(user, gemeente_id) -> bool:
    return bool(is_functioneel_beheerder(user) and zelfde_gemeente(user, gemeente_id))


def is_staf_van_gemeente(user, gemeente_id) -> bool:
    """Staff of a gemeente: its medewerkers and functional admins (and superusers)."""
    if not is_ingelogd(user):
        return False
    if user.is_superuser:
        return True
    return bool((user.is_medewerker or user.is_functioneel_beheerder) and zelfde_gemeente(user, gemeente_id))


def is_staf_van_gebied(user, gebied) -> bool:
    """Staff of the gemeente an area (Gemeente, Kern, Wijk, Buurt) or area-bound object lies in."""
    return is_staf_van_gemeente(user, gemeente_id_van(gebied))


@rules.predicate
def is_staf(user):
    """A medewerker or functional admin of some gemeente: may open the staff pages at all."""
    return bool(
        is_ingelogd(user) and (user.is_superuser or user.is_medewerker or user.is_functioneel_beheerder)
    )


@rules.predicate
def is_staf_van_object(user, obj):
    """Without an object: staff at all. With one: staff of the object's gemeente."""
    if obj is None:
        return is_staf(user)
    return is_staf_van_gemeente(user, gemeente_id_van(obj))


def gemeente_ids_van(user) -> list[int] | None:
    """Gemeenten whose staff data the user may see; None means all (superuser)."""
    if not is_ingelogd(user):
        return []
    if user.is_superuser:
        return None
    if (user.is_medewerker or user.is_functioneel_beheerder) and user.gemeente_id:
        return [user.gemeente_id]
    return []


def zichtbaar_voor(user, queryset, gemeente_veld: str = "gemeente"):
    """Scope any queryset with a path to a gemeente to what this staff user may see."""
    ids = gemeente_ids_van(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{gemeente_veld}__in": ids})


def toegang_vereist(perm: str):
    """View decorator: anonymous → login, logged in without the (object-less) permission → 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# --- rollen's own rules ----------------------------------------------------------------------------
rules.add_perm("rollen.view_contactpersonen", rules.always_allow)
rules.add_perm("rollen.view_rolbeschrijving", rules.always_allow)
rules.add_perm("rollen.view_project", rules.always_allow)
rules.add_perm("rollen.view_dekking", is_staf)
rules.add_perm("rollen.view_werklast", is_staf)
rules.add_perm("rollen.view_toewijzing", is_staf_van_object)
rules.add_perm("rollen.add_toewijzing", is_staf_van_object)
rules.add_perm("rollen.change_toewijzing", is_staf_van_object)
rules.add_perm("rollen.add_project", is_staf_van_object)
rules.add_perm("rollen.change_project", is_staf_van_object)


@rules.predicate
def mag_stap_toevoegen(user, project):
    """Staff of the project's gemeente; when an app above owns the project's steps (participatie, for a
    project with a plan: rollen.registry.register_stappenbeheer), also that app's rule."""
    if not is_staf_van_object(user, project):
        return False
    if project is None:
        return True
    from .registry import stappenbeheer_voor

    beheer = stappenbeheer_voor(project)
    return beheer is None or beheer[1](user, project)


rules.add_perm("rollen.add_participatiestap", mag_stap_toevoegen)
