"""Extension point for apps above `bewonersgroepen`: sections on a group's page.

`bewonersgroepen` must not import the apps that build on it, yet a group's page shows its
applications for the leefbaarheidsbudget. Such an app registers a section here in its
`AppConfig.ready()`; the group page renders every registered section in order, with the same
`{% sectie %}` tag as the area pages.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A section provider gets (request, groep) and returns a context dict for its template, or None to hide.
GroepSectieProvider = Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class GroepSectie:
    key: str
    template: str
    provider: GroepSectieProvider
    order: int = 100


_secties: dict[str, GroepSectie] = {}


def register_groep_sectie(key: str, template: str, provider: GroepSectieProvider, order: int = 100) -> None:
    _secties[key] = GroepSectie(key=key, template=template, provider=provider, order=order)


def groep_secties(request, groep) -> list[dict]:
    """The rendered context of every section for this group, in order."""
    rendered = []
    for sectie in sorted(_secties.values(), key=lambda s: (s.order, s.key)):
        context = sectie.provider(request, groep)
        if context is not None:
            rendered.append({"key": sectie.key, "template": sectie.template, "context": context})
    return rendered
