"""Demo: every Stichtse Vecht kern gets a gebiedsagenda with two or three opgaven, and some area news.
The gemeente itself, two wijken and two buurten get an agenda too, and one opgave spans three kernen.

Idempotent: agendas are keyed on their area, opgaven on (agenda, titel), news on (gemeente, titel);
a second run changes nothing.
"""

import datetime

from django.utils import timezone

from accounts.constants import Gebruikerssoort
from bewonersgroepen.models import Groep
from bewonersgroepen.selectors import groepen_van_lid
from gebieden.models import Buurt, Wijk
from rollen.models import Project

from . import selectors, services
from .constants import OpgaveStatus
from .models import Gebiedsagenda, Nieuwsbericht, Opgave, Thema

SIG, OND, UIT, GER = (
    OpgaveStatus.SIGNALERING,
    OpgaveStatus.IN_ONDERZOEK,
    OpgaveStatus.IN_UITVOERING,
    OpgaveStatus.GEREALISEERD,
)
VOLGORDE = [SIG, OND, UIT, GER]

# kern -> (toekomstbeeld, [(titel, thema, status, beschrijving, [(dagen geleden, voortgang)])])
AGENDAS = {
    "Maarssen-Dorp": (
        "Maarssen-Dorp blijft het historische hart aan de Vecht: een levendig centrum met winkels en horeca, "
        "veilige routes voor fietsers en voetgangers en groene oevers waar het goed toeven is.",
        [
            (
                "Verkeersdruk op de Straatweg",
                "Verkeer en mobiliteit",
                OND,
                "Bewoners melden veel doorgaand verkeer en te hard rijden op de Straatweg. We brengen in kaart "
                "waar het knelt en welke maatregelen helpen.",
                [(40, "Verkeerstellingen op drie punten gedaan. Uitkomsten bespreken we met de dorpsraad.")],
            ),
            (
                "Een levendig dorpscentrum",
                "Economie",
                SIG,
                "Leegstand in enkele winkelpanden. Samen met ondernemers zoeken we naar manieren om het centrum "
                "aantrekkelijk te houden.",
                [],
            ),
            (
                "Klimaatbestendige Vechtoevers",
                "Duurzaamheid en groen",
                UIT,
                "Meer groen en minder verharding langs de Vecht, zodat regenwater beter weg kan en het in de "
                "zomer koeler blijft.",
                [
                    (90, "Ontwerp gemaakt samen met omwonenden."),
                    (14, "Eerste stuk oever is vergroend; de rest volgt in het najaar."),
                ],
            ),
        ],
    ),
    "Breukelen": (
        "Breukelen is een vitaal dorp met een goed bereikbaar station, woningen voor jong en oud en een "
        "winkelcentrum waar mensen elkaar ontmoeten.",
        [
            (
                "Stationsomgeving Breukelen",
                "Verkeer en mobiliteit",
                UIT,
                "Meer en betere fietsparkeerplekken bij het station en een veiliger oversteek voor scholieren.",
                [(30, "Nieuwe fietsenstalling is in gebruik. We werken nu aan de oversteek.")],
            ),
            (
                "Woningen voor starters en senioren",
                "Wonen",
                OND,
                "Jongeren en ouderen vinden moeilijk een passende woning in het dorp. We onderzoeken welke "
                "locaties geschikt zijn.",
                [(21, "Woningbehoefte-onderzoek gestart; uitkomsten verwacht na de zomer.")],
            ),
            (
                "Veilige schoolroutes",
                "Jeugd",
                SIG,
                "Ouders maken zich zorgen over drukke routes naar de basisscholen.",
                [],
            ),
        ],
    ),
    "Loenen aan de Vecht": (
        "Loenen aan de Vecht is een gezellig dorp met een sterk verenigingsleven, een dorpshuis waar iedereen "
        "welkom is en voldoende woningen voor ouderen die in het dorp willen blijven wonen.",
        [
            (
                "Toekomst van het dorpshuis",
                "Voorzieningen en dorpshuizen",
                OND,
                "Het dorpshuis is verouderd. Met de dorpsraad en gebruikers bekijken we renovatie of nieuwbouw.",
                [(35, "Gebruikersavond gehouden: ruim 60 inwoners dachten mee.")],
            ),
            (
                "Parkeerdruk in de dorpskern",
                "Verkeer en mobiliteit",
                SIG,
                "Op drukke dagen staan auto's op stoepen en in bermen.",
                [],
            ),
            (
                "Wonen met zorg in het dorp",
                "Ouderen en zorg",
                SIG,
                "Ouderen willen in Loenen blijven wonen, ook als zij meer zorg nodig hebben.",
                [],
            ),
        ],
    ),
    "Nieuwer Ter Aa": (
        "Nieuwer Ter Aa blijft een rustig lintdorp in het groen, met een veilige Dorpsstraat en een "
        "basisschool die het hart van de gemeenschap is.",
        [
            (
                "Snelheid op de Dorpsstraat",
                "Verkeer en mobiliteit",
                UIT,
                "Er wordt te hard gereden door het lint. Met bewoners kiezen we passende maatregelen.",
                [(20, "Twee snelheidsdisplays geplaatst; na drie maanden meten we opnieuw.")],
            ),
            (
                "Behoud van de dorpsschool",
                "Jeugd",
                OND,
                "Het aantal leerlingen daalt. We zoeken samen met school en ouders naar oplossingen.",
                [],
            ),
        ],
    ),
    "Kockengen": (
        "Kockengen is een veerkrachtig veenweidedorp dat droge voeten houdt, met woningen die passen bij het "
        "dorp en een sterke gemeenschap.",
        [
            (
                "Bodemdaling en wateroverlast",
                "Duurzaamheid en groen",
                UIT,
                "De bodem daalt en na hevige regen staan straten blank. Riolering en straten worden in fases "
                "vernieuwd en opgehoogd.",
                [
                    (120, "Fase 1 afgerond."),
                    (10, "Fase 2 is gestart; bewoners krijgen per straat een brief."),
                ],
            ),
            (
                "Woningbouw op maat van het dorp",
                "Wonen",
                SIG,
                "Behoefte aan kleinschalige woningbouw voor jongeren uit het dorp.",
                [],
            ),
        ],
    ),
    "Vreeland": (
        "Vreeland is een monumentaal Vechtdorp waar verkeer over de brug veilig verloopt en jong en oud "
        "elkaar ontmoeten.",
        [
            (
                "Verkeer over de Vechtbrug",
                "Verkeer en mobiliteit",
                OND,
                "Druk en gevaarlijke situaties bij de smalle brug, vooral voor fietsers.",
                [(28, "Gesprek met de provincie gevoerd over mogelijke maatregelen.")],
            ),
            (
                "Ontmoetingsplek voor jong en oud",
                "Voorzieningen en dorpshuizen",
                SIG,
                "Inwoners missen een plek om elkaar laagdrempelig te ontmoeten.",
                [],
            ),
        ],
    ),
    "Tienhoven": (
        "Tienhoven ligt tussen de plassen en blijft een groen dorp waar natuur, recreatie en wonen goed samengaan.",
        [
            (
                "Drukte rond de Maarsseveense Plassen",
                "Duurzaamheid en groen",
                OND,
                "Op zomerse dagen veel bezoekers, parkeeroverlast en afval in de natuur.",
                [(45, "Extra handhaving en afvalbakken in de zomer; evaluatie met de bewonersvereniging.")],
            ),
            (
                "Veilige fietsroute naar Maarssen",
                "Verkeer en mobiliteit",
                SIG,
                "Scholieren fietsen over een smalle weg zonder fietspad.",
                [],
            ),
        ],
    ),
    "Nigtevecht": (
        "Nigtevecht is een hecht dorp aan de Vecht met een dorpshuis dat klaar is voor de toekomst, ruimte voor "
        "jongeren en aandacht voor geluid en lucht van snelweg en kanaal.",
        [
            (
                "Dorpshuis toekomstbestendig maken",
                "Voorzieningen en dorpshuizen",
                UIT,
                "Het dorpshuis wordt verduurzaamd, zodat het betaalbaar blijft voor verenigingen.",
                [(25, "Zonnepanelen liggen erop; de isolatie volgt na de zomer.")],
            ),
            (
                "Geluid van A2 en kanaal",
                "Duurzaamheid en groen",
                SIG,
                "Bewoners ervaren meer geluidsoverlast van de snelweg en de scheepvaart.",
                [],
            ),
            (
                "Jongeren in het dorp",
                "Jeugd",
                OND,
                "Jongeren hebben weinig plekken om samen te komen.",
                [(12, "Jongeren hebben zelf drie plekken voorgesteld; we bekijken wat kan.")],
            ),
        ],
    ),
    "Nieuwersluis": (
        "Nieuwersluis groeit rustig, met een nieuwe bestemming voor het kazerneterrein die past bij het dorp en "
        "een veilige Rijksstraatweg.",
        [
            (
                "Toekomst van het kazerneterrein",
                "Wonen",
                OND,
                "Het terrein krijgt een nieuwe bestemming. Inwoners denken mee over wonen, groen en voorzieningen.",
                [(50, "Eerste inloopavond gehouden; de ideeën staan in een verslag.")],
            ),
            (
                "Veilig over de Rijksstraatweg",
                "Verkeer en mobiliteit",
                SIG,
                "Oversteken is lastig door het drukke verkeer.",
                [],
            ),
        ],
    ),
    "Loenersloot": (
        "Loenersloot blijft een klein dorp met een groot dorpsgevoel, goed en veilig bereikbaar voor fietsers.",
        [
            (
                "Veilig fietsen naar Loenen en Abcoude",
                "Verkeer en mobiliteit",
                OND,
                "Fietsers delen de weg met snel autoverkeer. We onderzoeken een vrijliggend fietspad.",
                [(60, "Haalbaarheidsonderzoek gestart samen met de provincie.")],
            ),
            (
                "Ontmoeten in het dorp",
                "Voorzieningen en dorpshuizen",
                GER,
                "Er was geen plek om elkaar te ontmoeten. De dorpsraad organiseert nu maandelijks een "
                "ontmoetingsmiddag.",
                [(70, "De eerste ontmoetingsmiddag trok veertig bezoekers.")],
            ),
        ],
    ),
    "Oud-Zuilen": (
        "Oud-Zuilen blijft een groen en historisch dorp aan de rand van Utrecht, met rust in de straten en "
        "ruimte voor natuur.",
        [
            (
                "Verkeer en parkeren rond Slot Zuylen",
                "Verkeer en mobiliteit",
                OND,
                "Bezoekers van het slot en de stad parkeren in de dorpsstraten.",
                [(33, "Parkeeronderzoek afgerond; voorstel volgt in overleg met de dorpscommissie.")],
            ),
            (
                "Groene buffer met de stad",
                "Duurzaamheid en groen",
                SIG,
                "Inwoners willen het groen tussen dorp en stad beschermen.",
                [],
            ),
        ],
    ),
    "Maarssenbroek": (
        "Maarssenbroek is een groene, veilige woonwijk met een vernieuwd winkelcentrum, goede voorzieningen voor "
        "jongeren en woningen die klaar zijn voor de toekomst.",
        [
            (
                "Vernieuwing winkelcentrum Bisonspoor",
                "Economie",
                UIT,
                "Het winkelcentrum wordt vernieuwd, met meer groen en een prettiger plein.",
                [(18, "De nieuwe pleininrichting is klaar; de gevels volgen.")],
            ),
            (
                "Veiligheid en overlast",
                "Veiligheid",
                OND,
                "Meldingen over overlast rond enkele pleinen. Met politie, jongerenwerk en bewoners zoeken we "
                "naar een aanpak.",
                [(9, "Buurtschouw gehouden met de wijkcommissies.")],
            ),
            (
                "Koelte en groen in de wijk",
                "Duurzaamheid en groen",
                SIG,
                "Veel verharding maakt de wijk heet in de zomer.",
                [],
            ),
        ],
    ),
}

