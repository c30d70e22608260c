"""Consultation rounds in the area calendar (gebiedsagenda.kalender): a round that is open or was open
(of a published plan) gives two items, the day it opens and the day it closes, with a link to its public
page. Registered from ParticipatieConfig.ready(); one query whatever the number of rounds."""

from collections.abc import Iterable

from django.utils import timezone

from gebiedsagenda.ical import Gebeurtenis
from gebiedsagenda.kalender import MAX_PER_BRON, UID_DOMEIN, projecten_in, vanaf
from rollen.models import Participatiestap

from .constants import Planstatus
from .raadpleging_constants import Raadplegingstatus
from .raadpleging_models import Raadpleging


def _dag(moment):
    return timezone.localtime(moment).date()


def raadplegingen(gebied) -> Iterable[Gebeurtenis]:
    stappen = Participatiestap.objects.filter(projecten_in(gebied)).values("pk")
    rondes = (
        Raadpleging.objects.filter(
            stap__in=stappen, plan__status=Planstatus.GEPUBLICEERD, open_tot__date__gte=vanaf()
        )
        .exclude(status=Raadplegingstatus.CONCEPT)
        .select_related("plan__project")
        .only("id", "titel", "open_van", "open_tot", "openbaar", "plan__id", "plan__project__naam")
        .order_by("open_van", "pk")[: MAX_PER_BRON // 2]
    )
    for ronde in rondes:
        project = ronde.plan.project.naam
        van, tot = _dag(ronde.open_van), _dag(ronde.open_tot)
        wie = (
            "Iedereen kan reageren."
            if ronde.openbaar
            else "Alleen uitgenodigde groepen en partners reageren."
        )
        beschrijving = f"Raadpleging voor het project {project}, open van {van:%d-%m-%Y} tot en met {tot:%d-%m-%Y}. {wie}"
        url = ronde.openbare_url()
        yield Gebeurtenis(
            uid=f"raadpleging-{ronde.pk}-open@{UID_DOMEIN}",
            datum=van,
            titel=f"Raadpleging open: {ronde.titel} ({project})",
            beschrijving=beschrijving,
            url=url,
            categorie="Participatie",
        )
        yield Gebeurtenis(
            uid=f"raadpleging-{ronde.pk}-sluit@{UID_DOMEIN}",
            datum=tot,
            titel=f"Raadpleging sluit: {ronde.titel} ({project})",
            beschrijving=beschrijving,
            url=url,
            categorie="Participatie",
        )
