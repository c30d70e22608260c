"""The budget's sections: aggregate money on the public area pages (gemeente, kern; no personal data),
and the applications on a group's page (see gebieden/secties.py)."""

from django.utils import timezone

from bewonersgroepen.constants import Groepstatus
from bewonersgroepen.registry import register_groep_sectie, register_overeenkomst_sectie
from gebieden.registry import register_gebied_sectie

from . import selectors
from .aanmerking import WAAROM_NIET, komt_in_aanmerking
from .constants import Soort, Status
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
    # The agreement's yearly contributions have their own section (groep_jaarbijdragen).
    qs = zichtbare_aanvragen(request.user).filter(groep=groep, soort=Soort.AANVRAAG)
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


def _jaarbijdrage_regels(
    schema, overeenkomst, *, gemeente_id: int, mag_vastleggen: bool, budgetjaren: dict
) -> list[dict]:
    """The schedule as the pages show it: per year the amount, where it stands and what comes next. A year
    not reserved is offered to staff only when its budget exists (else the text says it is missing).
    `budgetjaren`: a dict shared by the calls of one page, holding the gemeente's budget years once read."""
    from .models import Budget
    from .services import BIJDRAGE_STATUSSEN

    dit_jaar = timezone.localdate().year
    regels = []
    for regel in schema:
        aanvraag = regel.aanvraag
        rij = {"regel": regel, "aanvraag": aanvraag, "vastleggen": False}
        if aanvraag is not None:
            rij["volgende_stap"] = aanvraag.volgende_stap
            if aanvraag.status == Status.INGETROKKEN:
                # Lapsed: the schedule leaves it; staff may reserve it after all.
                rij["volgende_stap"] = "Vervallen. Het bedrag is niet betaald."
                rij["vastleggen"] = mag_vastleggen and overeenkomst.status in BIJDRAGE_STATUSSEN
                rij["opnieuw"] = True
            regels.append(rij)
            continue
        if "jaren" not in budgetjaren:  # read once per page, and only when a year is not reserved
            budgetjaren["jaren"] = set(
                Budget.objects.filter(gemeente_id=gemeente_id).values_list("jaar", flat=True)
            )
        if overeenkomst.status not in BIJDRAGE_STATUSSEN:
            rij["volgende_stap"] = "Niet vastgelegd: de overeenkomst is niet actief."
        elif regel.jaar > dit_jaar:
            rij["volgende_stap"] = f"Gepland. De gemeente legt de bijdrage begin {regel.jaar} vast."
        elif regel.jaar not in budgetjaren["jaren"]:
            rij["volgende_stap"] = (
                f"Niet vastgelegd: het leefbaarheidsbudget {regel.jaar} staat niet in het portaal."
                if regel.jaar < dit_jaar
                else f"Nog niet vastgelegd: het leefbaarheidsbudget {regel.jaar} staat nog niet in het portaal."
            )
        else:
            rij["volgende_stap"] = "Nog niet vastgelegd op het budget."
            rij["vastleggen"] = mag_vastleggen
        regels.append(rij)
    return regels


def overeenkomst_sectie(request, overeenkomst) -> dict | None:
    """The yearly contributions the agreement promises, year by year, on the agreement's page."""
    if not overeenkomst.jaarbijdrage:
        return None
    mag = request.user.has_perm("leefbaarheidsbudget.jaarbijdrage_vastleggen", overeenkomst)
    schema = selectors.jaarbijdrage_schema(overeenkomst)
    return {
        "overeenkomst": overeenkomst,
        "regels": _jaarbijdrage_regels(
            schema,
            overeenkomst,
            gemeente_id=overeenkomst.groep.gemeente_id,
            mag_vastleggen=mag,
            budgetjaren={},
        ),
        "mag_vastleggen": mag,
    }


def groep_jaarbijdragen(request, groep) -> dict | None:
    """On a bewonersgroep's page: the contributions of its agreements, paid and to come, and what to do."""
    from bewonersgroepen.constants import IBAN_VRAGEN, Groepsoort

    if groep.soort != Groepsoort.BEWONERSGROEP:
        return None
    budgetjaren = {}
    per_overeenkomst = [
        (
            overeenkomst,
            _jaarbijdrage_regels(
                schema,
                overeenkomst,
                gemeente_id=groep.gemeente_id,
                mag_vastleggen=False,
                budgetjaren=budgetjaren,
            ),
        )
        for overeenkomst, schema in selectors.jaarbijdragen_van_groep(groep)
    ]
    if not per_overeenkomst:
        return None
    te_betalen = any(
        rij["aanvraag"] is not None and rij["aanvraag"].status == Status.TOEGEKEND
        for _, regels in per_overeenkomst
        for rij in regels
    )
    return {
        "groep": groep,
        "per_overeenkomst": per_overeenkomst,
        "iban_vragen": IBAN_VRAGEN if te_betalen and not groep.iban else "",
        "is_lid": _is_lid(request.user, groep),
    }


register_gebied_sectie(
    "leefbaarheidsbudget", "leefbaarheidsbudget/sectie_gebied.html", gebied_sectie, order=60
)
register_groep_sectie("leefbaarheidsbudget", "leefbaarheidsbudget/sectie_groep.html", groep_sectie, order=60)
register_groep_sectie(
    "jaarbijdragen", "leefbaarheidsbudget/sectie_groep_jaarbijdragen.html", groep_jaarbijdragen, order=55
)
register_overeenkomst_sectie(
    "jaarbijdragen", "leefbaarheidsbudget/sectie_overeenkomst.html", overeenkomst_sectie, order=10
)
