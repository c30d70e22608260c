"""Demo staff for every Stichtse Vecht kern and wijk, two projects, one deliberate gap; a small team
(adviseur, beheerder, finance, omgevingsmanager with a project) for Westland and De Ronde Venen.

Idempotent: people are keyed on e-mail, assignments on (rol, area, person, start), projects on slug.
All people are made up; the addresses end in @stichtsevecht.demo.
"""

import datetime

from django.core.exceptions import ValidationError

from accounts.constants import Gebruikerssoort
from accounts.demo import DEMO_WACHTWOORD
from accounts.services import gebruiker_aanmaken_of_bijwerken
from gebieden.models import Gemeente, Kern, Wijk

from .constants import Fase, Rol, SoortWerk
from .models import Participatiestap, Project, Routeringsregel, Toewijzing
from .services import project_opslaan, toewijzing_aanmaken

START = datetime.date(2022, 1, 1)  # the new way of working started on 1 January 2022
DOMEIN = "stichtsevecht.demo"

MEDEWERKERS = {
    # naam: telefoon (werk)
    "Ahmed Benali": "0346 254 101",
    "Marloes van Dijk": "0346 254 102",
    "Jeroen Visser": "0346 254 103",
    "Kees Verhoef": "0346 254 201",
    "Linda Bos": "0346 254 202",
    "Bart Hendriks": "0346 254 203",
    "Priya Ramdin": "0346 254 204",
    "Tom de Graaf": "0346 254 205",
    "Esther Mulder": "0346 254 206",
    "Henk Smit": "0346 254 207",
    "Yvonne Kramer": "0346 254 301",
    "Daan Vermeulen": "0346 254 302",
}

# Adviseur Leefomgeving per kern; None = the demo medewerker (so the demo login sees its own areas).
ADVISEURS = {
    "Breukelen": None,
    "Loenen aan de Vecht": None,
    "Nigtevecht": None,
    "Maarssenbroek": "Ahmed Benali",
    "Maarssen-Dorp": "Ahmed Benali",
    "Oud-Zuilen": "Ahmed Benali",
    "Kockengen": "Marloes van Dijk",
    "Nieuwer Ter Aa": "Marloes van Dijk",
    "Loenersloot": "Marloes van Dijk",
    "Vreeland": "Jeroen Visser",
    "Tienhoven": "Jeroen Visser",
    "Nieuwersluis": "Jeroen Visser",
}
# Marloes van Dijk retires: her kernen lose their adviseur in 45 days (the coverage page warns).
VERTREKT = ("Marloes van Dijk", 45)

# Beheerder Leefomgeving per wijk (code). Oud-Zuilen is the deliberate gap: Henk Smit left last month.
BEHEERDERS = {
    "WK190412": "Kees Verhoef",
    "WK190401": "Linda Bos",
    "WK190402": "Bart Hendriks",
    "WK190409": "Bart Hendriks",
    "WK190403": "Priya Ramdin",
    "WK190410": "Priya Ramdin",
    "WK190406": "Priya Ramdin",
    "WK190405": "Tom de Graaf",
    "WK190404": "Tom de Graaf",
    "WK190408": "Esther Mulder",
    "WK190407": "Esther Mulder",
}
GAT_WIJK = "WK190411"
GAT_VORIGE = "Henk Smit"

WIJKWETHOUDERS = {
    "Anouk Jacobs": ["Maarssenbroek", "Maarssen-Dorp", "Oud-Zuilen"],
    "Rob van Leeuwen": ["Breukelen", "Nieuwersluis", "Kockengen"],
    "Mirjam Koster": ["Loenen aan de Vecht", "Loenersloot", "Vreeland", "Nigtevecht"],
    "Erik Brouwer": ["Nieuwer Ter Aa", "Tienhoven"],
}

