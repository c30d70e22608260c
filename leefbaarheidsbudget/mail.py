"""E-mails about applications (Dutch templates), always sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

MAP = "leefbaarheidsbudget/mail"


def _adressen_groep(aanvraag) -> list[str]:
    """The group's own address and those of its active members."""
    from bewonersgroepen.selectors import actieve_lidmaatschappen

    leden = actieve_lidmaatschappen().filter(groep_id=aanvraag.groep_id, gebruiker__is_active=True)
    adressen = set(leden.values_list("gebruiker__email", flat=True))
    if aanvraag.groep.email:
        adressen.add(aanvraag.groep.email)
    return sorted(adressen)


def _verstuur(sjabloon: str, ontvangers: list[str], context: dict) -> None:
    ontvangers = [a for a in ontvangers if a]
    if not ontvangers:
        return
    onderwerp = " ".join(render_to_string(f"{MAP}/{sjabloon}_onderwerp.txt", context).split())
    tekst = render_to_string(f"{MAP}/{sjabloon}.txt", context)
    send_mail(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, ontvangers)


def _na_commit(sjabloon: str, aanvraag, *, naar_groep: bool = True, ontvangers=None, **extra) -> None:
    pk = aanvraag.pk

    def versturen():
        from .models import Aanvraag

        verse = Aanvraag.objects.select_related("groep", "gemeente", "kern", "behandelaar").get(pk=pk)
        adressen = list(ontvangers or [])
        if naar_groep:
            adressen += _adressen_groep(verse)
        _verstuur(sjabloon, adressen, {"aanvraag": verse, **extra})

    transaction.on_commit(versturen)


def na_commit_ontvangstbevestiging(aanvraag, *, opnieuw: bool) -> None:
    _na_commit("ontvangen", aanvraag, opnieuw=opnieuw)


def na_commit_nieuwe_aanvraag(aanvraag, *, opnieuw: bool) -> None:
    """To the responsible adviseur (behandelaar)."""
    if aanvraag.behandelaar_id and aanvraag.behandelaar.email:
        _na_commit(
            "nieuwe_aanvraag",
            aanvraag,
            naar_groep=False,
            ontvangers=[aanvraag.behandelaar.email],
            opnieuw=opnieuw,
        )


def na_commit_aanvulling_gevraagd(aanvraag, *, vraag: str) -> None:
    _na_commit("aanvulling", aanvraag, vraag=vraag)


def na_commit_termijn_verlengd(aanvraag) -> None:
    _na_commit("verlengd", aanvraag)


def na_commit_besluit(aanvraag) -> None:
    _na_commit("besluit", aanvraag)


def na_commit_betaling(aanvraag) -> None:
    _na_commit("betaling", aanvraag)


def na_commit_vastgesteld(aanvraag) -> None:
    _na_commit("vastgesteld", aanvraag)
