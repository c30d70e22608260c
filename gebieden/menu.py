"""The main menu, filled by every app in its AppConfig.ready() (lower apps can't import higher ones)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100
    # A user's own work (Mijn werk, Mijn groep, the work queue): in the top row before the rest.
    vast: bool = False


_items: dict[str, MenuItem] = {}


def register_menu_item(
    label: str,
    url_name: str,
    visible: Callable[[Any], bool] = lambda user: True,
    order: int = 100,
    vast: bool = False,
) -> None:
    _items[url_name] = MenuItem(label, url_name, visible, order, vast)


def mag(perm: str) -> Callable[[Any], bool]:
    """Visibility by a permission of the policy (django-rules), answered as `user.has_perm(perm)` would.

    For a permission that only the policy knows (`bewonersgroepen.list_groep`, not a model permission in
    Django's tables), `user.has_perm` asks Django's ModelBackend too whenever the policy says no, and
    that loads the user's and their groups' permissions: two queries on every page for every user the
    item is hidden from. The answer is the same without them: active superusers see everything, all
    others what the policy says."""

    def zichtbaar(user) -> bool:
        if user.is_active and user.is_superuser:
            return True
        return rules.has_perm(perm, user)

    return zichtbaar


def menu_items(user) -> list[MenuItem]:
    return [item for item in sorted(_items.values(), key=lambda i: (i.order, i.label)) if item.visible(user)]


# The top row holds this many items; the rest go under "Meer", so the bar is one row at 1280 px.
HOOFDMENU_MAX = 5


def menu_indelen(items: list[MenuItem], max_items: int = HOOFDMENU_MAX) -> tuple[list, list]:
    """(top row, "Meer") for a user's items: the `vast` ones first, then the others in their order,
    up to `max_items`; a single item left over takes the place of "Meer" itself."""
    if len(items) <= max_items + 1:
        return items, []
    voorrang = [i for i in items if i.vast] + [i for i in items if not i.vast]
    boven = set(id(i) for i in voorrang[:max_items])
    return [i for i in items if id(i) in boven], [i for i in items if id(i) not in boven]