PROJECTEN = [
    {
        "naam": "Herinrichting Stationsgebied Breukelen",
        "beschrijving": (
            "Het gebied rond station Breukelen wordt veiliger en groener: een nieuwe fietsenstalling, "
            "een overzichtelijke busopstelplaats en meer ruimte voor voetgangers."
        ),
        "fase": Fase.UITVOERING,
        "kernen": ["Breukelen"],
        "omgevingsmanager": "Yvonne Kramer",
        "stappen": [
            (
                datetime.date(2023, 3, 14),
                "Informatieavond in het Breukelse dorpshuis",
                "Omwonenden, Wijkcomité Broeckland, ProRail",
                "Ruim 120 bezoekers; zorgen over parkeren en de veiligheid van fietsers.",
            ),
            (
                datetime.date(2023, 6, 1),
                "Online enquête over de varianten",
                "Inwoners van Breukelen en reizigers",
                "Voorkeur voor variant B met de fietsenstalling aan de westkant.",
            ),
            (
                datetime.date(2024, 2, 20),
                "Werksessie over de inrichting",
                "Wijkcommissie Breukelen-Noord, ondernemers, Fietsersbond",
                "Extra oversteekplaats en bomen aan de Straatweg opgenomen in het ontwerp.",
            ),
        ],
    },
    {
        "naam": "Vernieuwing winkelcentrum Bisonspoor",
        "beschrijving": (
            "Winkelcentrum Bisonspoor in Maarssenbroek krijgt woningen, een nieuw plein en betere "
            "looproutes. De plannen worden samen met bewoners en ondernemers uitgewerkt."
        ),
        "fase": Fase.PLANVORMING,
        "kernen": ["Maarssenbroek"],
        "omgevingsmanager": "Daan Vermeulen",
        "stappen": [
            (
                datetime.date(2024, 4, 9),
                "Start participatie: inloopmiddag",
                "Bewoners van Maarssenbroek, Wijkcommissie Valkenkamp",
                "Wensen opgehaald: meer groen, zitplekken en een speelplek.",
            ),
            (
                datetime.date(2024, 9, 24),
                "Klankbordgroep eerste bijeenkomst",
                "Klankbordgroep van bewoners en winkeliersvereniging",
                "Afspraken over de planning en de manier van terugkoppelen.",
            ),
        ],
    },
]


# Printed demo logins for the roles (the demo medewerker is the Adviseur Leefomgeving login).
# Kees Verhoef is the beheerder of Maarssenbroek, where a routing rule sends applications to the
# beheerder: he handles the demo member's (Wijkcommissie Valkenkamp's) applications.
BEHEERDER_LOGIN = "Kees Verhoef"
OMGEVINGSMANAGER_LOGIN = "Yvonne Kramer"
FINANCIEN = ("financien@demo.gebiedsportaal.nl", "Nadia Ouali", "0346 254 401")

# The other two seed gemeenten: one person per role for all their kernen and wijken.
OVERIGE_TEAMS = {
    "GM1783": {
        "domein": "westland.demo",
        "adviseur": ("Ingrid Wassenaar", "0174 673 101"),
        "beheerder": ("Rachid Bouzid", "0174 673 102"),
        "financien": ("Mirjam Zwinkels", "0174 673 103"),
        "omgevingsmanager": ("Bram Koppelaar", "0174 673 104"),
        "project": (
            "Nieuw dorpshart Honselersdijk",
            "Het dorpshart van Honselersdijk krijgt een plein, woningen en een betere route naar de school.",
            Fase.PLANVORMING,
            "Honselersdijk",
        ),
    },
    "GM0736": {
        "domein": "derondevenen.demo",
        "adviseur": ("Wouter Kroon", "0297 291 601"),
        "beheerder": ("Saskia Blom", "0297 291 602"),
        "financien": ("Johan Verweij", "0297 291 603"),
        "omgevingsmanager": ("Lisa Hoogendoorn", "0297 291 604"),
        "project": (
            "Herinrichting Dorpsstraat Mijdrecht",
            "De Dorpsstraat wordt een straat waar voetgangers en fietsers voorgaan, met meer bomen en bankjes.",
            Fase.INITIATIEF,
            "Mijdrecht",
        ),
    },
}


def _email(naam: str, domein: str = DOMEIN) -> str:
    return naam.lower().replace(" ", ".").replace("..", ".") + f"@{domein}"


def _project(gemeente, naam, beschrijving, fase, kernen):
    project = Project.objects.filter(gemeente=gemeente, naam=naam).first()
    if project is None or (
        (project.beschrijving, project.fase) != (beschrijving, fase)
        or {k.pk for k in project.kernen.all()} != {k.pk for k in kernen}
    ):  # a second run that changes nothing writes nothing (no history rows either)
        project = project_opslaan(
            project=project,
            gemeente=gemeente,
            naam=naam,
            beschrijving=beschrijving,
            fase=fase,
            kernen=kernen,
            wijken=list(project.wijken.all()) if project else [],
        )
    return project


