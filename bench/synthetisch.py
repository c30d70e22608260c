"""Synthetic data at scale, in bulk and deterministic: the data set behind `manage.py generate_data`.

Scale 1 is one gemeente like Stichtse Vecht (12 kernen, ~60 groups, five years of budgets and ~1,500
applications); scale N is N such gemeenten. A fraction below 1 shrinks the one gemeente's volumes (for
tests). Everything comes from one `random.Random(seed)` and a reference date (`vandaag`), so the same
seed and date give the same rows.

The rows are written with `bulk_create`, one gemeente at a time, without services: the generator itself
keeps the invariants the services and models keep (valid CBS codes, assignments per area that never
overlap, a budget and kern ceiling never over-committed, the amount asked derived from the cost lines,
one history row per status change in the order of the workflow table, four eyes on decision, payment
and settlement).
"""

import contextlib
import io
import math
import multiprocessing
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.constants import Gebruikerssoort
from accounts.demo import DEMO_WACHTWOORD
from bewonersgroepen.constants import Functie, Groepsoort, Groepstatus, Overeenkomststatus, Standpunt
from bewonersgroepen.models import (
    Groep,
    Groepstatusovergang,
    Lidmaatschap,
    Overeenkomststatusovergang,
    Samenwerkingsovereenkomst,
)
from gebieden.grenzen import samengesteld
from gebieden.models import Buurt, Gebiedsgrens, Gemeente, Kern, Wijk
from gebiedsagenda.constants import OpgaveStatus
from gebiedsagenda.models import Gebiedsagenda, Opgave, OpgaveStatuswijziging
from gebiedsagenda.models import Thema as AgendaThema
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import (
    Aanvraag,
    Budget,
    Kernplafond,
    Kostenpost,
    Regeling,
    Statuswijziging,
)
from leefbaarheidsbudget.werkstromen import AANVRAAG
from meldingen.constants import MeldingStatus
from meldingen.models import Categorie as Meldingcategorie
from meldingen.models import Melding, Meldingstatuswijziging, Standaardantwoord
from meldingen.termijn import werkdagen_erbij
from meldingen.zaaien import standaardcategorieen
from raad.constants import MotieSoort, MotieStatus
from raad.models import Motie, Voortgangsupdate
from raad.models import Thema as RaadThema
from rollen.constants import Fase, Rol
from rollen.models import Project, Toewijzing

User = get_user_model()

# Synthetic gemeenten get codes from here on: no real CBS gemeente uses GM9xxx.
EERSTE_CODE = 9000
MAX_GEMEENTEN = 999
DOMEIN = "synthetisch.example"
JAREN = 5  # budget years back from this year, this year included
# Meldingen: per gemeente a year, over this many years back (scale 100: 1.2 million).
MELDINGEN_PER_JAAR = 4000
PUNTEN_PER_GRENS = 200  # a wijk's boundary ring: some 5 kB of GeoJSON, as a generalised CBS one
MELDINGEN_JAREN = 3
CATEGORIE_GEWICHT = {
    "Afval": 25,
    "Groen": 15,
    "Straat en stoep": 20,
    "Verlichting": 12,
    "Verkeer": 8,
    "Water": 6,
    "Spelen": 4,
    "Overlast": 10,
}
# (states, weights): reports older than two months are nearly all closed; recent ones are spread out.
OUDE_STATUSSEN = (
    ["afgehandeld", "geannuleerd", "in_behandeling", "wacht_op_derden", "heropend"],
    [90, 6, 2, 1, 1],
)
RECENTE_STATUSSEN = (
    ["gemeld", "in_behandeling", "wacht_op_derden", "doorgezet", "heropend", "afgehandeld", "geannuleerd"],
    [18, 30, 8, 5, 2, 34, 3],
)
GESLOTEN_SET = {"afgehandeld", "geannuleerd"}
TEVREDENHEID_GEWICHTEN = [8, 10, 20, 35, 27]
MELDINGTEKSTEN = [
    "Er ligt veel zwerfvuil.",
    "De lamp brandt niet meer.",
    "Tegel ligt los, je struikelt erover.",
    "Tak hangt over het fietspad.",
    "Put is verstopt na de regen.",
    "Speeltoestel is kapot.",
]
STRATEN = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Julianalaan", "Vechtoever", "Parklaan"]

# The known logins the benchmark uses (and people can try): one per kind of user, in gemeente 1.
LOGINS = {
    "medewerker": f"medewerker@{DOMEIN}",
    "groepslid": f"groepslid@{DOMEIN}",
    "raadslid": f"raadslid@{DOMEIN}",
    "beheerder": f"beheerder@{DOMEIN}",
}

STICHTSE_VECHT_KERNEN = [
    "Maarssen-Dorp",
    "Maarssenbroek",
    "Breukelen",
    "Loenen aan de Vecht",
    "Nigtevecht",
    "Kockengen",
    "Nieuwer Ter Aa",
    "Nieuwersluis",
    "Loenersloot",
    "Oud-Zuilen",
    "Tienhoven",
    "Vreeland",
]
VOOR = ["Oost", "West", "Noord", "Zuid", "Nieuw", "Oud", "Groot", "Klein", "Hoog", "Laag", "Sint"]
STAM = [
    "aar", "berg", "brink", "broek", "dam", "dijk", "donk", "drecht", "ee", "gein", "haven", "heem",
    "holt", "horst", "hout", "kamp", "kerk", "land", "lo", "meer", "molen", "ven", "vliet", "voorde",
    "wijk", "woude", "zand", "zijl", "veld", "stede",
]  # fmt: skip
BEGIN = [
    "Ab", "Bar", "Bleis", "Bre", "Cul", "Dal", "Ede", "Eem", "Gel", "Has", "Heer", "Hil", "Kol", "Lan",
    "Lis", "Mar", "Mid", "Noor", "Ol", "Pan", "Rhe", "Rijs", "Sche", "Spij", "Ter", "Uit", "Val", "Wes",
    "Wou", "Zeg", "Zwa", "Ha", "Ni", "Ro", "Va",
]  # fmt: skip
VOORNAMEN = [
    "Anna", "Bram", "Carla", "Daan", "Eva", "Fatima", "Gerrit", "Hanna", "Ibrahim", "Joke", "Kees",
    "Lotte", "Mohamed", "Noor", "Otto", "Petra", "Quinten", "Ria", "Sven", "Tessa", "Umar", "Vera",
    "Willem", "Yara", "Zeynep", "Bas", "Ilse", "Jan", "Marieke", "Ruud", "Sanne", "Thijs",
]  # fmt: skip
ACHTERNAMEN = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "Yilmaz", "El Amrani", "Kaya", "Verbeek", "Kok", "Jacobs", "van Dijk", "Willems",
]  # fmt: skip
ACTIVITEITEN = [
    "Buurtfeest", "Kerstmarkt", "Zomerspelen", "Koningsdag", "Burendag", "Schoonmaakactie",
    "Wandelroute", "Bankjes bij de speelweide", "Watertappunt", "Schaaktafels", "Boomspiegels",
    "Moestuin", "Jeugdkamp", "Ouderenmiddag", "Muziek op het plein", "Lampionnenoptocht", "Sportdag",
    "Repair Café", "Bloembakken", "Taalcafé",
]  # fmt: skip
KOSTEN = [
    "Huur tent", "Geluid en licht", "Materiaal", "Drukwerk", "Verzekering", "Vervoer", "Planten",
    "Huur zaal", "Gereedschap", "Begeleiding",
]  # fmt: skip
THEMAS = ["Groen", "Verkeer", "Wonen", "Sociaal", "Veiligheid", "Spelen", "Duurzaamheid"]
PARTIJEN = ["VVD", "CDA", "PvdA", "GroenLinks", "D66", "Lokaal Belang", "SP", "ChristenUnie"]

