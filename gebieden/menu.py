"""The main menu, filled by every app in its AppConfig.ready() (lower apps can't import higher ones)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100


_items: dict[str, MenuItem] = {}


def register_menu_item(
    label: str, url_name: str, visible: Callable[[Any], bool] = lambda user: True, order: int = 100
) -> None:
    _items[url_name] = MenuItem(label, url_name, visible, order)


def menu_items(user) -> list[MenuItem]:
    return [item for item in sorted(_items.values(), key=lambda i: (i.order, i.label)) if item.visible(user)]
