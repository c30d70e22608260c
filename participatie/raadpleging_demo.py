"""Demo consultation rounds for `load_demo` (called by participatie/demo.py): for Stichtse Vecht, a
processed round with a published "Wat hebben we opgehaald" (Stationsgebied Breukelen) and an open round
with responses (Bisonspoor). Residents are fictional (example.nl); partners get an .example address.
Safe to run again."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from bewonersgroepen.selectors import actieve_lidmaatschappen
from rollen.models import Participatiestap

from . import raadplegingen as rs
from .models import Ketenpartner, Participatieplan, Raadpleging
from .raadpleging_constants import NIVEAUS_MET_RAADPLEGING

VRAGEN = [
    ("Wat vindt u het belangrijkst voor deze plek?", "open", "", True),
    (
        "Wat moet voorrang krijgen?",
        "keuze",
        "Groen en schaduw\nVeilige looproutes\nFietsparkeren\nSpeelplek",
        False,
    ),
    ("Hoe tevreden bent u nu met deze plek?", "schaal", "", False),
]

INWONERS = [
    ("Meer bomen en bankjes in de schaduw.", "Groen en schaduw", "2", True, True, "Anouk"),
    (
        "De oversteek bij de stationsweg is gevaarlijk voor kinderen.",
        "Veilige looproutes",
        "2",
        True,
        False,
        "",
    ),
    ("Er zijn te weinig fietsenrekken, fietsen staan overal.", "Fietsparkeren", "3", True, True, "Henk"),
    ("Een plek waar kinderen kunnen spelen terwijl je wacht.", "Speelplek", "3", False, False, ""),
    ("Betere verlichting 's avonds.", "Veilige looproutes", "2", True, False, ""),
    ("Houd de oude kastanjebomen.", "Groen en schaduw", "4", True, True, "Marieke"),
    ("Overdekte fietsenstalling graag.", "Fietsparkeren", "3", True, False, ""),
    ("Meer groen, minder stenen.", "Groen en schaduw", "2", True, False, ""),
    ("Zebrapad bij de bushalte.", "Veilige looproutes", "1", False, False, ""),
    ("Een watertappunt voor fietsers.", "Groen en schaduw", "3", True, True, "Youssef"),
]

THEMAS = [
    (
        "Groen en schaduw",
        "Veel mensen willen meer bomen, bankjes in de schaduw en de oude kastanjes houden.",
        "overgenomen",
        "",
    ),
    (
        "Veilig oversteken",
        "Ouders noemen de oversteek bij de stationsweg en de verlichting 's avonds.",
        "deels",
        "Een zebrapad komt er. Extra verlichting volgt pas bij de vervanging van de lantaarnpalen in 2028.",
    ),
    (
        "Fietsparkeren",
        "Er zijn te weinig rekken; een overdekte stalling wordt vaak genoemd.",
        "niet",
        "De stalling is onderdeel van het plan van ProRail; de gemeente besluit daar niet over. We geven de wens door.",
    ),
]


def _partneradres(partner: Ketenpartner) -> None:
    if not partner.email:
        partner.email = f"participatie@{slugify(partner.naam)}.example"
        partner.save(update_fields=["email"])


def _stap(plan, niveau_fallback: str) -> Participatiestap:
    stap = plan.project.stappen.filter(niveau__in=NIVEAUS_MET_RAADPLEGING).order_by("datum").first()
    if stap is None:
        stap = Participatiestap.objects.create(
            project=plan.project,
            datum=timezone.localdate(),
            wat="Enquête onder inwoners en partners",
            met_wie="Inwoners, bewonersgroepen en ketenpartners",
            niveau=niveau_fallback,
        )
    return stap


def _ronde(plan, titel: str, inleiding: str, *, dagen_open: int):
    door = plan.project.omgevingsmanager
    groepen = [b.groep for b in plan.belanghebbenden.filter(soort="groep").select_related("groep")]
    partners = [
        b.ketenpartner
        for b in plan.belanghebbenden.filter(soort="ketenpartner").select_related("ketenpartner")
    ]
    for partner in partners:
        _partneradres(partner)
    nu = timezone.now()
    ronde = rs.raadpleging_opslaan(
        plan=plan,
        door=door,
        stap=_stap(plan, "raadplegen"),
        titel=titel,
        inleiding=inleiding,
        open_van=nu - datetime.timedelta(days=14),
        open_tot=nu + datetime.timedelta(days=dagen_open),
        openbaar=True,
        groepen=groepen,
        ketenpartners=partners,
    )
    for tekst, soort, keuzes, verplicht in VRAGEN:
        rs.vraag_toevoegen(
            raadpleging=ronde, door=door, tekst=tekst, soort=soort, keuzes=keuzes, verplicht=verplicht
        )
    ronde = rs.raadpleging_openen(raadpleging=ronde, door=door)
    vragen = list(ronde.vragen.all())
    for i, (open_, keuze, score, publiceren, naam, voornaam) in enumerate(INWONERS):
        reactie = rs.reactie_inwoner_indienen(
            raadpleging=ronde,
            email=f"inwoner{i + 1}.{ronde.pk}@example.nl",
            naam=voornaam,
            antwoorden={vragen[0].pk: open_, vragen[1].pk: keuze, vragen[2].pk: score},
            publiceren=publiceren,
            toon_naam=naam,
        )
        if i < 9:  # one stays unconfirmed: it does not count
            rs.reactie_inwoner_bevestigen(token=reactie.token)
    for partner in partners[:1]:
        rs.reactie_partner_opslaan(
            token=ronde.uitnodigingen.get(ketenpartner=partner).token,
            antwoorden={
                vragen[0].pk: "Houd rekening met onderhoud van het groen.",
                vragen[1].pk: "Groen en schaduw",
                vragen[2].pk: "3",
            },
            publiceren=True,
            naam=True,
        )
    for groep in groepen:
        lid = actieve_lidmaatschappen().filter(groep=groep).select_related("gebruiker").first()
        if lid is not None:
            rs.reactie_groep_opslaan(
                raadpleging=ronde,
                door=lid.gebruiker,
                groep=groep,
                antwoorden={
                    vragen[0].pk: "Betrek de buurt bij de keuze van de bomen.",
                    vragen[1].pk: "Groen en schaduw",
                    vragen[2].pk: "2",
                },
                publiceren=True,
                naam=True,
            )
            break
    return ronde


def load(ctx) -> None:
    verwerkt = open_ = None
    station = Participatieplan.objects.filter(project__naam="Herinrichting Stationsgebied Breukelen").first()
    if station is not None:
        titel = "Uw mening over het nieuwe stationsplein"
        verwerkt = station.raadplegingen.filter(titel=titel).first()
        if verwerkt is None:
            verwerkt = _ronde(
                station,
                titel,
                "Wat vindt u belangrijk op het plein bij het station? Uw mening weegt mee in het ontwerp (niveau raadplegen).",
                dagen_open=1,
            )
            door = station.project.omgevingsmanager
            rs.raadpleging_sluiten(raadpleging=verwerkt, door=door)
            themas = {}
            for titel_, gehoord, afweging, waarom in THEMAS:
                themas[titel_] = rs.thema_opslaan(
                    raadpleging=verwerkt,
                    door=door,
                    titel=titel_,
                    wat_gehoord=gehoord,
                    afweging=afweging,
                    waarom=waarom,
                )
            keuze_naar_thema = {
                "Groen en schaduw": "Groen en schaduw",
                "Speelplek": "Groen en schaduw",
                "Veilige looproutes": "Veilig oversteken",
                "Fietsparkeren": "Fietsparkeren",
            }
            indeling = {}
            for reactie in verwerkt.reacties.prefetch_related("antwoorden__vraag"):
                keuze = next((a.tekst for a in reactie.antwoorden.all() if a.vraag.soort == "keuze"), "")
                indeling[reactie.pk] = themas[keuze_naar_thema.get(keuze, "Groen en schaduw")].pk
            rs.reacties_indelen(raadpleging=verwerkt, door=door, indeling=indeling)
            verwerkt = rs.samenvatting_publiceren(
                raadpleging=verwerkt,
                door=door,
                samenvatting="Bedankt voor alle reacties. Hieronder leest u per thema wat we hoorden en wat we ermee doen.",
            )
            nu = timezone.now()
            Raadpleging.objects.filter(pk=verwerkt.pk).update(
                open_van=nu - datetime.timedelta(days=60), open_tot=nu - datetime.timedelta(days=30)
            )
    bison = Participatieplan.objects.filter(project__naam="Vernieuwing winkelcentrum Bisonspoor").first()
    if bison is not None:
        titel = "Denk mee over het plein van Bisonspoor"
        open_ = bison.raadplegingen.filter(titel=titel).first() or _ronde(
            bison,
            titel,
            "Wat wilt u op het nieuwe plein? Uw advies weegt mee in het ontwerp dat de raad vaststelt.",
            dagen_open=21,
        )
    if verwerkt or open_:
        ctx.log(
            "Raadplegingen: "
            + "; ".join(
                f"{r.titel} ({r.get_status_display().lower()}, {r.reacties.filter(bevestigd_op__isnull=False).count()} reacties) op {r.openbare_url()}"
                for r in (verwerkt, open_)
                if r is not None
            )
        )
