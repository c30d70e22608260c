"""The handling term in working days: weekends and Dutch public holidays do not count."""

import datetime

import pytest

from meldingen.termijn import is_werkdag, werkdagen_erbij, werkdagen_tussen

D = datetime.date


@pytest.mark.parametrize(
    "vanaf, werkdagen, verwacht",
    [
        (D(2026, 3, 2), 3, D(2026, 3, 5)),  # Monday + 3 = Thursday
        (D(2026, 3, 6), 1, D(2026, 3, 9)),  # Friday + 1 = Monday (weekend skipped)
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # reported on Saturday: Monday is the first working day
        (D(2026, 4, 2), 2, D(2026, 4, 8)),  # Good Friday 3-4, Easter Monday 6-4 skipped
        (D(2026, 4, 24), 2, D(2026, 4, 29)),  # Koningsdag (Monday 27-4) skipped
        (D(2026, 12, 24), 1, D(2026, 12, 28)),  # Christmas 25 and 26-12, then the weekend
        (D(2025, 5, 2), 2, D(2025, 5, 7)),  # Bevrijdingsdag 5-5-2025 (a lustrum year) skipped
        (D(2026, 5, 13), 1, D(2026, 5, 15)),  # Hemelvaartsdag 14-5-2026
        (D(2026, 3, 7), 0, D(2026, 3, 9)),  # no term: the next working day
    ],
)
def test_werkdagen_erbij(vanaf, werkdagen, verwacht):
    assert werkdagen_erbij(vanaf, werkdagen) == verwacht


def test_feestdagen_en_weekend_zijn_geen_werkdag():
    assert not is_werkdag(D(2026, 1, 1))
    assert not is_werkdag(D(2026, 5, 25))  # Tweede Pinksterdag
    assert not is_werkdag(D(2026, 3, 8))  # Sunday
    assert is_werkdag(D(2026, 5, 5))  # Bevrijdingsdag outside a lustrum year is a working day
    assert werkdagen_tussen(D(2026, 4, 2), D(2026, 4, 8)) == 2
    assert werkdagen_tussen(D(2026, 4, 8), D(2026, 4, 2)) == 0
