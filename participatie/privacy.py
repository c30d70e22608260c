"""Personal data in participatie for the AVG export and anonymisation (see accounts/privacy.py).

Responses to consultation rounds: a resident's address and optional name, or the member who responded on
behalf of a group. Anonymising a person keeps their answers (they count in the summary) but blanks their
name, the consent to publish with a name, and replaces the address by one that cannot receive mail."""

from django.db.models import Q

from accounts.privacy import registreer_bron, rijen

from .models import Reactie


def _reacties(user):
    return Reactie.objects.filter(Q(email__iexact=user.email) | Q(ingediend_door=user))


def exporteren(user) -> dict:
    return {
        "reacties_op_raadplegingen": rijen(
            _reacties(user).order_by("pk"),
            "raadpleging__titel",
            "soort",
            "groep__naam",
            "email",
            "naam",
            "ingediend_op",
            "gewijzigd_op",
            "bevestigd_op",
            "toestemming_publiceren",
            "toestemming_naam",
        )
    }


def anonimiseren(*, user, door=None) -> None:
    for reactie in Reactie.objects.filter(email__iexact=user.email):
        reactie.email = f"reactie-{reactie.pk}@anoniem.invalid"
        reactie.naam = ""
        reactie.toestemming_naam = False
        reactie.save(update_fields=["email", "naam", "toestemming_naam"])
    Reactie.objects.filter(ingediend_door=user).update(ingediend_door=None)


registreer_bron(
    "participatie",
    label="Participatie (reacties op raadplegingen)",
    exporteren=exporteren,
    anonimiseren=anonimiseren,
    order=60,
)
