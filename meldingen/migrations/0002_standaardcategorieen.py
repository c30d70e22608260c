from django.db import migrations


def categorieen_zaaien(apps, schema_editor):
    from meldingen.zaaien import standaardcategorieen

    Categorie = apps.get_model("meldingen", "Categorie")
    Standaardantwoord = apps.get_model("meldingen", "Standaardantwoord")
    for gemeente in apps.get_model("gebieden", "Gemeente").objects.all():
        standaardcategorieen(Categorie, Standaardantwoord, gemeente)


class Migration(migrations.Migration):
    dependencies = [("meldingen", "0001_meldingen")]

    operations = [migrations.RunPython(categorieen_zaaien, migrations.RunPython.noop)]
