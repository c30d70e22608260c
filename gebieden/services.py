"""Writes to areas: the CBS import (used by `import_gebieden` and the demo loader) and the boundary
import (`import_grenzen`)."""

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.text import slugify

from . import grenzen
from .models import Buurt, Gebiedsgrens, Gebiedsprofiel, Gemeente, Kern, Postcodegebied, Wijk
from .validators import (
    buurt_code_validator,
    gemeente_code_of,
    gemeente_code_validator,
    wijk_code_of,
    wijk_code_validator,
)
from .zoeken import normaliseer, postcode_van_bestand

SOORTEN = {"gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt"}
NIVEAU_VOLGORDE = {"gemeente": 0, "wijk": 1, "buurt": 2}
# Area-profile figures: our field -> the column names it may have (CBS key without `_N`, or the
# portal's own file, whose year suffix `_2024` is stripped the same way). Checked in table 85984NED
# (2024): k_0Tot15Jaar_8 ... k_65JaarOfOuder_12, HuishoudensTotaal_29, Bevolkingsdichtheid_34,
# Woningvoorraad_35, GemiddeldeWOZWaardeVanWoningen_39 (in thousands of euros).
PROFIEL_KOLOMMEN = {
    "mannen": ("Mannen", "mannen"),
    "vrouwen": ("Vrouwen", "vrouwen"),
    "huishoudens": ("HuishoudensTotaal", "huishoudens"),
    "leeftijd_0_15": ("k_0Tot15Jaar", "leeftijd_0_15"),
    "leeftijd_15_25": ("k_15Tot25Jaar", "leeftijd_15_25"),
    "leeftijd_25_45": ("k_25Tot45Jaar", "leeftijd_25_45"),
    "leeftijd_45_65": ("k_45Tot65Jaar", "leeftijd_45_65"),
    "leeftijd_65_plus": ("k_65JaarOfOuder", "leeftijd_65_plus"),
    "woningvoorraad": ("Woningvoorraad", "woningvoorraad"),
    "bevolkingsdichtheid": ("Bevolkingsdichtheid", "bevolkingsdichtheid"),
    "oppervlakte_land_ha": ("OppervlakteLand", "oppervlakte_land_ha"),
}
# CBS gives the average WOZ value in thousands of euros; the portal's own file in euros.
WOZ_KOLOMMEN = {"GemiddeldeWOZWaardeVanWoningen": Decimal(1000), "gemiddelde_woz": Decimal(1)}

CODE_VALIDATORS = {
    "gemeente": gemeente_code_validator,
    "wijk": wijk_code_validator,
    "buurt": buurt_code_validator,
}


class ImportFout(Exception):
    """A row that cannot be imported; carries the file's line number and a Dutch reason."""

    def __init__(self, regel: int, reden: str, *, kernbestand: bool = False):
        self.regel = regel
        self.reden = reden
        self.kernbestand = kernbestand  # the line is one of the optional kernen file
        super().__init__(f"Regel {regel}: {reden}")


@dataclass
class Regio:
    """One normalised row: a gemeente, wijk or buurt, whatever file format it came from."""

    regel: int
    soort: str
    code: str
    naam: str
    inwoners: int | None = None
    kern: str = ""
    gemeente_naam: str = ""  # CBS column Gemeentenaam: the gemeente a wijk or buurt lies in
    extra: dict = field(default_factory=dict)


@dataclass
class ImportResultaat:
    jaar: int | None
    aangemaakt: Counter = field(default_factory=Counter)
    bijgewerkt: Counter = field(default_factory=Counter)
    ongewijzigd: Counter = field(default_factory=Counter)
    kernen_aangemaakt: int = 0
    profielen_opgeslagen: int = 0
    profielen_zonder_jaar: int = 0

    @property
    def gewijzigd(self) -> int:
        return sum(self.aangemaakt.values()) + sum(self.bijgewerkt.values()) + self.kernen_aangemaakt

    def samenvatting(self) -> str:
        delen = []
        for soort in ("gemeente", "wijk", "buurt"):
            delen.append(
                f"{soort}: {self.aangemaakt[soort]} nieuw, {self.bijgewerkt[soort]} bijgewerkt, "
                f"{self.ongewijzigd[soort]} ongewijzigd"
            )
        delen.append(f"kernen: {self.kernen_aangemaakt} nieuw")
        if self.profielen_opgeslagen:
            delen.append(f"gebiedsprofielen: {self.profielen_opgeslagen} nieuw of bijgewerkt")
        if self.profielen_zonder_jaar:
            delen.append(
                f"gebiedsprofielen: {self.profielen_zonder_jaar} niet opgeslagen omdat het jaar onbekend is "
                "(geef --jaar op)"
            )
        return "; ".join(delen)


# The StatLine/OData table numbers of "Kerncijfers wijken en buurten" per year (shared/data/README.md).
CBS_TABELLEN = {"85039NED": 2021, "85318NED": 2022, "85618NED": 2023, "85984NED": 2024}