# (titel, tekst, kernen, dagen geleden)
NIEUWS = [
    (
        "Inloopavond over het dorpshuis",
        "Op donderdagavond is er een inloopavond over de toekomst van het dorpshuis. Iedereen is welkom om "
        "mee te denken.",
        ["Loenen aan de Vecht"],
        3,
    ),
    (
        "Werkzaamheden riolering Kockengen fase 2",
        "Fase 2 van de werkzaamheden aan riolering en straten is begonnen. Per straat krijgt u een brief met "
        "de planning.",
        ["Kockengen"],
        10,
    ),
    (
        "Nieuwe fietsenstalling bij station Breukelen",
        "De nieuwe fietsenstalling bij het station is open. Er is plek voor ruim duizend fietsen.",
        ["Breukelen"],
        30,
    ),
    (
        "Snelheidsdisplays in Nieuwer Ter Aa en Nigtevecht",
        "In beide dorpen staan nu snelheidsdisplays. Over drie maanden kijken we of er langzamer wordt gereden.",
        ["Nieuwer Ter Aa", "Nigtevecht"],
        20,
    ),
    (
        "Plein Bisonspoor vernieuwd",
        "Het plein bij winkelcentrum Bisonspoor is klaar: meer groen, nieuwe bankjes en betere verlichting.",
        ["Maarssenbroek"],
        18,
    ),
    (
        "Spreekuur adviseur leefomgeving",
        "Elke eerste dinsdag van de maand houdt de adviseur leefomgeving spreekuur in het dorpshuis. "
        "Kom langs met uw vragen en ideeën.",
        ["Tienhoven", "Oud-Zuilen", "Vreeland"],
        6,
    ),
    (
        "Eerste stuk Vechtoever vergroend",
        "Langs de Vecht in Maarssen-Dorp is de eerste strook stenen vervangen door gras, struiken en bomen. "
        "De rest van de oever volgt in het najaar.",
        ["Maarssen-Dorp"],
        14,
    ),
    (
        "Verslag inloopavond kazerneterrein",
        "Ruim tachtig inwoners kwamen naar de inloopavond over de toekomst van het kazerneterrein. Het "
        "verslag met alle ideeën ligt in het dorpshuis en staat op de website van de gemeente.",
        ["Nieuwersluis"],
        45,
    ),
    (
        "Elke maand een ontmoetingsmiddag in Loenersloot",
        "De dorpsraad organiseert voortaan elke tweede woensdag van de maand een ontmoetingsmiddag. "
        "Koffie en thee staan klaar; iedereen is welkom.",
        ["Loenersloot"],
        65,
    ),
]


