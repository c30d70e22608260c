"""Demo groups in Stichtse Vecht: real group names (public organisations), made-up people as members.

All four kinds, one registration still to handle, and one samenwerkingsovereenkomst in every state
(with a small generated PDF). Idempotent: keyed on gemeente + slug, group + version, group + member.

Westland and De Ronde Venen get made-up groups of all four kinds, made as a group is made in the
portal: registered, its officers invited and accepted, then accepted by staff (the services, so the
status history and the rules are those of a real group). Made once; a second run leaves them alone.
"""

import datetime
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.constants import Gebruikerssoort
from accounts.services import gebruiker_aanmaken_of_bijwerken
from gebieden.models import Gemeente, Kern
from rollen.models import Project

from . import services
from .constants import Functie, Groepsoort, Groepstatus, Overeenkomststatus, Standpunt
from .models import (
    Groep,
    Groepstatusovergang,
    Lidmaatschap,
    Overeenkomststatusovergang,
    Samenwerkingsovereenkomst,
)

BG, PC, AC, TC = (
    Groepsoort.BEWONERSGROEP,
    Groepsoort.PROJECTCOMMISSIE,
    Groepsoort.ACTIVITEITENCOMMISSIE,
    Groepsoort.THEMACOMMISSIE,
)

# (naam, soort, kern, status, extra velden)
GROEPEN = [
    ("Dorpsraad Nigtevecht", BG, "Nigtevecht", Groepstatus.ACTIEF, {"achterban_grootte": 1900}),
    ("Dorpsraad Kockengen", BG, "Kockengen", Groepstatus.ACTIEF, {"achterban_grootte": 1400}),
    ("Dorpsraad Loenersloot", BG, "Loenersloot", Groepstatus.ACTIEF, {"achterban_grootte": 450}),
    (
        "Dorpsraad Loenen aan de Vecht",
        BG,
        "Loenen aan de Vecht",
        Groepstatus.ACTIEF,
        {"achterban_grootte": 5000},
    ),
    ("Dorpsraad Nieuwer Ter Aa", BG, "Nieuwer Ter Aa", Groepstatus.ACTIEF, {"achterban_grootte": 400}),
    ("Dorpscommissie Oud-Zuilen", BG, "Oud-Zuilen", Groepstatus.ACTIEF, {"achterban_grootte": 1000}),
    (
        "Bewonersvereniging Maarsseveen-Molenpolder",
        BG,
        "Tienhoven",
        Groepstatus.AANGEMELD,
        {"achterban_grootte": 600},
    ),
    ("Wijkcommissie Valkenkamp", AC, "Maarssenbroek", Groepstatus.ACTIEF, {}),
    ("Wijkcomité Broeckland", AC, "Breukelen", Groepstatus.ACTIEF, {}),
    ("Dichters en Lanen", AC, "Maarssen-Dorp", Groepstatus.ACTIEF, {}),
    ("Wijkcommissie Zogwetering", PC, "Maarssenbroek", Groepstatus.ACTIEF, {}),
    (
        "Wijkcommissie Breukelen-Noord",
        TC,
        "Breukelen",
        Groepstatus.ACTIEF,
        {"thema": "Verkeersveiligheid op de Straatweg", "standpunt": Standpunt.VOOR},
    ),
]

