"""The policy of consultation rounds (see participatie/permissions.py and docs/permissions.md).

* The plan's owner (the project's Omgevingsmanager or a functional admin) makes, opens, closes and
  summarises rounds; other staff of the gemeente read a round and its responses and download them.
* Responding is no permission: a group member for an invited group, a ketenpartner by its link, a resident
  by e-mail (participatie/raadplegingen.py checks each).
"""

import rules

from .permissions import is_eigenaar_van_plan, is_staf_van_plan

rules.add_perm("participatie.view_raadpleging", is_staf_van_plan)
rules.add_perm("participatie.change_raadpleging", is_eigenaar_van_plan)
