"""Open work that a staff member holds, and the kinds of new work that routing rules send to a person;
both filled by the apps above `rollen`.

`rollen` must not import the apps that build on it, yet the workload page counts their open work
(agreements, registrations, applications) and a hand-over moves it to the successor. Each app
registers a provider here in its `werk.py` (imported at start-up by `RollenConfig.ready()`)::

    from rollen.registry import register_open_werk

    register_open_werk(
        "aanvragen",
        "Open aanvragen",
        count_for=lambda user: ...,            # int: open items of this user
        items_for=lambda user: ...,            # iterable of objects (str() and get_absolute_url())
        transfer=aanvragen_overdragen,         # (*, van, naar, gebied, toewijzing) -> int moved
        counts_for=lambda user_ids: {...},     # optional: {user_id: int} in one query (workload page)
    )

`transfer` runs inside the hand-over's transaction: raise to roll the whole hand-over back.
`gebied` is the Kern, Wijk or Project of the ended assignment; move only the work that belongs to it
(for a Kern: also its wijken).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OpenWerkProvider:
    key: str
    label: str
    count_for: Callable[[Any], int]
    items_for: Callable[[Any], Iterable]
    transfer: Callable[..., int]
    counts_for: Callable[[list[int]], dict[int, int]] | None = None
    order: int = 100

    def counts(self, users) -> dict[int, int]:
        """Open items per user id, in one query when the provider offers `counts_for`."""
        users = list(users)
        if self.counts_for is not None:
            return self.counts_for([u.pk for u in users])
        return {u.pk: self.count_for(u) for u in users}


_providers: dict[str, OpenWerkProvider] = {}


def register_open_werk(
    key: str,
    label: str,
    count_for: Callable[[Any], int],
    items_for: Callable[[Any], Iterable],
    transfer: Callable[..., int],
    counts_for: Callable[[list[int]], dict[int, int]] | None = None,
    order: int = 100,
) -> None:
    _providers[key] = OpenWerkProvider(key, label, count_for, items_for, transfer, counts_for, order)


def open_werk_providers() -> list[OpenWerkProvider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


# --- kinds of new work, for the routing rules (Routeringsregel) -------------------------------------
# An app that routes new work with `rollen.selectors.verantwoordelijke_voor(gebied=..., soort_werk=key)`
# registers the key here, so a functional admin picks it from a list when writing a routing rule:
#
#     register_soort_werk("aanvraag", "Aanvraag leefbaarheidsbudget")

_soorten_werk: dict[str, str] = {}


def register_soort_werk(key: str, label: str) -> None:
    _soorten_werk[key] = label


def soorten_werk() -> list[tuple[str, str]]:
    """(key, label) of every registered kind of new work, by label."""
    return sorted(_soorten_werk.items(), key=lambda kv: kv[1])


def soort_werk_label(key: str) -> str:
    return _soorten_werk.get(key, key)


# --- work nobody holds, for the coverage page ---------------------------------------------------------
# An app whose new work lands in an unassigned queue when an area has no one in a role (meldingen: a wijk
# without a Beheerder Leefomgeving) registers a counter here; the coverage page shows the gemeente's total
# and the count beside every area that lacks that role today:
#
#     register_onbeheerd_werk(
#         "meldingen", "Niet toegewezen meldingen", rol=Rol.BEHEERDER,
#         tellen=lambda gemeente: OnbeheerdWerk(totaal=..., per_wijk={...}, per_kern={...}, url="..."),
#     )
#
# `per_kern` counts the work of a kern that is in none of its wijken (a kern without wijken). One query.


@dataclass(frozen=True)
class OnbeheerdWerk:
    totaal: int
    per_wijk: dict[int, int]
    per_kern: dict[int, int]
    url: str = ""

    def voor(self, gebied) -> int:
        """The count for a Wijk or Kern."""
        from gebieden.models import Wijk

        if isinstance(gebied, Wijk):
            return self.per_wijk.get(gebied.pk, 0)
        return self.per_kern.get(gebied.pk, 0)


@dataclass(frozen=True)
class OnbeheerdWerkProvider:
    key: str
    label: str
    rol: str
    tellen: Callable[[Any], OnbeheerdWerk]
    order: int = 100


_onbeheerd: dict[str, OnbeheerdWerkProvider] = {}


def register_onbeheerd_werk(
    key: str, label: str, *, rol: str, tellen: Callable[[Any], OnbeheerdWerk], order: int = 100
) -> None:
    _onbeheerd[key] = OnbeheerdWerkProvider(key, label, rol, tellen, order)


def onbeheerd_werk_providers() -> list[OnbeheerdWerkProvider]:
    return sorted(_onbeheerd.values(), key=lambda p: (p.order, p.key))


# --- sections of the public project page ------------------------------------------------------------
# Apps above `rollen` (participatie: the plan, the stakeholders, following) add a section to the public
# project page in their `secties.py`, exactly as area-page sections are added (`gebieden.registry`).
# A provider gets (request, project) and returns a context dict for its template, or None to hide. When
# a provider returns `vervangt_traject=True`, the page leaves out its own plain list of steps.
from gebieden.registry import Sectieregister  # noqa: E402

_projectsecties = Sectieregister()
register_project_sectie = _projectsecties.register
project_secties = _projectsecties.render


# --- who adds the steps of a project -----------------------------------------------------------------
# A project's participation steps (Participatiestap) are rollen's, but an app above may own them for
# some projects: participatie does for a project with a participation plan (only the plan's owner adds
# steps there, each with a level on the ladder). That app registers here where those steps are added and
# who may add them; `rollen.add_participatiestap` then applies that rule, and rollen's own "Stap
# toevoegen" sends the user to that page. One rule, declared once by the owning app:
#
#     register_stappenbeheer(url_voor=lambda project: ... or None, mag=lambda user, project: ...)


@dataclass(frozen=True)
class Stappenbeheer:
    url_voor: Callable[[Any], str | None]  # the page for this project's steps, or None: rollen's own
    mag: Callable[[Any, Any], bool]  # (user, project): may this user add a step there?


_stappenbeheer: list[Stappenbeheer] = []


def register_stappenbeheer(url_voor: Callable[[Any], str | None], mag: Callable[[Any, Any], bool]) -> None:
    _stappenbeheer.append(Stappenbeheer(url_voor, mag))


def stappenbeheer_voor(project) -> tuple[str, Callable[[Any, Any], bool]] | None:
    """(url, rule) of the app that owns this project's steps, or None when rollen's own form applies."""
    for beheer in _stappenbeheer:
        url = beheer.url_voor(project)
        if url:
            return url, beheer.mag
    return None
