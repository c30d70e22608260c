from django.db import models


class Gebruikerssoort(models.TextChoices):
    """System user kinds; each is a Django group created by a data migration."""

    MEDEWERKER = "Medewerker", "Medewerker gemeente"
    GROEPSLID = "Lid bewonersgroep", "Lid van een bewonersgroep"
    RAADSLID = "Raadslid", "Raadslid"
    FUNCTIONEEL_BEHEERDER = "Functioneel beheerder", "Functioneel beheerder"
