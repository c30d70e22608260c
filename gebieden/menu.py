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
    # Claim on the top row, lower first (1: Mijn werk, 2: a user's own work such as Mijn groep or the
    # work queue, 3: what a kind of user comes for, 4: general); None: under "Meer" when the row is full.
    voorrang: int | None = None


_items: dict[str, MenuItem] = {}


def register_menu_item(
    label: str,
    url_name: str,
    visible: Callable[[Any], bool] = lambda user: True,
    order: int = 100,
    voorrang: int | None = None,
) -> None:
    _items[url_name] = MenuItem(label, url_name, visible, order, voorrang)


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
HOOFDMENU_MAX = 4


def menu_indelen(items: list[MenuItem], max_items: int = HOOFDMENU_MAX) -> tuple[list, list]:
    """(top row, "Meer") for a user's items, each in menu order: the top row takes the items with the
    strongest claim (`voorrang`, then menu order) up to `max_items`; a single item left over takes the
    place of "Meer" itself."""
    if len(items) <= max_items + 1:
        return items, []
    gekozen = sorted(items, key=lambda i: (i.voorrang is None, i.voorrang or 0, i.order, i.label))[:max_items]
    return [i for i in items if i in gekozen], [i for i in items if i not in gekozen]
