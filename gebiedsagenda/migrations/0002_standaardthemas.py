from django.db import migrations

# A copy, not an import: a migration must keep working when constants change later.
THEMAS = [
    "Wonen",
    "Verkeer en mobiliteit",
    "Veiligheid",
    "Duurzaamheid en groen",
    "Jeugd",
    "Ouderen en zorg",
    "Voorzieningen en dorpshuizen",
    "Economie",
]


def themas_zaaien(apps, schema_editor):
    Thema = apps.get_model("gebiedsagenda", "Thema")
    for volgorde, naam in enumerate(THEMAS, start=1):
        Thema.objects.get_or_create(naam=naam, defaults={"volgorde": volgorde})


class Migration(migrations.Migration):
    dependencies = [("gebiedsagenda", "0001_agenda_nieuws_volgers")]

    operations = [migrations.RunPython(themas_zaaien, migrations.RunPython.noop)]