# Fractions of applications whose path ends in a state (before the reference date cuts it short).
UITKOMSTEN = [("toegekend", 70), ("afgewezen", 15), ("ingetrokken", 8), ("ingetrokken_na_toekenning", 2)]
UITKOMSTEN += [("concept_blijft", 5)]
UITKOMST_NAMEN = [u for u, _ in UITKOMSTEN]
UITKOMST_GEWICHTEN = [w for _, w in UITKOMSTEN]


def _bulk(model, objs, batch_size=5000):
    """Insert and return the rows (with their primary keys on PostgreSQL and SQLite)."""
    if objs:
        model.objects.bulk_create(objs, batch_size=batch_size)
    return objs


@contextlib.contextmanager
def _eigen_tijden(*models):
    """Let bulk_create write the dates we give instead of `auto_now`/`auto_now_add` stamping 'now'."""
    velden = [
        (f, f.auto_now, f.auto_now_add)
        for m in models
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for f, _, _ in velden:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in velden:
            f.auto_now, f.auto_now_add = now, add


NUL = Decimal("0.00")
EEN_MINUUT = timedelta(minutes=1)
HOUDT_GELD_VAST = {Status.TOEGEKEND, Status.UITBETAALD, Status.VERANTWOORDING_INGEDIEND, Status.VASTGESTELD}


def geld(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"))


_STANDAARDEN = {}


class _Rij:
    """A row being built for the fast path: one attribute per column (`attname`), model defaults."""

    def __init__(self, model, **waarden):
        if model not in _STANDAARDEN:
            _STANDAARDEN[model] = {
                f.attname: (None if f.primary_key else f.get_default()) for f in model._meta.concrete_fields
            }
        self.__dict__.update(_STANDAARDEN[model])
        self.__dict__.update(waarden)


def _copy_str(waarde: str) -> str:
    if "\\" in waarde or "\t" in waarde or "\n" in waarde or "\r" in waarde:
        return waarde.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return waarde


# Values in PostgreSQL's COPY text format, by type.
_COPY_TEKST = {
    type(None): lambda _: "\\N",
    bool: lambda w: "t" if w else "f",
    str: _copy_str,
    date: date.isoformat,
    datetime: datetime.isoformat,
    int: str,
    Decimal: str,
}


def _copy_tekst(waarde) -> str:
    omzetten = _COPY_TEKST.get(type(waarde))
    if omzetten is None:  # str subclasses such as TextChoices members
        return _copy_str(str(waarde)) if isinstance(waarde, str) else str(waarde)
    return omzetten(waarde)


def _rijen_schrijven(model, rijen, kolommen=None) -> None:
    """Insert many rows fast: COPY on PostgreSQL, bulk_create elsewhere (SQLite in the tests).

    `rijen` are `_Rij` objects (all columns; they get their primary key) or lists whose first item
    is the parent `_Rij` followed by the values of `kolommen` after the first (the parent's key).
    """
    if not rijen:
        return
    tabel = model._meta.db_table
    if isinstance(rijen[0], _Rij):
        kolommen = [f.attname for f in model._meta.concrete_fields]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [tabel, len(rijen)],
                )
                for rij, (pk,) in zip(rijen, cursor.fetchall(), strict=True):
                    rij.id = pk
            waarden = ([getattr(r, k) for k in kolommen] for r in rijen)
        else:
            objecten = [model(**{k: getattr(r, k) for k in kolommen if k != "id"}) for r in rijen]
            model.objects.bulk_create(objecten, batch_size=500)
            for rij, obj in zip(rijen, objecten, strict=True):
                rij.id = obj.pk
            return
    else:
        waarden = ([r[0].id, *r[1:]] for r in rijen)
        if connection.vendor != "postgresql":
            model.objects.bulk_create(
                [model(**dict(zip(kolommen, w, strict=True))) for w in waarden], batch_size=500
            )
            return
    buffer = io.StringIO()
    for rij in waarden:
        buffer.write("\t".join(map(_copy_tekst, rij)))
        buffer.write("\n")
    buffer.seek(0)
    kolomnamen = ", ".join(connection.ops.quote_name(model._meta.get_field(k).column) for k in kolommen)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(tabel)} ({kolomnamen}) FROM STDIN", buffer
        )


@dataclass
class Telling:
    rijen: dict = field(default_factory=dict)

    def tel(self, naam, n):
        self.rijen[naam] = self.rijen.get(naam, 0) + n


