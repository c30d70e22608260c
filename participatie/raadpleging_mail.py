"""E-mails of consultation rounds, queued in the transaction of the change (berichten.sjabloonmail).

Template pairs in participatie/templates/participatie/mail/; docs/mail.md lists who gets which. A mail to
a resident's address (not confirmed yet) holds only our own text and the link, never what they typed."""

from django.urls import reverse

import berichten
from berichten.opmaak import portaal_url

MAP = "participatie/mail"


def _sjabloon(naam: str) -> str:
    return f"{MAP}/{naam}"


def _gemeente_id(raadpleging) -> int:
    return raadpleging.plan.project.gemeente_id


def _groepsadressen(groep) -> list[str]:
    """The group's own address and those of its active contact persons."""
    from bewonersgroepen.selectors import actieve_lidmaatschappen

    adressen = set(
        actieve_lidmaatschappen()
        .filter(groep_id=groep.pk, is_contactpersoon=True, gebruiker__is_active=True)
        .values_list("gebruiker__email", flat=True)
    )
    if groep.email:
        adressen.add(groep.email)
    return sorted(a for a in adressen if a)


def mail_partneruitnodiging(uitnodiging) -> None:
    raadpleging = uitnodiging.raadpleging
    berichten.sjabloonmail(
        uitnodiging.ketenpartner.email,
        _sjabloon("partneruitnodiging"),
        {
            "raadpleging": raadpleging,
            "project": raadpleging.plan.project,
            "partner": uitnodiging.ketenpartner,
            "url": portaal_url(reverse("participatie:reageren_partner", args=[uitnodiging.token])),
        },
        gemeente=_gemeente_id(raadpleging),
    )


def mail_groepsuitnodiging(raadpleging, groep) -> None:
    adressen = _groepsadressen(groep)
    if adressen:
        berichten.sjabloonmail(
            adressen,
            _sjabloon("groepsuitnodiging"),
            {
                "raadpleging": raadpleging,
                "project": raadpleging.plan.project,
                "groep": groep,
                "url": portaal_url(reverse("participatie:raadpleging_openbaar", args=[raadpleging.pk])),
            },
            gemeente=_gemeente_id(raadpleging),
        )


def mail_inwoner_bevestigen(reactie, *, opnieuw: bool) -> None:
    raadpleging = reactie.raadpleging
    berichten.sjabloonmail(
        reactie.email,
        _sjabloon("bevestigen"),
        {
            "raadpleging": raadpleging,
            "project": raadpleging.plan.project,
            "opnieuw": opnieuw,
            "url": portaal_url(reverse("participatie:reactie_inwoner", args=[reactie.token])),
        },
        gemeente=_gemeente_id(raadpleging),
    )


def ontvangers_terugkoppeling(raadpleging) -> list[str]:
    """Everyone who took part: confirmed residents, the partners' addresses, each group's addresses."""
    adressen = set()
    for reactie in raadpleging.reacties.select_related("groep", "ketenpartner").filter(
        bevestigd_op__isnull=False
    ):
        if reactie.email:
            adressen.add(reactie.email)
        elif reactie.ketenpartner_id and reactie.ketenpartner.email:
            adressen.add(reactie.ketenpartner.email)
        elif reactie.groep_id:
            adressen.update(_groepsadressen(reactie.groep))
    return sorted(adressen)


def mail_terugkoppeling(raadpleging) -> None:
    adressen = ontvangers_terugkoppeling(raadpleging)
    if adressen:
        project = raadpleging.plan.project
        berichten.sjabloonmail(
            adressen,
            _sjabloon("terugkoppeling"),
            {
                "raadpleging": raadpleging,
                "project": project,
                "url": portaal_url(reverse("participatie:raadpleging_openbaar", args=[raadpleging.pk])),
            },
            gemeente=_gemeente_id(raadpleging),
        )
