"""The legal term (Awb 4:13-4:15) and the penalty for a late decision (Awb 4:17), as pure functions."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .constants import (
    DWANGSOM_BLOK_DAGEN,
    DWANGSOM_MAX_DAGEN,
    DWANGSOM_PER_DAG,
    INGEBREKESTELLING_WACHTTIJD_DAGEN,
)


def uiterste_beslisdatum(
    *, ingediend_op: date, termijn_dagen: int, opgeschort_dagen: int = 0, verdaging_dagen: int = 0
) -> date:
    """Submission + term + days the term was paused (4:15) + the one extension (4:14)."""
    return ingediend_op + timedelta(days=termijn_dagen + opgeschort_dagen + verdaging_dagen)


@dataclass(frozen=True)
class Dwangsom:
    vanaf: date  # first day the penalty accrues
    dagen: int
    bedrag: Decimal


def dwangsom(*, ingebrekestelling_op: date, tot: date) -> Dwangsom:
    """Awb 4:17: two weeks after the notice of default the penalty runs per day until the decision.

    €23 a day for the first 14 days, €35 for the next 14, €45 after that; at most 42 days (€1.442).
    Counted are the whole days from `vanaf` up to `tot` (the day of the decision, or today while
    undecided); `tot` itself does not count.
    """
    vanaf = ingebrekestelling_op + timedelta(days=INGEBREKESTELLING_WACHTTIJD_DAGEN + 1)
    dagen = max(0, min((tot - vanaf).days, DWANGSOM_MAX_DAGEN))
    bedrag = Decimal(0)
    over = dagen
    for per_dag in DWANGSOM_PER_DAG:
        blok = min(over, DWANGSOM_BLOK_DAGEN)
        bedrag += blok * per_dag
        over -= blok
    return Dwangsom(vanaf=vanaf, dagen=dagen, bedrag=bedrag)
