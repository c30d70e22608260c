"""Personal data in rollen for the AVG export (see accounts/privacy.py).

Assignments of a staff member stay (who was the contact when is part of the record) and point to the
anonymised account. Wijkwethouders without an account have their work contact details on the assignment
itself; they are public office holders and are kept for the term in docs/privacy.md.
"""

from accounts.privacy import registreer_bron, rijen

from .models import Overdracht, Toewijzing


def exporteren(user) -> dict:
    return {
        "toewijzingen": rijen(
            Toewijzing.objects.filter(medewerker=user),
            "rol",
            "kern__naam",
            "wijk__naam",
            "project__naam",
            "van",
            "tot",
        ),
        "overdrachten": rijen(
            Overdracht.objects.filter(van=user) | Overdracht.objects.filter(naar=user),
            "toewijzing__rol",
            "datum",
            "reden",
        ),
    }


registreer_bron("rollen", label="Rollen en toewijzingen", exporteren=exporteren, order=10)
