"""Handling terms in working days: Monday to Friday, Dutch public holidays excluded (the `holidays`
package: Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag, Bevrijdingsdag in lustrum years, Hemelvaart,
Pinksteren, Kerst)."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _feestdagen(jaar: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NL", years=jaar).keys())


def is_werkdag(dag: datetime.date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def werkdagen_erbij(vanaf: datetime.date, werkdagen: int) -> datetime.date:
    """The date `werkdagen` working days after `vanaf` (the day itself does not count)."""
    dag = vanaf
    over = max(int(werkdagen), 0)
    while over:
        dag += datetime.timedelta(days=1)
        if is_werkdag(dag):
            over -= 1
    if werkdagen <= 0:
        while not is_werkdag(dag):
            dag += datetime.timedelta(days=1)
    return dag


def werkdagen_tussen(van: datetime.date, tot: datetime.date) -> int:
    """Working days after `van` up to and including `tot` (0 when `tot` is not later)."""
    aantal, dag = 0, van
    while dag < tot:
        dag += datetime.timedelta(days=1)
        aantal += is_werkdag(dag)
    return aantal
