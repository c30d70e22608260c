"""The work this app routes and holds (see rollen/registry.py): the kind of work "melding" (and one per
seeded main category, so a rule can send e.g. overlast to a named colleague), and each handler's open
meldingen for Mijn werk, the workload page and the hand-over."""

from django.utils.text import slugify

from rollen.constants import Rol
from rollen.registry import register_onbeheerd_werk, register_open_werk, register_soort_werk

from . import selectors, services
from .constants import SOORT_WERK, STANDAARD_CATEGORIEEN, soort_werk_van

register_soort_werk(SOORT_WERK, "Melding openbare ruimte (elke categorie)")
for _naam, _termijn, _subs in STANDAARD_CATEGORIEEN:
    register_soort_werk(soort_werk_van(slugify(_naam)), f"Melding openbare ruimte: {_naam.lower()}")

register_open_werk(
    "meldingen",
    "Meldingen openbare ruimte",
    count_for=lambda user: selectors.open_meldingen_van(user).count(),
    items_for=selectors.open_meldingen_van,
    transfer=services.meldingen_overdragen,
    counts_for=selectors.open_meldingen_per_behandelaar,
    order=40,
)

# A melding in a wijk without a Beheerder lands in the gemeente's unassigned queue: the coverage page
# shows how many wait there, in total and beside each area without a Beheerder.
register_onbeheerd_werk(
    "meldingen", "Niet toegewezen meldingen", rol=Rol.BEHEERDER, tellen=selectors.niet_toegewezen_per_gebied
)
