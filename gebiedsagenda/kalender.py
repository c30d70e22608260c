"""The public calendar of an area (gemeente, kern, wijk) as an iCalendar feed.

What is in it comes from sources: each takes an area and gives its dated, public things as
`ical.Gebeurtenis`. This app registers two: the participation steps of the projects in the area
(rollen) and the progress dates of the opgaven on the area's agendas. A higher app adds its own with
`bron_registreren()` in its AppConfig.ready() — participatie adds its consultation rounds — so this app
never imports it (the layers point down). A source must give only what the open pages show, in at most
one or two queries whatever the number of items (tests/gebiedsagenda/test_kalender.py pins the count).
"""

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Q
from django.utils import timezone

from gebieden.models import Gemeente, Kern, Wijk
from rollen.models import Participatiestap
from rollen.selectors import ontleed_gebied

from .ical import Gebeurtenis
from .models import Voortgangsnotitie
from .selectors import _agenda_filter

Bron = Callable[[object], Iterable[Gebeurtenis]]
BRONNEN: list[Bron] = []

TERUG_DAGEN = 365  # what is older than a year is left out
MAX_PER_BRON = 500
UID_DOMEIN = "gebiedsportaal"


def bron_registreren(bron: Bron) -> Bron:
    if bron not in BRONNEN:
        BRONNEN.append(bron)
    return bron


def vanaf() -> datetime.date:
    """The first day a calendar shows: what is older than TERUG_DAGEN is left out."""
    return timezone.localdate() - datetime.timedelta(days=TERUG_DAGEN)


def projecten_in(gebied) -> Q:
    """Projects that play in the area: for the whole gemeente, for it (a kern: also in its wijken), or for
    the kern of a wijk — as the area page lists them (rollen.selectors.lopende_projecten_in), every phase."""
    wijk, kern, gemeente_id = ontleed_gebied(gebied)
    waar = Q(project__gemeente_id=gemeente_id)
    if isinstance(gebied, Gemeente):
        return waar
    deel = Q(project__kernen__isnull=True, project__wijken__isnull=True)
    if kern is not None:
        deel |= Q(project__kernen=kern)
        if wijk is None:
            deel |= Q(project__wijken__kern=kern)
    if wijk is not None:
        deel |= Q(project__wijken=wijk)
    return waar & deel


@bron_registreren
def participatiestappen(gebied) -> Iterable[Gebeurtenis]:
    ids = Participatiestap.objects.filter(projecten_in(gebied), datum__gte=vanaf()).values("pk")
    stappen = (
        Participatiestap.objects.filter(pk__in=ids)
        .select_related("project__gemeente")
        .order_by("datum", "pk")[:MAX_PER_BRON]
    )
    for stap in stappen:
        beschrijving = f"Participatie voor het project {stap.project.naam}. Met: {stap.met_wie}."
        if stap.uitkomst:
            beschrijving += f"\nUitkomst: {stap.uitkomst}"
        yield Gebeurtenis(
            uid=f"participatiestap-{stap.pk}@{UID_DOMEIN}",
            datum=stap.datum,
            titel=f"{stap.wat} ({stap.project.naam})",
            beschrijving=beschrijving,
            url=stap.project.get_absolute_url(),
            categorie="Participatie",
        )


@bron_registreren
def voortgang_opgaven(gebied) -> Iterable[Gebeurtenis]:
    # A gemeente's calendar has the opgaven of all its agendas; a kern's or wijk's those its page shows.
    if isinstance(gebied, Gemeente):
        waar = Q(opgave__agenda__gemeente=gebied)
    else:
        waar = _agenda_filter(gebied, "opgave__agenda__")
    notities = (
        Voortgangsnotitie.objects.filter(waar, datum__gte=vanaf())
        .select_related("opgave")
        .only("id", "datum", "tekst", "opgave__id", "opgave__titel")
        .order_by("datum", "pk")[:MAX_PER_BRON]
    )
    for notitie in notities:
        yield Gebeurtenis(
            uid=f"voortgang-{notitie.pk}@{UID_DOMEIN}",
            datum=notitie.datum,
            titel=f"Voortgang: {notitie.opgave.titel}",
            beschrijving=notitie.tekst,
            url=notitie.opgave.get_absolute_url(),
            categorie="Gebiedsagenda",
        )


def gebeurtenissen(gebied, absoluut: Callable[[str], str] = str) -> list[Gebeurtenis]:
    """Every source's items for the area, by date; URLs made absolute with `absoluut`."""
    items = [g for bron in BRONNEN for g in bron(gebied)]
    items = [Gebeurtenis(**{**g.__dict__, "url": absoluut(g.url) if g.url else ""}) for g in items]
    return sorted(items, key=lambda g: (g.datum, g.uid))


def kalendernaam(gebied) -> str:
    if isinstance(gebied, Gemeente):
        return f"Gebiedskalender gemeente {gebied.naam}"
    assert isinstance(gebied, Kern | Wijk)
    return f"Gebiedskalender {gebied.naam} ({gebied.gemeente.naam})"
