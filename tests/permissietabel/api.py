from django.utils import timezone

from gebiedsagenda.constants import NieuwsStatus
from gebiedsagenda.models import Nieuwsbericht
from tests.factories import BuurtFactory

from .objecten import url_kwargs, wereld_bouwer


@wereld_bouwer
def api(wereld):
    # A fixed code: one from the factory's sequence depends on the tests before (BU19040201 is
    # gebiedsagenda's, whose builder runs after this one and takes over buurt_x).
    wereld.objecten["buurt_x"] = BuurtFactory(wijk=wereld.wijk_x, code="BU19040202", naam="Breukelen-Zuid")
    wereld.objecten["nieuws_x"] = Nieuwsbericht.objects.create(
        gemeente=wereld.gemeente_x,
        titel="Gepubliceerd",
        tekst="Voor iedereen.",
        status=NieuwsStatus.GEPUBLICEERD,
        auteur=wereld.medewerker,
        gepubliceerd_op=timezone.now(),
    )


@url_kwargs("api:gemeente-detail")
def _gemeente(wereld):
    return {"code": wereld.gemeente_x.code}


@url_kwargs("api:kern-detail")
def _kern(wereld):
    return {"pk": wereld.kern_x.pk}


@url_kwargs("api:wijk-detail")
def _wijk(wereld):
    return {"code": wereld.wijk_x.code}


@url_kwargs("api:buurt-detail")
def _buurt(wereld):
    return {"code": wereld.objecten["buurt_x"].code}


@url_kwargs("api:bewonersgroep-detail")
def _groep(wereld):
    return {"pk": wereld.objecten["groep_a"].pk}


@url_kwargs("api:opgave-detail")
def _opgave(wereld):
    return {"pk": wereld.objecten["opgave_x"].pk}


@url_kwargs("api:nieuws-detail")
def _nieuws(wereld):
    return {"pk": wereld.objecten["nieuws_x"].pk}


@url_kwargs("api:melding-detail")
def _melding(wereld):
    return {"referentie": wereld.objecten["melding_x"].referentie}


@url_kwargs("api:project-detail")
def _project(wereld):
    return {"pk": wereld.objecten["project_x"].pk}