def _overige_teams(ctx) -> None:
    """Westland and De Ronde Venen: staff for every kern and wijk, so work is routed and decided there."""
    for code, team in OVERIGE_TEAMS.items():
        gemeente = Gemeente.objects.get(code=code)
        mensen = {
            rol: gebruiker_aanmaken_of_bijwerken(
                email=_email(naam, team["domein"]),
                naam=naam,
                soort=Gebruikerssoort.MEDEWERKER,
                gemeente=gemeente,
                telefoon=tel,
            )
            for rol in ("adviseur", "beheerder", "financien", "omgevingsmanager")
            for naam, tel in [team[rol]]
        }
        for kern in Kern.objects.filter(gemeente=gemeente):
            _toewijzen(rol=Rol.ADVISEUR, van=START, medewerker=mensen["adviseur"], kern=kern)
        for wijk in Wijk.objects.filter(gemeente=gemeente):
            _toewijzen(rol=Rol.BEHEERDER, van=START, medewerker=mensen["beheerder"], wijk=wijk)
        naam, beschrijving, fase, kern_naam = team["project"]
        project = _project(
            gemeente, naam, beschrijving, fase, [Kern.objects.get(gemeente=gemeente, naam=kern_naam)]
        )
        _toewijzen(
            rol=Rol.OMGEVINGSMANAGER,
            van=datetime.date(2024, 1, 1),
            medewerker=mensen["omgevingsmanager"],
            project=project,
        )
        ctx.data.setdefault("staf", {})[code] = mensen
        ctx.data.setdefault("projecten_per_gemeente", {})[code] = project


def _toewijzen(
    *, rol, van, medewerker=None, naam="", email="", telefoon="", kern=None, wijk=None, project=None, tot=None
):
    """Create the assignment once; on a later run only its end date follows the day the demo is loaded.

    What someone did with the demo in between stays as it is: an assignment that was ended or handed
    over keeps its end, and an area that was given to someone else is not given back."""
    bestaand = Toewijzing.objects.filter(
        rol=rol, van=van, medewerker=medewerker, naam=naam, kern=kern, wijk=wijk, project=project
    ).first()
    if bestaand is None:
        try:
            return toewijzing_aanmaken(
                rol=rol,
                van=van,
                tot=tot,
                medewerker=medewerker,
                naam=naam,
                email=email,
                telefoon=telefoon,
                kern=kern,
                wijk=wijk,
                project=project,
            )
        except ValidationError:
            anderen = Toewijzing.objects.filter(rol=rol, kern=kern, wijk=wijk, project=project)
            if anderen.overlappend(van, tot).exists():
                return None  # the area has been given to someone else since the last run
            raise
    if bestaand.tot != tot and not bestaand.overdrachten.exists():
        bestaand.tot = tot
        try:
            bestaand.full_clean()
        except ValidationError:  # it would overlap with a successor chosen since the last run
            bestaand.refresh_from_db()
        else:
            bestaand.save()
    return bestaand


def _bijwerken_of_maken(model, sleutel: dict, **waarden):
    """update_or_create that saves only when something differs, so a second run adds no history."""
    obj = model.objects.filter(**sleutel).first()
    if obj is None:
        obj = model(**sleutel, **waarden)
    elif all(getattr(obj, veld) == waarde for veld, waarde in waarden.items()):
        return obj
    else:
        for veld, waarde in waarden.items():
            setattr(obj, veld, waarde)
    obj.full_clean()
    obj.save()
    return obj


