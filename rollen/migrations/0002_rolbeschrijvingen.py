"""Seed the official role descriptions once; a functional admin edits them afterwards."""

from django.db import migrations

BESCHRIJVINGEN = {
    "beheerder": (
        "Herkenbaar gezicht in de wijk voor beheer- en onderhoudstaken openbare ruimte. "
        "Afhandeling van praktische zaken."
    ),
    "adviseur": (
        "Strategisch sturen op grote opgaven. Gericht op het structureel verbeteren van de fysiek "
        "en sociale leefbaarheid."
    ),
    "omgevingsmanager": (
        "Draagvlak creëren en vergroten bij grote projecten en verantwoordelijk voor het organiseren "
        "en uitvoeren van het participatietraject."
    ),
    "wijkwethouder": (
        "Wethouder die bestuurlijk verantwoordelijk is voor een kern: het aanspreekpunt in het "
        "college voor de inwoners en bewonersgroepen van die kern."
    ),
}


def vullen(apps, schema_editor):
    Rolbeschrijving = apps.get_model("rollen", "Rolbeschrijving")
    for rol, tekst in BESCHRIJVINGEN.items():
        Rolbeschrijving.objects.get_or_create(rol=rol, defaults={"beschrijving": tekst})


class Migration(migrations.Migration):
    dependencies = [("rollen", "0001_initial")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
