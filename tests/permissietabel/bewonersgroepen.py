from bewonersgroepen.constants import Groepsoort
from bewonersgroepen.services import betaalgegevens_voorstellen, groep_aanmelden, lid_uitnodigen
from tests.bewonersgroepen.factories import (
    GroepFactory,
    LidmaatschapFactory,
    SamenwerkingsovereenkomstFactory,
)

from .objecten import url_kwargs, wereld_bouwer


@wereld_bouwer
def groepen(wereld):
    """Group A (a Bewonersgroep with an agreement awaiting signature, lid A its voorzitter, and a new IBAN
    lid A proposed that waits for a second person) and group B, both in gemeente X."""
    groep_a = GroepFactory(
        gemeente=wereld.gemeente_x, kernen=[wereld.kern_x], bewonersgroep=True, naam="Groep A"
    )
    groep_b = GroepFactory(gemeente=wereld.gemeente_x, kernen=[wereld.kern_x], naam="Groep B")
    wereld.objecten["groep_a"] = groep_a
    wereld.objecten["groep_b"] = groep_b
    wereld.objecten["lidmaatschap_a"] = LidmaatschapFactory(
        groep=groep_a, gebruiker=wereld.lid_a, contactpersoon=True
    )
    LidmaatschapFactory(groep=groep_b, gebruiker=wereld.lid_b, contactpersoon=True)
    wereld.objecten["overeenkomst_a"] = SamenwerkingsovereenkomstFactory(groep=groep_a, ondertekend=True)
    _, token = lid_uitnodigen(
        groep=groep_a, email="nieuw-lid@example.nl", naam="Nieuw Lid", door=wereld.medewerker
    )
    wereld.objecten["uitnodiging_token"] = token
    wereld.objecten["betaalgegevenswijziging_a"] = betaalgegevens_voorstellen(
        groep=groep_a, door=wereld.lid_a, iban="NL91ABNA0417164300", tenaamstelling="Groep A"
    )
    _, token = groep_aanmelden(
        gemeente=wereld.gemeente_x,
        kernen=[wereld.kern_x],
        soort=Groepsoort.ACTIVITEITENCOMMISSIE,
        naam="Nog niet bevestigd",
        email="nieuw@example.nl",
        aanmelder_email="aanmelder@example.nl",
    )
    wereld.objecten["aanmelding_token"] = token


@url_kwargs(
    "bewonersgroepen:detail",
    "bewonersgroepen:wijzigen",
    "bewonersgroepen:status",
    "bewonersgroepen:uitnodigen",
    "bewonersgroepen:overeenkomst_nieuw",
    "bewonersgroepen:betaalgegevens",
)
def _groep(wereld):
    return {"pk": wereld.objecten["groep_a"].pk}


@url_kwargs("bewonersgroepen:lid_wijzigen")
def _lid(wereld):
    return {"pk": wereld.objecten["groep_a"].pk, "lid": wereld.objecten["lidmaatschap_a"].pk}


@url_kwargs(
    "bewonersgroepen:overeenkomst",
    "bewonersgroepen:overeenkomst_wijzigen",
    "bewonersgroepen:overeenkomst_status",
    "bewonersgroepen:overeenkomst_verlengen",
    "bewonersgroepen:overeenkomst_document",
)
def _overeenkomst(wereld):
    return {"pk": wereld.objecten["overeenkomst_a"].pk}


@url_kwargs("bewonersgroepen:aanmelding_bevestigen")
def _aanmelding(wereld):
    return {"token": wereld.objecten["aanmelding_token"]}


@url_kwargs("bewonersgroepen:uitnodiging")
def _uitnodiging(wereld):
    return {"token": wereld.objecten["uitnodiging_token"]}


@url_kwargs("bewonersgroepen:betaalgegevens_bevestigen", "bewonersgroepen:betaalgegevens_afwijzen")
def _betaalgegevenswijziging(wereld):
    return {
        "pk": wereld.objecten["groep_a"].pk,
        "wijziging": wereld.objecten["betaalgegevenswijziging_a"].pk,
    }
