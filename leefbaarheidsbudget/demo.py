"""Demo: the Centraal Leefbaarheidsbudget of Stichtse Vecht and applications in every state; the same
for Westland and De Ronde Venen (made-up activities of their made-up groups).

Budgets as Stichtse Vecht's published round (2020: € 91.200 physical + € 11.600 social = € 102.800),
a regulation like the VNG model (settled at once up to € 5.000, six weeks ahead, eight weeks to
decide, physical initiatives before 1 October count for next year). The applications run through
the real services, each step on its own (past) day (the services' `nu`), so terms, lead times, history and
money agree.
Staff steps are taken by the application's handler (routed as in the portal: the demo member's
applications in Maarssenbroek go to its Beheerder Leefomgeving), payments by finance (four eyes).
Idempotent: regulations and budgets keyed on gemeente + year, applications on group + title.
"""

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from accounts.constants import Gebruikerssoort
from bewonersgroepen.constants import Groepsoort
from gebieden.models import Kern

from . import services
from .constants import Status
from .models import Aanvraag, Budget, Kernplafond, Regeling

D = Decimal
GROEPEN = {
    "V": "Wijkcommissie Valkenkamp",
    "B": "Wijkcomité Broeckland",
    "D": "Dichters en Lanen",
}
BUDGETTEN = {-1: D("98500.00"), 0: D("102800.00"), 1: D("105000.00")}
# Next year's budget is divided over the kernen: a base each and a share by inhabitants (the map shows it).
KERNPLAFOND_BASIS = D("2000.00")
KERNPLAFOND_VERDEELD = D("60000.00")

# (titel, groep, kern, dagen geleden ingediend (None: concept), doelstatus, kostenposten, eigen bijdrage,
#  cofinanciering, toegekend bedrag, extra)
SCENARIOS = [
    ("Burendag Valkenkamp", "V", "Maarssenbroek", None, Status.CONCEPT,
     [("Springkussen", "275"), ("Spelmateriaal", "120")], "0", "0", None, {}),
    ("Kerstmarkt Broeckland", "B", "Breukelen", 5, Status.INGEDIEND,
     [("Kraampjes huren", "900"), ("Verlichting", "450"), ("Kerstboom en versiering", "380")], "250", "0", None, {}),
    ("Koffieochtenden voor ouderen", "D", "Maarssen-Dorp", 20, Status.IN_BEHANDELING,
     [("Huur buurthuis (10 ochtenden)", "600"), ("Vervoer met de buurtbus", "350")], "100", "0", None, {}),
    ("Zomerfeest Valkenkamp", "V", "Maarssenbroek", 30, Status.AANVULLING_GEVRAAGD,
     [("Podium en geluid", "1800"), ("Tent", "950"), ("Vergunning en verzekering", "240")], "300", "500",
     None, {"vraag": "Wilt u een offerte voor het podium meesturen? En wie betaalt de € 500 cofinanciering?"}),
    ("Poëzieroute langs de Vecht", "D", "Maarssen-Dorp", 100, Status.IN_BEHANDELING,
     [("Tien gedichtenborden", "2400"), ("Plaatsen door de gemeentewerf", "600")], "200", "0", None,
     {"ingebrekestelling_dagen_geleden": 25}),
    ("Watertappunt Antilopespoor", "V", "Maarssenbroek", 40, Status.TOEGEKEND,
     [("Watertappunt met aansluiting", "1250")], "0", "0", "1250", {"besluit_na": 20}),
    ("Schaaktafels in het park", "D", "Maarssen-Dorp", 200, Status.VASTGESTELD,
     [("Twee schaaktafels met banken", "2150"), ("Plaatsen", "250")], "0", "0", "2400",
     {"besluit_na": 30, "betaald_na": 40}),
    ("Straatfeest met eten en drinken", "B", "Breukelen", 60, Status.AFGEWEZEN,
     [("Catering", "1500"), ("Muziek", "400")], "0", "0", None,
     {"besluit_na": 30, "motivering": "Het leefbaarheidsbudget betaalt geen eten en drinken. Muziek alleen is "
                                      "te weinig voor de hele buurt. U kunt een nieuwe aanvraag doen zonder catering."}),
    ("Halloween-tocht", "V", "Maarssenbroek", 50, Status.INGETROKKEN,
     [("Lampionnen en schmink", "320")], "20", "0", None, {"ingetrokken_na": 5}),
    ("Speeltuinfeest Broeckland", "B", "Breukelen", 150, Status.UITBETAALD,
     [("Attracties", "4200"), ("Podium en geluid", "1900"), ("Beveiliging", "800")], "400", "0", "6500",
     {"besluit_na": 30, "betaald_na": 40}),
    ("Buurtmoestuin Zogweteringpark", "V", "Maarssenbroek", 220, Status.VERANTWOORDING_INGEDIEND,
     [("Grond en compost", "2100"), ("Plantenbakken en gereedschap", "3600"), ("Hek", "1800")], "500", "0",
     "7000", {"besluit_na": 30, "betaald_na": 40, "verantwoord_dagen_geleden": 20, "werkelijk": "7150"}),
    ("Bloembakken Breukelen-centrum", "B", "Breukelen", 260, Status.VASTGESTELD,
     [("Veertig bloembakken", "4800"), ("Planten", "1700")], "500", "0", "6000",
     {"besluit_na": 30, "betaald_na": 40, "verantwoord_dagen_geleden": 60, "vastgesteld_dagen_geleden": 40,
      "werkelijk": "5400", "vastgesteld": "5400"}),
]  # fmt: skip

