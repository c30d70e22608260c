"""Demo participatie for `load_demo`: Stichtse Vecht's ketenpartners (public organisation information
only: names, kinds, areas and public websites; no person) and a published participation plan for both
Stichtse Vecht projects, with steps at different levels of the ladder and stakeholders. Safe to run again."""

import datetime

from gebieden.models import Gemeente, Kern
from gebiedsagenda.models import Thema
from rollen.models import Participatiestap, Project

from . import services
from .constants import Belanghebbendesoort, Besluitorgaan, Participatieniveau, Partnersoort, Planstatus
from .models import Ketenpartner, Participatieplan

N = Participatieniveau

# (naam, soort, kernen (empty: whole gemeente), thema's, omschrijving, website, telefoon)
KETENPARTNERS = [
    (
        "Portaal",
        Partnersoort.WONINGCORPORATIE,
        ["Maarssenbroek", "Maarssen-dorp"],
        ["Wonen"],
        "Woningcorporatie met huurwoningen in Maarssen en Maarssenbroek.",
        "https://www.portaal.nl",
        "",
    ),
    (
        "Vecht en Omstreken",
        Partnersoort.WONINGCORPORATIE,
        ["Breukelen", "Loenen aan de Vecht", "Nieuwer Ter Aa", "Kockengen", "Nigtevecht", "Vreeland"],
        ["Wonen"],
        "Woningcorporatie in de kernen langs de Vecht.",
        "https://www.vechtenomstreken.nl",
        "",
    ),
    (
        "Politie Midden-Nederland",
        Partnersoort.POLITIE,
        [],
        ["Veiligheid"],
        "De politie in de gemeente. Bij spoed: 112. Geen spoed: 0900-8844.",
        "https://www.politie.nl",
        "0900-8844",
    ),
    (
        "Tympaan-De Baat",
        Partnersoort.WELZIJN,
        [],
        ["Ouderen en zorg", "Jeugd"],
        "Welzijnsorganisatie: ondersteuning, mantelzorg, jongerenwerk en buurtactiviteiten.",
        "",
        "",
    ),
    (
        "ProRail",
        Partnersoort.OVERIG,
        ["Breukelen", "Maarssen-dorp"],
        ["Verkeer en mobiliteit"],
        "Beheert het spoor en de stations, met de fietsenstallingen bij het station.",
        "https://www.prorail.nl",
        "",
    ),
    (
        "Hoogheemraadschap De Stichtse Rijnlanden",
        Partnersoort.NATUUR,
        [],
        ["Duurzaamheid en groen"],
        "Waterschap: zorgt voor schoon water, sterke dijken en de waterafvoer.",
        "https://www.hdsr.nl",
        "",
    ),
]

PLANNEN = {
    "Herinrichting Stationsgebied Breukelen": {
        "vraag": "Hoe maken we het gebied rond station Breukelen veiliger, groener en overzichtelijker?",
        "wel_invloed": (
            "De plek en de vorm van de fietsenstalling, de oversteekplaatsen, het groen en de bankjes, "
            "en de volgorde van de werkzaamheden."
        ),
        "geen_invloed": (
            "Het spoor en het station zelf (dat is van ProRail en NS), en het geld: het college heeft het budget "
            "al vastgesteld."
        ),
        "besluitorgaan": Besluitorgaan.COLLEGE,
        "besluit_verwacht": datetime.date(2024, 6, 1),
        "besluit_genomen_op": datetime.date(2024, 5, 28),
        "besluit": (
            "Het college koos het ontwerp met variant B: de fietsenstalling aan de westkant, een extra "
            "oversteekplaats en nieuwe bomen aan de Straatweg."
        ),
        "themas": ["Verkeer en mobiliteit", "Duurzaamheid en groen"],
        # (datum, wat): (niveau, uitgevoerd) for the steps rollen's demo made; new ones with met_wie.
        "niveaus": {
            "Informatieavond in het Breukelse dorpshuis": N.INFORMEREN,
            "Online enquête over de varianten": N.RAADPLEGEN,
            "Werksessie over de inrichting": N.ADVISEREN,
        },
        "nieuwe_stappen": [
            (
                datetime.date(2026, 3, 10),
                "Schouw van de uitvoering met omwonenden",
                "Omwonenden, Wijkcomité Broeckland",
                N.INFORMEREN,
            ),
        ],
        "belanghebbenden": [
            "Wijkcomité Broeckland",
            "Wijkcommissie Breukelen-Noord",
            "ProRail",
            "Vecht en Omstreken",
        ],
    },
    "Vernieuwing winkelcentrum Bisonspoor": {
        "vraag": "Hoe maken we van Bisonspoor een levendig centrum met woningen, een plein en goede looproutes?",
        "wel_invloed": (
            "De inrichting van het nieuwe plein: groen, zitplekken, een speelplek en de looproutes. "
            "Bewoners en ondernemers ontwerpen het plein samen met de gemeente."
        ),
        "geen_invloed": "Het aantal woningen: dat legde de gemeenteraad vast in de omgevingsvisie.",
        "besluitorgaan": Besluitorgaan.RAAD,
        "besluit_verwacht": datetime.date(2027, 3, 1),
        "besluit_genomen_op": None,
        "besluit": "",
        "themas": ["Wonen", "Economie"],
        "niveaus": {
            "Start participatie: inloopmiddag": N.RAADPLEGEN,
            "Klankbordgroep eerste bijeenkomst": N.ADVISEREN,
        },
        "nieuwe_stappen": [
            (
                datetime.date(2027, 1, 19),
                "Ontwerpateliers voor het plein",
                "Klankbordgroep, Wijkcommissie Valkenkamp, ondernemers",
                N.COPRODUCEREN,
            ),
            (
                datetime.date(2027, 2, 9),
                "Keuze van de speelplek",
                "Kinderen en ouders uit Maarssenbroek",
                N.MEEBESLISSEN,
            ),
        ],
        "belanghebbenden": [
            "Wijkcommissie Valkenkamp",
            "Wijkcommissie Zogwetering",
            "Portaal",
            "Tympaan-De Baat",
        ],
    },
}


