"""Mijn werk: the start page after log-in, per kind of user. Reads only; every list is a page or a short
head with a link to the full, paged list, and each part costs a fixed number of queries (pinned per
kind of user in tests/portaal/test_mijn_werk.py).

- a member: their groups with status, and the actions that wait for the group (an application to fill
  in or complete, an accountability due, money to pay back, new payment details to confirm);
- staff: what is assigned to them (applications they handle, from routing or because they took them in
  handling, and every other kind of open work registered in `rollen.registry`), the applications over
  their legal term, and the money steps ("te betalen", "vast te stellen") with the four-eyes rule: a step
  the user may not take says "wacht op een collega";
- a functional admin: the coverage gaps of their gemeente;
- a raadslid lands on the council dashboard (the view redirects).
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q

KOP = 10  # items shown of a queue whose full list is elsewhere (paged)
PAGINA = 20  # the main list of the page, paged here


@dataclass
class Wachtrij:
    """The head of a queue: at most KOP items, the total, and where the full (paged) list is."""

    titel: str
    items: list
    aantal: int
    url: str = ""
    leeg: str = "Niets."


@dataclass
class Lidwerk:
    groepen: list
    acties: object  # a Page of applications that wait for the group
    betaalgegevens: list = field(default_factory=list)  # (wijziging, may confirm, wait-reason)
    zonder_iban: list = field(default_factory=list)  # groups with a grant to be paid and no IBAN on file
    iban_vragen: str = ""


@dataclass
class Stafwerk:
    aan_mij: object  # a Page of applications this user handles
    ander_werk: list  # (provider, Wachtrij) for every other kind of open work
    te_laat: Wachtrij
    te_betalen: Wachtrij
    vast_te_stellen: Wachtrij

    @property
    def heeft_ander_werk(self) -> bool:
        return any(rij.aantal for rij in self.ander_werk)


@dataclass
class Beheerwerk:
    gemeente: object
    gaten: list  # rollen.selectors.Gat, today
    zonder_wijkwethouder: list
    zonder_omgevingsmanager: list


def _kop(qs, titel, url, leeg) -> Wachtrij:
    items = list(qs[:KOP])
    aantal = len(items) if len(items) < KOP else qs.count()
    return Wachtrij(titel=titel, items=items, aantal=aantal, url=url, leeg=leeg)


# --- member ---------------------------------------------------------------------------------------


def _actie_van_groep(aanvraag) -> tuple[str, str]:
    """What the group does now with this application: (text, address), from the application's state."""
    from django.urls import reverse

    from leefbaarheidsbudget.constants import Status
    from leefbaarheidsbudget.services import verantwoording_uiterlijk

    if aanvraag.status == Status.CONCEPT:
        return "Maak de aanvraag af en dien haar in.", reverse(
            "leefbaarheidsbudget:aanvraag_bewerken", args=[aanvraag.pk]
        )
    if aanvraag.status == Status.AANVULLING_GEVRAAGD:
        return "De gemeente vraagt om een aanvulling. Vul de aanvraag aan en dien haar opnieuw in.", reverse(
            "leefbaarheidsbudget:aanvraag", args=[aanvraag.pk]
        )
    if aanvraag.status == Status.UITBETAALD:
        uiterlijk = verantwoording_uiterlijk(aanvraag)
        tekst = "Stuur na de activiteit de verantwoording in"
        tekst += f", uiterlijk {uiterlijk:%d-%m-%Y}." if uiterlijk else "."
        return tekst, reverse("leefbaarheidsbudget:verantwoording", args=[aanvraag.pk])
    return "Betaal het bedrag terug dat de gemeente vaststelde.", aanvraag.get_absolute_url()


def lidwerk(user, *, pagina=None) -> Lidwerk:
    from bewonersgroepen.constants import IBAN_VRAGEN, Wijzigingsstatus
    from bewonersgroepen.models import Betaalgegevenswijziging
    from bewonersgroepen.selectors import groepen_van_lid
    from leefbaarheidsbudget.constants import OPEN_WERK, Status
    from leefbaarheidsbudget.models import Aanvraag

    groepen = list(groepen_van_lid(user).order_by("naam"))
    ids = [g.pk for g in groepen]
    bij_gemeente = {
        groep_id: (n, te_betalen)
        for groep_id, n, te_betalen in Aanvraag.objects.filter(groep_id__in=ids, status__in=OPEN_WERK)
        .exclude(status__in=[Status.AANVULLING_GEVRAAGD, Status.UITBETAALD])
        .values_list("groep_id")
        .annotate(n=Count("pk"), te_betalen=Count("pk", filter=Q(status=Status.TOEGEKEND)))
        .order_by()
    }
    for groep in groepen:
        groep.bij_gemeente, groep.te_betalen = bij_gemeente.get(groep.pk, (0, 0))
    wacht_op_groep = Aanvraag.objects.filter(groep_id__in=ids).filter(
        Q(status__in=[Status.CONCEPT, Status.AANVULLING_GEVRAAGD])
        | Q(status=Status.UITBETAALD, direct_vastgesteld=False)
        | Q(status=Status.VASTGESTELD, terug_te_vorderen__gt=0, terugontvangen_op__isnull=True)
    )
    acties = Paginator(
        wacht_op_groep.select_related("groep").order_by("-gewijzigd_op", "-pk"), PAGINA
    ).get_page(pagina)
    for aanvraag in acties:
        aanvraag.actie_tekst, aanvraag.actie_url = _actie_van_groep(aanvraag)
    # New payment details wait for a second person: the proposer is not offered the button (four eyes,
    # the same rule the service asks).
    betaalgegevens = []
    for wijziging in Betaalgegevenswijziging.objects.filter(
        groep_id__in=ids, status=Wijzigingsstatus.VOORGESTELD
    ).select_related("groep", "voorgesteld_door"):
        mag = user.has_perm("bewonersgroepen.bevestig_betaalgegevens", wijziging)
        wacht = (
            "U stelde deze wijziging zelf voor: een ander bestuurslid of de gemeente bevestigt haar."
            if wijziging.voorgesteld_door_id == user.pk
            else ""
        )
        betaalgegevens.append((wijziging, mag, wacht))
    # A grant waits for payment and the group has no IBAN: the gemeente cannot pay (the payment service
    # refuses), so the group is asked to fill it in, unless a new IBAN already waits for confirmation.
    voorgesteld = {wijziging.groep_id for wijziging, _, _ in betaalgegevens}
    zonder_iban = [g for g in groepen if g.te_betalen and not g.iban and g.pk not in voorgesteld]
    return Lidwerk(
        groepen=groepen,
        acties=acties,
        betaalgegevens=betaalgegevens,
        zonder_iban=zonder_iban,
        iban_vragen=IBAN_VRAGEN,
    )


