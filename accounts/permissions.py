"""Who is who: the base predicates every app's policy builds on (django-rules)."""

import rules


@rules.predicate
def is_medewerker(user):
    return user.is_authenticated and user.is_active and user.is_medewerker


@rules.predicate
def is_groepslid(user):
    return user.is_authenticated and user.is_active and user.is_groepslid


@rules.predicate
def is_raadslid(user):
    return user.is_authenticated and user.is_active and user.is_raadslid


@rules.predicate
def is_functioneel_beheerder(user):
    return user.is_authenticated and user.is_active and user.is_functioneel_beheerder


@rules.predicate
def is_ingelogd(user):
    return user.is_authenticated and user.is_active


def zelfde_gemeente(user, gemeente_id) -> bool:
    """Staff, raadsleden and functional admins work for one gemeente; superusers for all."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (user.gemeente_id is not None and user.gemeente_id == gemeente_id)


rules.add_perm("accounts.view_eigen_account", is_ingelogd)
