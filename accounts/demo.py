"""One demo login per user kind, working in Stichtse Vecht (the staff roles' logins: rollen/demo.py).

Staff and functional admins must log in in two steps (when OTP_VERPLICHT_VOOR_MEDEWERKERS is on, as
outside tests). So that a newcomer gets in, `load_demo` gives every printed demo login that needs the
second step (also those other apps' demo modules add) an authenticator app with a fixed, printed secret
and a few printed backup codes (each works once; running load_demo again restores them): see
`tweestaps_demo`, called from portaal/management/commands/load_demo.py.
"""

from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

from .constants import Gebruikerssoort
from .services import APP_NAAM, gebruiker_aanmaken_of_bijwerken, reservecodes_aanmaken

DEMO_WACHTWOORD = "Gebiedsportaal-demo-2026"

DEMO_GEBRUIKERS = [
    ("medewerker@demo.gebiedsportaal.nl", "Sanne de Vries", Gebruikerssoort.MEDEWERKER, False),
    ("lid@demo.gebiedsportaal.nl", "Pieter Jansen", Gebruikerssoort.GROEPSLID, False),
    ("raadslid@demo.gebiedsportaal.nl", "Fatima el Amrani", Gebruikerssoort.RAADSLID, False),
    ("beheer@demo.gebiedsportaal.nl", "Joost Bakker", Gebruikerssoort.FUNCTIONEEL_BEHEERDER, True),
]

# Demo only: a fixed TOTP secret (20 bytes, hex as django-otp stores it) so it can be printed.
DEMO_TOTP_SLEUTEL = b"Gebiedsportaal-demo!".hex()
DEMO_TOTP_GEHEIM = b32encode(bytes.fromhex(DEMO_TOTP_SLEUTEL)).decode()


def demo_reservecodes(email: str) -> list[str]:
    prefix = email.split("@")[0]
    return [f"{prefix}-{n}" for n in range(1, 6)]


def tweestaps_demo(user) -> str:
    """Give a demo staff login a confirmed authenticator app and backup codes; return how to use them."""
    TOTPDevice.objects.update_or_create(
        user=user,
        name=APP_NAAM,
        defaults={
            "key": DEMO_TOTP_SLEUTEL,
            "confirmed": True,
            "last_t": -1,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    TOTPDevice.objects.filter(user=user).exclude(name=APP_NAAM).delete()
    codes = reservecodes_aanmaken(user=user, codes=demo_reservecodes(user.email))
    return f"tweede stap: TOTP-geheim {DEMO_TOTP_GEHEIM} in een authenticator-app, of reservecode {', '.join(codes)}"


def load(ctx):
    gemeente = ctx.data["stichtse_vecht"]
    for email, naam, soort, is_staff in DEMO_GEBRUIKERS:
        user = gebruiker_aanmaken_of_bijwerken(
            email=email,
            naam=naam,
            soort=soort,
            wachtwoord=DEMO_WACHTWOORD,
            gemeente=gemeente,  # the demo member's groups are in this gemeente too
            is_staff=is_staff,
        )
        ctx.data.setdefault("gebruikers", {})[soort] = user
        if soort == Gebruikerssoort.MEDEWERKER:  # her kernen are given to her in rollen/demo.py
            ctx.login("Adviseur Leefomgeving", email, "Breukelen, Loenen aan de Vecht en Nigtevecht")
        else:
            ctx.login(soort.label, email)
