"""Followers' addresses in their one canonical form (accounts.emailadres): one follow per person and area.

Two spellings of one address that follow the same area become one follower (the confirmed, else the
oldest, stays). An address that is refused now stays as it is until it unsubscribes.
"""

from django.db import migrations

import accounts.emailadres
from accounts.emailadres import canoniek_of_none


def canoniek_maken(apps, schema_editor):
    Volger = apps.get_model("gebiedsagenda", "Volger")
    for volger in Volger.objects.order_by("pk"):
        adres = canoniek_of_none(volger.email)
        if not adres or adres == volger.email:
            continue
        dubbel = Volger.objects.filter(email=adres, kern_id=volger.kern_id, wijk_id=volger.wijk_id)
        if dubbel.exclude(pk=volger.pk).exists():
            if volger.bevestigd_op and not dubbel.filter(bevestigd_op__isnull=False).exists():
                dubbel.exclude(pk=volger.pk).delete()
            else:
                volger.delete()
                continue
        Volger.objects.filter(pk=volger.pk).update(email=adres)


class Migration(migrations.Migration):
    dependencies = [
        ("gebiedsagenda", "0003_groepen_en_reacties"),
        ("accounts", "0003_email_canoniek"),
    ]

    operations = [
        migrations.AlterField(
            model_name="volger",
            name="email",
            field=accounts.emailadres.EmailadresVeld(max_length=254, verbose_name="e-mailadres"),
        ),
        migrations.RunPython(canoniek_maken, migrations.RunPython.noop, elidable=True),
    ]
