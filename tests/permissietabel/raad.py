from tests.raad.factories import MotieFactory

from .objecten import url_kwargs, wereld_bouwer


@wereld_bouwer
def moties(wereld):
    wereld.objecten["motie_x"] = MotieFactory(gemeente=wereld.gemeente_x)


@url_kwargs("raad:motie", "raad:motie_wijzigen", "raad:voortgang_toevoegen")
def _motie(wereld):
    return {"pk": wereld.objecten["motie_x"].pk}
