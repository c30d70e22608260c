"""Personal data in raad for the AVG export (see accounts/privacy.py).

Motions name their submitters (council members acting in public office, published by the council); progress
updates keep their author, the anonymised account. Nothing to replace.
"""

from accounts.privacy import registreer_bron, rijen

from .models import Voortgangsupdate


def exporteren(user) -> dict:
    return {
        "voortgangsupdates": rijen(
            Voortgangsupdate.objects.filter(auteur=user), "motie__nummer", "motie__titel", "datum", "tekst"
        )
    }


registreer_bron("raad", label="Raad (moties)", exporteren=exporteren, order=50)
