from django.db import migrations

SOORTEN = ["Medewerker", "Lid bewonersgroep", "Raadslid", "Functioneel beheerder"]


def groepen_aanmaken(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for naam in SOORTEN:
        Group.objects.get_or_create(name=naam)


def groepen_verwijderen(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=SOORTEN).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(groepen_aanmaken, groepen_verwijderen)]