# The other gemeenten: the same twelve steps (and amounts) as SCENARIOS, in that order, with their own
# activities. Group keys: the first, second and third activiteitencommissie of bewonersgroepen/demo.py.
OVERIGE_SCENARIOS = {
    "GM1783": [
        ("Burendag Kwintsheul", "A", "Kwintsheul"),
        ("Lichtjesavond De Lier", "B", "De Lier"),
        ("Strandopruimdag Ter Heijde", "C", "Ter Heijde"),
        ("Zomerfeest Kwintsheul", "A", "Kwintsheul"),
        ("Kunstroute langs de kassen", "B", "De Lier"),
        ("Watertappunt bij de speeltuin", "A", "Kwintsheul"),
        ("Jeu-de-boulesbaan aan de boulevard", "C", "Ter Heijde"),
        ("Buurtbarbecue met drankjes", "B", "De Lier"),
        ("Pompoenenwedstrijd", "A", "Kwintsheul"),
        ("Vliegerfeest op het strand", "C", "Ter Heijde"),
        ("Buurttuin bij het dorpshuis", "A", "Kwintsheul"),
        ("Bloembakken in de Hoofdstraat", "B", "De Lier"),
    ],
    "GM0736": [
        ("Burendag Wilnis", "A", "Wilnis"),
        ("Winterfair Vinkeveen", "B", "Vinkeveen"),
        ("Koningsspelen Baambrugge", "C", "Baambrugge"),
        ("Dorpsfeest Wilnis", "A", "Wilnis"),
        ("Fotoroute langs de plassen", "B", "Vinkeveen"),
        ("Watertappunt bij het sportpark", "A", "Wilnis"),
        ("Picknicktafels langs het Gein", "C", "Baambrugge"),
        ("Buurtdiner op het dorpsplein", "B", "Vinkeveen"),
        ("Lampionnenoptocht", "A", "Wilnis"),
        ("Speeldag op het ijs", "C", "Baambrugge"),
        ("Natuurspeelplaats Wilnis", "A", "Wilnis"),
        ("Bloemrijke bermen Vinkeveen", "B", "Vinkeveen"),
    ],
}


def _scenarios(code: str) -> list[tuple]:
    if code not in OVERIGE_SCENARIOS:
        return SCENARIOS
    return [
        (titel, groep, kern, *basis[3:])
        for (titel, groep, kern), basis in zip(OVERIGE_SCENARIOS[code], SCENARIOS, strict=True)
    ]


def _op(dag: datetime.date) -> datetime.datetime:
    """The moment a demo step happens: ten in the morning of `dag`."""
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10)))


