"""The policy for applications and budgets: who may do what, and which objects each user sees."""

import rules
from django.db.models import Q, QuerySet

from accounts.permissions import is_functioneel_beheerder, is_groepslid, is_medewerker, zelfde_gemeente
from rollen.permissions import is_medewerker_van_gemeente

from .constants import BEWERKBAAR, Status


def is_lid_van_groep(user, aanvraag) -> bool:
    """Members of the applying group act for the group (and nobody else does)."""
    from bewonersgroepen.selectors import is_lid

    return bool(user and user.is_authenticated and user.is_active and is_lid(user, aanvraag.groep))


def is_medewerker_van_gebied(user, aanvraag) -> bool:
    """Staff (medewerkers, not functional admins) of the application's gemeente handle and decide it."""
    return bool(user is not None and is_medewerker_van_gemeente(user, aanvraag.gemeente_id))


def is_invoerder(user, aanvraag) -> bool:
    """The staff member who entered this application on the group's behalf (and is still staff of its area)."""
    return bool(
        aanvraag.ingevoerd_door_id is not None
        and user is not None
        and aanvraag.ingevoerd_door_id == user.pk
        and is_medewerker_van_gebied(user, aanvraag)
    )


@rules.predicate
def lid_van_groep(user, aanvraag):
    return aanvraag is not None and is_lid_van_groep(user, aanvraag)


@rules.predicate
def medewerker_van_gebied(user, aanvraag):
    return aanvraag is not None and is_medewerker_van_gebied(user, aanvraag)


@rules.predicate
def bewerkbaar(user, aanvraag):
    return aanvraag is not None and aanvraag.status in BEWERKBAAR


@rules.predicate
def verantwoording_open(user, aanvraag):
    return aanvraag is not None and aanvraag.status == Status.UITBETAALD


@rules.predicate
def beschikking_bestaat(user, aanvraag):
    return aanvraag is not None and aanvraag.besluit_op is not None


@rules.predicate
def budget_van_eigen_gemeente(user, budget):
    return budget is not None and zelfde_gemeente(user, budget.gemeente_id)


rules.add_perm("leefbaarheidsbudget.aanvraag_doen", is_groepslid)
# Staff enter an application for a group that phoned or came to the desk (the service checks the group's
# gemeente: only groups of the staff member's own gemeente).
rules.add_perm("leefbaarheidsbudget.aanvraag_namens_invoeren", is_medewerker)
rules.add_perm("leefbaarheidsbudget.aanvraag_zien", lid_van_groep | medewerker_van_gebied)
rules.add_perm("leefbaarheidsbudget.aanvraag_wijzigen", lid_van_groep & bewerkbaar)


@rules.predicate
def vraag_open(user, aanvraag):
    return aanvraag is not None and aanvraag.status == Status.AANVULLING_GEVRAAGD


rules.add_perm("leefbaarheidsbudget.informatie_beantwoorden", vraag_open & lid_van_groep)
rules.add_perm("leefbaarheidsbudget.aanvraag_verantwoorden", lid_van_groep & verantwoording_open)
rules.add_perm("leefbaarheidsbudget.aanvraag_behandelen", medewerker_van_gebied)
rules.add_perm(
    "leefbaarheidsbudget.beschikking_zien", (lid_van_groep | medewerker_van_gebied) & beschikking_bestaat
)
# Before the amount is settled there is no settlement letter at all: the view answers 404 for everyone.
rules.add_perm("leefbaarheidsbudget.vaststelling_zien", lid_van_groep | medewerker_van_gebied)
rules.add_perm("leefbaarheidsbudget.werkvoorraad_zien", is_medewerker)
rules.add_perm("leefbaarheidsbudget.budgetten_zien", is_medewerker | is_functioneel_beheerder)
rules.add_perm(
    "leefbaarheidsbudget.budget_zien", (is_medewerker | is_functioneel_beheerder) & budget_van_eigen_gemeente
)


@rules.predicate
def medewerker_van_overeenkomst(user, overeenkomst):
    """Staff of the gemeente of the agreement's group reserve its yearly contribution."""
    return overeenkomst is not None and is_medewerker_van_gemeente(user, overeenkomst.groep.gemeente_id)


rules.add_perm("leefbaarheidsbudget.jaarbijdrage_vastleggen", medewerker_van_overeenkomst)
rules.add_perm("leefbaarheidsbudget.aanvragen_exporteren", is_medewerker | is_functioneel_beheerder)


def zichtbare_aanvragen(user, qs: QuerySet | None = None) -> QuerySet:
    """Applications this user may open: their groups' ones, or (staff) those of their gemeente."""
    from bewonersgroepen.selectors import groepen_van_lid

    from .models import Aanvraag

    qs = Aanvraag.objects.all() if qs is None else qs
    if not (user.is_authenticated and user.is_active):
        return qs.none()
    if user.is_superuser:
        return qs
    voorwaarden = Q(pk__in=[])
    if user.is_medewerker and user.gemeente_id:
        voorwaarden |= Q(gemeente_id=user.gemeente_id)
    if user.is_groepslid:
        voorwaarden |= Q(groep__in=groepen_van_lid(user))
    return qs.filter(voorwaarden)


def zichtbare_budgetten(user, qs: QuerySet | None = None) -> QuerySet:
    from .models import Budget

    qs = Budget.objects.all() if qs is None else qs
    if not (user.is_authenticated and user.is_active):
        return qs.none()
    if user.is_superuser:
        return qs
    if (user.is_medewerker or user.is_functioneel_beheerder) and user.gemeente_id:
        return qs.filter(gemeente_id=user.gemeente_id)
    return qs.none()
