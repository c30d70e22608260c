"""The policy of the gebiedsagenda: the public reads; staff of the area's gemeente write.

Group members propose news and react to opgaven on behalf of their group; staff approve and publish.
The generic staff helpers come from `rollen.permissions` (one pattern for the whole project).
"""

import rules

from bewonersgroepen.permissions import is_groepslid_ergens
from rollen.permissions import (  # noqa: F401  (re-exported for this app's views and selectors)
    gemeente_id_van,
    gemeente_ids_van,
    is_staf,
    is_staf_van_gemeente,
    is_staf_van_object,
    toegang_vereist,
)

rules.add_perm("gebiedsagenda.view_nieuwsbeheer", is_staf)
rules.add_perm("gebiedsagenda.add_nieuwsbericht", is_staf_van_object | is_groepslid_ergens)
rules.add_perm("gebiedsagenda.beoordelen_nieuwsbericht", is_staf_van_object)
rules.add_perm("gebiedsagenda.change_gebiedsagenda", is_staf_van_object)
rules.add_perm("gebiedsagenda.change_opgave", is_staf_van_object)
rules.add_perm("gebiedsagenda.view_reacties", is_staf_van_object)
rules.add_perm("gebiedsagenda.add_reactie", is_groepslid_ergens)
rules.add_perm("gebiedsagenda.publiceren_reactie", is_staf_van_object)