# Made-up groups in the other two gemeenten: (naam, soort, kern, extra velden). The activiteitencommissies
# (the kind that may apply to the leefbaarheidsbudget) come first: leefbaarheidsbudget/demo.py uses them.
OVERIGE_GROEPEN = {
    "GM1783": [
        ("Activiteitencommissie Kwintsheul", AC, "Kwintsheul", {}),
        ("Buurtvereniging De Lier-Centrum", AC, "De Lier", {}),
        ("Feestcommissie Ter Heijde", AC, "Ter Heijde", {}),
        ("Dorpsraad Maasdijk", BG, "Maasdijk", {"achterban_grootte": 2000}),
        ("Klankbordgroep Dorpshart Honselersdijk", PC, "Honselersdijk", {}),
        (
            "Werkgroep Veilig Fietsen Naaldwijk",
            TC,
            "Naaldwijk",
            {"thema": "Veilige fietsroutes naar de scholen", "standpunt": Standpunt.VOOR},
        ),
    ],
    "GM0736": [
        ("Activiteitencommissie Wilnis", AC, "Wilnis", {}),
        ("Buurtvereniging Vinkeveen-Zuid", AC, "Vinkeveen", {}),
        ("Oranjecomité Baambrugge", AC, "Baambrugge", {}),
        ("Dorpsoverleg Waverveen", BG, "Waverveen", {"achterban_grootte": 300}),
        ("Klankbordgroep Dorpsstraat Mijdrecht", PC, "Mijdrecht", {}),
        (
            "Werkgroep Groen Abcoude",
            TC,
            "Abcoude",
            {"thema": "Meer bomen en bloemrijke bermen", "standpunt": Standpunt.VOOR},
        ),
    ],
}
# Made-up officers, one name each (names of demo people are unique across the whole demo).
OVERIGE_LEDEN = [
    "Annelies van der Berg", "Mohamed Tahiri", "Gerda Vreugdenhil", "Stefan Groenewegen", "Nicole Zuiderwijk",
    "Arjen Schouten", "Marieke Post", "Youssef el Idrissi", "Petra van Vliet", "Willem Duijvestijn",
    "Samira Haddou", "Rik van Leeuwen", "Hanneke Zwart", "Koen Oosterbaan", "Fenna de Wit",
    "Gijs Heemskerk", "Naomi Sedney", "Thijs Bouwman", "Elif Demir", "Maarten Borsboom",
    "Ria van Rijn", "Olaf Versteeg", "Judith Kalkman", "Ben Verbruggen", "Karin Mastenbroek",
    "Hugo Lemmers", "Sophie Westerbeek", "Erwin Pronk", "Lotte van Zanten", "Tarik Amrani",
    "Wilma Spruijt", "Dennis Schaap", "Ayla Kaya", "Frits Kuijer", "Marjolein Boon", "Stijn Vonk",
]  # fmt: skip

BESCHRIJVING = {
    BG: "Denkt mee over de grote opgaven in het dorp en spreekt namens de inwoners met de gemeente.",
    PC: "Werkt mee aan de herinrichting van het park en zorgt daarna samen met de gemeente voor het onderhoud.",
    AC: "Organiseert buurtactiviteiten: een zomerfeest, een kerstmarkt en koffieochtenden voor ouderen.",
    TC: "Zet zich in voor een veiligere Straatweg voor fietsers en schoolkinderen.",
}

# Made-up people for the members.
VOORNAMEN = [
    "Anouk",
    "Bas",
    "Carla",
    "Dirk",
    "Esra",
    "Frank",
    "Greet",
    "Hamid",
    "Ilse",
    "Jeroen",
    "Kim",
    "Lotte",
]
ACHTERNAMEN = ["Verhoef", "de Graaf", "Bosman", "van Dijk", "Yilmaz", "Kramer", "Mulder", "Smit", "Hoekstra"]


