"""Personal data in meldingen for the AVG export and anonymisation (see accounts/privacy.py).

A reporter's contact details (e-mail address, phone) are on the melding itself; a logged-in reporter's
meldingen also point to their account, and so do those with the address of the account. Anonymising a
person removes their contact details from those meldingen (the report itself stays: it is about the
public space, not about them); the same happens to everyone's contact details a set time after closing
(services.contactgegevens_opruimen, MELDINGEN_CONTACT_BEWAREN_DAGEN). Staff steps, notes, forwarded questions and assignments stay with the (anonymised) account.
"""

from django.db.models import Q

from accounts.privacy import registreer_bron, rijen

from .models import Doorzetting, Foto, Melding, Meldingstatuswijziging, Notitie


def _van_melder(user):
    return Melding.objects.filter(Q(melder=user) | Q(email=user.email))


def exporteren(user) -> dict:
    return {
        "gedane_meldingen": rijen(
            _van_melder(user),
            "referentie",
            "categorie__naam",
            "tekst",
            "straat",
            "herkenningspunt",
            "email",
            "telefoon",
            "status",
            "gemeld_op",
            "tevredenheid",
            "tevredenheid_opmerking",
        ),
        "meldingen_in_behandeling": rijen(Melding.objects.filter(behandelaar=user), "referentie", "status"),
        "stappen": rijen(
            Meldingstatuswijziging.objects.filter(door=user),
            "melding__referentie",
            "naar",
            "op",
            "toelichting",
        ),
        "notities": rijen(Notitie.objects.filter(door=user), "melding__referentie", "soort", "op", "tekst"),
        "gepubliceerde_fotos": rijen(
            Foto.objects.filter(gepubliceerd_door=user), "melding__referentie", "gepubliceerd_op"
        ),
        "doorgezette_vragen": rijen(
            Doorzetting.objects.filter(Q(gesteld_door=user) | Q(beantwoord_door=user)),
            "melding__referentie",
            "aan",
            "vraag",
            "gesteld_op",
            "antwoord",
            "beantwoord_op",
        ),
    }


def anonimiseren(*, user, door=None) -> None:
    _van_melder(user).update(melder=None, email="", telefoon="")


registreer_bron(
    "meldingen", label="Meldingen openbare ruimte", exporteren=exporteren, anonimiseren=anonimiseren, order=45
)
