"""The one place that decides which groups may apply to the leefbaarheidsbudget, and says why not.

The year's regulation (`Regeling.aanvragers`) names the kinds of group that may apply; by default
only activiteitencommissies (a bewonersgroep is financed through its samenwerkingsovereenkomst,
project and theme committees are not financed from this budget). A group must also be active.
Used when a member starts an application, when it is submitted, and on the group's page.
"""

from django.utils import timezone

from bewonersgroepen.constants import Groepsoort, Groepstatus

from . import selectors
from .models import Regeling, standaard_aanvragers

WAAROM_NIET = {
    Groepsoort.BEWONERSGROEP: (
        "Een bewonersgroep krijgt geld via haar samenwerkingsovereenkomst met de gemeente, "
        "niet uit het leefbaarheidsbudget."
    ),
    Groepsoort.PROJECTCOMMISSIE: (
        "Een projectcommissie wordt betaald uit het budget van haar project, niet uit het leefbaarheidsbudget."
    ),
    Groepsoort.THEMACOMMISSIE: "Een themacommissie kan geen geld aanvragen uit het leefbaarheidsbudget.",
    Groepsoort.ACTIVITEITENCOMMISSIE: (
        "Volgens de regeling van de gemeente kan een activiteitencommissie nu geen geld aanvragen uit het "
        "leefbaarheidsbudget."
    ),
}

_HUIDIG = object()


def regeling_nu(gemeente) -> Regeling | None:
    """The regulation an application started today counts under (after the cut-off: next year's)."""
    return selectors.begrotingsjaar_en_regeling(gemeente=gemeente, op=timezone.localdate())[1]


def komt_in_aanmerking(groep, *, regeling=_HUIDIG) -> tuple[bool, str]:
    """May this group apply? (allowed, Dutch explanation when not). `regeling`: the regulation that
    applies (default: the one for an application started today; None: there is none yet)."""
    if regeling is _HUIDIG:
        regeling = regeling_nu(groep.gemeente)
    soorten = regeling.aanvragers if regeling is not None else standaard_aanvragers()
    if groep.soort not in soorten:
        return False, WAAROM_NIET[Groepsoort(groep.soort)]
    if groep.status != Groepstatus.ACTIEF:
        return False, (
            f"Uw groep heeft de status '{groep.get_status_display().lower()}'. Alleen een actieve groep "
            "kan geld aanvragen uit het leefbaarheidsbudget."
        )
    return True, ""


def groepen_in_aanmerking(gemeente):
    """The groups of `gemeente` that may apply now (the same rule as `komt_in_aanmerking`, as a queryset):
    the list a staff member picks from when entering an application on a group's behalf."""
    from bewonersgroepen.models import Groep

    regeling = regeling_nu(gemeente)
    soorten = regeling.aanvragers if regeling is not None else standaard_aanvragers()
    return Groep.objects.filter(gemeente=gemeente, soort__in=soorten, status=Groepstatus.ACTIEF).order_by(
        "naam"
    )