def jaar_uit_bestandsnaam(naam: str) -> int | None:
    """The year of a CBS file from its name: the table number (85984NED) or a year (kwb-2024.csv)."""
    for tabel, jaar in CBS_TABELLEN.items():
        if tabel.lower() in naam.lower():
            return jaar
    gevonden = re.search(r"(?<!\d)(20\d\d)(?!\d)", naam)
    return int(gevonden.group(1)) if gevonden else None


def _kolomnaam(sleutel: str) -> str:
    """CBS column keys carry a suffix that changes per year (AantalInwoners_5): match without it."""
    return re.sub(r"_\d+$", "", (sleutel or "").strip().lstrip("\ufeff"))


def lees_csv(tekst: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """Rows of a CSV text, comma- or semicolon-separated, with their line numbers in the file."""
    tekst = tekst.lstrip("\ufeff")
    eerste_regel = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste_regel.count(";") > eerste_regel.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    try:
        kop = [_kolomnaam(k) for k in next(lezer)]
    except StopIteration:
        return [], []
    rijen = []
    for ruwe_rij in lezer:
        if not any(c.strip() for c in ruwe_rij):
            continue
        rij = {kop[i]: (waarde or "").strip() for i, waarde in enumerate(ruwe_rij) if i < len(kop)}
        rijen.append((lezer.line_num, rij))
    return kop, rijen


def lees_bestand(pad: str | Path) -> str:
    return Path(pad).read_text(encoding="utf-8-sig")


def _getal(waarde: str, regel: int, kolom: str) -> int | None:
    waarde = (waarde or "").strip().replace(" ", "")
    if waarde in ("", ".", "null", "None"):
        return None
    try:
        getal = Decimal(waarde.replace(",", "."))
    except InvalidOperation:
        raise ImportFout(regel, f"'{waarde}' in kolom {kolom} is geen getal.") from None
    if getal < 0:
        raise ImportFout(regel, f"'{waarde}' in kolom {kolom} mag niet negatief zijn.")
    return int(getal)


def _bedrag(waarde: str, regel: int, kolom: str, factor: Decimal) -> Decimal | None:
    waarde = (waarde or "").strip().replace(" ", "")
    if waarde in ("", ".", "null", "None"):
        return None
    try:
        bedrag = Decimal(waarde.replace(",", ".")) * factor
    except InvalidOperation:
        raise ImportFout(regel, f"'{waarde}' in kolom {kolom} is geen getal.") from None
    if bedrag < 0 or not bedrag.is_finite():
        raise ImportFout(regel, f"'{waarde}' in kolom {kolom} mag niet negatief zijn.")
    return bedrag.quantize(Decimal("0.01"))


def profielcijfers(regio: Regio) -> dict:
    """The area-profile figures in a row (only those present), checked; {} when there are none."""
    cijfers = {}
    for veld, kolommen in PROFIEL_KOLOMMEN.items():
        for kolom in kolommen:
            if kolom in regio.extra:
                waarde = _getal(regio.extra[kolom], regio.regel, kolom)
                if waarde is not None:
                    cijfers[veld] = waarde
                break
    for kolom, factor in WOZ_KOLOMMEN.items():
        if kolom in regio.extra:
            waarde = _bedrag(regio.extra[kolom], regio.regel, kolom, factor)
            if waarde is not None:
                cijfers["gemiddelde_woz"] = waarde
            break
    if cijfers and regio.inwoners is not None:
        cijfers["inwoners"] = regio.inwoners
    return cijfers


def _profiel_opslaan(obj, cijfers: dict, jaar: int | None, resultaat: ImportResultaat) -> None:
    """One profile per area and year; a second run of the same file changes nothing."""
    if not cijfers:
        return
    if jaar is None:
        resultaat.profielen_zonder_jaar += 1
        return
    waarden = {veld: cijfers.get(veld) for veld in Gebiedsprofiel.CIJFERS}
    profiel = Gebiedsprofiel.objects.filter(**{obj.niveau: obj}, jaar=jaar).first()
    if profiel is None:
        profiel = Gebiedsprofiel(**{obj.niveau: obj}, jaar=jaar, **waarden)
    elif not _bijwerken(profiel, waarden):
        return
    profiel.full_clean(validate_unique=False, validate_constraints=False)
    profiel.save()
    resultaat.profielen_opgeslagen += 1


def regios_uit_cbs(tekst: str) -> list[Regio]:
    """Rows of the CBS table 'Kerncijfers wijken en buurten' (StatLine CSV or OData export)."""
    kop, rijen = lees_csv(tekst)
    nodig = {"WijkenEnBuurten", "SoortRegio", "Codering"}
    ontbreekt = nodig - set(kop)
    if ontbreekt:
        raise ImportFout(
            1,
            "Dit is geen CBS-bestand 'Kerncijfers wijken en buurten': kolom(men) "
            + ", ".join(sorted(ontbreekt))
            + " ontbreken.",
        )
    regios = []
    for regel, rij in rijen:
        soort = SOORTEN.get(rij.get("SoortRegio", "").strip().lower())
        if soort is None:
            continue  # e.g. the 'Land' row for the whole country
        regios.append(
            Regio(
                regel=regel,
                soort=soort,
                code=rij.get("Codering", "").strip().upper(),
                naam=rij.get("WijkenEnBuurten", "").strip(),
                inwoners=_getal(rij.get("AantalInwoners", ""), regel, "AantalInwoners"),
                gemeente_naam=rij.get("Gemeentenaam", "").strip(),
                extra=rij,
            )
        )
    return regios


def regios_uit_portaalformaat(tekst: str) -> list[Regio]:
    """Rows of the portal's own area file (niveau, code, naam, ouder, kern, inwoners_JJJJ)."""
    _, rijen = lees_csv(tekst)
    regios = []
    for regel, rij in rijen:
        inwoners_kolom = next((k for k in rij if k.startswith("inwoners")), None)
        soort = SOORTEN.get(rij.get("niveau", "").lower())
        if soort is None:
            raise ImportFout(regel, f"Onbekend niveau '{rij.get('niveau', '')}'.")
        regios.append(
            Regio(
                regel=regel,
                soort=soort,
                code=rij.get("code", "").upper(),
                naam=rij.get("naam", ""),
                inwoners=_getal(rij.get(inwoners_kolom, ""), regel, inwoners_kolom or "inwoners"),
                kern=rij.get("kern", ""),
                extra=rij,
            )
        )
    return regios


def kernindeling_uit_csv(tekst: str) -> dict[str, tuple[int, str]]:
    """The optional second file: which kern each wijk belongs to (columns wijkcode/code and kern)."""
    kop, rijen = lees_csv(tekst)
    codekolom = "wijkcode" if "wijkcode" in kop else "code"
    if codekolom not in kop or "kern" not in kop:
        raise ImportFout(1, "Het kernbestand moet de kolommen 'wijkcode' en 'kern' hebben.", kernbestand=True)
    return {rij[codekolom].upper(): (regel, rij["kern"]) for regel, rij in rijen if rij.get(codekolom)}


def _bijwerken(obj, waarden: dict) -> bool:
    """Set only the fields that differ, so a second run of the same file changes nothing."""
    gewijzigd = False
    for veld, waarde in waarden.items():
        if hasattr(waarde, "_meta"):  # a related object: compare keys, not (possibly unloaded) objects
            if getattr(obj, f"{veld}_id") != waarde.pk:
                setattr(obj, veld, waarde)
                gewijzigd = True
        elif getattr(obj, veld) != waarde:
            setattr(obj, veld, waarde)
            gewijzigd = True
    return gewijzigd


def _controleer(obj, regel: int, exclude=None, *, kernbestand: bool = False):
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as fout:
        redenen = []
        for veld, meldingen in fout.message_dict.items():
            redenen.extend(f"{veld}: {m}" if veld != "__all__" else m for m in meldingen)
        raise ImportFout(regel, " ".join(redenen), kernbestand=kernbestand) from None


def _kern(gemeente, naam, cache, resultaat, regel: int, kernbestand: bool) -> Kern:
    sleutel = (gemeente.pk, naam)
    if sleutel not in cache:
        kern = Kern.objects.filter(gemeente=gemeente, naam=naam).first()
        if kern is None:
            kern = Kern(gemeente=gemeente, naam=naam, slug=_unieke_kernslug(gemeente, naam))
            _controleer(kern, regel, kernbestand=kernbestand)
            kern.save()
            resultaat.kernen_aangemaakt += 1
        cache[sleutel] = kern
    return cache[sleutel]


def _unieke_kernslug(gemeente, naam) -> str:
    basis = slugify(naam) or "kern"
    slug, n = basis, 2
    while Kern.objects.filter(gemeente=gemeente, slug=slug).exists():
        slug, n = f"{basis}-{n}", n + 1
    return slug


@transaction.atomic
def gebieden_importeren(
    *, regios: list[Regio], jaar: int | None, kernindeling: dict[str, tuple[int, str]] | None = None
) -> ImportResultaat:
    """Create or update gemeenten, wijken and buurten; all or nothing.

    Running it twice with the same file changes nothing. Rows with area-profile figures (households,
    age groups, dwellings, WOZ value, ...) also get a `Gebiedsprofiel` for `jaar`. Wijken get a kern from the row's own `kern`
    column or from `kernindeling`; otherwise their kern stays as it is (for an admin to assign).
    """
    resultaat = ImportResultaat(jaar=jaar)
    kernindeling = kernindeling or {}
    gezien: dict[str, int] = {}
    cijfers: dict[str, dict] = {}
    for regio in regios:
        if not regio.code:
            raise ImportFout(regio.regel, "De regiocode ontbreekt.")
        if not regio.naam:
            raise ImportFout(regio.regel, f"De naam van {regio.code} ontbreekt.")
        try:
            CODE_VALIDATORS[regio.soort](regio.code)
        except ValidationError as fout:
            raise ImportFout(regio.regel, f"'{regio.code}': {fout.messages[0]}") from None
        if regio.code in gezien:
            raise ImportFout(regio.regel, f"Code {regio.code} staat ook al op regel {gezien[regio.code]}.")
        gezien[regio.code] = regio.regel
        cijfers[regio.code] = profielcijfers(regio)
    _controleer_gemeentenamen(regios)

    gemeenten = {g.code: g for g in Gemeente.objects.all()}
    wijken = {w.code: w for w in Wijk.objects.all()}
    buurten = {b.code: b for b in Buurt.objects.all()}
    kern_cache: dict = {}

    for regio in sorted(regios, key=lambda r: (NIVEAU_VOLGORDE[r.soort], r.regel)):
        # A file without a year leaves the year an area was last imported from as it is.
        jaar_waarde = {"cbs_jaar": jaar} if jaar is not None else {}
        if regio.soort == "gemeente":
            obj = gemeenten.get(regio.code)
            nieuw = obj is None
            if nieuw:
                obj = Gemeente(code=regio.code, slug=_unieke_slug(Gemeente, regio.naam))
            gewijzigd = _bijwerken(obj, {"naam": regio.naam, "inwoners": regio.inwoners, **jaar_waarde})
            _controleer(obj, regio.regel)
            gemeenten[regio.code] = obj
        elif regio.soort == "wijk":
            gemeente = gemeenten.get(gemeente_code_of(regio.code))
            if gemeente is None and regio.gemeente_naam:
                # A file with only wijken and buurten: the gemeente comes from the column Gemeentenaam.
                gemeente = Gemeente(
                    code=gemeente_code_of(regio.code),
                    naam=regio.gemeente_naam,
                    slug=_unieke_slug(Gemeente, regio.gemeente_naam),
                    **jaar_waarde,
                )
                _controleer(gemeente, regio.regel)
                gemeente.save()
                resultaat.aangemaakt["gemeente"] += 1
                gemeenten[gemeente.code] = gemeente
            if gemeente is None:
                raise ImportFout(
                    regio.regel, f"Gemeente {gemeente_code_of(regio.code)} van wijk {regio.code} is onbekend."
                )
            obj = wijken.get(regio.code)
            nieuw = obj is None
            if nieuw:
                obj = Wijk(code=regio.code, slug=slugify(regio.naam) or regio.code.lower())
            waarden = {"naam": regio.naam, "inwoners": regio.inwoners, "gemeente": gemeente, **jaar_waarde}
            kernregel, kernnaam = (
                (regio.regel, regio.kern) if regio.kern else kernindeling.get(regio.code, (0, ""))
            )
            if kernnaam:
                waarden["kern"] = _kern(
                    gemeente, kernnaam, kern_cache, resultaat, kernregel, kernbestand=not regio.kern
                )
            gewijzigd = _bijwerken(obj, waarden)
            _controleer(obj, regio.regel)
            wijken[regio.code] = obj
        else:
            wijk = wijken.get(wijk_code_of(regio.code))
            if wijk is None:
                raise ImportFout(
                    regio.regel, f"Wijk {wijk_code_of(regio.code)} van buurt {regio.code} is onbekend."
                )
            obj = buurten.get(regio.code)
            nieuw = obj is None
            if nieuw:
                obj = Buurt(code=regio.code, slug=slugify(regio.naam) or regio.code.lower())
            gewijzigd = _bijwerken(
                obj, {"naam": regio.naam, "inwoners": regio.inwoners, "wijk": wijk, **jaar_waarde}
            )
            _controleer(obj, regio.regel)
        if nieuw or gewijzigd:
            # Rows are handled level by level, so a parent is always saved before its children.
            obj.save()
            (resultaat.aangemaakt if nieuw else resultaat.bijgewerkt)[regio.soort] += 1
        else:
            resultaat.ongewijzigd[regio.soort] += 1
        _profiel_opslaan(obj, cijfers[regio.code], jaar, resultaat)

    for code, (regel, _kernnaam) in kernindeling.items():
        if code not in wijken:
            raise ImportFout(regel, f"Wijk {code} uit het kernbestand is onbekend.", kernbestand=True)
    return resultaat


def _controleer_gemeentenamen(regios: list[Regio]) -> None:
    """A wijk or buurt whose column Gemeentenaam names another gemeente than its code: a wrong code."""
    namen = {r.code: r.naam for r in regios if r.soort == "gemeente"}
    for regio in regios:
        code = gemeente_code_of(regio.code)
        if regio.soort == "gemeente" or not regio.gemeente_naam or code not in namen:
            continue
        if regio.gemeente_naam.casefold() != namen[code].casefold():
            raise ImportFout(
                regio.regel,
                f"{regio.code} hoort volgens de code bij gemeente {code} ({namen[code]}), "
                f"maar de kolom Gemeentenaam zegt '{regio.gemeente_naam}'.",
            )


def _unieke_slug(model, naam) -> str:
    basis = slugify(naam) or "gebied"
    slug, n = basis, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{basis}-{n}", n + 1
    return slug


def kern_toevoegen(*, gemeente: Gemeente, naam: str) -> Kern:
    """A kern without a CBS wijk of its own (Westland's Heenweg); idempotent."""
    kern = Kern.objects.filter(gemeente=gemeente, naam=naam).first()
    if kern is None:
        kern = Kern(gemeente=gemeente, naam=naam, slug=_unieke_kernslug(gemeente, naam))
        kern.full_clean()
        kern.save()
    return kern


# --- Boundaries --------------------------------------------------------------------------------------

CODEPATROON = re.compile(r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")
NIVEAU_VAN_CODE = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}


@dataclass
class GrensResultaat:
    bijgewerkt: Counter = field(default_factory=Counter)
    onbekend: list[str] = field(default_factory=list)
    kernen: int = 0

    def samenvatting(self) -> str:
        delen = [f"{soort}: {self.bijgewerkt[soort]} grenzen" for soort in ("gemeente", "wijk", "buurt")]
        delen.append(f"kernen: {self.kernen} grenzen samengesteld uit hun wijken")
        if self.onbekend:
            voorbeeld = ", ".join(self.onbekend[:5]) + (" …" if len(self.onbekend) > 5 else "")
            delen.append(f"{len(self.onbekend)} codes niet gevonden ({voorbeeld})")
        return "; ".join(delen)


def _code_van(eigenschappen: dict) -> str | None:
    """The most specific CBS code among a feature's properties (a buurt also names its wijk and gemeente)."""
    codes = [w.strip() for w in eigenschappen.values() if isinstance(w, str) and CODEPATROON.match(w.strip())]
    for voorvoegsel in ("BU", "WK", "GM"):
        for code in codes:
            if code.startswith(voorvoegsel):
                return code
    return None


@transaction.atomic
def grenzen_importeren(*, tekst: str, schematisch: bool = False) -> GrensResultaat:
    """Boundaries from a GeoJSON FeatureCollection in WGS84 (e.g. CBS's wijk- en buurtkaart exported as
    EPSG:4326), matched on the CBS code in each feature's properties; all or nothing.

    A kern's boundary is then put together from its wijken, once every wijk of it has one: the map of
    the council dashboard colours kernen that have a boundary. `schematisch`: the boundaries are a
    sketch (the demo's cells), which the map then says; a real import marks its gemeenten as real.
    """
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as fout:
        raise ImportFout(fout.lineno, "Dit is geen geldig GeoJSON-bestand.") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFout(1, "Verwacht een GeoJSON FeatureCollection.")
    crs = json.dumps(data.get("crs") or {})
    if "28992" in crs:
        raise ImportFout(1, "Het bestand staat in RD (EPSG:28992). Exporteer het als WGS84 (EPSG:4326).")
    modellen = {"gemeente": Gemeente, "wijk": Wijk, "buurt": Buurt}
    resultaat = GrensResultaat()
    gemeenten = set()
    for nummer, feature in enumerate(data.get("features") or [], start=1):
        eigenschappen = (feature or {}).get("properties") or {}
        code = _code_van(eigenschappen)
        if code is None:
            raise ImportFout(nummer, f"Gebied {nummer} heeft geen CBS-code (GM…, WK… of BU…).")
        geometrie = (feature or {}).get("geometry")
        if fout := grenzen.geometrie_fout(geometrie):
            raise ImportFout(nummer, f"{code}: {fout}")
        soort = NIVEAU_VAN_CODE[code[:2]]
        obj = modellen[soort].objects.filter(code=code).first()
        if obj is None:
            resultaat.onbekend.append(code)
            continue
        grens_opslaan(obj, grenzen.afgerond(geometrie))
        resultaat.bijgewerkt[soort] += 1
        if soort == "wijk":
            gemeenten.add(obj.gemeente_id)
        elif soort == "gemeente":
            gemeenten.add(obj.pk)
    wijken_met_grens = Prefetch("wijken", queryset=Wijk.objects.select_related("gebiedsgrens"))
    for kern in Kern.objects.filter(gemeente_id__in=gemeenten).prefetch_related(wijken_met_grens):
        wijken = list(kern.wijken.all())
        if wijken and all(w.grens for w in wijken):
            grens_opslaan(kern, grenzen.samengesteld([w.grens for w in wijken]))
            resultaat.kernen += 1
    Gemeente.objects.filter(pk__in=gemeenten).exclude(grenzen_schematisch=schematisch).update(
        grenzen_schematisch=schematisch
    )
    return resultaat


# --- postcodes ---------------------------------------------------------------------------------------
# At most this many bad lines are listed; the rest are counted.
MAX_GEMELDE_FOUTEN = 50
_JA = {"ja", "j", "1", "true", "waar", "yes", "bij benadering"}


class PostcodeImportFout(Exception):
    """Bad lines in a postcode file: (line, Dutch reason) each. Nothing was saved."""

    def __init__(self, fouten: list[tuple[int, str]], aantal: int):
        self.fouten = fouten
        self.aantal = aantal
        super().__init__(f"{aantal} foute regel(s)")


@dataclass
class PostcodeResultaat:
    bron: str
    regels: int = 0
    opgeslagen: int = 0  # rows the table holds for these gemeenten after the import
    nieuw: int = 0
    ongewijzigd: int = 0
    verwijderd: int = 0  # rows of an earlier import that the file no longer has
    overgeslagen: int = 0  # lines of gemeenten that are not in the portal
    per_gemeente: Counter = field(default_factory=Counter)

    def samenvatting(self) -> str:
        delen = [
            f"{self.regels} regels gelezen",
            f"{self.opgeslagen} postcodegebieden ({self.nieuw} nieuw, {self.ongewijzigd} ongewijzigd, "
            f"{self.verwijderd} van een vorige import verwijderd)",
        ]
        if self.overgeslagen:
            delen.append(f"{self.overgeslagen} regels overgeslagen (gemeente niet in het portaal)")
        if self.per_gemeente:
            delen.append(
                "per gemeente: " + ", ".join(f"{naam} {n}" for naam, n in sorted(self.per_gemeente.items()))
            )
        return "; ".join(delen)


def _csv_regels(bestand):
    """(line number, cells) of a CSV stream, comma- or semicolon-separated, without reading it all into
    memory (CBS's national file has millions of lines). Lines starting with # are comments."""
    eerste = next(bestand, "").lstrip("\ufeff")
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","

    def regels():
        yield eerste
        for regel in bestand:
            yield "\n" if regel.lstrip().startswith("#") else regel

    lezer = csv.reader(regels(), delimiter=scheiding)
    for cellen in lezer:
        if cellen and any(c.strip() for c in cellen) and not cellen[0].lstrip().startswith("#"):
            yield lezer.line_num, [c.strip() for c in cellen]


def _cbs_code(waarde: str, voorvoegsel: str, cijfers: int) -> str | None:
    """A CBS code as stored ("BU19040101"), from "BU19040101" or the bare number (CBS's postcode file
    writes 19040101, and a spreadsheet drops leading zeros: 3630000 is BU03630000)."""
    waarde = (waarde or "").strip().upper()
    if waarde.startswith(voorvoegsel):
        waarde = waarde[2:]
    if waarde.isdigit():
        waarde = waarde.zfill(cijfers)
    code = voorvoegsel + waarde
    validator = {"GM": gemeente_code_validator, "WK": wijk_code_validator, "BU": buurt_code_validator}
    try:
        validator[voorvoegsel](code)
    except ValidationError:
        return None
    return code


def _kolom(kop: list[str], *patronen: str) -> int | None:
    for i, naam in enumerate(kop):
        if any(re.fullmatch(patroon, naam.strip().lstrip("\ufeff"), re.IGNORECASE) for patroon in patronen):
            return i
    return None


def _cel(cellen: list[str], index: int | None) -> str:
    return cellen[index] if index is not None and index < len(cellen) else ""


class _Fouten:
    def __init__(self):
        self.lijst: list[tuple[int, str]] = []
        self.aantal = 0

    def __call__(self, regel: int, reden: str) -> None:
        self.aantal += 1
        if len(self.lijst) < MAX_GEMELDE_FOUTEN:
            self.lijst.append((regel, reden))


def _gemeente_codes() -> dict[str, Gemeente]:
    return {g.code: g for g in Gemeente.objects.only("pk", "code", "naam")}


def _rijen_uit_cbs(kop, regels, resultaat, fout) -> list[Postcodegebied]:
    """CBS's "postcode en huisnummer per buurt": one line per address (PC6;Huisnummer;Buurt2023;...).

    Kept compact: a PC6 wholly in one buurt is one row; a PC6 split over buurten is one row per run of
    house numbers. A buurt the portal lacks falls back to its wijk."""
    i_pc6 = _kolom(kop, r"pc6", r"postcode")
    i_nummer = _kolom(kop, r"huisnummer", r"huisnr")
    i_buurt = _kolom(kop, r"buurt(code)?\d{0,4}")
    if i_pc6 is None or i_nummer is None or i_buurt is None:
        raise PostcodeImportFout(
            [(1, "Kolommen PC6, Huisnummer en Buurt… (bijvoorbeeld Buurt2023) ontbreken.")], 1
        )
    gemeenten = _gemeente_codes()
    per_pc6: dict[str, dict[int, tuple[str, int]]] = {}
    for regel, cellen in regels:
        resultaat.regels += 1
        buurtcode = _cbs_code(_cel(cellen, i_buurt), "BU", 8)
        if buurtcode is None:
            fout(regel, f"'{_cel(cellen, i_buurt)}' is geen buurtcode (BU gevolgd door 8 tekens).")
            continue
        if gemeente_code_of(buurtcode) not in gemeenten:
            resultaat.overgeslagen += 1
            continue
        postcode = postcode_van_bestand(_cel(cellen, i_pc6))
        if postcode is None or len(postcode) != 6:
            fout(regel, f"'{_cel(cellen, i_pc6)}' is geen postcode van 4 cijfers en 2 letters.")
            continue
        nummer = _cel(cellen, i_nummer)
        if not nummer.isdigit():
            fout(regel, f"'{nummer}' is geen huisnummer.")
            continue
        per_pc6.setdefault(postcode, {}).setdefault(int(nummer), (buurtcode, regel))
    codes = {code for nummers in per_pc6.values() for code, _ in nummers.values()}
    buurten = {b.code: b for b in Buurt.objects.filter(code__in=codes).select_related("wijk")}
    wijken = {w.code: w for w in Wijk.objects.filter(code__in={wijk_code_of(c) for c in codes})}
    rijen = []
    for postcode, nummers in sorted(per_pc6.items()):
        stukken: list[list] = []  # [van, tot, buurtcode]
        for nummer in sorted(nummers):
            code = nummers[nummer][0]
            if stukken and stukken[-1][2] == code:
                stukken[-1][1] = nummer
            else:
                stukken.append([nummer, nummer, code])
        for van, tot, code in stukken:
            buurt, wijk = buurten.get(code), wijken.get(wijk_code_of(code))
            if buurt is None and wijk is None:
                fout(
                    nummers[van][1],
                    f"Buurt {code} en wijk {wijk_code_of(code)} staan niet in het portaal. "
                    "Importeer eerst de wijk- en buurtindeling van hetzelfde jaar (import_gebieden).",
                )
                continue
            een_stuk = len(stukken) == 1
            rijen.append(
                Postcodegebied(
                    postcode=postcode,
                    huisnummer_van=None if een_stuk else van,
                    huisnummer_tot=None if een_stuk else tot,
                    buurt=buurt,
                    wijk=None if buurt else wijk,
                    gemeente=gemeenten[gemeente_code_of(code)],
                )
            )
    return rijen


def _gebied_uit_code(code: str, gemeenten: dict[str, Gemeente], cache: dict):
    """A buurt (BU…), wijk (WK…) or kern (gemeentecode/kernnaam: kernen have no CBS code), or None."""
    if code not in cache:
        gebied = None
        if "/" in code:
            gemeentecode, _, naam = code.partition("/")
            gemeente = gemeenten.get(gemeentecode.strip().upper())
            if gemeente:
                gebied = Kern.objects.filter(gemeente=gemeente, zoeknaam=normaliseer(naam)).first()
        elif code.upper().startswith("BU"):
            gebied = Buurt.objects.select_related("wijk").filter(code=code.upper()).first()
        elif code.upper().startswith("WK"):
            gebied = Wijk.objects.filter(code=code.upper()).first()
        cache[code] = gebied
    return cache[code]


def _rijen_uit_tabel(kop, regels, resultaat, fout, bij_benadering: bool) -> list[Postcodegebied]:
    """The simple table: postcode,gebiedscode and optionally huisnummer_van, huisnummer_tot, straat and
    bij_benadering (ja/nee)."""
    i_postcode = _kolom(kop, r"postcode")
    i_code = _kolom(kop, r"gebiedscode")
    i_van, i_tot = _kolom(kop, r"huisnummer_van"), _kolom(kop, r"huisnummer_tot")
    i_straat, i_benadering = _kolom(kop, r"straat(naam)?"), _kolom(kop, r"bij_benadering")
    gemeenten = {g.code: g for g in Gemeente.objects.all()}
    cache: dict = {}
    rijen = []
    for regel, cellen in regels:
        resultaat.regels += 1
        postcode = postcode_van_bestand(_cel(cellen, i_postcode))
        if postcode is None:
            fout(regel, f"'{_cel(cellen, i_postcode)}' is geen postcode (1234 of 1234 AB).")
            continue
        code = _cel(cellen, i_code)
        gebied = _gebied_uit_code(code, gemeenten, cache)
        if gebied is None:
            fout(
                regel,
                f"Gebiedscode '{code}' kennen wij niet. Gebruik een buurtcode (BU…), een wijkcode (WK…) "
                "of gemeentecode/kern (bijvoorbeeld GM1904/Breukelen).",
            )
            continue
        van, tot = _cel(cellen, i_van), _cel(cellen, i_tot)
        if (van or tot) and not (van.isdigit() and tot.isdigit() and int(van) <= int(tot)):
            fout(
                regel,
                "Vul huisnummer_van en huisnummer_tot allebei in, als getallen, van laag naar hoog.",
            )
            continue
        straat = _cel(cellen, i_straat)[:120]
        gemeente_id = gebied.wijk.gemeente_id if gebied.niveau == "buurt" else gebied.gemeente_id
        rijen.append(
            Postcodegebied(
                postcode=postcode,
                huisnummer_van=int(van) if van else None,
                huisnummer_tot=int(tot) if tot else None,
                straat=straat,
                straat_zoeknaam=normaliseer(straat),
                **{gebied.niveau: gebied},
                gemeente_id=gemeente_id,
                bij_benadering=bij_benadering or _cel(cellen, i_benadering).lower() in _JA,
            )
        )
    return rijen


def _postcodesleutel(rij: Postcodegebied) -> tuple:
    return (
        rij.postcode,
        rij.huisnummer_van,
        rij.huisnummer_tot,
        rij.straat,
        rij.kern_id,
        rij.wijk_id,
        rij.buurt_id,
        rij.gemeente_id,
        rij.bij_benadering,
    )


@transaction.atomic
def postcodes_importeren(*, bestand, bij_benadering: bool = False) -> PostcodeResultaat:
    """Import a postcode table from a text stream; all or nothing.

    Recognises CBS's "postcode en huisnummer per buurt" (columns PC6, Huisnummer, Buurt2023, …) and the
    simple `postcode,gebiedscode` table. Replaces what an earlier import of the same kind held for the
    gemeenten in the file, so running it twice gives the same table. Raises PostcodeImportFout with
    every bad line (the first 50 named); then nothing is saved."""
    regels = _csv_regels(iter(bestand))
    try:
        _, kop = next(regels)
    except StopIteration:
        raise PostcodeImportFout([(1, "Het bestand is leeg.")], 1) from None
    fout = _Fouten()
    if _kolom(kop, r"pc6") is not None or _kolom(kop, r"buurt(code)?\d{0,4}") is not None:
        resultaat = PostcodeResultaat(bron=Postcodegebied.Bron.CBS)
        rijen = _rijen_uit_cbs(kop, regels, resultaat, fout)
        for rij in rijen:
            rij.bij_benadering = bij_benadering
    elif _kolom(kop, r"postcode") is not None and _kolom(kop, r"gebiedscode") is not None:
        resultaat = PostcodeResultaat(bron=Postcodegebied.Bron.TABEL)
        rijen = _rijen_uit_tabel(kop, regels, resultaat, fout, bij_benadering)
    else:
        raise PostcodeImportFout(
            [
                (
                    1,
                    "Onbekend bestand. Verwacht de CBS-tabel (kolommen PC6;Huisnummer;Buurt2023) "
                    "of een tabel met de kolommen postcode,gebiedscode.",
                )
            ],
            1,
        )
    if fout.aantal:
        raise PostcodeImportFout(fout.lijst, fout.aantal)
    gemeente_ids = {rij.gemeente_id for rij in rijen}
    # Only the difference is written: a second run of the same file adds, removes or changes no row.
    bestaand: dict[tuple, list[int]] = {}
    for rij in Postcodegebied.objects.filter(bron=resultaat.bron, gemeente_id__in=gemeente_ids):
        bestaand.setdefault(_postcodesleutel(rij), []).append(rij.pk)
    nieuw = []
    for rij in rijen:
        rij.bron = resultaat.bron
        gelijke = bestaand.get(_postcodesleutel(rij))
        if gelijke:
            gelijke.pop()
            resultaat.ongewijzigd += 1
        else:
            nieuw.append(rij)
    weg = [pk for pks in bestaand.values() for pk in pks]
    resultaat.verwijderd = len(weg)
    for begin in range(0, len(weg), 1000):
        Postcodegebied.objects.filter(pk__in=weg[begin : begin + 1000]).delete()
    Postcodegebied.objects.bulk_create(nieuw, batch_size=1000)
    resultaat.nieuw = len(nieuw)
    resultaat.opgeslagen = len(rijen)
    namen = dict(Gemeente.objects.filter(pk__in=gemeente_ids).values_list("pk", "naam"))
    resultaat.per_gemeente = Counter(namen[rij.gemeente_id] for rij in rijen)
    return resultaat


def kern_grens_opslaan(*, kern: Kern, grens: dict) -> Kern:
    """The boundary of a kern that has no wijk of its own (so none to put it together from)."""
    if fout := grenzen.geometrie_fout(grens):
        raise ValidationError({"grens": fout})
    grens_opslaan(kern, grenzen.afgerond(grens))
    return kern


def grens_opslaan(gebied: Gemeente | Kern | Wijk | Buurt, geometrie: dict | None) -> None:
    """Sets (or, with None, removes) the boundary of a gemeente, kern, wijk or buurt; writes nothing when it
    is the same. `gebied.grens` reads the new one at once."""
    soort = type(gebied)._meta.model_name
    huidig = Gebiedsgrens.objects.filter(**{soort: gebied}).first()
    if geometrie is None:
        if huidig is not None:
            huidig.delete()
            gebied.gebiedsgrens = None  # forgets the row it may have read
        return
    if huidig is None:
        huidig = Gebiedsgrens.objects.create(**{soort: gebied}, geometrie=geometrie)
    elif huidig.geometrie != geometrie:
        huidig.geometrie = geometrie
        huidig.save(update_fields=["geometrie"])
    gebied.gebiedsgrens = huidig
