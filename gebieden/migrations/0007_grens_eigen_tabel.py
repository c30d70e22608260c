"""The areas' boundaries move from a column of each area to a table of their own (Gebiedsgrens): every query
that read an area with something else carried its GeoJSON along. The boundaries are copied first."""

import django.db.models.deletion
import gebieden.validators
from django.db import migrations, models


GEBIEDEN = ("gemeente", "kern", "wijk", "buurt")


def grenzen_overzetten(apps, schema_editor):
    Gebiedsgrens = apps.get_model("gebieden", "Gebiedsgrens")
    for soort in GEBIEDEN:
        Gebied = apps.get_model("gebieden", soort)
        rijen = Gebied.objects.exclude(grens=None).values_list("pk", "grens").iterator(chunk_size=200)
        batch = []
        for pk, grens in rijen:
            batch.append(Gebiedsgrens(**{f"{soort}_id": pk}, geometrie=grens))
            if len(batch) == 200:
                Gebiedsgrens.objects.bulk_create(batch)
                batch = []
        Gebiedsgrens.objects.bulk_create(batch)


def grenzen_terugzetten(apps, schema_editor):
    Gebiedsgrens = apps.get_model("gebieden", "Gebiedsgrens")
    for soort in GEBIEDEN:
        Gebied = apps.get_model("gebieden", soort)
        for grens in Gebiedsgrens.objects.filter(**{f"{soort}__isnull": False}).iterator(chunk_size=200):
            Gebied.objects.filter(pk=getattr(grens, f"{soort}_id")).update(grens=grens.geometrie)


class Migration(migrations.Migration):

    dependencies = [
        ('gebieden', '0006_gemeente_bezwaar'),
    ]

    operations = [
        migrations.CreateModel(
            name='Gebiedsgrens',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('geometrie', models.JSONField(help_text='De grens als GeoJSON-geometrie (Polygon of MultiPolygon, WGS 84).', validators=[gebieden.validators.grens_validator], verbose_name='grens (GeoJSON)')),
                ('buurt', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='gebiedsgrens', to='gebieden.buurt')),
                ('gemeente', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='gebiedsgrens', to='gebieden.gemeente')),
                ('kern', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='gebiedsgrens', to='gebieden.kern')),
                ('wijk', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='gebiedsgrens', to='gebieden.wijk')),
            ],
            options={
                'verbose_name': 'grens',
                'verbose_name_plural': 'grenzen',
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('buurt__isnull', True), ('gemeente__isnull', False), ('kern__isnull', True), ('wijk__isnull', True)), models.Q(('buurt__isnull', True), ('gemeente__isnull', True), ('kern__isnull', False), ('wijk__isnull', True)), models.Q(('buurt__isnull', True), ('gemeente__isnull', True), ('kern__isnull', True), ('wijk__isnull', False)), models.Q(('buurt__isnull', False), ('gemeente__isnull', True), ('kern__isnull', True), ('wijk__isnull', True)), _connector='OR'), name='gebiedsgrens_precies_een_gebied')],
            },
        ),
        migrations.RunPython(grenzen_overzetten, grenzen_terugzetten),
        migrations.RemoveField(
            model_name='buurt',
            name='grens',
        ),
        migrations.RemoveField(
            model_name='gemeente',
            name='grens',
        ),
        migrations.RemoveField(
            model_name='kern',
            name='grens',
        ),
        migrations.RemoveField(
            model_name='wijk',
            name='grens',
        ),
    ]
