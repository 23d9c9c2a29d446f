"""A condition's links become the rows of conditions/models/links.py, filled in 0010.

Each many-to-many field is replaced by one with a `through` model (Django cannot alter a many-to-many field
into one), and `differentials` by `ConditionRelation`. The history of the old links, per version of each
condition, stays in its tables (HistoricalCondition_mechanisms and the like): only the models are dropped
from the project's state, so no recorded history is deleted; the links' history goes on in the history of
the link rows.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conditions", "0010_fill_condition_links")]

    operations = [
        migrations.RemoveField(
            model_name='condition',
            name='differentials',
        ),
        migrations.RemoveField(model_name='condition', name='anatomy'),
        migrations.RemoveField(model_name='condition', name='mechanisms'),
        migrations.RemoveField(model_name='condition', name='red_flags'),
        migrations.RemoveField(model_name='condition', name='treatments'),
        migrations.AddField(
            model_name='condition',
            name='anatomy',
            field=models.ManyToManyField(blank=True, related_name='conditions', through='conditions.ConditionAnatomy', to='conditions.anatomicalstructure'),
        ),
        migrations.AddField(
            model_name='condition',
            name='mechanisms',
            field=models.ManyToManyField(blank=True, related_name='conditions', through='conditions.ConditionMechanism', to='conditions.mechanism'),
        ),
        migrations.AddField(
            model_name='condition',
            name='red_flags',
            field=models.ManyToManyField(blank=True, related_name='conditions', through='conditions.ConditionRedFlag', to='conditions.redflag'),
        ),
        migrations.AddField(
            model_name='condition',
            name='treatments',
            field=models.ManyToManyField(blank=True, related_name='conditions', through='conditions.ConditionTreatment', to='conditions.treatment'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.RemoveField(
                        model_name='historicalcondition_differentials',
                        name='from_condition',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_differentials',
                        name='history',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_differentials',
                        name='to_condition',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_mechanisms',
                        name='condition',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_mechanisms',
                        name='history',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_mechanisms',
                        name='mechanism',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_red_flags',
                        name='condition',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_red_flags',
                        name='history',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_red_flags',
                        name='redflag',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_treatments',
                        name='condition',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_treatments',
                        name='history',
                    ),
                    migrations.RemoveField(
                        model_name='historicalcondition_treatments',
                        name='treatment',
                    ),
                    migrations.DeleteModel(
                        name='HistoricalCondition_anatomy',
                    ),
                    migrations.DeleteModel(
                        name='HistoricalCondition_differentials',
                    ),
                    migrations.DeleteModel(
                        name='HistoricalCondition_mechanisms',
                    ),
                    migrations.DeleteModel(
                        name='HistoricalCondition_red_flags',
                    ),
                    migrations.DeleteModel(
                        name='HistoricalCondition_treatments',
                    ),
            ],
            database_operations=[],
        ),
    ]
