"""The main menu, filled by every app in its AppConfig.ready() (lower apps can't import higher ones)."""

import time
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


_items: dict[str, MenuItem] = {}


def register_menu_item(
    label: str, url_name: str, visible: Callable[[Any], bool] = lambda user: True, order: int = 100
) -> None:
    _items[url_name] = MenuItem(label, url_name, visible, order)


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


# A logged-in user's menu is kept in their session for MENU_CACHE_SECONDEN (default 60): working out
# which items they may see costs queries (is this user a member of a group anywhere?) on every page
# otherwise. It is worked out again at once when the user's kinds change (e.g. a new member), and at
# the latest that many seconds after anything else changed. Only the links are kept; every page still
# asks the policy itself. The test settings switch it off, so query counts do not depend on it.
MENU_SESSIE = "gebiedsportaal_menu"


def menu_items_voor(request) -> list[MenuItem]:
    from django.conf import settings

    seconden = getattr(settings, "MENU_CACHE_SECONDEN", 60)
    user = request.user
    session = getattr(request, "session", None)
    if not seconden or not user.is_authenticated or session is None:
        return menu_items(user)
    sleutel = f"{user.pk}:{user.is_superuser}:{','.join(sorted(getattr(user, 'soorten', ())))}"
    bewaard = session.get(MENU_SESSIE)
    nu = time.time()
    if bewaard and bewaard.get("sleutel") == sleutel and 0 <= nu - bewaard.get("op", 0) < seconden:
        return [_items[naam] for naam in bewaard["items"] if naam in _items]
    items = menu_items(user)
    session[MENU_SESSIE] = {"sleutel": sleutel, "op": nu, "items": [item.url_name for item in items]}
    return items
