"""Reusable reads of areas."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Max, Prefetch, Q, Subquery, Sum
from django.shortcuts import get_object_or_404

from .models import Buurt, Gebiedsprofiel, Gemeente, Kern, Postcodegebied, Wijk
from .zoeken import Postcode, normaliseer


def gemeenten_overzicht():
    """All gemeenten with their kernen and counts, in a fixed number of queries."""
    kernen = Kern.objects.annotate(
        aantal_wijken=Count("wijken", distinct=True), inwoners_wijken=Sum("wijken__inwoners")
    ).order_by("naam")
    return (
        Gemeente.objects.annotate(aantal_kernen=Count("kernen", distinct=True))
        .prefetch_related(Prefetch("kernen", queryset=kernen))
        .order_by("naam")
    )


def gemeenten_met_aantal_kernen():
    """Every gemeente with its number of kernen, without loading the kernen (the home page's list)."""
    return (
        Gemeente.objects.annotate(aantal_kernen=Count("kernen")).only("pk", "naam", "slug").order_by("naam")
    )


def werkgebied_vooraf() -> list[Prefetch]:
    """The prefetches of a group's, project's or partner's `kernen` and `wijken` for what lists, pages and
    the API show of them: their names and the wijken's CBS codes (`{{ groep|werkt_in }}`)."""
    return [
        Prefetch("kernen", queryset=Kern.objects.only("pk", "naam")),
        Prefetch("wijken", queryset=Wijk.objects.only("pk", "naam", "code")),
    ]


def kernen_om_te_kiezen(gemeente_ids=None):
    """The kernen of a filter's select (of these gemeenten; None: all), by name: only what the option shows,
    not the gemeente."""
    return _om_te_kiezen(Kern, gemeente_ids)


def wijken_om_te_kiezen(gemeente_ids=None):
    """The wijken of a filter's select, as `kernen_om_te_kiezen`."""
    return _om_te_kiezen(Wijk, gemeente_ids)


def _om_te_kiezen(model, gemeente_ids):
    gebieden = model.objects.only("pk", "naam").order_by("naam", "pk")
    return gebieden if gemeente_ids is None else gebieden.filter(gemeente_id__in=gemeente_ids)


def gemeente_detail(slug: str) -> Gemeente:
    return get_object_or_404(gemeenten_overzicht(), slug=slug)


def kern_detail(gemeente_slug: str, kern_slug: str) -> Kern:
    wijken = Wijk.objects.annotate(aantal_buurten=Count("buurten")).order_by("code")
    return get_object_or_404(
        Kern.objects.select_related("gemeente")
        .annotate(inwoners_wijken=Sum("wijken__inwoners"))
        .prefetch_related(Prefetch("wijken", queryset=wijken)),
        gemeente__slug=gemeente_slug,
        slug=kern_slug,
    )


def wijk_detail(code: str) -> Wijk:
    return get_object_or_404(
        Wijk.objects.select_related("gemeente", "kern").prefetch_related(
            Prefetch("buurten", queryset=Buurt.objects.order_by("code"))
        ),
        code=code.upper(),
    )


def kern_inwoners(kern: Kern) -> int | None:
    """A kern's own figure when set, else the sum of its wijken (None when unknown)."""
    if kern.inwoners is not None:
        return kern.inwoners
    return getattr(kern, "inwoners_wijken", None)


def zoek_gebieden(term: str, limit: int = 20):
    """Kernen and wijken whose name (or wijk code) contains the term, for the lookup pages.

    Compared in folded form (`zoeken.normaliseer`: no case, accents, spaces or hyphens), so "Oud Zuilen",
    "oud-zuilen" and "Oud-Zuilen" find the same areas."""
    zoek = normaliseer(term)
    if not zoek:
        return [], []
    kernen = list(
        Kern.objects.select_related("gemeente").filter(zoeknaam__contains=zoek).order_by("naam")[:limit]
    )
    wijken = list(
        Wijk.objects.select_related("gemeente", "kern")
        .filter(Q(zoeknaam__contains=zoek) | Q(code=(term or "").strip().upper()))
        .order_by("code")[:limit]
    )
    return kernen, wijken


def zoek_gemeenten(term: str, limit: int = 20) -> list[Gemeente]:
    """Gemeenten whose name contains the term (name and slug only), compared in folded form."""
    zoek = normaliseer(term)
    if not zoek:
        return []
    return list(
        Gemeente.objects.filter(zoeknaam__contains=zoek).only("pk", "naam", "slug").order_by("naam")[:limit]
    )


# --- postcode and street -----------------------------------------------------------------------------
@dataclass
class Vondst:
    """An area found by postcode or street, with the reason in plain words."""

    gebied: object  # Kern, Wijk or Buurt
    uitleg: str
    bij_benadering: bool

    @property
    def contactgebied(self):
        """The area the contact page shows: a buurt's contacts are those of its wijk."""
        return self.gebied.wijk if self.gebied.niveau == "buurt" else self.gebied

    @property
    def sleutel(self) -> str:
        gebied = self.contactgebied
        return f"kern-{gebied.pk}" if gebied.niveau == "kern" else f"wijk-{gebied.code}"


def _omschrijving(gebied) -> str:
    if gebied.niveau == "kern":
        return f"{gebied.naam_met_soort} (gemeente {gebied.gemeente.naam})"
    if gebied.niveau == "wijk":
        kern = f", {gebied.kern.naam_met_soort}" if gebied.kern_id else ""
        return f"{gebied.naam_met_soort}{kern} (gemeente {gebied.gemeente.naam})"
    return f"{gebied.naam_met_soort}, {_omschrijving(gebied.wijk)}"


_POSTCODE_RELATIES = (
    "gemeente",
    "kern__gemeente",
    "wijk__gemeente",
    "wijk__kern",
    "buurt__wijk__gemeente",
    "buurt__wijk__kern",
)


def _vondsten(rijen, uitleg, limit: int) -> list[Vondst]:
    """One finding per area the contact page shows (a buurt counts as its wijk), in the rows' order."""
    gezien, vondsten = set(), []
    for rij in rijen:
        vondst = Vondst(gebied=rij.gebied, uitleg="", bij_benadering=rij.bij_benadering)
        if vondst.sleutel in gezien:
            continue
        gezien.add(vondst.sleutel)
        vondst.uitleg = uitleg(rij)
        vondsten.append(vondst)
        if len(vondsten) == limit:
            break
    return vondsten


def zoek_op_postcode(postcode: Postcode, limit: int = 20) -> list[Vondst]:
    """The areas of a postcode: the most specific rows win (a PC6 before a PC4; with a house number, its
    range before the whole PC6). A PC4 that the table only has as PC6s (CBS) gives their areas."""
    codes = [postcode.pc4] + ([postcode.pc6] if postcode.pc6 else [])
    # A street row of a PC4 tells where that street lies, not the whole PC4.
    qs = Postcodegebied.objects.filter(postcode__in=codes).exclude(~Q(straat=""), postcode=postcode.pc4)
    if postcode.huisnummer is not None:
        n = postcode.huisnummer
        qs = qs.filter(Q(huisnummer_van__isnull=True) | Q(huisnummer_van__lte=n, huisnummer_tot__gte=n))
    rijen = list(qs.select_related(*_POSTCODE_RELATIES)[:500])
    if rijen:
        if postcode.huisnummer is None:
            beste = max(len(r.postcode) for r in rijen)
            rijen = [r for r in rijen if len(r.postcode) == beste]
        else:
            beste = max(r.specificiteit for r in rijen)
            rijen = [r for r in rijen if r.specificiteit == beste]
    elif postcode.huisnummer is not None:  # a number outside every range: what the postcode itself says
        return zoek_op_postcode(Postcode(postcode.cijfers, postcode.letters), limit)
    elif not postcode.pc6:
        rijen = list(
            Postcodegebied.objects.filter(postcode__startswith=postcode.pc4)
            .select_related(*_POSTCODE_RELATIES)
            .order_by("postcode", "huisnummer_van")[:2000]
        )
    rijen.sort(key=lambda r: (r.postcode, r.huisnummer_van or 0))

    def uitleg(rij):
        if len(rij.postcode) == 4 and postcode.pc6:  # only the four digits are in the table
            return (
                f"Wij kennen van postcode {postcode} alleen de cijfers {postcode.pc4}. "
                f"Postcode {postcode.pc4} ligt in {_omschrijving(rij.gebied)}."
            )
        return f"Postcode {postcode} ligt in {_omschrijving(rij.gebied)}."

    return _vondsten(rijen, uitleg, limit)


_HUISNUMMER_ACHTERAAN = re.compile(r"\s+\d+\s*[a-zA-Z]?$")


def zoek_op_straat(term: str, limit: int = 20) -> list[Vondst]:
    """Areas of a street, where an imported table names streets ("Straatweg", "straatweg 12")."""
    zoek = normaliseer(_HUISNUMMER_ACHTERAAN.sub("", term or ""))
    if len(zoek) < 3 or zoek.isdigit():
        return []
    rijen = list(
        Postcodegebied.objects.filter(straat_zoeknaam=zoek)
        .select_related(*_POSTCODE_RELATIES)
        .order_by("postcode", "huisnummer_van")[:500]
    )

    def uitleg(rij):
        return f"{rij.straat} (postcode {rij.postcode}) ligt in {_omschrijving(rij.gebied)}."

    return _vondsten(rijen, uitleg, limit)


# Rows of the profile table: (field, label, kind). Age groups also show their share of inhabitants.
PROFIEL_RIJEN = [
    ("inwoners", "Inwoners", "getal"),
    ("mannen", "Mannen", "aandeel"),
    ("vrouwen", "Vrouwen", "aandeel"),
    ("leeftijd_0_15", "0 tot 15 jaar", "aandeel"),
    ("leeftijd_15_25", "15 tot 25 jaar", "aandeel"),
    ("leeftijd_25_45", "25 tot 45 jaar", "aandeel"),
    ("leeftijd_45_65", "45 tot 65 jaar", "aandeel"),
    ("leeftijd_65_plus", "65 jaar of ouder", "aandeel"),
    ("huishoudens", "Huishoudens", "getal"),
    ("woningvoorraad", "Woningen", "getal"),
    ("gemiddelde_woz", "Gemiddelde WOZ-waarde", "euro"),
    ("bevolkingsdichtheid", "Inwoners per km²", "getal"),
]
_OPTELBAAR = [
    "inwoners",
    "mannen",
    "vrouwen",
    "huishoudens",
    "leeftijd_0_15",
    "leeftijd_15_25",
    "leeftijd_25_45",
    "leeftijd_45_65",
    "leeftijd_65_plus",
    "woningvoorraad",
    "oppervlakte_land_ha",
]


def _kernprofiel(kern: Kern) -> dict | None:
    """A kern's figures: the sum of its wijken in the latest year that has figures for them, added up
    by the database in one query.

    A figure missing for one of the wijken stays empty rather than showing a partial sum; the WOZ
    value is the average weighted by dwellings, the density follows from inhabitants and land area.
    A kern of one wijk shows that wijk's own figures.
    """
    laatste = Gebiedsprofiel.objects.filter(wijk__kern=kern).order_by("-jaar").values("jaar")[:1]
    met_woz = Q(gemiddelde_woz__isnull=False, woningvoorraad__gt=0)
    rij = Gebiedsprofiel.objects.filter(wijk__kern=kern, jaar=Subquery(laatste)).aggregate(
        profieljaar=Max("jaar"),
        aantal=Count("pk"),
        **{f"som_{veld}": Sum(veld) for veld in _OPTELBAAR},
        **{f"bekend_{veld}": Count(veld) for veld in _OPTELBAAR},
        woz_enig=Max("gemiddelde_woz"),
        dichtheid_enig=Max("bevolkingsdichtheid"),
        woz_bekend=Count("pk", filter=met_woz),
        woz_maal_woningen=Sum(
            ExpressionWrapper(
                F("gemiddelde_woz") * F("woningvoorraad"),
                output_field=DecimalField(max_digits=24, decimal_places=2),
            ),
            filter=met_woz,
        ),
    )
    aantal = rij["aantal"]
    if not aantal:
        return None
    cijfers = {"jaar": rij["profieljaar"]}
    for veld in _OPTELBAAR:
        cijfers[veld] = rij[f"som_{veld}"] if rij[f"bekend_{veld}"] == aantal else None
    if aantal == 1:
        cijfers["gemiddelde_woz"], cijfers["bevolkingsdichtheid"] = rij["woz_enig"], rij["dichtheid_enig"]
        return cijfers
    if rij["woz_bekend"] == aantal:
        cijfers["gemiddelde_woz"] = (Decimal(rij["woz_maal_woningen"]) / cijfers["woningvoorraad"]).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    else:
        cijfers["gemiddelde_woz"] = None
    if cijfers["inwoners"] is not None and cijfers["oppervlakte_land_ha"]:
        cijfers["bevolkingsdichtheid"] = round(cijfers["inwoners"] * 100 / cijfers["oppervlakte_land_ha"])
    else:
        cijfers["bevolkingsdichtheid"] = None
    return cijfers


def _als_dict(profiel: Gebiedsprofiel | None) -> dict | None:
    if profiel is None:
        return None
    return {"jaar": profiel.jaar, **{veld: getattr(profiel, veld) for veld in Gebiedsprofiel.CIJFERS}}


def _aandeel(deel, geheel):
    if deel is None or not geheel:
        return None
    return round(Decimal(deel) * 100 / Decimal(geheel))


def gebiedsprofiel(gebied) -> dict | None:
    """The latest CBS figures of a gemeente, kern or wijk, next to its gemeente's figures of that year.

    Returns {"jaar", "gemeente", "rijen": [{"label", "soort", "gebied", "aandeel_gebied",
    "gemeente", "aandeel_gemeente"}]}, or None when there are no figures.
    """
    if gebied.niveau == "gemeente":
        eigen = _als_dict(Gebiedsprofiel.objects.filter(gemeente=gebied).first())
        vergelijk = None
    else:
        if gebied.niveau == "kern":
            eigen = _kernprofiel(gebied)
        else:
            eigen = _als_dict(Gebiedsprofiel.objects.filter(wijk=gebied).first())
        vergelijk = eigen and _als_dict(
            Gebiedsprofiel.objects.filter(gemeente_id=gebied.gemeente_id, jaar=eigen["jaar"]).first()
        )
    if eigen is None:
        return None
    rijen = []
    for veld, label, soort in PROFIEL_RIJEN:
        waarde = eigen.get(veld)
        ter_vergelijking = vergelijk.get(veld) if vergelijk else None
        if waarde is None and ter_vergelijking is None:
            continue
        rijen.append(
            {
                "label": label,
                "soort": soort,
                "gebied": waarde,
                "aandeel_gebied": _aandeel(waarde, eigen.get("inwoners")) if soort == "aandeel" else None,
                "gemeente": ter_vergelijking,
                "aandeel_gemeente": (
                    _aandeel(ter_vergelijking, vergelijk.get("inwoners"))
                    if soort == "aandeel" and vergelijk
                    else None
                ),
            }
        )
    if len(rijen) <= 1:
        return None  # inhabitants alone are already on the page
    return {"jaar": eigen["jaar"], "vergelijk": vergelijk is not None, "rijen": rijen}
