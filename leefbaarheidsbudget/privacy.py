"""Personal data in leefbaarheidsbudget for the AVG export (see accounts/privacy.py).

Applications belong to the group, not to the person, and must be kept (public money, Archiefwet); they
keep pointing to the anonymised account of whoever made, handled or decided them. Nothing else to replace.
"""

from accounts.privacy import registreer_bron, rijen

from .models import Aanvraag, Bijlage, Statuswijziging


def exporteren(user) -> dict:
    return {
        "aanvragen_gemaakt": rijen(
            Aanvraag.objects.filter(aangemaakt_door=user),
            "pk",
            "groep__naam",
            "titel",
            "status",
            "aangemaakt_op",
            "ingediend_op",
        ),
        "aanvragen_behandeld": rijen(
            Aanvraag.objects.filter(behandelaar=user)
            | Aanvraag.objects.filter(beslist_door=user)
            | Aanvraag.objects.filter(ingevoerd_door=user),
            "pk",
            "titel",
            "status",
        ),
        "bijlagen_toegevoegd": rijen(
            Bijlage.objects.filter(toegevoegd_door=user), "aanvraag__titel", "soort", "naam", "toegevoegd_op"
        ),
        "statuswijzigingen": rijen(
            Statuswijziging.objects.filter(door=user), "aanvraag__titel", "van", "naar", "op", "toelichting"
        ),
    }


registreer_bron("leefbaarheidsbudget", label="Leefbaarheidsbudget", exporteren=exporteren, order=30)
