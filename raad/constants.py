from django.db import models


class MotieSoort(models.TextChoices):
    MOTIE = "motie", "Motie"
    TOEZEGGING = "toezegging", "Toezegging"


class MotieStatus(models.TextChoices):
    LOPEND = "lopend", "Lopend"
    AFGEDAAN = "afgedaan", "Afgedaan"


# The one table of allowed status changes of a motion: (from, to) -> who may make it.
# Only staff change a status, always together with a dated progress update that explains why.
MOTIE_OVERGANGEN = {
    (MotieStatus.LOPEND, MotieStatus.AFGEDAAN): "medewerker",
    (MotieStatus.AFGEDAAN, MotieStatus.LOPEND): "medewerker",
}
