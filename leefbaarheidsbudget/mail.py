"""E-mails about applications (Dutch templates), queued in the transaction of the change (berichten.mail)."""

from django.template.loader import render_to_string

import berichten

MAP = "leefbaarheidsbudget/mail"


def _adressen_groep(aanvraag) -> list[str]:
    """The group's own address and those of its active members."""
    from bewonersgroepen.selectors import actieve_lidmaatschappen

    leden = actieve_lidmaatschappen().filter(groep_id=aanvraag.groep_id, gebruiker__is_active=True)
    adressen = set(leden.values_list("gebruiker__email", flat=True))
    if aanvraag.groep.email:
        adressen.add(aanvraag.groep.email)
    return sorted(adressen)


def _mailen(sjabloon: str, aanvraag, *, naar_groep: bool = True, ontvangers=None, **extra) -> None:
    """Render the mail now, from the application as this transaction sees it; one message per address."""
    from .models import Aanvraag

    verse = Aanvraag.objects.select_related("groep", "gemeente", "kern", "behandelaar").get(pk=aanvraag.pk)
    adressen = list(ontvangers or [])
    if naar_groep:
        adressen += _adressen_groep(verse)
    adressen = [a for a in adressen if a]
    if not adressen:
        return
    context = {"aanvraag": verse, **extra}
    onderwerp = render_to_string(f"{MAP}/{sjabloon}_onderwerp.txt", context)
    tekst = render_to_string(f"{MAP}/{sjabloon}.txt", context)
    berichten.mail(adressen, onderwerp, tekst, gemeente=verse.gemeente_id)


def mail_ontvangstbevestiging(aanvraag, *, opnieuw: bool) -> None:
    _mailen("ontvangen", aanvraag, opnieuw=opnieuw)


def mail_nieuwe_aanvraag(aanvraag, *, opnieuw: bool) -> None:
    """To the responsible adviseur (behandelaar)."""
    if aanvraag.behandelaar_id and aanvraag.behandelaar.email:
        _mailen(
            "nieuwe_aanvraag",
            aanvraag,
            naar_groep=False,
            ontvangers=[aanvraag.behandelaar.email],
            opnieuw=opnieuw,
        )


def mail_aanvulling_gevraagd(aanvraag, *, vraag: str) -> None:
    _mailen("aanvulling", aanvraag, vraag=vraag)


def mail_termijn_verlengd(aanvraag) -> None:
    _mailen("verlengd", aanvraag)


def mail_besluit(aanvraag) -> None:
    _mailen("besluit", aanvraag)


def mail_betaling(aanvraag) -> None:
    _mailen("betaling", aanvraag)


def mail_vastgesteld(aanvraag) -> None:
    _mailen("vastgesteld", aanvraag)