# --- staff ----------------------------------------------------------------------------------------


def _regelingen(gemeente_id) -> list:
    from leefbaarheidsbudget.models import Regeling

    return list(Regeling.objects.filter(gemeente_id=gemeente_id).order_by("-jaar"))


def _regeling_uit(regelingen, aanvraag):
    """As `leefbaarheidsbudget.selectors.regeling_voor`, from the gemeente's regulations read once."""
    return next(
        (
            r
            for r in regelingen
            if r.gemeente_id == aanvraag.gemeente_id and r.jaar <= aanvraag.begrotingsjaar
        ),
        None,
    )


def _vier_ogen(user, wachtrij: Wachtrij, naar, regelingen) -> None:
    from leefbaarheidsbudget.vier_ogen import wacht_op_collega

    for aanvraag in wachtrij.items:
        aanvraag.wacht_op_collega = wacht_op_collega(
            aanvraag, user, naar, regeling=_regeling_uit(regelingen, aanvraag)
        )


def stafwerk(user, *, pagina=None) -> Stafwerk:
    from django.urls import reverse

    from leefbaarheidsbudget import selectors as budget
    from leefbaarheidsbudget import werk
    from leefbaarheidsbudget.constants import Status
    from leefbaarheidsbudget.permissions import zichtbare_aanvragen
    from rollen.registry import open_werk_providers

    aan_mij = Paginator(
        werk.open_aanvragen(user).select_related("groep", "kern").order_by("uiterste_beslisdatum", "pk"),
        PAGINA,
    ).get_page(pagina)
    ander_werk = []
    for provider in open_werk_providers():
        if provider.key == "aanvragen":  # the list above
            continue
        items = provider.items_for(user)
        items = list(items[: KOP + 1]) if hasattr(items, "filter") else list(items)
        aantal = len(items) if len(items) <= KOP else provider.count_for(user)
        ander_werk.append(Wachtrij(titel=provider.label, items=items[:KOP], aantal=aantal))
    werkvoorraad = reverse("leefbaarheidsbudget:werkvoorraad")
    te_laat = _kop(
        budget.werkvoorraad(user, filter="te_laat"),
        "Over de termijn",
        f"{werkvoorraad}?filter=te_laat",
        "Geen aanvragen over de termijn.",
    )
    geld = zichtbare_aanvragen(user).select_related("groep", "beslist_door", "betaling_door")
    te_betalen = _kop(
        geld.filter(status=Status.TOEGEKEND).order_by("besluit_op", "pk"),
        "Te betalen",
        f"{werkvoorraad}?filter=alle&status={Status.TOEGEKEND}",
        "Er staat niets klaar om te betalen.",
    )
    vast_te_stellen = _kop(
        geld.filter(status=Status.VERANTWOORDING_INGEDIEND).order_by("verantwoord_op", "pk"),
        "Vast te stellen",
        f"{werkvoorraad}?filter=alle&status={Status.VERANTWOORDING_INGEDIEND}",
        "Er wacht geen verantwoording op vaststelling.",
    )
    if te_betalen.items or vast_te_stellen.items:
        regelingen = _regelingen(user.gemeente_id)
        _vier_ogen(user, te_betalen, Status.UITBETAALD, regelingen)
        _vier_ogen(user, vast_te_stellen, Status.VASTGESTELD, regelingen)
    return Stafwerk(
        aan_mij=aan_mij,
        ander_werk=ander_werk,
        te_laat=te_laat,
        te_betalen=te_betalen,
        vast_te_stellen=vast_te_stellen,
    )


# --- functional admin -----------------------------------------------------------------------------


def beheerwerk(user) -> Beheerwerk | None:
    from gebieden.models import Gemeente
    from rollen import selectors as rollen

    gemeente = Gemeente.objects.filter(pk=user.gemeente_id).first() if user.gemeente_id else None
    if gemeente is None:
        return None
    return Beheerwerk(
        gemeente=gemeente,
        gaten=rollen.dekking(gemeente).nu,
        zonder_wijkwethouder=list(rollen.kernen_zonder_wijkwethouder(gemeente)),
        zonder_omgevingsmanager=list(rollen.projecten_zonder_omgevingsmanager(gemeente)),
    )
