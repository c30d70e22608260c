from django.db import models


class MotieSoort(models.TextChoices):
    MOTIE = "motie", "Motie"
    TOEZEGGING = "toezegging", "Toezegging"


class MotieStatus(models.TextChoices):
    LOPEND = "lopend", "Lopend"
    AFGEDAAN = "afgedaan", "Afgedaan"
