"""Every user belongs to one gemeente explicitly (the admin scopes users by it, accounts/admin.py): a member
of a group who has none gets that of their current group, or else of their most recent one (the earliest
first when several are current). Staff and others with a gemeente keep theirs; users without any membership
stay without (superusers, for instance)."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def gemeente_uit_lidmaatschap(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Lidmaatschap = apps.get_model("bewonersgroepen", "Lidmaatschap")
    groep_gemeente = (
        Lidmaatschap.objects.filter(gebruiker=OuterRef("pk"))
        .order_by(F("tot").desc(nulls_first=True), "van", "pk")
        .values("groep__gemeente")[:1]
    )
    User.objects.filter(gemeente__isnull=True, lidmaatschappen__isnull=False).update(
        gemeente=Subquery(groep_gemeente)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_gebruikerssoorten"),
        ("bewonersgroepen", "0001_initial"),
    ]

    operations = [migrations.RunPython(gemeente_uit_lidmaatschap, migrations.RunPython.noop)]
