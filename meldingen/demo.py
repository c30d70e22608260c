"""Demo meldingen for `load_demo`: the categories for every gemeente, a routing rule (overlast goes to a
named colleague in Stichtse Vecht) and 26 reports in Stichtse Vecht in every state, most in Maarssenbroek
(the printed Beheerder Leefomgeving login) and a few in the wijk without a beheerder (unassigned)."""

import datetime

from django.utils import timezone

from gebieden.models import Gemeente, Wijk
from rollen.constants import Rol
from rollen.models import Routeringsregel

from . import services
from .constants import MeldingStatus as S
from .constants import soort_werk_van
from .models import Categorie, Melding, Standaardantwoord
from .zaaien import standaardcategorieen

# (wijk code, category (main, sub), text, street, days ago, steps (status, text, inform reporter), e-mail)
# A step in MELDINGEN that records the answer to the open forwarded question (back to in behandeling).
ANTWOORD = "antwoord"

MELDINGEN = [
    (
        "WK190412",
        ("Groen", "Onkruid"),
        "Onkruid tussen de tegels van het pleintje.",
        "Valkenkamp, pleintje",
        6,
        [(S.IN_BEHANDELING, "", False), (S.AFGEHANDELD, "Het onkruid is weggehaald.", True)],
        True,
    ),
    (
        "WK190412",
        ("Water", "Wateroverlast"),
        "Na regen staat de onderdoorgang onder water.",
        "Onderdoorgang Bisonspoor",
        8,
        [(S.AFGEHANDELD, "De put is schoongemaakt.", True)],
        True,
    ),
    (
        "WK190412",
        ("Verlichting", "Lamp brandt niet"),
        "De lantaarnpaal bij het bankje doet het al een week niet.",
        "Valkenkamp 112",
        1,
        [],
        True,
    ),
    (
        "WK190412",
        ("Afval", "Gedumpt afval"),
        "Er staat een oude bank naast de container.",
        "Bisonspoor",
        2,
        [],
        True,
    ),
    (
        "WK190412",
        ("Straat en stoep", "Losse of kapotte tegel"),
        "Losse tegels voor de ingang van de flat.",
        "Zamenhof 40",
        3,
        [(S.IN_BEHANDELING, "", False)],
        True,
    ),
    (
        "WK190412",
        ("Groen", "Boom of tak"),
        "Grote tak hangt half los boven het fietspad.",
        "Safariweg",
        4,
        [(S.IN_BEHANDELING, "Wij komen vandaag kijken.", True)],
        True,
    ),
    (
        "WK190412",
        ("Spelen", "Speeltoestel kapot"),
        "Schommel in de speeltuin is kapot.",
        "Speeltuin Boomstede",
        12,
        [
            (S.IN_BEHANDELING, "", False),
            (S.WACHT_OP_DERDEN, "Wacht op de leverancier van het onderdeel.", True),
        ],
        True,
    ),
    (
        "WK190412",
        ("Water", "Verstopte put"),
        "De put loopt over bij regen.",
        "Wilgenhof",
        20,
        [
            (S.IN_BEHANDELING, "", False),
            (
                S.DOORGEZET,
                ("Waterschap HDSR", "De put loopt over bij regen. Is de afvoer naar de sloot verstopt?"),
                False,
            ),
        ],
        False,
    ),
    ("WK190412", ("Verkeer", "Verkeersbord"), "Het stopbord is omgereden.", "Pauwenkamp", 15, [], False),
    (
        "WK190412",
        ("Afval", "Volle afvalbak"),
        "Afvalbak bij de bushalte zit vol.",
        "Bushalte Bisonspoor",
        30,
        [(S.IN_BEHANDELING, "", False), (S.AFGEHANDELD, "De afvalbak is geleegd.", True)],
        True,
    ),
    (
        "WK190412",
        ("Groen", "Gras maaien"),
        "Het gras op het veldje is erg hoog.",
        "Duivenkamp",
        40,
        [(S.AFGEHANDELD, "Het veld is gemaaid.", True)],
        True,
    ),
    (
        "WK190412",
        ("Straat en stoep", "Paaltje"),
        "Paaltje ligt om.",
        "Reigerskamp",
        25,
        [(S.GEANNULEERD, "Dubbele melding: het paaltje is al gemeld en hersteld.", False)],
        False,
    ),
    (
        "WK190412",
        ("Verlichting", "Lamp brandt overdag"),
        "De lamp brandt de hele dag.",
        "Kwikstaartlaan",
        35,
        [
            (S.IN_BEHANDELING, "", False),
            (S.AFGEHANDELD, "De schakelaar is vervangen.", True),
            (S.HEROPEND, "De melder zegt dat de lamp weer overdag brandt.", True),
        ],
        True,
    ),
    (
        "WK190412",
        ("Overlast", "Graffiti"),
        "Graffiti op de muur van het buurthuis.",
        "Buurthuis Het Kompas",
        6,
        [],
        True,
    ),
    (
        "WK190412",
        ("Overlast", "Hondenpoep"),
        "Veel hondenpoep op het grasveld bij de school.",
        "Merelstraat",
        9,
        [(S.IN_BEHANDELING, "", False)],
        False,
    ),
    ("WK190401", ("Groen", "Onkruid"), "Onkruid tussen de stoeptegels.", "Kerkweg 12", 5, [], True),
    (
        "WK190401",
        ("Verlichting", "Lantaarnpaal kapot"),
        "Lantaarnpaal scheef na aanrijding.",
        "Straatweg",
        18,
        [(S.IN_BEHANDELING, "", False)],
        True,
    ),
    (
        "WK190402",
        ("Afval", "Zwerfafval"),
        "Zwerfafval langs de Vecht.",
        "Breukelen, Vechtoever",
        3,
        [],
        False,
    ),
    (
        "WK190402",
        ("Water", "Wateroverlast"),
        "Plas op straat na elke bui.",
        "Brugstraat",
        22,
        [(S.IN_BEHANDELING, "", False), (S.AFGEHANDELD, "De kolk is schoongemaakt.", True)],
        True,
    ),
    (
        "WK190403",
        ("Spelen", "Zand of ondergrond"),
        "Glasscherven in de zandbak.",
        "Speeltuin Nigtevecht",
        1,
        [],
        True,
    ),
    (
        "WK190405",
        ("Verkeer", "Wegmarkering"),
        "Zebrapad bijna niet meer te zien.",
        "Dorpsstraat",
        28,
        [
            (S.IN_BEHANDELING, "", False),
            (S.DOORGEZET, ("Afdeling Verkeer", "Kan het zebrapad opnieuw geschilderd worden?"), False),
            (ANTWOORD, "Staat in de planning van de schilder voor volgende maand.", False),
        ],
        False,
    ),
    (
        "WK190408",
        ("Straat en stoep", "Gat in de weg"),
        "Diep gat in het fietspad.",
        "Zuilenselaan",
        8,
        [(S.IN_BEHANDELING, "", False)],
        True,
    ),
    (
        "WK190411",
        ("Groen", "Struiken en hagen"),
        "Heg hangt over de stoep; je kunt er niet langs met een rolstoel.",
        "Oud-Zuilen, Dorpsstraat",
        2,
        [],
        True,
    ),
    (
        "WK190411",
        ("Afval", "Kapotte container"),
        "Deksel van de glasbak is kapot.",
        "Oud-Zuilen, bij de kerk",
        11,
        [],
        False,
    ),
    ("WK190411", ("Overlast", "Geluid"), "Elke nacht lawaai van een bouwplaats.", "Oud-Zuilen", 4, [], True),
    (
        "WK190409",
        ("Overlast", "Ongedierte"),
        "Ratten bij de containers.",
        "Nieuwersluis, Rijksstraatweg",
        13,
        [(S.IN_BEHANDELING, "", False), (S.WACHT_OP_DERDEN, "Wacht op de ongediertebestrijder.", False)],
        True,
    ),
]