def _pdf(titel: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    uit = io.BytesIO()
    blad = canvas.Canvas(uit, pagesize=A4)
    blad.setTitle(titel)
    blad.setFont("Helvetica-Bold", 16)
    blad.drawString(72, 770, titel)
    blad.setFont("Helvetica", 11)
    regels = [
        "Demo-document van het Gebiedsportaal. Dit is geen echte overeenkomst.",
        "Partijen: de gemeente Stichtse Vecht en de bewonersgroep.",
        "Ondertekend namens de gemeente door de wijkwethouder.",
    ]
    for i, regel in enumerate(regels):
        blad.drawString(72, 740 - 16 * i, regel)
    blad.showPage()
    blad.save()
    return uit.getvalue()


def _project(ctx, gemeente):
    projecten = ctx.data.get("projecten") or {}
    for project in projecten.values() if isinstance(projecten, dict) else projecten:
        if project.gemeente_id == gemeente.pk:
            return project
    project, _ = Project.objects.get_or_create(
        gemeente=gemeente,
        slug="herinrichting-park-zogwetering",
        defaults={
            "naam": "Herinrichting park Zogwetering",
            "beschrijving": "Het park krijgt meer groen, een wandelpad en speelplekken.",
        },
    )
    return project


def _groep(ctx, gemeente, naam, soort, kern, status, extra, medewerker):
    from django.utils.text import slugify

    velden = {
        "soort": soort,
        "naam": naam,
        "email": f"info@{slugify(naam)}.demo.gebiedsportaal.nl",
        "beschrijving": BESCHRIJVING[soort],
        "status": status,
        "behandelaar": medewerker,
        **extra,
    }
    if soort == PC:
        velden["project"] = _project(ctx, gemeente)
    if status == Groepstatus.AANGEMELD:
        velden.update(aanmelder_naam="Wim Aanmelder", aanmelder_email="aanmelder@demo.gebiedsportaal.nl")
    groep = Groep.objects.filter(gemeente=gemeente, slug=slugify(naam)).first()
    nieuw = groep is None
    if nieuw:
        groep = Groep(gemeente=gemeente, slug=slugify(naam), **velden)
    if nieuw or any(getattr(groep, veld) != waarde for veld, waarde in velden.items()):
        # Saved only when something differs: a second run of load_demo adds no history rows.
        for veld, waarde in velden.items():
            setattr(groep, veld, waarde)
        groep.full_clean()
        groep.save()
    groep.kernen.set([kern])
    groep.wijken.set(kern.wijken.all())
    if nieuw:
        begin = timezone.now() - datetime.timedelta(days=400)
        Groepstatusovergang.objects.create(
            groep=groep,
            van="",
            naar=Groepstatus.AANGEMELD,
            op=begin,
            toelichting="Aangemeld via het portaal.",
        )
        if status != Groepstatus.AANGEMELD:
            Groepstatusovergang.objects.create(
                groep=groep,
                van=Groepstatus.AANGEMELD,
                naar=status,
                door=medewerker,
                op=begin + datetime.timedelta(days=9),
            )
    return groep


def _leden(groep, nummer, extra_contactpersoon=None):
    if extra_contactpersoon is not None:
        Lidmaatschap.objects.get_or_create(
            groep=groep,
            gebruiker=extra_contactpersoon,
            tot=None,
            defaults={"functie": Functie.SECRETARIS, "is_contactpersoon": True},
        )
    for i, (functie, contact) in enumerate(
        [
            (Functie.VOORZITTER, extra_contactpersoon is None),
            (Functie.PENNINGMEESTER, False),
            (Functie.LID, False),
        ]
    ):
        voornaam = VOORNAMEN[(nummer * 3 + i) % len(VOORNAMEN)]
        achternaam = ACHTERNAMEN[(nummer * 2 + i) % len(ACHTERNAMEN)]
        email = f"{groep.slug[:30]}.{functie}@demo.gebiedsportaal.nl"
        user = gebruiker_aanmaken_of_bijwerken(
            email=email,
            naam=f"{voornaam} {achternaam}",
            soort=Gebruikerssoort.GROEPSLID,
            gemeente=groep.gemeente,
        )
        Lidmaatschap.objects.get_or_create(
            groep=groep,
            gebruiker=user,
            tot=None,
            defaults={"functie": functie, "is_contactpersoon": contact, "van": datetime.date(2023, 1, 1)},
        )


def _overeenkomst(groep, status, start, eind, medewerker, reden="", versie=1, vorige=None):
    overeenkomst, nieuw = Samenwerkingsovereenkomst.objects.get_or_create(
        groep=groep,
        versie=versie,
        defaults={
            "vorige": vorige,
            "startdatum": start,
            "einddatum": eind,
            "jaarbijdrage": Decimal(min(groep.achterban_grootte or 1000, 4000)).quantize(Decimal("1"))
            + Decimal("500"),
            "overlegfrequentie": "Vier keer per jaar met de adviseur leefomgeving, één keer met de wijkwethouder",
            "onderwerpen": "Verkeer en parkeren, groen en openbare ruimte, de dorpsagenda en woningbouw.",
            "verplichtingen_groep": "Raadpleegt de achterban, brengt gevraagd en ongevraagd advies uit en "
            "legt elk jaar verantwoording af over de bijdrage.",
            "verplichtingen_gemeente": "Betrekt de groep vroeg bij plannen in het dorp, reageert binnen zes weken "
            "op adviezen en betaalt de jaarlijkse bijdrage voor 1 maart.",
            "ondertekenaar_naam": "M. van den Berg",
            "ondertekenaar_functie": "Wijkwethouder",
            "status": Overeenkomststatus.CONCEPT,
        },
    )
    if not nieuw:
        return overeenkomst
    stappen = {
        Overeenkomststatus.CONCEPT: [],
        Overeenkomststatus.TER_ONDERTEKENING: [Overeenkomststatus.TER_ONDERTEKENING],
        Overeenkomststatus.ACTIEF: [Overeenkomststatus.TER_ONDERTEKENING, Overeenkomststatus.ACTIEF],
        Overeenkomststatus.VERLOPEN: [
            Overeenkomststatus.TER_ONDERTEKENING,
            Overeenkomststatus.ACTIEF,
            Overeenkomststatus.VERLOPEN,
        ],
        Overeenkomststatus.BEEINDIGD: [
            Overeenkomststatus.TER_ONDERTEKENING,
            Overeenkomststatus.ACTIEF,
            Overeenkomststatus.BEEINDIGD,
        ],
    }[status]
    if status != Overeenkomststatus.CONCEPT:
        overeenkomst.ondertekend_document.save(
            "overeenkomst.pdf", ContentFile(_pdf(f"Samenwerkingsovereenkomst {groep.naam}")), save=False
        )
    moment = timezone.make_aware(datetime.datetime.combine(start, datetime.time(10))) - datetime.timedelta(
        days=30
    )
    Overeenkomststatusovergang.objects.create(
        overeenkomst=overeenkomst, van="", naar=Overeenkomststatus.CONCEPT, door=medewerker, op=moment
    )
    van = Overeenkomststatus.CONCEPT
    for i, naar in enumerate(stappen, start=1):
        door, toelichting = medewerker, ""
        if naar == Overeenkomststatus.VERLOPEN:
            door, toelichting = None, f"Einddatum {eind:%d-%m-%Y} is voorbij."
        if naar == Overeenkomststatus.BEEINDIGD:
            toelichting = reden
        Overeenkomststatusovergang.objects.create(
            overeenkomst=overeenkomst,
            van=van,
            naar=naar,
            door=door,
            op=moment + datetime.timedelta(days=10 * i),
            toelichting=toelichting,
        )
        van = naar
    overeenkomst.status = status
    overeenkomst.beeindigingsreden = reden
    overeenkomst.full_clean()
    overeenkomst.save()
    return overeenkomst


def _groep_in_portaal(gemeente, naam, soort, kern, extra, staf, namen, project) -> Groep:
    """A group as the portal makes one: registered, officers invited and accepted, accepted by staff."""
    from django.utils.text import slugify

    officieren = [Functie.VOORZITTER, Functie.SECRETARIS] + ([Functie.PENNINGMEESTER] if soort != TC else [])
    mensen = [(functie, next(namen)) for functie in officieren]
    email = lambda persoon: f"{slugify(persoon)}@demo.gebiedsportaal.nl"  # noqa: E731
    groep = services.groep_registreren(
        gemeente=gemeente,
        kernen=[kern],
        wijken=list(kern.wijken.all()),
        soort=soort,
        naam=naam,
        email=f"info@{slugify(naam)}.demo.gebiedsportaal.nl",
        beschrijving=BESCHRIJVING[soort],
        project=project if soort == PC else None,
        aanmelder_naam=mensen[0][1],
        aanmelder_email=email(mensen[0][1]),
        **extra,
    )
    for i, (functie, persoon) in enumerate(mensen):
        # An existing account accepts as itself (no password to choose, so none to hash: fast).
        lid = gebruiker_aanmaken_of_bijwerken(
            email=email(persoon), naam=persoon, soort=Gebruikerssoort.GROEPSLID, gemeente=gemeente
        )
        uitnodiging, _ = services.lid_uitnodigen(
            groep=groep, email=lid.email, naam=persoon, functie=functie, is_contactpersoon=i == 0, door=staf
        )
        services.uitnodiging_accepteren(uitnodiging=uitnodiging, gebruiker=lid)
    return services.groep_status_wijzigen(
        groep=groep, naar=Groepstatus.ACTIEF, door=staf, toelichting="Welkom! Wij werken graag met u samen."
    )


def _overige_groepen(ctx) -> dict[str, list[Groep]]:
    uit = {}
    namen = iter(OVERIGE_LEDEN)
    for code, groepen in OVERIGE_GROEPEN.items():
        gemeente = Gemeente.objects.get(code=code)
        staf = ctx.data["staf"][code]["adviseur"]
        project = ctx.data.get("projecten_per_gemeente", {}).get(code)
        kernen = {k.naam: k for k in Kern.objects.filter(gemeente=gemeente).prefetch_related("wijken")}
        uit[code] = []
        for naam, soort, kern, extra in groepen:
            groep = Groep.objects.filter(gemeente=gemeente, naam=naam).first()
            if groep is None:
                groep = _groep_in_portaal(gemeente, naam, soort, kernen[kern], extra, staf, namen, project)
            else:  # keep the names of the next groups where they were on the first run
                for _ in range(3 if soort != TC else 2):
                    next(namen)
            uit[code].append(groep)
    return uit


def demo_iban(nummer: int) -> str:
    """A made-up IBAN that passes the check (ISO 13616) but is no bank's: bank code DEMO does not exist."""
    rekening = f"{nummer:010d}"
    controle = 98 - int("".join(str(int(teken, 36)) for teken in f"DEMO{rekening}NL00")) % 97
    return f"NL{controle:02d}DEMO{rekening}"


# Where the demo postcode table has no kern (Westland, De Ronde Venen): the four digits of the main town.
PC4_GEMEENTE = {"GM1904": "3600", "GM1783": "2670", "GM0736": "3640"}


def _post_en_betaalgegevens(groepen) -> None:
    """Every demo group a postal address (the letters' address block) and an IBAN (payments need one).
    Demo values: a plausible street in the group's kern, a four-digit postcode of that kern from the demo
    postcode table, made-up IBANs. Only empty fields are filled (a second run writes nothing)."""
    from gebieden.models import Postcodegebied

    pc4 = {}
    for kern_id, postcode in Postcodegebied.objects.filter(kern__isnull=False).values_list(
        "kern_id", "postcode"
    ):
        pc4.setdefault(kern_id, postcode[:4])
    for groep in sorted(groepen, key=lambda g: g.pk):
        kern = groep.kernen.order_by("naam").first()
        velden = {}
        if not groep.iban:
            velden.update(iban=demo_iban(1000 + groep.pk), tenaamstelling=groep.naam)
        if not groep.adres and kern is not None:
            velden.update(
                adres=f"Dorpsstraat {groep.pk % 90 + 1}",
                postcode=f"{pc4.get(kern.pk) or PC4_GEMEENTE.get(groep.gemeente.code, '3600')} AB",
                plaats=kern.naam,
            )
        if velden:
            Groep.objects.filter(pk=groep.pk).update(**velden)


def load(ctx):
    gemeente = ctx.data["stichtse_vecht"]
    medewerker = ctx.data["gebruikers"][Gebruikerssoort.MEDEWERKER]
    demo_lid = ctx.data["gebruikers"][Gebruikerssoort.GROEPSLID]
    kernen = {k.naam: k for k in Kern.objects.filter(gemeente=gemeente).prefetch_related("wijken")}
    groepen = {}
    for nummer, (naam, soort, kern, status, extra) in enumerate(GROEPEN):
        groep = _groep(ctx, gemeente, naam, soort, kernen[kern], status, extra, medewerker)
        _leden(groep, nummer, extra_contactpersoon=demo_lid if naam == "Wijkcommissie Valkenkamp" else None)
        groepen[naam] = groep

    vandaag = timezone.localdate()
    jaar = datetime.timedelta(days=365)
    _overeenkomst(
        groepen["Dorpsraad Nigtevecht"],
        Overeenkomststatus.ACTIEF,
        vandaag - jaar,
        vandaag + 2 * jaar,
        medewerker,
    )
    _overeenkomst(
        groepen["Dorpscommissie Oud-Zuilen"],
        Overeenkomststatus.ACTIEF,
        vandaag - 3 * jaar,
        vandaag + datetime.timedelta(days=45),
        medewerker,
    )
    kockengen_v1 = _overeenkomst(
        groepen["Dorpsraad Kockengen"],
        Overeenkomststatus.VERLOPEN,
        vandaag - 4 * jaar,
        vandaag - datetime.timedelta(days=20),
        medewerker,
    )
    # Renewed: version 2 follows version 1 (linked), so the page shows the history of versions.
    _overeenkomst(
        groepen["Dorpsraad Kockengen"],
        Overeenkomststatus.ACTIEF,
        vandaag - datetime.timedelta(days=19),
        vandaag + 4 * jaar,
        medewerker,
        versie=2,
        vorige=kockengen_v1,
    )
    _overeenkomst(
        groepen["Dorpsraad Loenersloot"],
        Overeenkomststatus.BEEINDIGD,
        vandaag - 2 * jaar,
        vandaag + jaar,
        medewerker,
        reden="De dorpsraad en de gemeente kiezen samen voor een nieuwe vorm van overleg.",
    )
    _overeenkomst(
        groepen["Dorpsraad Loenen aan de Vecht"],
        Overeenkomststatus.TER_ONDERTEKENING,
        vandaag,
        vandaag + 3 * jaar,
        medewerker,
    )
    _overeenkomst(
        groepen["Dorpsraad Nieuwer Ter Aa"],
        Overeenkomststatus.CONCEPT,
        vandaag + datetime.timedelta(days=60),
        vandaag + 3 * jaar,
        medewerker,
    )
    ctx.data["groepen"] = groepen
    overige = _overige_groepen(ctx)
    _post_en_betaalgegevens([*groepen.values(), *(g for lijst in overige.values() for g in lijst)])
    ctx.data["groepen_per_gemeente"] = {gemeente.code: list(groepen.values()), **overige}
    ctx.log(
        f"Bewonersgroepen: {len(groepen)} groepen in Stichtse Vecht, "
        f"{sum(len(g) for g in overige.values())} in Westland en De Ronde Venen, "
        f"{Samenwerkingsovereenkomst.objects.filter(groep__gemeente=gemeente).count()} overeenkomsten."
    )
    ctx.login(Gebruikerssoort.GROEPSLID.label, demo_lid.email, "contactpersoon van Wijkcommissie Valkenkamp")
