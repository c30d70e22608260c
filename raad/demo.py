"""Demo motion M-31 of Stichtse Vecht with its four real progress updates (texts verbatim from the source)."""

import datetime

from accounts.constants import Gebruikerssoort

from .models import Motie
from .services import motie_bijwerken, motie_registreren, thema_ophalen, voortgang_importeren

M31 = {
    "nummer": "M-31",
    "titel": "Versterking gebiedsgericht werken",
    "indieners": "PvdA e.a.",
    "jaar": 2017,  # the source gives only the year
    "gevraagde_actie": (
        "In de nieuwe nota gebiedsgericht werken helder uiteen te zetten hoe het College, ism de Raad, "
        "vorm en inhoud wilt geven aan gebiedsgericht werken en wat daarbij oa de rollen en taken zijn van "
        "de wijkwethouders, gebiedsregisseurs en andere partners in de 12 wijken en dorpen."
    ),
}

M31_UPDATES = [
    (
        datetime.date(2022, 1, 18),
        "Op 16 november 2021 is de raad via een informatieve commissie bijgepraat over de voortgang "
        "optimalisatie gebiedsgericht werken, inclusief de voorstellen die er liggen ten aanzien van de rollen "
        "en taken. Deze worden de komende maanden verder aangescherpt i.s.m. met o.a. de gemeentelijke "
        "organisatie, bewonersgroepen en ketenpartners.",
    ),
    (
        datetime.date(2021, 11, 10),
        "De gesprekken met de afdelingen (tot 1 november 2021) Buiten, Ruimtelijke Ontwikkeling en Economie & "
        "Duurzaamheid zijn gevoerd. Tevens is de informatie gedeeld met bewonersgroepen en sommige gesprekken "
        "zullen nog plaatsvinden met hen. Deze terugkoppelingen worden meegenomen naar de informatieve "
        "commissie van 16 november 2021. De voorlopige conclusies zijn dat er bijstellingen en finetunen komt "
        "op de voorgestelde rollen en samenwerkingsverbanden. De aangepaste functies worden weer besproken met "
        "de directie en een voorgesteld pad van implementatie na een positief besluit.",
    ),
    (
        datetime.date(2021, 9, 6),
        "Er is geen dik beleidsstuk geschreven maar een infographics gemaakt over: “rollen en samenwerken "
        "gebiedsgericht werken”. Op basis daarvan vindt toetsing plaats met andere afdelingen om het aan te "
        "laten sluiten bij de nieuwe organisatie. Tevens gaan de gebiedsregisseurs in gesprek met "
        "bewonersgroepen over samenwerking. Deze uitkomsten van intern en extern overleg zullen ter bespreking "
        "worden aangeboden voor de informatieve commissie op 16 november 2021.",
    ),
    (
        datetime.date(2021, 7, 7),
        "de herijking van gebiedsgericht werken, de rollen, de acties en het tijdspad worden gedeeld in een "
        "informatieve commissie. Er is gevraagd om dit te agenderen voor de informatieve commissie van "
        "16 november 2021.",
    ),
]


def load(ctx):
    gemeente = ctx.data["stichtse_vecht"]
    medewerker = ctx.data["gebruikers"][Gebruikerssoort.MEDEWERKER]
    thema = thema_ophalen(naam="Gebiedsgericht werken")
    bestaand = Motie.objects.filter(gemeente=gemeente, nummer=M31["nummer"]).first()
    if bestaand is None:
        motie = motie_registreren(door=medewerker, gemeente=gemeente, themas=[thema], **M31)
    elif any(getattr(bestaand, veld) != waarde for veld, waarde in M31.items()) or list(
        bestaand.themas.all()
    ) != [thema]:
        motie = motie_bijwerken(door=medewerker, motie=bestaand, themas=[thema], **M31)
    else:
        motie = bestaand  # unchanged: a second run of load_demo writes nothing (no history rows)
    for datum, tekst in M31_UPDATES:
        voortgang_importeren(motie=motie, datum=datum, tekst=tekst)
    ctx.data["moties"] = [motie]
    ctx.log(f"Raad: motie {motie.nummer} met {motie.updates.count()} updates")
