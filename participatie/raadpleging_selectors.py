"""Queries of consultation rounds: staff pages, the public page (only consented answers, names only with
consent), the exports and the participatieverslag."""

from collections import Counter

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from bewonersgroepen.selectors import groepen_van_lid

from .constants import Belanghebbendesoort, Planstatus
from .models import Antwoord, Opgehaald, Raadpleging, Reactie
from .permissions import is_staf_van_gemeente
from .raadpleging_constants import Raadplegingstatus, Reactiesoort

TELT = Q(bevestigd_op__isnull=False)


def _basis():
    return Raadpleging.objects.select_related("plan__project__gemeente", "stap")


def raadplegingen_van(plan):
    return (
        plan.raadplegingen.select_related("stap")
        .annotate(aantal_reacties=Count("reacties", filter=Q(reacties__bevestigd_op__isnull=False)))
        .order_by("open_van", "pk")
    )


def raadpleging_voor_staf(user, pk: int) -> Raadpleging:
    raadpleging = _basis().filter(pk=pk).first()
    if raadpleging is None or not is_staf_van_gemeente(user, raadpleging.plan.project.gemeente_id):
        raise Http404
    return raadpleging


def _antwoorden():
    return Prefetch("antwoorden", queryset=Antwoord.objects.select_related("vraag"))


def reacties_voor_staf(raadpleging):
    """Every response that counts (unconfirmed residents do not), with its answers."""
    return (
        raadpleging.reacties.filter(TELT)
        .select_related("groep", "ketenpartner", "thema")
        .prefetch_related(_antwoorden())
        .order_by("ingediend_op", "pk")
    )


def niet_bevestigd(raadpleging) -> int:
    return raadpleging.reacties.filter(bevestigd_op__isnull=True).count()


def openbare_raadpleging(user, pk: int) -> Raadpleging:
    """Public once open (of a published plan); a concept only for staff of the gemeente."""
    raadpleging = _basis().prefetch_related("vragen").filter(pk=pk).first()
    if raadpleging is None:
        raise Http404
    staf = is_staf_van_gemeente(user, raadpleging.plan.project.gemeente_id)
    openbaar = (
        raadpleging.status != Raadplegingstatus.CONCEPT and raadpleging.plan.status == Planstatus.GEPUBLICEERD
    )
    if not (openbaar or staf):
        raise Http404
    return raadpleging


def openbare_reacties(raadpleging):
    """Only consented, counted answers, and only after the summary is published."""
    if raadpleging.status != Raadplegingstatus.GEPUBLICEERD:
        return Reactie.objects.none()
    return (
        raadpleging.reacties.filter(TELT, toestemming_publiceren=True)
        .select_related("groep", "ketenpartner")
        .prefetch_related(_antwoorden())
        .order_by("ingediend_op", "pk")
    )


def openbare_themas(raadpleging):
    if raadpleging.status != Raadplegingstatus.GEPUBLICEERD:
        return Opgehaald.objects.none()
    return raadpleging.themas.annotate(
        aantal=Count("reacties", filter=Q(reacties__bevestigd_op__isnull=False))
    ).order_by("volgorde", "pk")


def groepen_die_mogen_reageren(user, raadpleging):
    """The user's groups that are invited to the round or stakeholders of its plan."""
    if not user.is_authenticated:
        return []
    uitgenodigd = set(raadpleging.groepen.values_list("pk", flat=True)) | set(
        raadpleging.plan.belanghebbenden.filter(soort=Belanghebbendesoort.GROEP).values_list(
            "groep_id", flat=True
        )
    )
    return [g for g in groepen_van_lid(user) if g.pk in uitgenodigd]


def deelname(raadpleging) -> dict:
    """Who took part (counted responses) by kind."""
    tellingen = Counter(raadpleging.reacties.filter(TELT).values_list("soort", flat=True))
    return {
        "groepen": tellingen[Reactiesoort.GROEP],
        "partners": tellingen[Reactiesoort.PARTNER],
        "inwoners": tellingen[Reactiesoort.INWONER],
        "totaal": sum(tellingen.values()),
    }


def scores(raadpleging) -> list[dict]:
    """Per question: the average score (scale) or the count per choice (multiple choice)."""
    uit = []
    antwoorden = Antwoord.objects.filter(
        reactie__raadpleging=raadpleging, reactie__bevestigd_op__isnull=False
    )
    for vraag in raadpleging.vragen.all():
        eigen = [a for a in antwoorden if a.vraag_id == vraag.pk]
        if vraag.soort == "schaal":
            waarden = [a.score for a in eigen if a.score]
            uit.append(
                {
                    "vraag": vraag,
                    "aantal": len(waarden),
                    "gemiddeld": round(sum(waarden) / len(waarden), 1) if waarden else None,
                }
            )
        elif vraag.soort == "keuze":
            telling = Counter(a.tekst for a in eigen)
            uit.append(
                {"vraag": vraag, "aantal": len(eigen), "keuzes": [(k, telling[k]) for k in vraag.keuzelijst]}
            )
    return uit


# --- exports ----------------------------------------------------------------------------------------
def exportrijen(raadpleging):
    """The header and one row per counted response: kind, sender, dates, consent, theme, each answer."""
    vragen = list(raadpleging.vragen.all())
    kop = ["Nummer", "Soort", "Afzender", "Ingediend op", "Gewijzigd op", "Openbaar", "Met naam", "Thema"]
    kop += [f"{i}. {v.tekst}" for i, v in enumerate(vragen, start=1)]
    rijen = [kop]
    for reactie in reacties_voor_staf(raadpleging):
        per_vraag = {a.vraag_id: a for a in reactie.antwoorden.all()}
        rij = [
            reactie.pk,
            reactie.get_soort_display(),
            reactie.afzender,
            reactie.ingediend_op,
            reactie.gewijzigd_op,
            "ja" if reactie.toestemming_publiceren else "nee",
            "ja" if reactie.toestemming_naam else "nee",
            reactie.thema.titel if reactie.thema_id else "",
        ]
        for vraag in vragen:
            antwoord = per_vraag.get(vraag.pk)
            rij.append(
                None
                if antwoord is None
                else (antwoord.score if antwoord.score is not None else antwoord.tekst)
            )
        rijen.append(rij)
    return rijen


def verslag(plan) -> dict:
    """Everything the participatieverslag shows: the plan, its steps, and per round who took part, what was
    heard and what was done with it."""
    rondes = []
    totaal = Counter()
    for raadpleging in (
        plan.raadplegingen.select_related("stap").prefetch_related("vragen").order_by("open_van")
    ):
        telling = deelname(raadpleging)
        for sleutel in ("groepen", "partners", "inwoners", "totaal"):
            totaal[sleutel] += telling[sleutel]
        rondes.append(
            {
                "raadpleging": raadpleging,
                "deelname": telling,
                "themas": list(
                    raadpleging.themas.annotate(
                        aantal=Count("reacties", filter=Q(reacties__bevestigd_op__isnull=False))
                    )
                ),
                "scores": scores(raadpleging),
            }
        )
    return {
        "plan": plan,
        "project": plan.project,
        "stappen": list(plan.project.stappen.all()),
        "belanghebbenden": list(plan.belanghebbenden.select_related("groep", "ketenpartner")),
        "rondes": rondes,
        "totaal": dict(totaal),
    }
