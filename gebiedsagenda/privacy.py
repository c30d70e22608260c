"""Personal data in gebiedsagenda for the AVG export and anonymisation (see accounts/privacy.py).

Followers (of a kern, wijk or project) are only an e-mail address: anonymising a person removes their
subscriptions (there is no
record to keep). Texts they wrote (reactions, news, notes) stay with the anonymised account as author.
"""

from accounts.privacy import registreer_bron, rijen

from .models import Nieuwsbericht, Opgave, OpgaveStatuswijziging, Reactie, Volger, Voortgangsnotitie


def exporteren(user) -> dict:
    return {
        "gevolgde_gebieden": rijen(
            Volger.objects.filter(email=user.email),
            "email",
            "kern__naam",
            "wijk__naam",
            "project__naam",
            "aangemaakt_op",
            "bevestigd_op",
        ),
        "reacties": rijen(
            Reactie.objects.filter(auteur=user), "opgave__titel", "groep__naam", "tekst", "gewijzigd_op"
        ),
        "nieuwsberichten": rijen(
            Nieuwsbericht.objects.filter(auteur=user), "titel", "tekst", "status", "aangemaakt_op"
        ),
        "opgaven_als_eigenaar": rijen(Opgave.objects.filter(eigenaar=user), "titel", "status"),
        "voortgangsnotities": rijen(
            Voortgangsnotitie.objects.filter(auteur=user), "opgave__titel", "datum", "tekst"
        ),
        "statuswijzigingen": rijen(
            OpgaveStatuswijziging.objects.filter(door=user), "opgave__titel", "naar", "op", "toelichting"
        ),
    }


def anonimiseren(*, user, door=None) -> None:
    Volger.objects.filter(email=user.email).delete()


registreer_bron(
    "gebiedsagenda",
    label="Gebiedsagenda en nieuws",
    exporteren=exporteren,
    anonimiseren=anonimiseren,
    order=40,
)
