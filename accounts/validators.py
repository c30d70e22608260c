import re

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.core.exceptions import ValidationError


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django 5.2's Dutch catalogue misses the new wording of this message, so we say it ourselves."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort. Gebruik minstens {self.min_length} tekens."

    def get_help_text(self):
        return f"Uw wachtwoord moet minstens {self.min_length} tekens hebben. Een korte zin werkt goed."


# Words Dutch users pick that Django's (English) list of 20,000 common passwords misses or has only
# bare; with digits or signs around them they are guessed first (NCSC: refuse predictable passwords).
NEDERLANDSE_WOORDEN = {
    "wachtwoord",
    "wachtwoordje",
    "welkom",
    "welkomwelkom",
    "geheim",
    "geheimpje",
    "inloggen",
    "gebiedsportaal",
    "gemeente",
    "nederland",
    "holland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "denhaag",
    "eindhoven",
    "feyenoord",
    "ajax",
    "voetbal",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "stichtsevecht",
    "breukelen",
    "maarssen",
}
_RAND = re.compile(r"^[\W\d_]+|[\W\d_]+$")


class VeelgebruiktWachtwoordValidator(CommonPasswordValidator):
    """Django's common passwords, also with digits or signs before or after ("Wachtwoord2024!", "welkom123456"),
    and common Dutch words the same way."""

    def validate(self, password, user=None):
        super().validate(password, user)  # the exact password is on the list
        kern = _RAND.sub("", password.lower().strip())
        if kern != password.lower().strip() and (kern in self.passwords or kern in NEDERLANDSE_WOORDEN):
            raise ValidationError(
                "Dit wachtwoord is te makkelijk te raden: het is een veelgebruikt woord met cijfers of "
                "tekens ervoor of erachter. Kies liever een zin van een paar woorden.",
                code="password_too_common",
            )
        if kern in NEDERLANDSE_WOORDEN:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_help_text(self):
        return "Uw wachtwoord mag geen veelgebruikt wachtwoord zijn, ook niet met cijfers erachter."
