"""The gebiedsagenda at every level: gemeente-wide, kern, wijk and buurt; opgaven that span areas.

Every agenda now names its gemeente. The existing agendas (all on a kern or a wijk) keep that link and
get their kern's or wijk's gemeente filled in, so they stay at kern (or wijk) level."""

import django.db.models.deletion
from django.db import migrations, models


def gemeente_invullen(apps, schema_editor):
    Gebiedsagenda = apps.get_model("gebiedsagenda", "Gebiedsagenda")
    for agenda in Gebiedsagenda.objects.select_related("kern", "wijk"):
        agenda.gemeente_id = agenda.kern.gemeente_id if agenda.kern_id else agenda.wijk.gemeente_id
        agenda.save(update_fields=["gemeente"])


class Migration(migrations.Migration):

    dependencies = [
        ('gebieden', '0005_gemeente_grenzen_schematisch'),
        ('gebiedsagenda', '0005_historie_via_werkstroom'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='gebiedsagenda',
            name='agenda_precies_een_gebied',
        ),
        migrations.AddField(
            model_name='gebiedsagenda',
            name='buurt',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='gebiedsagenda', to='gebieden.buurt'),
        ),
        migrations.AddField(
            model_name='gebiedsagenda',
            name='gemeente',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='gebiedsagendas', to='gebieden.gemeente', verbose_name='gemeente'),
        ),
        migrations.RunPython(gemeente_invullen, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='gebiedsagenda',
            name='gemeente',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='gebiedsagendas', to='gebieden.gemeente', verbose_name='gemeente'),
        ),
        migrations.AddField(
            model_name='historicalgebiedsagenda',
            name='buurt',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='gebieden.buurt'),
        ),
        migrations.AddField(
            model_name='historicalgebiedsagenda',
            name='gemeente',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='gebieden.gemeente', verbose_name='gemeente'),
        ),
        migrations.AddField(
            model_name='opgave',
            name='ook_buurten',
            field=models.ManyToManyField(blank=True, related_name='gedeelde_opgaven', to='gebieden.buurt', verbose_name='speelt ook in buurten'),
        ),
        migrations.AddField(
            model_name='opgave',
            name='ook_kernen',
            field=models.ManyToManyField(blank=True, related_name='gedeelde_opgaven', to='gebieden.kern', verbose_name='speelt ook in kernen'),
        ),
        migrations.AddField(
            model_name='opgave',
            name='ook_wijken',
            field=models.ManyToManyField(blank=True, related_name='gedeelde_opgaven', to='gebieden.wijk', verbose_name='speelt ook in wijken'),
        ),
        migrations.AddConstraint(
            model_name='gebiedsagenda',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('buurt__isnull', True), ('kern__isnull', True), ('wijk__isnull', True)), models.Q(('buurt__isnull', True), ('kern__isnull', False), ('wijk__isnull', True)), models.Q(('buurt__isnull', True), ('kern__isnull', True), ('wijk__isnull', False)), models.Q(('buurt__isnull', False), ('kern__isnull', True), ('wijk__isnull', True)), _connector='OR'), name='agenda_ten_hoogste_een_gebied'),
        ),
        migrations.AddConstraint(
            model_name='gebiedsagenda',
            constraint=models.UniqueConstraint(condition=models.Q(('buurt__isnull', True), ('kern__isnull', True), ('wijk__isnull', True)), fields=('gemeente',), name='agenda_een_per_gemeente'),
        ),
    ]