# Opgaven linked to the demo's real projects (rollen) and resident groups (bewonersgroepen), by name.
KOPPELINGEN = {
    "Stationsomgeving Breukelen": (["Herinrichting Stationsgebied Breukelen"], ["Wijkcomité Broeckland"]),
    "Vernieuwing winkelcentrum Bisonspoor": (
        ["Vernieuwing winkelcentrum Bisonspoor"],
        ["Wijkcommissie Valkenkamp"],
    ),
    "Toekomst van het dorpshuis": ([], ["Dorpsraad Loenen aan de Vecht"]),
    "Snelheid op de Dorpsstraat": ([], ["Dorpsraad Nieuwer Ter Aa"]),
    "Bodemdaling en wateroverlast": ([], ["Dorpsraad Kockengen"]),
    "Drukte rond de Maarsseveense Plassen": ([], ["Bewonersvereniging Maarsseveen-Molenpolder"]),
    "Dorpshuis toekomstbestendig maken": ([], ["Dorpsraad Nigtevecht"]),
    "Ontmoeten in het dorp": ([], ["Dorpsraad Loenersloot"]),
    "Verkeer en parkeren rond Slot Zuylen": ([], ["Dorpscommissie Oud-Zuilen"]),
}


# Agendas at the other levels: (niveau, code or None for the gemeente) -> (toekomstbeeld, opgaven);
# an opgave is (titel, thema, status, beschrijving, kernen it also spans).
ANDERE_NIVEAUS = {
    ("gemeente", None): (
        "Stichtse Vecht is een gemeente van dorpen en kernen aan de Vecht. We houden de dorpen leefbaar: "
        "genoeg woningen voor jong en oud, voorzieningen dichtbij en een groen landschap ertussen.",
        [
            (
                "Woningen voor starters en ouderen",
                "Wonen",
                OND,
                "In alle kernen zijn te weinig betaalbare woningen voor starters en voor ouderen die kleiner "
                "willen wonen. We zoeken per kern naar plekken en werken samen met woningcorporaties.",
                [],
            ),
            (
                "Eenzaamheid onder ouderen",
                "Ouderen en zorg",
                SIG,
                "Steeds meer ouderen wonen alleen. We brengen met de dorpsraden in kaart waar mensen "
                "elkaar kunnen ontmoeten.",
                [],
            ),
        ],
    ),
    ("wijk", "WK190402"): (
        "Breukelen-wijk: rustige woonbuurten rond het station, met de Vecht en het kanaal als groene randen.",
        [
            (
                "Fietsroute langs de Vecht",
                "Verkeer en mobiliteit",
                SIG,
                "Een veilige, doorgaande fietsroute van Breukelen via Nieuwersluis naar Loenen aan de Vecht, "
                "voor scholieren en recreanten.",
                ["Nieuwersluis", "Loenen aan de Vecht"],
            ),
        ],
    ),
    ("wijk", "WK190412"): (
        "Maarssenbroek: groene wijken met goede voorzieningen en veilige speelplekken.",
        [
            (
                "Speelplekken opknappen",
                "Jeugd",
                UIT,
                "Veel speelplekken zijn verouderd. Met bewoners kiezen we welke we eerst vernieuwen.",
                [],
            ),
        ],
    ),
    ("buurt", "BU19040212"): (
        "Broeckland: een buurt waar buren elkaar kennen en de straten veilig zijn om te spelen.",
        [
            (
                "Verkeersveilige schoolroute Broeckland",
                "Veiligheid",
                OND,
                "Ouders maken zich zorgen over de oversteek naar school. We bekijken drempels en een zebrapad.",
                [],
            ),
        ],
    ),
    ("buurt", "BU19040216"): (
        "Het Rode Dorp: monumentale arbeiderswoningen, goed onderhouden en duurzaam.",
        [
            (
                "Monumenten verduurzamen",
                "Duurzaamheid en groen",
                SIG,
                "Bewoners willen hun monumentale woningen isoleren zonder het beeld aan te tasten.",
                [],
            ),
        ],
    ),
}


