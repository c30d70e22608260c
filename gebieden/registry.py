"""Extension points for apps above `gebieden`.

`gebieden` must not import the apps that build on it, yet its area pages show their contacts,
groups and money. Those apps register a section here in their `AppConfig.ready()`; the area page
renders every registered section in order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A section provider gets (request, area) and returns a context dict for its template, or None to hide.
SectionProvider = Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class AreaSection:
    key: str
    template: str
    provider: SectionProvider
    order: int = 100


_area_sections: dict[str, AreaSection] = {}


def register_area_section(key: str, template: str, provider: SectionProvider, order: int = 100) -> None:
    _area_sections[key] = AreaSection(key=key, template=template, provider=provider, order=order)


def area_sections(request, area) -> list[dict]:
    """The rendered context of every section for this area, in order."""
    rendered = []
    for section in sorted(_area_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.provider(request, area)
        if context is not None:
            rendered.append({"key": section.key, "template": section.template, "context": context})
    return rendered