def _ketenpartners(gemeente) -> dict[str, Ketenpartner]:
    kernen = {k.naam: k for k in Kern.objects.filter(gemeente=gemeente)}
    themas = {t.naam: t for t in Thema.objects.all()}
    uit = {}
    for naam, soort, kern_namen, thema_namen, omschrijving, website, telefoon in KETENPARTNERS:
        bestaand = Ketenpartner.objects.filter(gemeente=gemeente, naam=naam).first()
        if bestaand is not None:  # a second run changes nothing (the rounds' demo gave it an e-mail address)
            uit[naam] = bestaand
            continue
        uit[naam] = services.ketenpartner_opslaan(
            ketenpartner=bestaand,
            gemeente=gemeente,
            naam=naam,
            soort=soort,
            omschrijving=omschrijving,
            kernen=[kernen[k] for k in kern_namen if k in kernen],
            themas=[themas[t] for t in thema_namen if t in themas],
            website=website,
            telefoon=telefoon,
        )
    return uit


def _plan(project, gegevens, partners):
    door = project.omgevingsmanager
    themas = list(Thema.objects.filter(naam__in=gegevens["themas"]))
    velden = {
        k: gegevens[k]
        for k in (
            "vraag",
            "wel_invloed",
            "geen_invloed",
            "besluitorgaan",
            "besluit_verwacht",
            "besluit_genomen_op",
            "besluit",
        )
    }
    plan = Participatieplan.objects.filter(project=project).first()
    if plan is None:  # a second run writes no new version of the plan
        plan = services.plan_opslaan(project=project, door=door, themas=themas, **velden)
    for stap in Participatiestap.objects.filter(project=project):
        if stap.wat in gegevens["niveaus"] and (stap.niveau, stap.uitgevoerd) != (
            gegevens["niveaus"][stap.wat],
            True,
        ):
            stap.niveau = gegevens["niveaus"][stap.wat]
            stap.uitgevoerd = True
            stap.save(update_fields=["niveau", "uitgevoerd"])
    for datum, wat, met_wie, niveau in gegevens["nieuwe_stappen"]:
        if not Participatiestap.objects.filter(project=project, wat=wat).exists():
            services.stap_opslaan(
                plan=plan, door=door, datum=datum, wat=wat, met_wie=met_wie, niveau=niveau, uitgevoerd=False
            )
    groepen = {g.naam: g for g in project.gemeente.groepen.all()}
    for naam in gegevens["belanghebbenden"]:
        if naam in partners:
            services.belanghebbende_toevoegen(
                plan=plan, door=door, soort=Belanghebbendesoort.KETENPARTNER, ketenpartner=partners[naam]
            )
        elif naam in groepen:
            services.belanghebbende_toevoegen(
                plan=plan, door=door, soort=Belanghebbendesoort.GROEP, groep=groepen[naam]
            )
    for soort in (Belanghebbendesoort.INWONERS, Belanghebbendesoort.RAADSLEDEN):
        services.belanghebbende_toevoegen(plan=plan, door=door, soort=soort)
    if plan.status == Planstatus.CONCEPT:
        plan = services.plan_publiceren(plan=plan, door=door)
    return plan


def load(ctx):
    gemeente = Gemeente.objects.filter(code="GM1904").first()
    if gemeente is None:
        return
    partners = _ketenpartners(gemeente)
    plannen = []
    for project in Project.objects.filter(gemeente=gemeente, naam__in=PLANNEN):
        plannen.append(_plan(project, PLANNEN[project.naam], partners))
    ctx.log(
        f"Participatie: {len(partners)} ketenpartners in Stichtse Vecht; gepubliceerde participatieplannen voor "
        + ", ".join(p.project.naam for p in plannen)
        + " (de Omgevingsmanager-login beheert het plan van het Stationsgebied)."
    )


def _load_plannen(ctx):
    """The plans (above), then the demo consultation rounds (participatie/raadpleging_demo.py)."""
    _load_plannen_zonder_rondes(ctx)
    from .raadpleging_demo import load as rondes

    rondes(ctx)


_load_plannen_zonder_rondes, load = load, _load_plannen