def _punt_in(wijk, nr: int):
    """A point inside the wijk's (demo) boundary, a few hundred metres from its middle, or None."""
    from decimal import Decimal

    from .selectors import _in_geometrie

    grens = wijk.grens
    if not grens:
        return None
    ring = (grens["coordinates"] if grens["type"] == "Polygon" else grens["coordinates"][0])[0]
    lon = sum(p[0] for p in ring[:-1]) / (len(ring) - 1)
    lat = sum(p[1] for p in ring[:-1]) / (len(ring) - 1)
    for schaal in (1.0, 0.5, 0.0):
        x = lon + schaal * 0.004 * ((nr * 7) % 5 - 2) / 2
        y = lat + schaal * 0.003 * ((nr * 3) % 5 - 2) / 2
        if _in_geometrie(grens, x, y):
            return Decimal(f"{y:.6f}"), Decimal(f"{x:.6f}")
    return None


def load(ctx):
    for gemeente in Gemeente.objects.all():
        standaardcategorieen(Categorie, Standaardantwoord, gemeente)
    gemeente = Gemeente.objects.filter(code="GM1904").first()
    if gemeente is None:
        return
    staf = ctx.data.get("staf", {}).get(gemeente.code, {})
    adviseur = staf.get("adviseur")
    beheerder = staf.get("beheerder")
    if adviseur is not None:
        Routeringsregel.objects.get_or_create(
            gemeente=gemeente,
            soort_werk=soort_werk_van("overlast"),
            kern=None,
            wijk=None,
            defaults={
                "rol": "",
                "medewerker": adviseur,
                "toelichting": "Overlast gaat in heel Stichtse Vecht naar de adviseur (handhaving).",
            },
        )
    if Melding.objects.filter(gemeente=gemeente).exists():
        ctx.log("Meldingen: al geladen.")
        return
    categorieen = {
        (c.hoofdcategorie.naam, c.naam): c
        for c in Categorie.objects.filter(gemeente=gemeente)
        .exclude(hoofdcategorie=None)
        .select_related("hoofdcategorie")
    }
    wijken = {w.code: w for w in Wijk.objects.filter(gemeente=gemeente).select_related("gebiedsgrens")}
    nu = timezone.now()
    for nr, (code, sleutel, tekst, straat, dagen, stappen, met_email) in enumerate(MELDINGEN):
        wijk = wijken.get(code)
        if wijk is None:
            continue
        op = nu - datetime.timedelta(days=dagen, hours=2)
        # Most were reported with a point on the map (so the public wijk map shows them); a few without.
        punt = _punt_in(wijk, nr) if nr % 4 != 3 else None
        melding = services.melding_doen(
            gemeente=gemeente,
            categorie=categorieen[sleutel],
            tekst=tekst,
            wijk=wijk,
            straat=straat,
            lat=punt[0] if punt else None,
            lon=punt[1] if punt else None,
            email=f"bewoner{len(tekst)}@example.nl" if met_email else "",
            op=op,
        )
        door = melding.behandelaar or beheerder or adviseur
        for i, (naar, toelichting, informeren) in enumerate(stappen, start=1):
            moment = op + datetime.timedelta(days=i * max(dagen // (len(stappen) + 1), 1) / 2)
            if naar == S.DOORGEZET:  # a tracked question (Doorzetting), the only way to "doorgezet"
                aan, vraag = toelichting
                services.doorzetten(melding=melding, door=door, aan=aan, vraag=vraag, op=moment)
                continue
            if naar == ANTWOORD:
                vraag = melding.doorzettingen.filter(beantwoord_op=None).first()
                services.doorzetting_beantwoorden(
                    doorzetting=vraag, door=door, antwoord=toelichting, op=moment
                )
                continue
            services.melding_overgaan(
                melding=melding,
                naar=naar,
                door=door,
                tekst=toelichting,
                melder_informeren=informeren and bool(melding.email),
                op=moment,
            )
    # A text staff published for everyone (status page, public map and list).
    doorgezet = Melding.objects.filter(gemeente=gemeente, status=S.DOORGEZET).order_by("pk").first()
    if doorgezet is not None and doorgezet.behandelaar is not None:
        services.openbare_toelichting_wijzigen(
            melding=doorgezet,
            door=doorgezet.behandelaar,
            tekst="We hebben het waterschap gevraagd naar de afvoer. We laten hier weten wat eruit komt.",
        )
    # Two reporters answered after handling: one satisfied, one who asks to reopen (staff review it).
    afgehandeld = list(
        Melding.objects.filter(
            gemeente=gemeente, status=S.AFGEHANDELD, gesloten_op__gte=nu - datetime.timedelta(days=13)
        )
        .exclude(email="")
        .order_by("gemeld_op")
    )
    if len(afgehandeld) >= 2:
        services.feedback_geven(melding=afgehandeld[-1], tevredenheid=5, opmerking="Snel geregeld, dank!")
        services.feedback_geven(
            melding=afgehandeld[0], tevredenheid=2, opmerking="Het water staat er weer.", heropenen=True
        )
    open_ = Melding.objects.filter(gemeente=gemeente).exclude(status__in=[S.AFGEHANDELD, S.GEANNULEERD])
    ctx.log(
        f"Meldingen: {Melding.objects.filter(gemeente=gemeente).count()} in Stichtse Vecht in elke status; "
        f"{open_.filter(behandelaar=None).count()} zonder behandelaar (wijk zonder beheerder); "
        "overlast gaat via een routeringsregel naar de adviseur."
    )
    if beheerder is not None:
        ctx.login(Rol.BEHEERDER.label, beheerder.email, "behandelt de meldingen van Maarssenbroek")
