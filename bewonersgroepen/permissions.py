"""The policy for groups: who may see and change a group, its members and its agreement.

- Staff (medewerkers and functional admins) of the group's gemeente see and manage every group there.
- Members see only their own groups (active membership), never another group's. Only its officers
  (members holding a function the group's kind requires, `constants.BESTUURSFUNCTIES`) change its
  details, payment details, functions and memberships; a plain member reads. A new IBAN counts once a
  second person confirms it: another officer or staff, never the one who proposed it.
  Agreements: members may read and download theirs; only staff change them.
- Raadsleden and others: no access to groups (personal data); they see active groups on the area pages.
Visible querysets live in `selectors.zichtbare_groepen(user)` and are the only way views fetch groups.
"""

import rules

from accounts.permissions import is_ingelogd
from rollen.permissions import is_staf, is_staf_van_gemeente


def _groep_van(obj):
    """The group an object belongs to (a Groep, or anything with a `groep`)."""
    if obj is None:
        return None
    return obj if obj._meta.label == "bewonersgroepen.Groep" else obj.groep


@rules.predicate
def is_lid_van_groep(user, obj) -> bool:
    """An active member of the object's group (the object may be a Groep, Lidmaatschap or agreement)."""
    groep = _groep_van(obj)
    if groep is None or not is_ingelogd(user):
        return False
    from .selectors import actieve_lidmaatschappen

    return actieve_lidmaatschappen().filter(groep_id=groep.pk, gebruiker_id=user.pk).exists()


@rules.predicate
def is_bestuurslid_van_groep(user, obj) -> bool:
    """An active member of the object's group holding one of the officer functions its kind requires."""
    groep = _groep_van(obj)
    if groep is None or not is_ingelogd(user):
        return False
    from .selectors import actieve_lidmaatschappen

    return (
        actieve_lidmaatschappen()
        .filter(groep_id=groep.pk, gebruiker_id=user.pk, functie__in=groep.bestuursfuncties)
        .exists()
    )


@rules.predicate
def heeft_zelf_voorgesteld(user, wijziging) -> bool:
    return wijziging is not None and wijziging.voorgesteld_door_id == getattr(user, "pk", None)


@rules.predicate
def wacht_op_bevestiging(user, wijziging) -> bool:
    return wijziging is not None and wijziging.is_open


@rules.predicate
def is_staf_van_groep(user, obj) -> bool:
    """Staff of the gemeente the object's group works in. Without an object: staff at all."""
    if obj is None:
        return is_staf(user)
    return is_staf_van_gemeente(user, _groep_van(obj).gemeente_id)


@rules.predicate
def is_groepslid_ergens(user) -> bool:
    if not is_ingelogd(user):
        return False
    from .selectors import actieve_lidmaatschappen

    # Asked on every page (the main menu): one table, no subquery (a membership always has its group).
    return actieve_lidmaatschappen().filter(gebruiker_id=user.pk).exists()


rules.add_perm("bewonersgroepen.list_groep", is_staf)
rules.add_perm("bewonersgroepen.view_groep", is_staf_van_groep | is_lid_van_groep)
rules.add_perm("bewonersgroepen.change_groep", is_staf_van_groep | is_bestuurslid_van_groep)
rules.add_perm("bewonersgroepen.change_groepstatus", is_staf_van_groep)
rules.add_perm("bewonersgroepen.change_leden", is_staf_van_groep | is_bestuurslid_van_groep)
# Payment details: officers and staff propose; a second one of them confirms (never the proposer);
# the proposer or anyone who may confirm can refuse (withdraw) an open proposal.
rules.add_perm("bewonersgroepen.change_betaalgegevens", is_staf_van_groep | is_bestuurslid_van_groep)
rules.add_perm(
    "bewonersgroepen.bevestig_betaalgegevens",
    (is_staf_van_groep | is_bestuurslid_van_groep) & wacht_op_bevestiging & ~heeft_zelf_voorgesteld,
)
rules.add_perm(
    "bewonersgroepen.afwijzen_betaalgegevens",
    (is_staf_van_groep | is_bestuurslid_van_groep) & wacht_op_bevestiging,
)
rules.add_perm("bewonersgroepen.view_mijn_groep", is_groepslid_ergens)
rules.add_perm("bewonersgroepen.view_overeenkomst", is_staf_van_groep | is_lid_van_groep)
rules.add_perm("bewonersgroepen.download_overeenkomst", is_staf_van_groep | is_lid_van_groep)
rules.add_perm("bewonersgroepen.change_overeenkomst", is_staf_van_groep)