def _regelingen_en_budgetten(ctx, gemeente, jaar):
    for verschil, totaal in BUDGETTEN.items():
        j = jaar + verschil
        Regeling.objects.get_or_create(
            gemeente=gemeente,
            jaar=j,
            defaults={
                "max_per_aanvraag": D("7500.00"),
                "max_per_groep_per_jaar": D("15000.00"),
                "minimale_voorbereiding_dagen": 42,
                "beslistermijn_weken": 8,
                "direct_vaststellen_tot": D("5000.00"),
                "sluitingsdatum": datetime.date(j, 10, 1),
                "vier_ogen": True,
            },
        )
        budget, _ = Budget.objects.get_or_create(
            gemeente=gemeente,
            jaar=j,
            defaults={
                "totaal": totaal,
                "toelichting": "Centraal Leefbaarheidsbudget voor fysieke en sociale initiatieven.",
            },
        )
        if verschil == 1:  # next year: divided over the twelve kernen
            kernen = list(Kern.objects.filter(gemeente=gemeente).annotate(aantal=Sum("wijken__inwoners")))
            alle = sum(k.aantal or 0 for k in kernen) or 1
            for kern in kernen:
                # A base for every kern plus a share by inhabitants, in steps of € 500.
                deel = KERNPLAFOND_VERDEELD * (kern.aantal or 0) / alle
                plafond = KERNPLAFOND_BASIS + (deel / 500).quantize(D("1")) * 500
                Kernplafond.objects.get_or_create(budget=budget, kern=kern, defaults={"plafond": plafond})


def _lid_van(groep, voorkeur):
    from bewonersgroepen.selectors import actieve_lidmaatschappen

    leden = actieve_lidmaatschappen().filter(groep=groep).select_related("gebruiker")
    if voorkeur is not None and leden.filter(gebruiker=voorkeur).exists():
        return voorkeur
    lidmaatschap = leden.order_by("-is_contactpersoon", "pk").first()
    return lidmaatschap.gebruiker if lidmaatschap else None


def _scenario(scenario, *, groep, kern, lid, beslisser, betaler, vandaag):
    """Run one application through the services to its target state; staff steps by its handler."""
    titel, _, _, dagen, doel, posten, eigen, co, bedrag, extra = scenario
    ingediend = vandaag - datetime.timedelta(days=dagen or 0)
    dag = lambda n: ingediend + datetime.timedelta(days=n)  # noqa: E731
    dagen_geleden = lambda n: vandaag - datetime.timedelta(days=n)  # noqa: E731
    aanvraag = services.aanvraag_aanmaken(
        groep=groep, door=lid, titel=titel, voorwaarden_gelezen=True, nu=_op(ingediend)
    )
    services.aanvraag_bijwerken(
        aanvraag=aanvraag,
        door=lid,
        gegevens={
            "omschrijving": f"{titel}: een activiteit voor en door de buurt.",
            "doel": "Buren leren elkaar kennen en de buurt wordt prettiger om in te wonen.",
            "kern": kern,
            # In a kern of one wijk the activity is in that wijk, so the wijk's routing rule applies.
            "wijk": wijken[0] if len(wijken := list(kern.wijken.all())) == 1 else None,
            "datum_van": dag(75),
            "verwacht_aantal_deelnemers": 150,
            "eigen_bijdrage": D(eigen),
            "cofinanciering": D(co),
            "cofinanciering_door": f"Fonds {groep.gemeente.naam}" if D(co) else "",
        },
        kostenposten=[services.Kostenregel(o, D(b)) for o, b in posten],
    )
    if doel == Status.CONCEPT:
        return
    aanvraag = services.aanvraag_indienen(aanvraag=aanvraag, door=lid, nu=_op(ingediend))
    beslisser = aanvraag.behandelaar or beslisser
    if doel == Status.INGEDIEND:
        return
    if doel == Status.INGETROKKEN:
        services.aanvraag_intrekken(
            aanvraag=aanvraag,
            door=lid,
            toelichting="Te weinig vrijwilligers dit jaar.",
            nu=_op(dag(extra["ingetrokken_na"])),
        )
        return
    aanvraag = services.aanvraag_in_behandeling_nemen(aanvraag=aanvraag, door=beslisser, nu=_op(dag(3)))
    if doel == Status.AANVULLING_GEVRAAGD:
        services.aanvulling_vragen(
            aanvraag=aanvraag, door=beslisser, vraag=extra["vraag"], nu=_op(dagen_geleden(12))
        )
        return
    if doel == Status.IN_BEHANDELING:
        if "ingebrekestelling_dagen_geleden" in extra:
            ontvangen = dagen_geleden(extra["ingebrekestelling_dagen_geleden"])
            services.ingebrekestelling_registreren(
                aanvraag=aanvraag, door=lid, ontvangen_op=ontvangen, nu=_op(ontvangen)
            )
        return
    besluit = _op(dag(extra["besluit_na"]))
    if doel == Status.AFGEWEZEN:
        services.aanvraag_afwijzen(
            aanvraag=aanvraag, door=beslisser, motivering=extra["motivering"], nu=besluit
        )
        return
    aanvraag = services.aanvraag_toekennen(
        aanvraag=aanvraag,
        door=beslisser,
        bedrag=D(bedrag),
        motivering="Het plan verbetert de leefbaarheid, heeft draagvlak in de buurt en past in de regeling.",
        voorwaarden="Noem de gemeente bij de aankondiging. Zorg zelf voor de nodige vergunningen.",
        nu=besluit,
    )
    if doel == Status.TOEGEKEND:
        return
    aanvraag = services.betaling_registreren(
        aanvraag=aanvraag,
        door=betaler,
        betaald_op=dag(extra["betaald_na"]),
        betaalkenmerk=f"LB{aanvraag.pk:06d}",
        nu=_op(dag(extra["betaald_na"])),
    )
    if doel in (Status.UITBETAALD,) or aanvraag.status == Status.VASTGESTELD:
        return
    aanvraag = services.verantwoording_indienen(
        aanvraag=aanvraag,
        door=lid,
        werkelijke_kosten=D(extra["werkelijk"]),
        verslag="Het ging goed: veel buren deden mee en hielpen met opbouwen. Foto's volgen.",
        nu=_op(dagen_geleden(extra["verantwoord_dagen_geleden"])),
    )
    if doel == Status.VERANTWOORDING_INGEDIEND:
        return
    services.aanvraag_vaststellen(
        aanvraag=aanvraag,
        door=beslisser,
        bedrag=D(extra["vastgesteld"]),
        motivering="De werkelijke kosten waren lager dan begroot; het verschil betaalt u terug.",
        nu=_op(dagen_geleden(extra["vastgesteld_dagen_geleden"])),
    )