class Generator:
    def __init__(self, *, scale: float, seed: int = 1, vandaag: date | None = None, jobs: int = 1, log=None):
        if scale <= 0:
            raise ValueError("De schaal moet groter dan 0 zijn.")
        self.aantal_gemeenten = max(1, round(scale))
        if self.aantal_gemeenten > MAX_GEMEENTEN:
            raise ValueError(f"Hoogstens schaal {MAX_GEMEENTEN}.")
        self.factor = scale / self.aantal_gemeenten  # < 1 only for a fraction of one gemeente
        self.seed = seed
        self.jobs = max(1, jobs)
        self.vandaag = vandaag or timezone.localdate()
        self.log = log or (lambda tekst: None)
        self.telling = Telling()
        self._middernacht = {}
        self.wachtwoord = make_password(DEMO_WACHTWOORD, salt=f"synthetisch{seed}")

    # --- helpers ------------------------------------------------------------------------------------
    def _moment(self, dag: date, uur: int | None = None) -> datetime:
        """A moment during office hours on `dag`, in the project's time zone."""
        uur = self.rng.randint(8, 17) if uur is None else uur
        middernacht = self._middernacht.get(dag)
        if middernacht is None:
            middernacht = self._middernacht[dag] = timezone.make_aware(datetime.combine(dag, dtime()))
        return middernacht + timedelta(hours=uur, minutes=self.rng.randint(0, 59))

    def _persoon(self) -> str:
        return f"{self.rng.choice(VOORNAMEN)} {self.rng.choice(ACHTERNAMEN)}"

    def _n(self, n: int, minimum: int = 1) -> int:
        return max(minimum, round(n * self.factor))

    def _grenzen(self, index: int, g) -> None:
        """A boundary per wijk, about as large as a generalised one of CBS's wijk- en buurtkaart (a ring of
        PUNTEN_PER_GRENS points, some 5 kB of GeoJSON), and per kern its wijken's together, as the boundary
        import makes it: what the maps read. Each gemeente on a square of its own, its wijken side by side."""
        midden_lon, midden_lat = 3.5 + (index % 10) * 0.35, 51.0 + (index // 10) * 0.25
        rng = random.Random(index)  # its own: the rest of the data stays as it was without boundaries
        per_kern = {}
        rijen = []
        for nr, wijk in enumerate(g.wijken):
            lon, lat = midden_lon + (nr % 6) * 0.05, midden_lat + (nr // 6) * 0.04
            ring = []
            for i in range(PUNTEN_PER_GRENS):
                hoek = 2 * math.pi * i / PUNTEN_PER_GRENS
                straal = 0.018 * (1 + 0.15 * rng.random())
                ring.append(
                    [round(lon + straal * math.cos(hoek), 6), round(lat + 0.6 * straal * math.sin(hoek), 6)]
                )
            ring.append(ring[0])
            vlak = {"type": "Polygon", "coordinates": [ring]}
            rijen.append(Gebiedsgrens(wijk=wijk, geometrie=vlak))
            per_kern.setdefault(wijk.kern_id, []).append(vlak)
        rijen += [
            Gebiedsgrens(kern_id=kern_id, geometrie=samengesteld(vlakken))
            for kern_id, vlakken in per_kern.items()
        ]
        _bulk(Gebiedsgrens, rijen, batch_size=500)
        self.telling.tel("grenzen", len(rijen))

    def _plaatsnaam(self, bezet: set) -> str:
        while True:
            naam = self.rng.choice(BEGIN) + self.rng.choice(STAM)
            if self.rng.random() < 0.2:
                naam = f"{self.rng.choice(VOOR)}-{naam}"
            if naam not in bezet:
                bezet.add(naam)
                return naam

    # --- the whole run ------------------------------------------------------------------------------
    def run(self) -> Telling:
        bestaande = Gemeente.objects.filter(code__startswith="GM9").count()
        if bestaande:
            raise ValueError(
                f"Er staan al {bestaande} synthetische gemeenten (GM9xxx) in de database: "
                "gebruik een lege database."
            )
        start = time.monotonic()
        self.soorten = {g.name: g for g in Group.objects.filter(name__in=Gebruikerssoort.values)}
        with transaction.atomic():
            self.raad_themas = [RaadThema.objects.get_or_create(naam=n)[0] for n in THEMAS]
            self.agenda_themas = [AgendaThema.objects.get_or_create(naam=n)[0] for n in THEMAS]
        indices = list(range(self.aantal_gemeenten))
        jobs = min(self.jobs, len(indices)) if connection.vendor == "postgresql" else 1
        if jobs == 1:
            self._gemeenten(indices, start)
        else:
            # Gemeenten are independent (each has its own random stream), so processes can share them
            # out; each writes its part in its own transaction.
            connections.close_all()
            context = multiprocessing.get_context("fork")
            uitkomsten = context.Queue()
            processen = [
                context.Process(target=self._werker, args=(indices[w::jobs], start, uitkomsten))
                for w in range(jobs)
            ]
            for proces in processen:
                proces.start()
            for _ in processen:
                for naam, aantal in uitkomsten.get().items():
                    self.telling.tel(naam, aantal)
            for proces in processen:
                proces.join()
            if any(proces.exitcode for proces in processen):
                raise RuntimeError("Een van de processen is mislukt; begin opnieuw met een lege database.")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.telling.tel("seconden", round(time.monotonic() - start, 1))
        return self.telling

    def _werker(self, indices, start, uitkomsten) -> None:
        try:
            self._gemeenten(indices, start)
        finally:
            uitkomsten.put(self.telling.rijen)
            connections.close_all()

    def _gemeenten(self, indices, start) -> None:
        with transaction.atomic(), _eigen_tijden(Aanvraag, Motie, Voortgangsupdate, Opgave, Gebiedsagenda):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            for n, index in enumerate(indices, start=1):
                # One random stream per gemeente: the same data however the work is shared out.
                self.rng = random.Random(f"{self.seed}:{index}")
                self._gemeente(index)
                if n % 10 == 0 or n == len(indices):
                    self.log(
                        f"  {n}/{len(indices)} gemeenten van dit proces, "
                        f"{self.telling.rijen.get('aanvragen', 0)} aanvragen, {time.monotonic() - start:.0f} s"
                    )

    # --- one gemeente -------------------------------------------------------------------------------
    def _gemeente(self, index: int) -> None:
        rng, plaatsnamen = self.rng, set()
        code = f"{EERSTE_CODE + index + 1:04d}"
        if index == 0:
            naam, kernnamen = "Vechtstreek", list(STICHTSE_VECHT_KERNEN)
        else:
            naam = self._plaatsnaam(plaatsnamen)
            kernnamen = [naam] + [self._plaatsnaam(plaatsnamen) for _ in range(rng.randint(5, 17))]
        if self.factor < 1:
            kernnamen = kernnamen[: max(2, round(len(kernnamen) * self.factor))]
        inwoners = rng.randint(20_000, 120_000)
        gemeente = Gemeente(
            code=f"GM{code}", naam=naam, slug=slugify(f"{naam}-{code}"), inwoners=inwoners, cbs_jaar=2024
        )
        _bulk(Gemeente, [gemeente])
        g = _Gemeente(gemeente=gemeente)

        # Areas: kernen, one or two CBS wijken each, three to eight buurten per wijk.
        g.kernen = _bulk(
            Kern,
            [
                Kern(gemeente=gemeente, naam=k, slug=slugify(k), inwoners=inwoners // len(kernnamen))
                for k in kernnamen
            ],
        )
        wijken, nr = [], 0
        for kern in g.kernen:
            for _ in range(1 if rng.random() < 0.6 else 2):
                nr += 1
                wijknaam = f"Wijk {nr:02d} {kern.naam}"
                wijken.append(
                    Wijk(
                        code=f"WK{code}{nr:02d}",
                        naam=wijknaam,
                        slug=slugify(wijknaam),
                        gemeente=gemeente,
                        kern=kern,
                        inwoners=round((kern.inwoners or 0) / 2 / 5) * 5,
                        cbs_jaar=2024,
                    )
                )
        g.wijken = _bulk(Wijk, wijken)
        buurten = []
        for wijk in g.wijken:
            for b in range(1, rng.randint(3, 8) + 1):
                buurtnaam = f"{wijk.kern.naam} {rng.choice(STAM).capitalize()} {b}"
                buurten.append(
                    Buurt(
                        code=f"BU{wijk.code[2:]}{b:02d}",
                        naam=buurtnaam,
                        slug=slugify(buurtnaam),
                        wijk=wijk,
                        cbs_jaar=2024,
                    )
                )
        _bulk(Buurt, buurten)
        self._grenzen(index, g)
        self.telling.tel("gemeenten", 1)
        self.telling.tel("kernen", len(g.kernen))
        self.telling.tel("wijken", len(g.wijken))
        self.telling.tel("buurten", len(buurten))

        self._personeel(index, g)
        self._groepen(index, g)
        self._budgetten(g)
        self._aanvragen(g)
        self._moties(g)
        self._agenda(g)
        self._meldingen(g)

    # --- staff, council, assignments ---------------------------------------------------------------
    def _gebruikers(self, g, soort: str, aantal: int, vaste_email: str = "") -> list:
        users = []
        for i in range(aantal):
            naam = self._persoon()
            email = vaste_email if (vaste_email and i == 0) else ""
            email = email or f"{slugify(soort)}-{g.gemeente.code.lower()}-{g.teller()}@{DOMEIN}"
            users.append(
                User(
                    email=email,
                    naam=naam,
                    telefoon=f"030-{self.rng.randint(1000000, 9999999)}",
                    gemeente=g.gemeente,
                    password=self.wachtwoord,
                    date_joined=self._moment(self.vandaag - timedelta(days=JAREN * 365)),
                )
            )
        _bulk(User, users)
        groep = self.soorten[soort]
        _bulk(User.groups.through, [User.groups.through(user_id=u.pk, group_id=groep.pk) for u in users])
        self.telling.tel("gebruikers", len(users))
        return users

    def _personeel(self, index: int, g) -> None:
        rng, eerste = self.rng, index == 0
        aantal_adviseurs = max(1, round(len(g.kernen) / 3))
        g.adviseurs = self._gebruikers(
            g,
            Gebruikerssoort.MEDEWERKER,
            aantal_adviseurs,
            vaste_email=LOGINS["medewerker"] if eerste else "",
        )
        g.beheerders = self._gebruikers(g, Gebruikerssoort.MEDEWERKER, max(1, round(len(g.kernen) / 2)))
        g.omgevingsmanagers = self._gebruikers(g, Gebruikerssoort.MEDEWERKER, 2)
        g.oud_personeel = self._gebruikers(g, Gebruikerssoort.MEDEWERKER, 3)
        g.medewerkers = g.adviseurs + g.beheerders + g.omgevingsmanagers
        g.raadsleden = self._gebruikers(
            g, Gebruikerssoort.RAADSLID, 7, vaste_email=LOGINS["raadslid"] if eerste else ""
        )
        fb = self._gebruikers(
            g, Gebruikerssoort.FUNCTIONEEL_BEHEERDER, 1, vaste_email=LOGINS["beheerder"] if eerste else ""
        )
        User.objects.filter(pk=fb[0].pk).update(is_staff=True)

        begin = self.vandaag - timedelta(days=JAREN * 365)
        toewijzingen = []
        g.adviseur_van = {}
        for k, kern in enumerate(g.kernen):
            # Each role per kern is a chain of periods: the next starts the day after the previous ends.
            adviseur = g.adviseurs[k % len(g.adviseurs)]
            beheerder = g.beheerders[k % len(g.beheerders)]
            for rol, huidige in ((Rol.ADVISEUR, adviseur), (Rol.BEHEERDER, beheerder)):
                wissel = begin + timedelta(days=rng.randint(200, JAREN * 365 - 200))
                vorige = rng.choice(g.oud_personeel)
                toewijzingen.append(
                    Toewijzing(
                        rol=rol,
                        medewerker=vorige,
                        gemeente=g.gemeente,
                        kern=kern,
                        van=begin,
                        tot=wissel - timedelta(days=1),
                    )
                )
                toewijzingen.append(
                    Toewijzing(rol=rol, medewerker=huidige, gemeente=g.gemeente, kern=kern, van=wissel)
                )
            g.adviseur_van[kern.pk] = adviseur
            toewijzingen.append(
                Toewijzing(
                    rol=Rol.WIJKWETHOUDER,
                    naam=f"Wethouder {rng.choice(ACHTERNAMEN)}",
                    email=f"wethouder{k % 4 + 1}-{g.gemeente.code.lower()}@{DOMEIN}",
                    gemeente=g.gemeente,
                    kern=kern,
                    van=date(self.vandaag.year - (self.vandaag.year - 2022) % 4, 6, 1),
                )
            )
        projecten = []
        for p in range(3):
            naam = f"{rng.choice(['Herinrichting', 'Nieuwbouw', 'Vernieuwing'])} {g.kernen[p % len(g.kernen)].naam}"
            projecten.append(
                Project(
                    gemeente=g.gemeente,
                    naam=naam,
                    slug=slugify(f"{naam}-{p + 1}"),
                    beschrijving="Een groot project met een participatietraject.",
                    fase=[Fase.INITIATIEF, Fase.PLANVORMING, Fase.UITVOERING][p],
                )
            )
        g.projecten = _bulk(Project, projecten)
        _bulk(
            Project.kernen.through,
            [
                Project.kernen.through(project_id=p.pk, kern_id=g.kernen[i % len(g.kernen)].pk)
                for i, p in enumerate(g.projecten)
            ],
        )
        for i, project in enumerate(g.projecten):
            toewijzingen.append(
                Toewijzing(
                    rol=Rol.OMGEVINGSMANAGER,
                    medewerker=g.omgevingsmanagers[i % 2],
                    gemeente=g.gemeente,
                    project=project,
                    van=begin + timedelta(days=rng.randint(0, 600)),
                )
            )
        _bulk(Toewijzing, toewijzingen)
        self.telling.tel("toewijzingen", len(toewijzingen))

    # --- groups, members, agreements ---------------------------------------------------------------
    def _groepen(self, index: int, g) -> None:
        rng = self.rng
        kinds = (
            [Groepsoort.BEWONERSGROEP] * len(g.kernen)
            + [Groepsoort.PROJECTCOMMISSIE] * 3
            + [Groepsoort.THEMACOMMISSIE] * 5
            + [Groepsoort.ACTIVITEITENCOMMISSIE] * 40
        )
        if self.factor < 1:
            kinds = kinds[: len(g.kernen)] + [Groepsoort.ACTIVITEITENCOMMISSIE] * self._n(40, 2)
        groepen, slugs = [], set()
        begin = self.vandaag - timedelta(days=JAREN * 365 + 200)
        for i, soort in enumerate(kinds):
            kern = g.kernen[i % len(g.kernen)]
            if soort == Groepsoort.BEWONERSGROEP:
                naam = f"Dorpsraad {kern.naam}"
            elif soort == Groepsoort.PROJECTCOMMISSIE:
                naam = f"Projectcommissie {g.projecten[i % 3].naam}"
            elif soort == Groepsoort.THEMACOMMISSIE:
                naam = f"Werkgroep {rng.choice(THEMAS)} {kern.naam}"
            else:
                naam = f"Activiteitencommissie {rng.choice(ACTIVITEITEN)} {kern.naam}"
            slug, n = slugify(naam), 2
            while slug in slugs:
                slug, n = f"{slugify(naam)}-{n}", n + 1
            slugs.add(slug)
            # Most groups are active; a few still wait, were refused, went inactive or stopped.
            status = rng.choices(
                [Groepstatus.ACTIEF, Groepstatus.AANGEMELD, Groepstatus.INACTIEF, Groepstatus.OPGEHEVEN,
                 Groepstatus.AFGEWEZEN],
                [85, 5, 4, 3, 3],
            )[0]  # fmt: skip
            if soort == Groepsoort.ACTIVITEITENCOMMISSIE and i < len(g.kernen) + 10:
                status = Groepstatus.ACTIEF  # enough applicants in every run
            aangemeld = begin + timedelta(days=rng.randint(0, 400 if status != Groepstatus.AANGEMELD else 0))
            if status == Groepstatus.AANGEMELD:
                aangemeld = self.vandaag - timedelta(days=rng.randint(2, 30))
            groepen.append(
                Groep(
                    soort=soort,
                    naam=naam,
                    slug=slug,
                    gemeente=g.gemeente,
                    beschrijving=f"{naam} zet zich in voor {kern.naam}.",
                    email=f"{slug[:40]}-{g.gemeente.code.lower()}@{DOMEIN}",
                    kvk_nummer=f"{rng.randint(10000000, 99999999)}",
                    iban="",
                    achterban_grootte=rng.randint(50, 3000) if soort == Groepsoort.BEWONERSGROEP else None,
                    project=g.projecten[i % 3] if soort == Groepsoort.PROJECTCOMMISSIE else None,
                    thema=rng.choice(THEMAS) if soort == Groepsoort.THEMACOMMISSIE else "",
                    standpunt=rng.choice(Standpunt.values) if soort == Groepsoort.THEMACOMMISSIE else "",
                    status=status,
                    behandelaar=g.adviseur_van[kern.pk],
                    aanmelder_naam=self._persoon(),
                    aangemaakt_op=self._moment(aangemeld),
                )
            )
            groepen[-1]._kern = kern
        g.groepen = _bulk(Groep, groepen)
        _bulk(
            Groep.kernen.through, [Groep.kernen.through(groep_id=x.pk, kern_id=x._kern.pk) for x in g.groepen]
        )
        wijk_links = []
        for x in g.groepen:
            kern_wijken = [w for w in g.wijken if w.kern_id == x._kern.pk]
            if len(kern_wijken) > 1 and rng.random() < 0.3:
                wijk_links.append(Groep.wijken.through(groep_id=x.pk, wijk_id=kern_wijken[0].pk))
        _bulk(Groep.wijken.through, wijk_links)

        # History in the order of the workflow table.
        overgangen = []
        for x in g.groepen:
            dag = x.aangemaakt_op.date()
            door = x.behandelaar
            overgangen.append(
                Groepstatusovergang(groep=x, van="", naar=Groepstatus.AANGEMELD, op=x.aangemaakt_op)
            )
            pad = {
                Groepstatus.AANGEMELD: [],
                Groepstatus.ACTIEF: [Groepstatus.ACTIEF],
                Groepstatus.AFGEWEZEN: [Groepstatus.AFGEWEZEN],
                Groepstatus.INACTIEF: [Groepstatus.ACTIEF, Groepstatus.INACTIEF],
                Groepstatus.OPGEHEVEN: [Groepstatus.ACTIEF, Groepstatus.OPGEHEVEN],
            }[x.status]
            van = Groepstatus.AANGEMELD
            # Members and applications start once the group is active (or at the application).
            x._actief_sinds = x.aangemaakt_op.date()
            for naar in pad:
                dag = dag + timedelta(days=rng.randint(7, 40 if naar == Groepstatus.ACTIEF else 900))
                dag = min(dag, self.vandaag)
                overgangen.append(
                    Groepstatusovergang(
                        groep=x,
                        van=van,
                        naar=naar,
                        door=door,
                        op=self._moment(dag),
                        toelichting=""
                        if naar == Groepstatus.ACTIEF
                        else "Zo besloten in overleg met de groep.",
                    )
                )
                if naar == Groepstatus.ACTIEF:
                    x._actief_sinds = dag
                van = naar
        _bulk(Groepstatusovergang, overgangen)

        # Members: each a person with an account; the first three hold the functions.
        aantal = [rng.randint(4, 10) for _ in g.groepen]
        leden = self._gebruikers(g, Gebruikerssoort.GROEPSLID, sum(aantal))  # of this gemeente's groups
        lidmaatschappen, pos = [], 0
        functies = [Functie.VOORZITTER, Functie.SECRETARIS, Functie.PENNINGMEESTER]
        for x, n in zip(g.groepen, aantal, strict=True):
            x._leden = leden[pos : pos + n]
            pos += n
            sinds = x._actief_sinds
            for j, lid in enumerate(x._leden):
                van = sinds + timedelta(days=0 if j < 3 else rng.randint(0, 300))
                van = min(van, self.vandaag)
                tot = None
                if j >= 3 and rng.random() < 0.1 and van < self.vandaag - timedelta(days=30):
                    tot = van + timedelta(days=rng.randint(1, (self.vandaag - van).days))
                lidmaatschappen.append(
                    Lidmaatschap(
                        groep=x,
                        gebruiker=lid,
                        functie=functies[j] if j < 3 else Functie.LID,
                        is_contactpersoon=j == 0,
                        van=van,
                        tot=tot,
                    )
                )
        _bulk(Lidmaatschap, lidmaatschappen)
        self.telling.tel("groepen", len(g.groepen))
        self.telling.tel("lidmaatschappen", len(lidmaatschappen))
        # The known group member is a member of the first activiteitencommissie (which applies).
        g.aanvragers = [
            x
            for x in g.groepen
            if x.soort == Groepsoort.ACTIVITEITENCOMMISSIE and x.status == Groepstatus.ACTIEF
        ]
        if index == 0:
            User.objects.filter(pk=g.aanvragers[0]._leden[0].pk).update(email=LOGINS["groepslid"])

        # Agreements: every active bewonersgroep has an active (signed) one; older versions expired.
        overeenkomsten, ovg = [], []
        for x in g.groepen:
            if x.soort != Groepsoort.BEWONERSGROEP or x.status != Groepstatus.ACTIEF:
                continue
            start = x._actief_sinds
            versie, vorige = 1, None
            while True:
                eind = start + timedelta(days=rng.choice([730, 1095]))
                actief = eind > self.vandaag
                o = Samenwerkingsovereenkomst(
                    groep=x,
                    versie=versie,
                    startdatum=start,
                    einddatum=eind,
                    jaarbijdrage=geld(rng.choice([500, 750, 1000, 1500])),
                    overlegfrequentie="Vier keer per jaar met de adviseur.",
                    onderwerpen="Leefbaarheid, verkeer en groen in de kern.",
                    verplichtingen_groep="De groep overlegt met de achterban en deelt wat speelt.",
                    verplichtingen_gemeente="De gemeente informeert de groep tijdig over plannen.",
                    ondertekenaar_naam=self._persoon(),
                    ondertekenaar_functie="Wethouder",
                    ondertekend_document=f"overeenkomsten/synthetisch-{x.slug[:60]}-{versie}.pdf",
                    status=Overeenkomststatus.ACTIEF if actief else Overeenkomststatus.VERLOPEN,
                    aangemaakt_op=self._moment(start - timedelta(days=30)),
                )
                o._vorige = vorige
                overeenkomsten.append(o)
                vorige = o
                if actief:
                    break
                start, versie = eind, versie + 1
        # `vorige` points at a row of the same batch: insert version by version.
        for versie in sorted({o.versie for o in overeenkomsten}):
            laag = [o for o in overeenkomsten if o.versie == versie]
            for o in laag:
                o.vorige = o._vorige
            _bulk(Samenwerkingsovereenkomst, laag)
        for o in overeenkomsten:
            door = o.groep.behandelaar
            stappen = [
                ("", Overeenkomststatus.CONCEPT, o.aangemaakt_op),
                (Overeenkomststatus.CONCEPT, Overeenkomststatus.TER_ONDERTEKENING, o.aangemaakt_op + timedelta(days=7)),
                (Overeenkomststatus.TER_ONDERTEKENING, Overeenkomststatus.ACTIEF, o.aangemaakt_op + timedelta(days=20)),
            ]  # fmt: skip
            if o.status == Overeenkomststatus.VERLOPEN:
                stappen.append(
                    (Overeenkomststatus.ACTIEF, Overeenkomststatus.VERLOPEN, self._moment(o.einddatum, 2))
                )
            for van, naar, op in stappen:
                ovg.append(Overeenkomststatusovergang(overeenkomst=o, van=van, naar=naar, door=door, op=op))
        _bulk(Overeenkomststatusovergang, ovg)
        self.telling.tel("overeenkomsten", len(overeenkomsten))

    # --- budgets -----------------------------------------------------------------------------------
    def _budgetten(self, g) -> None:
        rng = self.rng
        jaren = list(range(self.vandaag.year - JAREN + 1, self.vandaag.year + 1))
        if self.vandaag > date(self.vandaag.year, 10, 1):
            jaren.append(self.vandaag.year + 1)  # applications after the cut-off count for next year
        g.regelingen, g.budgetten, g.plafonds = {}, {}, {}
        regelingen, budgetten = [], []
        for jaar in jaren:
            r = Regeling(
                gemeente=g.gemeente,
                jaar=jaar,
                max_per_aanvraag=geld(5000),
                max_per_groep_per_jaar=geld(20000),
                minimale_voorbereiding_dagen=42,
                beslistermijn_weken=8,
                direct_vaststellen_tot=geld(1500),
                sluitingsdatum=date(jaar, 10, 1),
                vier_ogen=True,
            )
            regelingen.append(r)
            g.regelingen[jaar] = r
            b = Budget(
                gemeente=g.gemeente,
                jaar=jaar,
                totaal=geld(round(330_000 * self.factor * rng.uniform(0.9, 1.1), -3)),
                toelichting=f"Leefbaarheidsbudget {jaar}.",
            )
            budgetten.append(b)
            g.budgetten[jaar] = b
        _bulk(Regeling, regelingen)
        _bulk(Budget, budgetten)
        plafonds = []
        for jaar, b in g.budgetten.items():
            # Half of the kernen get a ceiling; together they stay well below the total.
            for kern in g.kernen[::2]:
                p = Kernplafond(budget=b, kern=kern, plafond=geld(b.totaal * Decimal("1.2") / len(g.kernen)))
                plafonds.append(p)
                g.plafonds[(jaar, kern.pk)] = p
        _bulk(Kernplafond, plafonds)

    # --- applications ------------------------------------------------------------------------------
    def _aanvragen(self, g) -> None:
        rng = self.rng
        aantal = round(rng.uniform(1350, 1650)) if self.factor == 1 else self._n(1500)
        eerste_dag = self.vandaag - timedelta(days=JAREN * 365 - 60)
        bereik = (self.vandaag - eerste_dag).days
        dagen = sorted(eerste_dag + timedelta(days=rng.randint(0, bereik)) for _ in range(aantal))
        self._gehouden, self._plafond_gehouden, self._per_groep = {}, {}, {}
        aanvragen, posten, wijzigingen = [], [], []
        medewerkers = [m.pk for m in g.adviseurs + g.beheerders]
        wijken_van = {}
        for w in g.wijken:
            wijken_van.setdefault(w.kern_id, []).append(w.pk)
        for d0 in dagen:
            groep = rng.choice([x for x in g.aanvragers if x._actief_sinds <= d0] or g.aanvragers)
            kern = groep._kern
            regels = [(rng.choice(KOSTEN), geld(rng.randint(4, 60) * 25)) for _ in range(rng.randint(1, 4))]
            totaal = sum((b for _, b in regels), NUL)
            eigen = geld(round(float(totaal) * rng.choice([0, 0, 0.1, 0.2])))
            cof = geld(round(float(totaal) * rng.choice([0, 0, 0, 0.15])))
            activiteit = d0 + timedelta(days=rng.randint(55, 150))
            lid = rng.choice(groep._leden).pk
            kern_wijken = wijken_van.get(kern.pk, [])
            a = _Rij(
                Aanvraag,
                gemeente_id=g.gemeente.pk,
                groep_id=groep.pk,
                titel=f"{rng.choice(ACTIVITEITEN)} {kern.naam}",
                omschrijving="Een activiteit voor en door bewoners.",
                doel="Meer contact tussen buren en een prettiger kern.",
                kern_id=kern.pk,
                wijk_id=kern_wijken[0] if kern_wijken and rng.random() < 0.3 else None,
                datum_van=activiteit,
                datum_tot=activiteit + timedelta(days=rng.choice([0, 0, 0, 1, 2])),
                verwacht_aantal_deelnemers=rng.randint(15, 400),
                eigen_bijdrage=eigen,
                cofinanciering=cof,
                cofinanciering_door="Oranjefonds" if cof else "",
                totale_kosten=totaal,
                gevraagd_bedrag=totaal - eigen - cof,
                begrotingsjaar=d0.year + (1 if d0 > date(d0.year, 10, 1) else 0),
                aangemaakt_door_id=lid,
                aangemaakt_op=self._moment(d0),
            )
            for omschrijving, bedrag in regels:
                posten.append([a, omschrijving, bedrag])
            a._geschiedenis = [[a, "", Status.CONCEPT, "", lid, a.aangemaakt_op, ""]]
            uitkomst = rng.choices(UITKOMST_NAMEN, UITKOMST_GEWICHTEN)[0]
            self._pad(a, uitkomst, d0 + timedelta(days=rng.randint(0, 10)), lid, medewerkers, g)
            a.gewijzigd_op = a._geschiedenis[-1][5]
            aanvragen.append(a)
            wijzigingen.extend(a._geschiedenis)
        _rijen_schrijven(Aanvraag, aanvragen)
        _rijen_schrijven(Kostenpost, posten, kolommen=["aanvraag_id", "omschrijving", "bedrag"])
        _rijen_schrijven(
            Statuswijziging,
            wijzigingen,
            kolommen=["aanvraag_id", "van", "naar", "gebeurtenis", "door_id", "op", "toelichting"],
        )
        # What each budget and kern ceiling holds now: granted, or settled once settled.
        vast = {}
        for a in aanvragen:
            if a.budget_id is not None and a.status in HOUDT_GELD_VAST:
                bedrag = a.vastgesteld_bedrag if a.vastgesteld_bedrag is not None else a.toegekend_bedrag
                vast[("b", a.budget_id)] = vast.get(("b", a.budget_id), NUL) + bedrag
                if a.kernplafond_id is not None:
                    vast[("k", a.kernplafond_id)] = vast.get(("k", a.kernplafond_id), NUL) + bedrag
        for b in g.budgetten.values():
            b.vastgelegd = vast.get(("b", b.pk), NUL)
        for p in g.plafonds.values():
            p.vastgelegd = vast.get(("k", p.pk), NUL)
        Budget.objects.bulk_update(list(g.budgetten.values()), ["vastgelegd"])
        Kernplafond.objects.bulk_update(list(g.plafonds.values()), ["vastgelegd"])
        self.telling.tel("aanvragen", len(aanvragen))
        self.telling.tel("kostenposten", len(posten))
        self.telling.tel("statuswijzigingen", len(wijzigingen))

    def _stap(self, a, naar, dag, door, toelichting=""):
        """One transition of the workflow table at a moment later than the previous one; None (and no
        transition) when that day lies after the reference date."""
        if dag > self.vandaag:
            return None
        if AANVRAAG.overgang(a.status, naar) is None:
            raise AssertionError(f"Overgang {a.status} -> {naar} staat niet in de tabel.")
        geschiedenis = a._geschiedenis
        op = max(self._moment(dag), geschiedenis[-1][5] + EEN_MINUUT)
        geschiedenis.append([a, a.status, naar, "", door, op, toelichting])
        a.status = naar
        return op

    def _pad(self, a, uitkomst, dag, lid, medewerkers, g):
        """Walk the application along the workflow table until its outcome or the reference date.

        Money is held at the grant only if the year's budget, the kern ceiling and the group maximum
        allow it, counting every earlier grant (releases ignored: an upper bound), so no moment in
        the history is over-committed.
        """
        rng, stap = self.rng, self._stap
        if uitkomst == "concept_blijft":
            if rng.random() < 0.5:
                stap(a, Status.INGETROKKEN, dag + timedelta(days=rng.randint(5, 60)), lid)
            return
        if uitkomst == "ingetrokken" and rng.random() < 0.3:
            stap(a, Status.INGETROKKEN, dag, lid, "We doen het toch niet.")
            return
        a.ingediend_op = stap(a, Status.INGEDIEND, dag, lid)
        if not a.ingediend_op:
            return
        regeling = g.regelingen[a.begrotingsjaar]
        a.beslistermijn_dagen = regeling.beslistermijn_dagen
        a.behandelaar_id = behandelaar = g.adviseur_van[a.kern_id].pk
        a.uiterste_beslisdatum = dag + timedelta(days=a.beslistermijn_dagen)
        if rng.random() < 0.15:
            vraag_dag = dag + timedelta(days=rng.randint(3, 15))
            if not stap(a, Status.AANVULLING_GEVRAAGD, vraag_dag, behandelaar, "Stuur een offerte mee."):
                return
            terug = vraag_dag + timedelta(days=rng.randint(3, 25))
            if not stap(a, Status.INGEDIEND, terug, lid):
                a.opgeschort_sinds = vraag_dag
                return
            a.opgeschort_dagen = (terug - vraag_dag).days
            a.uiterste_beslisdatum += timedelta(days=a.opgeschort_dagen)
            dag = terug
        if uitkomst == "ingetrokken":
            stap(a, Status.INGETROKKEN, dag + timedelta(days=rng.randint(1, 20)), lid, "Gaat niet door.")
            return
        dag = dag + timedelta(days=rng.randint(1, 10))
        if not stap(a, Status.IN_BEHANDELING, dag, behandelaar):
            return
        besluit = dag + timedelta(days=rng.randint(5, 45))
        bedrag = min(a.gevraagd_bedrag, regeling.max_per_aanvraag)
        if rng.random() < 0.2:
            bedrag = geld(bedrag * Decimal("0.8"))
        jaar = a.begrotingsjaar
        budget = g.budgetten[jaar]
        plafond = g.plafonds.get((jaar, a.kern_id))
        groep_jaar = (a.groep_id, jaar)
        past = (
            bedrag > 0
            and self._gehouden.get(jaar, NUL) + bedrag <= budget.totaal
            and (plafond is None or self._plafond_gehouden.get(plafond.pk, NUL) + bedrag <= plafond.plafond)
            and self._per_groep.get(groep_jaar, NUL) + bedrag <= regeling.max_per_groep_per_jaar
        )
        if uitkomst == "afgewezen" or not past:
            motivering = "Past niet in de regeling." if uitkomst == "afgewezen" else "Het budget is op."
            op = stap(a, Status.AFGEWEZEN, besluit, behandelaar, motivering)
            if op:
                self._besluit(a, op, behandelaar, motivering)
            return
        op = stap(a, Status.TOEGEKEND, besluit, behandelaar, "Past in de regeling.")
        if not op:
            return
        self._besluit(a, op, behandelaar, "Past in de regeling.")
        self._gehouden[jaar] = self._gehouden.get(jaar, NUL) + bedrag
        self._per_groep[groep_jaar] = self._per_groep.get(groep_jaar, NUL) + bedrag
        if plafond is not None:
            self._plafond_gehouden[plafond.pk] = self._plafond_gehouden.get(plafond.pk, NUL) + bedrag
            a.kernplafond_id = plafond.pk
        a.budget_id, a.toegekend_bedrag = budget.pk, bedrag
        if bedrag <= regeling.direct_vaststellen_tot:
            a.direct_vastgesteld = True
            a.vastgesteld_bedrag, a.vastgesteld_op, a.vastgesteld_door_id = bedrag, op, behandelaar
        if uitkomst == "ingetrokken_na_toekenning":
            stap(a, Status.INGETROKKEN, besluit + timedelta(days=rng.randint(3, 30)), lid, "Afgelast.")
            return
        # Four eyes: a colleague registers the payment, and another one settles.
        betaler = rng.choice([m for m in medewerkers if m != behandelaar] or medewerkers)
        betaaldag = besluit + timedelta(days=rng.randint(5, 20))
        kenmerk = f"BK-{jaar}-{rng.randint(1000, 9999)}"
        if not stap(a, Status.UITBETAALD, betaaldag, betaler, kenmerk):
            return
        a.uitbetaald_op, a.uitbetaald_bedrag, a.betaling_door_id, a.betaalkenmerk = (
            betaaldag,
            bedrag,
            betaler,
            kenmerk,
        )
        if a.direct_vastgesteld:
            stap(a, Status.VASTGESTELD, betaaldag, betaler, "Direct vastgesteld bij het besluit.")
            return
        verantwoording = max(a.datum_tot, betaaldag) + timedelta(days=rng.randint(7, 60))
        a.verantwoord_op = stap(a, Status.VERANTWOORDING_INGEDIEND, verantwoording, lid)
        if not a.verantwoord_op:
            return
        a.werkelijke_kosten = geld(a.totale_kosten * Decimal(rng.choice(["0.8", "0.95", "1", "1", "1.05"])))
        a.verslag = "Het ging goed; er kwamen veel buren."
        vaststeller = rng.choice([m for m in medewerkers if m != betaler] or medewerkers)
        vaststel_dag = verantwoording + timedelta(days=rng.randint(5, 40))
        op = stap(a, Status.VASTGESTELD, vaststel_dag, vaststeller)
        if not op:
            return
        vastgesteld = min(bedrag, max(NUL, a.werkelijke_kosten - a.eigen_bijdrage - a.cofinanciering))
        a.vastgesteld_bedrag, a.vastgesteld_op, a.vastgesteld_door_id = vastgesteld, op, vaststeller
        a.terug_te_vorderen = max(NUL, bedrag - vastgesteld)
        if a.terug_te_vorderen and vaststel_dag + timedelta(days=30) <= self.vandaag:
            a.terugontvangen_op = vaststel_dag + timedelta(days=rng.randint(10, 30))

    def _besluit(self, a, op, door, motivering):
        a.besluit_op = op
        a.beslist_door_id = door
        a.motivering = motivering
        a.doorlooptijd_dagen = (op.date() - a.ingediend_op.date()).days  # both in local time

    # --- council ------------------------------------------------------------------------------------
    def _moties(self, g) -> None:
        rng = self.rng
        moties = []
        for n in range(self._n(30, 2)):
            jaar = self.vandaag.year - rng.randint(0, JAREN - 1)
            aangenomen = date(jaar, rng.randint(1, 12), rng.randint(1, 28))
            aangenomen = min(aangenomen, self.vandaag)
            moties.append(
                Motie(
                    gemeente=g.gemeente,
                    soort=rng.choice([MotieSoort.MOTIE, MotieSoort.MOTIE, MotieSoort.TOEZEGGING]),
                    nummer=f"M-{n + 1}",
                    titel=f"{rng.choice(THEMAS)} in {rng.choice(g.kernen).naam}",
                    indieners=f"{rng.choice(PARTIJEN)} e.a.",
                    jaar=aangenomen.year,
                    datum_aangenomen=aangenomen,
                    gevraagde_actie="De raad vraagt het college om met bewoners een plan te maken.",
                    status=MotieStatus.LOPEND,
                    aangemaakt_op=self._moment(aangenomen),
                    gewijzigd_op=self._moment(aangenomen),
                )
            )
        _bulk(Motie, moties)
        koppel_k, koppel_t, updates = [], [], []
        for m in moties:
            for kern in rng.sample(g.kernen, k=min(len(g.kernen), rng.randint(1, 2))):
                koppel_k.append(Motie.kernen.through(motie_id=m.pk, kern_id=kern.pk))
            koppel_t.append(Motie.themas.through(motie_id=m.pk, thema_id=rng.choice(self.raad_themas).pk))
            dag, status = m.datum_aangenomen, MotieStatus.LOPEND
            for u in range(rng.randint(0, 4)):
                dag = dag + timedelta(days=rng.randint(30, 200))
                if dag > self.vandaag:
                    break
                afdoen = status == MotieStatus.LOPEND and u >= 1 and rng.random() < 0.5
                updates.append(
                    Voortgangsupdate(
                        motie=m,
                        datum=dag,
                        tekst="Het college heeft met bewoners gesproken." if not afdoen else "Uitgevoerd.",
                        auteur=rng.choice(g.adviseurs),
                        status_van=MotieStatus.LOPEND if afdoen else "",
                        status_naar=MotieStatus.AFGEDAAN if afdoen else "",
                        aangemaakt_op=self._moment(dag),
                    )
                )
                if afdoen:
                    status = MotieStatus.AFGEDAAN
                    break
            m.status = status
        Motie.objects.bulk_update([m for m in moties if m.status != MotieStatus.LOPEND], ["status"])
        _bulk(Motie.kernen.through, koppel_k)
        _bulk(Motie.themas.through, koppel_t)
        _bulk(Voortgangsupdate, updates)
        self.telling.tel("moties", len(moties))

    # --- area agenda --------------------------------------------------------------------------------
    def _agenda(self, g) -> None:
        rng = self.rng
        agendas = _bulk(
            Gebiedsagenda,
            [
                Gebiedsagenda(
                    gemeente_id=kern.gemeente_id,
                    kern=kern,
                    toekomstbeeld=f"{kern.naam} blijft een groene, levendige kern met ruimte voor jong en oud.",
                    bijgewerkt_op=self._moment(self.vandaag - timedelta(days=rng.randint(1, 200))),
                )
                for kern in g.kernen
            ],
        )
        opgaven = []
        for agenda in agendas:
            for _ in range(rng.randint(1, 3)):
                op = self._moment(self.vandaag - timedelta(days=rng.randint(30, 900)))
                opgaven.append(
                    Opgave(
                        agenda=agenda,
                        titel=f"{rng.choice(THEMAS)}: {rng.choice(ACTIVITEITEN).lower()}",
                        thema=rng.choice(self.agenda_themas),
                        beschrijving="Wat we samen met bewoners willen bereiken.",
                        eigenaar=g.adviseur_van[agenda.kern.pk],
                        status=OpgaveStatus.SIGNALERING,
                        aangemaakt_op=op,
                        gewijzigd_op=op,
                    )
                )
        _bulk(Opgave, opgaven)
        wijzigingen = []
        volgorde = [OpgaveStatus.SIGNALERING, OpgaveStatus.IN_ONDERZOEK, OpgaveStatus.IN_UITVOERING]
        for o in opgaven:
            wijzigingen.append(
                OpgaveStatuswijziging(
                    opgave=o, van="", naar=OpgaveStatus.SIGNALERING, door=o.eigenaar, op=o.aangemaakt_op
                )
            )
            stappen = rng.randint(0, 2)
            for s in range(stappen):
                wijzigingen.append(
                    OpgaveStatuswijziging(
                        opgave=o,
                        van=volgorde[s],
                        naar=volgorde[s + 1],
                        door=o.eigenaar,
                        op=o.aangemaakt_op + timedelta(days=10 * (s + 1)),
                    )
                )
            o.status = volgorde[stappen]
        Opgave.objects.bulk_update(opgaven, ["status"])
        _bulk(OpgaveStatuswijziging, wijzigingen)

    # --- meldingen openbare ruimte (issue 19) ------------------------------------------------------
    def _meldingen(self, g) -> None:
        """MELDINGEN_PER_JAAR reports a year over the last MELDINGEN_JAREN years (scale 100: 1.2 million),
        in the seeded categories, mostly in a wijk. Old ones are nearly all closed (a few still open and
        overdue), recent ones spread over the open states; handled ones have a closing time around their
        category's term and a rating now and then. One or two history rows each; a few duplicates."""
        rng = self.rng
        standaardcategorieen(Meldingcategorie, Standaardantwoord, g.gemeente)
        subs = list(
            Meldingcategorie.objects.filter(gemeente=g.gemeente, hoofdcategorie__isnull=False)
            .select_related("hoofdcategorie")
            .order_by("pk")
        )
        gewichten = [CATEGORIE_GEWICHT.get(c.hoofdcategorie.naam, 5) for c in subs]
        beheerder_van = {kern.pk: g.beheerders[k % len(g.beheerders)].pk for k, kern in enumerate(g.kernen)}
        aantal = self._n(MELDINGEN_PER_JAAR * MELDINGEN_JAREN)
        nu = timezone.make_aware(datetime.combine(self.vandaag, dtime(23, 59)))
        code = g.gemeente.code[2:]
        deadlines, meldingen, stappen, volgnummers = {}, [], [], {}
        for _ in range(aantal):
            dag = self.vandaag - timedelta(days=rng.randint(0, MELDINGEN_JAREN * 365 - 1))
            gemeld = self._moment(dag, rng.randint(7, 21))
            categorie = rng.choices(subs, gewichten)[0]
            plek = rng.random()
            wijk = rng.choice(g.wijken) if plek < 0.85 else None
            kern = wijk.kern if wijk else (rng.choice(g.kernen) if plek < 0.95 else None)
            sleutel = (dag, categorie.afhandeltermijn)
            if sleutel not in deadlines:
                deadlines[sleutel] = werkdagen_erbij(dag, categorie.afhandeltermijn)
            leeftijd = (self.vandaag - dag).days
            status = rng.choices(*(OUDE_STATUSSEN if leeftijd > 60 else RECENTE_STATUSSEN))[0]
            gesloten = None
            if status in (MeldingStatus.AFGEHANDELD, MeldingStatus.GEANNULEERD):
                # Calendar days around the term (in working days): most within, a tail well over it.
                dagen = rng.lognormvariate(math.log(max(categorie.afhandeltermijn, 1) * 1.1), 0.75)
                gesloten = min(gemeld + timedelta(days=dagen), nu)
            behandelaar = beheerder_van.get(kern.pk) if kern and rng.random() < 0.92 else None
            if status == MeldingStatus.GEMELD and rng.random() < 0.5:
                behandelaar = None  # the gemeente's unassigned queue
            volgnummers[dag.year] = volgnummers.get(dag.year, 0) + 1
            m = _Rij(
                Melding,
                gemeente_id=g.gemeente.pk,
                referentie=f"M-{dag.year}-{code}{volgnummers[dag.year]:06d}",
                token=f"{rng.getrandbits(160):040x}",
                categorie_id=categorie.pk,
                tekst=rng.choice(MELDINGTEKSTEN),
                kern_id=kern.pk if kern else None,
                wijk_id=wijk.pk if wijk else None,
                straat=f"{rng.choice(STRATEN)} {rng.randint(1, 120)}",
                email=f"melder{rng.randint(1, 10**6)}@{DOMEIN}" if status not in GESLOTEN_SET else "",
                status=status,
                behandelaar_id=behandelaar,
                deadline=deadlines[sleutel],
                gemeld_op=gemeld,
                gesloten_op=gesloten,
                tevredenheid=(
                    rng.choices(range(1, 6), TEVREDENHEID_GEWICHTEN)[0]
                    if status == MeldingStatus.AFGEHANDELD and rng.random() < 0.3
                    else None
                ),
            )
            meldingen.append(m)
            stappen.append([m, "", MeldingStatus.GEMELD, None, gemeld, "", False, ""])
            if status != MeldingStatus.GEMELD:
                op = gesloten or min(gemeld + timedelta(hours=rng.randint(2, 72)), nu)
                stappen.append([m, MeldingStatus.GEMELD, status, behandelaar, op, "", bool(gesloten), ""])
        _rijen_schrijven(Melding, meldingen)
        # Duplicates: about one in a hundred of the handled ones, linked to an earlier report and closed
        # with it (they count as reports, not as handling).
        dubbel = [m for m in meldingen if m.status == MeldingStatus.AFGEHANDELD and rng.random() < 0.01]
        dubbel_ids = {m.id for m in dubbel}
        for m in dubbel:
            hoofd = rng.choice(meldingen)
            if hoofd.id not in dubbel_ids:  # never a chain: the main report is no duplicate itself
                m.hoofdmelding_id = hoofd.id
        Melding.objects.bulk_update(
            [Melding(pk=m.id, hoofdmelding_id=m.hoofdmelding_id) for m in dubbel if m.hoofdmelding_id],
            ["hoofdmelding"],
            batch_size=1000,
        )
        _rijen_schrijven(
            Meldingstatuswijziging,
            stappen,
            kolommen=[
                "melding_id",
                "van",
                "naar",
                "door_id",
                "op",
                "toelichting",
                "melder_geinformeerd",
                "gebeurtenis",
            ],
        )
        self.telling.tel("meldingen", len(meldingen))
        self.telling.tel("meldingstappen", len(stappen))


@dataclass
class _Gemeente:
    """What one gemeente's steps hand to each other."""

    gemeente: Gemeente
    volgnummer: int = 0

    def teller(self) -> int:
        self.volgnummer += 1
        return self.volgnummer
