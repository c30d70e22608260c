"""Invitations and group registrations keep the invited person's and the applicant's address in its one
canonical form (accounts.emailadres): matched exactly to an account and found by a privacy request.

An applicant's address that is refused now (a look-alike letter, mixed scripts) is removed from the group:
staff can no longer invite that address as the group's first contact person. Such an invitation stays
as it is; accepting it is refused with a message.
"""

from django.db import migrations

import accounts.emailadres
from accounts.emailadres import canoniek_of_none


def canoniek_maken(apps, schema_editor):
    Uitnodiging = apps.get_model("bewonersgroepen", "Uitnodiging")
    Groep = apps.get_model("bewonersgroepen", "Groep")
    HistoricalGroep = apps.get_model("bewonersgroepen", "HistoricalGroep")
    for pk, email in Uitnodiging.objects.values_list("pk", "email"):
        adres = canoniek_of_none(email)
        if adres and adres != email:
            Uitnodiging.objects.filter(pk=pk).update(email=adres)
    for model in (Groep, HistoricalGroep):
        for pk, email in model.objects.exclude(aanmelder_email="").values_list("pk", "aanmelder_email"):
            adres = canoniek_of_none(email)
            if adres != email:
                model.objects.filter(pk=pk).update(aanmelder_email=adres or "")


class Migration(migrations.Migration):
    dependencies = [
        ("bewonersgroepen", "0001_initial"),
        ("accounts", "0003_email_canoniek"),
    ]

    operations = [
        migrations.AlterField(
            model_name="groep",
            name="aanmelder_email",
            field=accounts.emailadres.EmailadresVeld(
                blank=True, max_length=254, verbose_name="e-mailadres aanmelder"
            ),
        ),
        migrations.AlterField(
            model_name="historicalgroep",
            name="aanmelder_email",
            field=accounts.emailadres.EmailadresVeld(
                blank=True, max_length=254, verbose_name="e-mailadres aanmelder"
            ),
        ),
        migrations.AlterField(
            model_name="uitnodiging",
            name="email",
            field=accounts.emailadres.EmailadresVeld(max_length=254, verbose_name="e-mailadres"),
        ),
        migrations.RunPython(canoniek_maken, migrations.RunPython.noop, elidable=True),
    ]
