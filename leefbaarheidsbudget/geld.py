"""Holding and freeing money against a year's budget and its kern ceiling, never over-committed.

Both functions must run inside the caller's `transaction.atomic()`. They lock the budget row
(`select_for_update`, so every grant against one budget is serialised on PostgreSQL, including
the checks the caller makes after the lock, like the maximum per group per year) and change the
counters with a conditional UPDATE (`... WHERE vastgelegd + x <= totaal`), which also holds on
SQLite, where `select_for_update` does nothing. A CheckConstraint in the database is the last guard.

A conditional UPDATE bypasses `save()`, so django-simple-history would not see it: after each change the
row is saved once more as it now is (`_versie`), which adds a version to the budget's and the kern
ceiling's history (who, when, how much is held) for the audit trail. The transaction still holds the
row (the UPDATE locked it), so the value written back is the one just computed.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F

from invoer import format_euro

from .models import Budget, Kernplafond


def _versie(model, pk: int, reden: str) -> None:
    rij = model.objects.get(pk=pk)
    rij._change_reason = reden[:100]
    rij.save(update_fields=["vastgelegd"])


def budget_vergrendelen(*, budget_id: int) -> Budget:
    """Lock the budget row until the end of the transaction and return it fresh."""
    return Budget.objects.select_for_update().get(pk=budget_id)


def vastleggen(
    *, budget: Budget, kern_id: int | None, bedrag: Decimal, veld: str = "bedrag"
) -> Kernplafond | None:
    """Hold `bedrag` against the budget and, if the kern has a ceiling, against that too.

    Returns the ceiling that was charged, so that freeing the money later hits the same row.
    """
    if bedrag <= 0:
        return None
    gelukt = Budget.objects.filter(pk=budget.pk, vastgelegd__lte=F("totaal") - bedrag).update(
        vastgelegd=F("vastgelegd") + bedrag
    )
    if not gelukt:
        vers = Budget.objects.get(pk=budget.pk)
        raise ValidationError(
            {
                veld: f"Er is niet genoeg budget: in {vers.jaar} is nog {format_euro(vers.vrij)} vrij, "
                f"u wilt {format_euro(bedrag)} toekennen."
            }
        )
    _versie(Budget, budget.pk, f"{format_euro(bedrag)} vastgelegd")
    if kern_id is None:
        return None
    plafonds = Kernplafond.objects.select_for_update().filter(budget_id=budget.pk, kern_id=kern_id)
    plafond = plafonds.select_related("kern").first()
    if plafond is None:
        return None
    gelukt = Kernplafond.objects.filter(pk=plafond.pk, vastgelegd__lte=F("plafond") - bedrag).update(
        vastgelegd=F("vastgelegd") + bedrag
    )
    if not gelukt:
        vers = Kernplafond.objects.get(pk=plafond.pk)
        # The caller's transaction rolls back the budget update above when this error propagates.
        raise ValidationError(
            {
                veld: f"Het plafond van {plafond.kern.naam} is bijna op: nog {format_euro(vers.vrij)} vrij, "
                f"u wilt {format_euro(bedrag)} toekennen."
            }
        )
    _versie(Kernplafond, plafond.pk, f"{format_euro(bedrag)} vastgelegd")
    return plafond


def vrijgeven(*, budget_id: int, kernplafond_id: int | None, bedrag: Decimal) -> None:
    """Give back money that a grant held (withdrawn grant, or settled for less than granted)."""
    if bedrag <= 0:
        return
    Budget.objects.filter(pk=budget_id).update(vastgelegd=F("vastgelegd") - bedrag)
    _versie(Budget, budget_id, f"{format_euro(bedrag)} vrijgegeven")
    if kernplafond_id is not None:
        Kernplafond.objects.filter(pk=kernplafond_id).update(vastgelegd=F("vastgelegd") - bedrag)
        _versie(Kernplafond, kernplafond_id, f"{format_euro(bedrag)} vrijgegeven")