def load(ctx):
    gemeente = ctx.data["stichtse_vecht"]
    vandaag = datetime.date.today()
    demo_medewerker = ctx.data["gebruikers"][Gebruikerssoort.MEDEWERKER]
    logins = (BEHEERDER_LOGIN, OMGEVINGSMANAGER_LOGIN)
    mensen = {
        naam: gebruiker_aanmaken_of_bijwerken(
            email=_email(naam),
            naam=naam,
            soort=Gebruikerssoort.MEDEWERKER,
            gemeente=gemeente,
            telefoon=tel,
            wachtwoord=DEMO_WACHTWOORD if naam in logins else None,
        )
        for naam, tel in MEDEWERKERS.items()
    }
    email, naam, tel = FINANCIEN
    financien = gebruiker_aanmaken_of_bijwerken(
        email=email,
        naam=naam,
        soort=Gebruikerssoort.MEDEWERKER,
        wachtwoord=DEMO_WACHTWOORD,
        gemeente=gemeente,
        telefoon=tel,
    )
    kernen = {k.naam: k for k in Kern.objects.filter(gemeente=gemeente)}
    wijken = {w.code: w for w in Wijk.objects.filter(gemeente=gemeente)}

    vertrekker, dagen = VERTREKT
    for kern_naam, naam in ADVISEURS.items():
        tot = vandaag + datetime.timedelta(days=dagen) if naam == vertrekker else None
        _toewijzen(
            rol=Rol.ADVISEUR,
            van=START,
            tot=tot,
            medewerker=mensen[naam] if naam else demo_medewerker,
            kern=kernen[kern_naam],
        )
    for code, naam in BEHEERDERS.items():
        _toewijzen(rol=Rol.BEHEERDER, van=START, medewerker=mensen[naam], wijk=wijken[code])
    vorige_maand = vandaag - datetime.timedelta(days=30)
    _toewijzen(
        rol=Rol.BEHEERDER, van=START, tot=vorige_maand, medewerker=mensen[GAT_VORIGE], wijk=wijken[GAT_WIJK]
    )

    for naam, kern_namen in WIJKWETHOUDERS.items():
        for kern_naam in kern_namen:
            _toewijzen(
                rol=Rol.WIJKWETHOUDER,
                van=datetime.date(2022, 6, 1),
                naam=f"wethouder {naam}",
                email=_email(naam),
                telefoon="14 0346",
                kern=kernen[kern_naam],
            )

    for gegevens in PROJECTEN:
        project = _project(
            gemeente,
            gegevens["naam"],
            gegevens["beschrijving"],
            gegevens["fase"],
            [kernen[k] for k in gegevens["kernen"]],
        )
        _toewijzen(
            rol=Rol.OMGEVINGSMANAGER,
            van=datetime.date(2023, 1, 1),
            medewerker=mensen[gegevens["omgevingsmanager"]],
            project=project,
        )
        for datum, wat, met_wie, uitkomst in gegevens["stappen"]:
            _bijwerken_of_maken(
                Participatiestap,
                {"project": project, "datum": datum, "wat": wat},
                met_wie=met_wie,
                uitkomst=uitkomst,
            )

    _bijwerken_of_maken(
        Routeringsregel,
        {"gemeente": gemeente, "soort_werk": SoortWerk.AANVRAAG, "kern": None, "wijk": wijken["WK190412"]},
        rol=Rol.BEHEERDER,
        medewerker=None,
        toelichting="Maarssenbroek is groot: aanvragen gaan eerst naar de beheerder van de wijk.",
    )
    ctx.data["rollen_projecten"] = list(Project.objects.filter(gemeente=gemeente).order_by("naam"))
    ctx.data.setdefault("staf", {})[gemeente.code] = {
        "adviseur": demo_medewerker,
        "beheerder": mensen[BEHEERDER_LOGIN],
        "financien": financien,
        "omgevingsmanager": mensen[OMGEVINGSMANAGER_LOGIN],
    }
    ctx.login(
        Rol.BEHEERDER.label,
        mensen[BEHEERDER_LOGIN].email,
        "wijk Maarssenbroek; behandelt de aanvragen van Wijkcommissie Valkenkamp",
    )
    ctx.login(
        Rol.OMGEVINGSMANAGER.label, mensen[OMGEVINGSMANAGER_LOGIN].email, f"project {PROJECTEN[0]['naam']}"
    )
    ctx.login("Financiën", financien.email, "registreert betalingen (vier ogen)")
    _overige_teams(ctx)
    ctx.log(
        f"Rollen: {Toewijzing.objects.filter(gemeente=gemeente).actief_op().count()} actieve toewijzingen, "
        f"{len(PROJECTEN)} projecten; bewust gat: geen beheerder in {wijken[GAT_WIJK].naam}. "
        f"Westland en De Ronde Venen: elk een adviseur, beheerder, financiën en omgevingsmanager."
    )
