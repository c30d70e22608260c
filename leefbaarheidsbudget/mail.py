"""E-mails about applications, queued in the transaction of the change (berichten.sjabloonmail).

Each mail is a template pair in templates/leefbaarheidsbudget/mail/ (subject and text; the HTML part is
made from the text by berichten.opmaak); docs/mail.md lists who gets which.
"""

import berichten
from berichten.opmaak import portaal_url

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

    verse = Aanvraag.objects.select_related("groep", "gemeente", "kern", "behandelaar", "ingevoerd_door").get(
        pk=aanvraag.pk
    )
    adressen = list(ontvangers or [])
    if naar_groep:
        adressen += _adressen_groep(verse)
    adressen = [a for a in adressen if a]
    if not adressen:
        return
    context = {"aanvraag": verse, "url": portaal_url(verse.get_absolute_url()), **extra}
    berichten.sjabloonmail(adressen, f"{MAP}/{sjabloon}", context, gemeente=verse.gemeente_id)


def _naar_behandelaar(sjabloon: str, aanvraag, **extra) -> None:
    """To the responsible adviseur (behandelaar), if there is one."""
    if aanvraag.behandelaar_id and aanvraag.behandelaar.email:
        _mailen(sjabloon, aanvraag, naar_groep=False, ontvangers=[aanvraag.behandelaar.email], **extra)


def mail_ontvangstbevestiging(aanvraag, *, opnieuw: bool) -> None:
    """Entered by staff on the group's behalf: the group hears who entered it, so it can check it."""
    if aanvraag.ingevoerd_door_id and not opnieuw:
        _mailen("namens_ingevoerd", aanvraag)
    else:
        _mailen("ontvangen", aanvraag, opnieuw=opnieuw)


def mail_nieuwe_aanvraag(aanvraag, *, opnieuw: bool) -> None:
    _naar_behandelaar("nieuwe_aanvraag", aanvraag, opnieuw=opnieuw)


def mail_antwoord(aanvraag, *, antwoord: str) -> None:
    """The group answered the behandelaar's question (and so submitted the application again)."""
    _naar_behandelaar("antwoord_behandelaar", aanvraag, antwoord=antwoord)


def mail_ingetrokken(aanvraag) -> None:
    _mailen("ingetrokken", aanvraag)
    _naar_behandelaar("ingetrokken_behandelaar", aanvraag)


def mail_jaarbijdrage_vervallen(aanvraag, *, reden: str) -> None:
    """Staff cancelled a reserved jaarbijdrage; the reason is staff's own text, for the group."""
    _mailen("jaarbijdrage_vervallen", aanvraag, reden=reden)


def mail_aanvulling_gevraagd(aanvraag, *, vraag: str) -> None:
    _mailen("aanvulling", aanvraag, vraag=vraag)


def mail_termijn_verlengd(aanvraag) -> None:
    _mailen("verlengd", aanvraag)


def mail_ingebrekestelling(aanvraag) -> None:
    _mailen("ingebrekestelling", aanvraag)
    _naar_behandelaar("ingebrekestelling_behandelaar", aanvraag)


def mail_besluit(aanvraag) -> None:
    _mailen("besluit", aanvraag)


def mail_betaling(aanvraag) -> None:
    _mailen("betaling", aanvraag)


def mail_verantwoording_gevraagd(aanvraag, *, uiterlijk) -> None:
    _mailen("verantwoording_gevraagd", aanvraag, uiterlijk=uiterlijk)


def mail_verantwoording_te_laat(aanvraag, *, uiterlijk) -> None:
    _mailen("verantwoording_te_laat", aanvraag, uiterlijk=uiterlijk)


def mail_verantwoording_ontvangen(aanvraag) -> None:
    _mailen("verantwoording_ontvangen", aanvraag)
    _naar_behandelaar("verantwoording_te_beoordelen", aanvraag)


def mail_vastgesteld(aanvraag) -> None:
    """Settled; when money is to be paid back, the mail is the reclaim (terugvordering)."""
    _mailen("terugvordering" if aanvraag.terug_te_vorderen else "vastgesteld", aanvraag)


def mail_terugbetaling_ontvangen(aanvraag) -> None:
    _mailen("terugbetaling_ontvangen", aanvraag)
