"""The permission policy of meldingen (docs/permissions.md).

Anyone may report (rate limited) and read the status page of a melding whose secret link they have;
staff of the melding's gemeente see and handle its meldingen; staff of another gemeente get 404."""

import rules

from rollen.permissions import is_staf, is_staf_van_object, zichtbaar_voor

rules.add_perm("meldingen.add_melding", rules.always_allow)
rules.add_perm("meldingen.view_wachtrij", is_staf)
rules.add_perm("meldingen.view_melding", is_staf_van_object)
rules.add_perm("meldingen.change_melding", is_staf_van_object)
# Mark a melding as a duplicate of another (services.als_dubbel_markeren checks the same gemeente).
rules.add_perm("meldingen.dubbel_markeren", is_staf_van_object)
# Forward a melding as a tracked question to a vakafdeling or ketenpartner, and record the answer.
rules.add_perm("meldingen.doorzetten", is_staf_van_object)
# Publish a photo or a public text of a melding (status page, public map and list).
rules.add_perm("meldingen.publiceren", is_staf_van_object)


def zichtbare_meldingen(user):
    """The meldingen this staff user may see (their gemeente; a superuser: all)."""
    from .models import Melding

    return zichtbaar_voor(user, Melding.objects.all())
