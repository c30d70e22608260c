"""The open work this app holds: the opgaven a staff member owns (see rollen/werk.py)."""

from rollen.registry import register_open_werk

from . import selectors, services

register_open_werk(
    "opgaven",
    "Opgaven (eigenaar)",
    count_for=lambda user: selectors.open_opgaven_van(user).count(),
    items_for=selectors.open_opgaven_van,
    transfer=services.opgaven_overdragen,
    counts_for=selectors.open_opgaven_per_eigenaar,
    order=50,
)