def _andere_niveaus(gemeente, medewerker, themas, kernen) -> int:
    nieuw = 0
    for (niveau, code), (toekomstbeeld, opgaven) in ANDERE_NIVEAUS.items():
        if niveau == "gemeente":
            gebied = gemeente
        elif niveau == "wijk":
            gebied = Wijk.objects.filter(gemeente=gemeente, code=code).first()
        else:
            gebied = Buurt.objects.filter(wijk__gemeente=gemeente, code=code).first()
        if gebied is None:  # a demo without this part of the CBS file
            continue
        agenda = selectors.agenda_van(gebied) or services.agenda_opslaan(
            door=medewerker, gebied=gebied, toekomstbeeld=toekomstbeeld
        )
        for titel, thema, status, beschrijving, ook in opgaven:
            if Opgave.objects.filter(agenda=agenda, titel=titel).exists():
                continue
            opgave = services.opgave_aanmaken(
                door=medewerker,
                agenda=agenda,
                titel=titel,
                thema=themas[thema],
                beschrijving=beschrijving,
                eigenaar=services.standaard_eigenaar(agenda) or medewerker,
                ook_kernen=[kernen[n] for n in ook if n in kernen],
            )
            for naar in VOLGORDE[1 : VOLGORDE.index(status) + 1]:
                services.opgave_status_wijzigen(door=medewerker, opgave=opgave, naar=naar)
            nieuw += 1
    return nieuw


