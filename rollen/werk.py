"""The open work this app holds (an omgevingsmanager's running projects). Every app keeps its kinds of
work (open work for the workload page and the hand-over, kinds of new work for routing rules) in its own
`werk.py`, which registers them when imported; `RollenConfig.ready()` imports them all."""

from .registry import register_open_werk
from .selectors import lopende_projecten_van
from .services import projecten_overdragen, projecten_tellen

register_open_werk(
    "projecten",
    "Lopende projecten (omgevingsmanager)",
    count_for=lambda user: projecten_tellen([user.pk]).get(user.pk, 0),
    items_for=lopende_projecten_van,
    transfer=projecten_overdragen,
    counts_for=projecten_tellen,
    order=10,
)