def _gemeente_laden(gemeente, *, groepen, staf, demo_lid, vandaag) -> int:
    _regelingen_en_budgetten(None, gemeente, vandaag.year)
    gemaakt = 0
    for scenario in _scenarios(gemeente.code):
        titel, sleutel, kernnaam = scenario[0], scenario[1], scenario[2]
        groep = groepen.get(sleutel)
        if groep is None or Aanvraag.objects.filter(groep=groep, titel=titel).exists():
            continue
        lid = _lid_van(groep, demo_lid)
        if lid is None:
            continue
        _scenario(
            scenario,
            groep=groep,
            kern=Kern.objects.prefetch_related("wijken").get(gemeente=gemeente, naam=kernnaam),
            lid=lid,
            beslisser=staf["adviseur"],
            betaler=staf["financien"],
            vandaag=vandaag,
        )
        gemaakt += 1
    return gemaakt


# Jaarbijdragen of Stichtse Vecht's agreements (group name, version) -> the state of last year's and of this
# year's contribution; each step through the services on its own past day, by the roles that take it.
JAARBIJDRAGEN = {
    ("Dorpscommissie Oud-Zuilen", 1): (Status.VASTGESTELD, Status.UITBETAALD),
    ("Dorpsraad Nigtevecht", 1): (Status.VERANTWOORDING_INGEDIEND, Status.TOEGEKEND),
    ("Dorpsraad Kockengen", 1): (Status.VASTGESTELD, None),
    ("Dorpsraad Kockengen", 2): (None, Status.TOEGEKEND),
}


