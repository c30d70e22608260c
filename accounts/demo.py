"""One demo login per user kind, working in Stichtse Vecht."""

from portaal.demo import DEMO_WACHTWOORD

from .constants import Gebruikerssoort
from .services import gebruiker_aanmaken_of_bijwerken

DEMO_GEBRUIKERS = [
    ("medewerker@demo.gebiedsportaal.nl", "Sanne de Vries", Gebruikerssoort.MEDEWERKER, False),
    ("lid@demo.gebiedsportaal.nl", "Pieter Jansen", Gebruikerssoort.GROEPSLID, False),
    ("raadslid@demo.gebiedsportaal.nl", "Fatima el Amrani", Gebruikerssoort.RAADSLID, False),
    ("beheer@demo.gebiedsportaal.nl", "Joost Bakker", Gebruikerssoort.FUNCTIONEEL_BEHEERDER, True),
]


def load(ctx):
    gemeente = ctx.data["stichtse_vecht"]
    for email, naam, soort, is_staff in DEMO_GEBRUIKERS:
        user = gebruiker_aanmaken_of_bijwerken(
            email=email,
            naam=naam,
            soort=soort,
            wachtwoord=DEMO_WACHTWOORD,
            gemeente=None if soort == Gebruikerssoort.GROEPSLID else gemeente,
            is_staff=is_staff,
        )
        ctx.data.setdefault("gebruikers", {})[soort] = user
        ctx.login(soort.label, email)