def _vroeger(dagen: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=dagen)


def load(ctx):
    gemeente = ctx.data["stichtse_vecht"]
    medewerker = ctx.data["gebruikers"][Gebruikerssoort.MEDEWERKER]
    kernen = {k.naam: k for k in gemeente.kernen.all()}
    themas = {t.naam: t for t in Thema.objects.all()}
    projecten = {p.naam: p for p in Project.objects.filter(gemeente=gemeente)}
    groepen = {g.naam: g for g in Groep.objects.filter(gemeente=gemeente)}
    nieuwe_opgaven = 0
    for kernnaam, (toekomstbeeld, opgaven) in AGENDAS.items():
        kern = kernen[kernnaam]
        agenda = Gebiedsagenda.objects.filter(kern=kern).first()
        if agenda is None:
            agenda = services.agenda_opslaan(door=medewerker, gebied=kern, toekomstbeeld=toekomstbeeld)
        for titel, thema, status, beschrijving, notities in opgaven:
            if Opgave.objects.filter(agenda=agenda, titel=titel).exists():
                continue
            projectnamen, groepnamen = KOPPELINGEN.get(titel, ([], []))
            opgave = services.opgave_aanmaken(
                door=medewerker,
                agenda=agenda,
                titel=titel,
                thema=themas[thema],
                beschrijving=beschrijving,
                # The area's Adviseur Leefomgeving by default; the demo medewerker where none is assigned.
                eigenaar=services.standaard_eigenaar(agenda) or medewerker,
                projecten=[projecten[n] for n in projectnamen if n in projecten],
                groepen=[groepen[n] for n in groepnamen if n in groepen],
            )
            for naar in VOLGORDE[1 : VOLGORDE.index(status) + 1]:
                services.opgave_status_wijzigen(door=medewerker, opgave=opgave, naar=naar)
            for dagen, tekst in notities:
                notitie = services.voortgang_toevoegen(
                    door=medewerker,
                    opgave=opgave,
                    tekst=tekst,
                    datum=timezone.localdate() - datetime.timedelta(days=dagen),
                )
                notitie.aangemaakt_op = _vroeger(dagen)
                notitie.save(update_fields=["aangemaakt_op"])
            # Spread the demo history over the past months instead of all at 'now'.
            for i, wijziging in enumerate(opgave.statuswijzigingen.order_by("pk")):
                wijziging.op = _vroeger(150 - 30 * i)
                wijziging.save(update_fields=["op"])
            nieuwe_opgaven += 1
    nieuwe_opgaven += _andere_niveaus(gemeente, medewerker, themas, kernen)

    nieuwe_berichten = 0
    for titel, tekst, kernnamen, dagen in NIEUWS:
        if Nieuwsbericht.objects.filter(gemeente=gemeente, titel=titel).exists():
            continue
        bericht = services.nieuws_publiceren(
            door=medewerker, titel=titel, tekst=tekst, kernen=[kernen[n] for n in kernnamen]
        )
        Nieuwsbericht.objects.filter(pk=bericht.pk).update(
            gepubliceerd_op=_vroeger(dagen), aangemaakt_op=_vroeger(dagen)
        )
        nieuwe_berichten += 1

    # A proposal by the demo member, waiting for staff approval (if bewonersgroepen made a group for them).
    lid = ctx.data["gebruikers"].get(Gebruikerssoort.GROEPSLID)
    groep = groepen_van_lid(lid).filter(gemeente=gemeente).prefetch_related("kernen").first() if lid else None
    if groep is not None and groep.kernen.exists():
        titel = f"Burendag met {groep.naam}"
        if not Nieuwsbericht.objects.filter(gemeente=gemeente, titel=titel).exists():
            services.nieuws_voorstellen(
                door=lid,
                groep=groep,
                titel=titel,
                tekst="Op de landelijke Burendag organiseren wij een koffieochtend. Iedereen is welkom!",
                kernen=list(groep.kernen.all()),
            )
            nieuwe_berichten += 1
    # A reaction of the demo member's group on the gemeente-wide housing opgave, waiting for staff
    # (the reactions list in the admin and on the news management page).
    woningen = Opgave.objects.filter(
        agenda__gemeente=gemeente, titel="Woningen voor starters en ouderen"
    ).first()
    if groep is not None and woningen is not None and not woningen.reacties.filter(groep=groep).exists():
        services.reactie_geven(
            door=lid,
            opgave=woningen,
            groep=groep,
            tekst="Wij zien veel jongeren uit ons dorp vertrekken. Denk aan kleine woningen bij de school.",
        )
    ctx.log(f"Gebiedsagenda: {nieuwe_opgaven} opgaven en {nieuwe_berichten} nieuwsberichten nieuw.")