def _jaarbijdrage(overeenkomst, jaar, doel, *, staf, vandaag) -> bool:
    """Reserve `jaar`'s contribution of `overeenkomst` and take it to `doel`; False when it exists already."""
    if doel is None or overeenkomst.jaarbijdragen.filter(begrotingsjaar=jaar).exists():
        return False
    periode = services.selectors.jaarbijdrage_periode(overeenkomst, jaar)
    if periode is None:
        return False
    # Reserved by the schedule at the start of the period (this year's: early January or the agreement's start).
    begin = max(periode.van, datetime.date(jaar, 1, 2))
    bijdrage = services.jaarbijdrage_vastleggen(
        overeenkomst=overeenkomst, jaar=jaar, door=None, nu=_op(begin)
    )
    if doel == Status.TOEGEKEND:
        return True
    betaald = min(begin + datetime.timedelta(days=40), vandaag - datetime.timedelta(days=30))
    bijdrage = services.betaling_registreren(
        aanvraag=bijdrage,
        door=staf["financien"],
        betaald_op=betaald,
        betaalkenmerk=f"JB{jaar}-{overeenkomst.pk}",
        nu=_op(betaald),
    )
    if doel == Status.UITBETAALD:
        return True
    verantwoord = min(periode.tot + datetime.timedelta(days=30), vandaag - datetime.timedelta(days=20))
    bijdrage = services.verantwoording_indienen(
        aanvraag=bijdrage,
        door=_lid_van(overeenkomst.groep, None),
        werkelijke_kosten=bijdrage.toegekend_bedrag - D("120.00"),
        verslag="Vier keer overleg met de gemeente, een dorpsavond en een enquête over de dorpsagenda. "
        "De kosten: zaalhuur, drukwerk en de website.",
        nu=_op(verantwoord),
    )
    if doel == Status.VERANTWOORDING_INGEDIEND:
        return True
    vastgesteld = verantwoord + datetime.timedelta(days=10)
    services.aanvraag_vaststellen(
        aanvraag=bijdrage,
        door=staf["adviseur"],
        bedrag=bijdrage.werkelijke_kosten,
        motivering="De groep gaf € 120,00 minder uit dan de jaarbijdrage; dat bedrag betaalt zij terug.",
        nu=_op(vastgesteld),
    )
    return True


def _jaarbijdragen(gemeente, *, staf, vandaag) -> int:
    from bewonersgroepen.models import Samenwerkingsovereenkomst

    gemaakt = 0
    for (naam, versie), (vorig_jaar, dit_jaar) in JAARBIJDRAGEN.items():
        overeenkomst = Samenwerkingsovereenkomst.objects.filter(
            groep__gemeente=gemeente, groep__naam=naam, versie=versie
        ).first()
        if overeenkomst is None:
            continue
        for jaar, doel in ((vandaag.year - 1, vorig_jaar), (vandaag.year, dit_jaar)):
            gemaakt += _jaarbijdrage(overeenkomst, jaar, doel, staf=staf, vandaag=vandaag)
    return gemaakt


def load(ctx):
    from bewonersgroepen.models import Groep

    vandaag = timezone.localdate()
    demo_lid = ctx.data["gebruikers"].get(Gebruikerssoort.GROEPSLID)
    gemaakt = 0
    for code in ctx.data["staf"]:  # Stichtse Vecht first: its numbers are the ones the docs name
        gemeente = ctx.data["gemeenten"][code]
        if code in OVERIGE_SCENARIOS:
            activiteiten = [
                g
                for g in ctx.data["groepen_per_gemeente"][code]
                if g.soort == Groepsoort.ACTIVITEITENCOMMISSIE
            ]
            groepen = dict(zip("ABC", activiteiten, strict=False))
        else:
            groepen = {
                k: Groep.objects.filter(gemeente=gemeente, naam=naam).first() for k, naam in GROEPEN.items()
            }
        gemaakt += _gemeente_laden(
            gemeente, groepen=groepen, staf=ctx.data["staf"][code], demo_lid=demo_lid, vandaag=vandaag
        )
    # Stichtse Vecht (the first gemeente): its agreements' yearly contributions in every state.
    code = next(iter(ctx.data["staf"]))
    bijdragen = _jaarbijdragen(ctx.data["gemeenten"][code], staf=ctx.data["staf"][code], vandaag=vandaag)
    ctx.log(f"Leefbaarheidsbudget: {Aanvraag.objects.count()} aanvragen in drie gemeenten ({gemaakt} nieuw)")
    ctx.log(f"Jaarbijdragen uit samenwerkingsovereenkomsten: {bijdragen} nieuw, in elke stap.")
