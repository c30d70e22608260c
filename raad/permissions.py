"""Who may read and write the council's pages.

Raadsleden, staff and functional admins read the motions and dashboards of their own gemeente;
only staff of that gemeente write motions and progress updates. The transparency page is public.
"""

import rules

from accounts.permissions import (
    is_functioneel_beheerder,
    is_medewerker,
    is_raadslid,
    zelfde_gemeente,
)

is_raadslezer = is_raadslid | is_medewerker | is_functioneel_beheerder


@rules.predicate
def van_eigen_gemeente(user, obj):
    """obj is a Motie or a Gemeente (or None: the question is then about the kind of user only)."""
    if obj is None:
        return True
    gemeente_id = getattr(obj, "gemeente_id", None)
    if gemeente_id is None:  # a Gemeente itself
        gemeente_id = obj.pk
    return zelfde_gemeente(user, gemeente_id)


rules.add_perm("raad.view_motie", is_raadslezer & van_eigen_gemeente)
rules.add_perm("raad.add_motie", is_medewerker & van_eigen_gemeente)
rules.add_perm("raad.change_motie", is_medewerker & van_eigen_gemeente)
rules.add_perm("raad.add_voortgangsupdate", is_medewerker & van_eigen_gemeente)
rules.add_perm("raad.view_dashboard", is_raadslezer & van_eigen_gemeente)
