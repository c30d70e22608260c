"""The budget's sections: aggregate money on the public area pages (gemeente, kern; no personal data),
and the applications on a group's page (see gebieden/secties.py)."""

from django.utils import timezone

from bewonersgroepen.constants import Groepstatus
from bewonersgroepen.registry import register_groep_sectie
from gebieden.registry import register_gebied_sectie

from . import selectors
from .aanmerking import WAAROM_NIET, komt_in_aanmerking
from .constants import Status
from .permissions import zichtbare_aanvragen


def gebied_sectie(request, gebied) -> dict | None:
    niveau = getattr(gebied, "niveau", None)
    jaar = timezone.localdate().year
    if niveau == "gemeente":
        from .models import Budget

        if not Budget.objects.filter(gemeente=gebied, jaar=jaar).exists():
            return None
        per_kern = [
            r for r in selectors.budgetcijfers_per_kern(gemeente=gebied, jaar=jaar) if r.totaal or r.toegekend
        ]
        return {
            "jaar": jaar,
            "kern": None,
            "cijfers": selectors.budgetcijfers(gemeente=gebied, jaar=jaar),
            "per_kern": per_kern,
        }
    if niveau == "kern":
        cijfers = selectors.budgetcijfers(gemeente=gebied.gemeente, jaar=jaar, kern=gebied)
        if cijfers.totaal is None and not cijfers.toegekend:
            return None
        return {"jaar": jaar, "kern": gebied, "cijfers": cijfers, "per_kern": []}
    return None


TONEN = 10


def _is_lid(user, groep) -> bool:
    leden = getattr(groep, "actieve_leden", None)  # prefetched by the group page
    if leden is not None:
        return any(lidmaatschap.gebruiker_id == user.pk for lidmaatschap in leden)
    from bewonersgroepen.selectors import is_lid

    return is_lid(user, groep)


def groep_sectie(request, groep) -> dict:
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


register_gebied_sectie(
    "leefbaarheidsbudget", "leefbaarheidsbudget/sectie_gebied.html", gebied_sectie, order=60
)
register_groep_sectie("leefbaarheidsbudget", "leefbaarheidsbudget/sectie_groep.html", groep_sectie, order=60)
