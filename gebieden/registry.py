"""Extension points for apps above `gebieden`.

`gebieden` must not import the apps that build on it, yet its area pages show their contacts,
groups and money. Those apps register a section here in their `secties.py` (imported at start-up by
`GebiedenConfig.ready()`); the area page renders every registered section in order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A section provider gets (request, obj) and returns a context dict for its template, or None to hide.
SectieProvider = Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class Sectie:
    key: str
    template: str
    provider: SectieProvider
    order: int = 100


class Sectieregister:
    """Sections that higher apps add to a page of a lower one, rendered with `{% sectie %}` in order.

    Used for the area pages here and for a group's page in `bewonersgroepen`."""

    def __init__(self):
        self._secties: dict[str, Sectie] = {}

    def register(self, key: str, template: str, provider: SectieProvider, order: int = 100) -> None:
        self._secties[key] = Sectie(key=key, template=template, provider=provider, order=order)

    def render(self, request, obj) -> list[dict]:
        """The rendered context of every section for this object, in order."""
        rendered = []
        for sectie in sorted(self._secties.values(), key=lambda s: (s.order, s.key)):
            context = sectie.provider(request, obj)
            if context is not None:
                rendered.append({"key": sectie.key, "template": sectie.template, "context": context})
        return rendered


_gebiedssecties = Sectieregister()
register_gebied_sectie = _gebiedssecties.register
gebied_secties = _gebiedssecties.render
