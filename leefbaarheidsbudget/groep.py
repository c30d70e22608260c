"""The applications section on a group's page (registered in bewonersgroepen's group-page registry)."""

from bewonersgroepen.constants import Groepstatus

from .aanmerking import WAAROM_NIET, komt_in_aanmerking
from .constants import Status
from .permissions import zichtbare_aanvragen

TONEN = 10


def _is_lid(user, groep) -> bool:
    leden = getattr(groep, "actieve_leden", None)  # prefetched by the group page
    if leden is not None:
        return any(lidmaatschap.gebruiker_id == user.pk for lidmaatschap in leden)
    from bewonersgroepen.selectors import is_lid

    return is_lid(user, groep)


def sectie(request, groep) -> dict:
    """Whether the group may apply (and why not), and its latest applications this user may see:
    members see their concepts too, staff of the gemeente only what was submitted (as in their work
    queue)."""
    qs = zichtbare_aanvragen(request.user).filter(groep=groep)
    is_lid = _is_lid(request.user, groep)
    if not is_lid:
        qs = qs.exclude(status=Status.CONCEPT)
    aanvragen = list(qs.order_by("-aangemaakt_op", "-pk")[: TONEN + 1])
    mag, uitleg = komt_in_aanmerking(groep)
    if not mag and not is_lid and uitleg not in WAAROM_NIET.values() and groep.status != Groepstatus.ACTIEF:
        # The explanation speaks to the group ("Uw groep ..."); staff read the same fact about it.
        uitleg = (
            f"Deze groep heeft de status '{groep.get_status_display().lower()}'. Alleen een actieve groep "
            "kan geld aanvragen uit het leefbaarheidsbudget."
        )
    return {
        "groep": groep,
        "aanvragen": aanvragen[:TONEN],
        "meer": len(aanvragen) > TONEN,
        "mag_aanvragen": mag,
        "uitleg": uitleg,
        "is_lid": is_lid,
    }
