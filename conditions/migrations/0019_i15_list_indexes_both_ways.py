"""The list indexes for `?ordering=-name`, `updated_at` and `-updated_at` (conditions/models/base.py
`list_indexes`): a deep page by date read every row it skipped from the table (issue 15)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0018_i15_search_terms'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='anatomicalstructure',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-name', 'slug', 'id'], name='anat_list_desc'),
        ),
        migrations.AddIndex(
            model_name='anatomicalstructure',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['updated_at', 'slug', 'id'], name='anat_list_upd'),
        ),
        migrations.AddIndex(
            model_name='anatomicalstructure',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-updated_at', 'slug', 'id'], name='anat_list_upd_desc'),
        ),
        migrations.AddIndex(
            model_name='condition',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-name', 'slug', 'id'], name='cond_list_desc'),
        ),
        migrations.AddIndex(
            model_name='condition',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['updated_at', 'slug', 'id'], name='cond_list_upd'),
        ),
        migrations.AddIndex(
            model_name='condition',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-updated_at', 'slug', 'id'], name='cond_list_upd_desc'),
        ),
        migrations.AddIndex(
            model_name='mechanism',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-name', 'slug', 'id'], name='mech_list_desc'),
        ),
        migrations.AddIndex(
            model_name='mechanism',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['updated_at', 'slug', 'id'], name='mech_list_upd'),
        ),
        migrations.AddIndex(
            model_name='mechanism',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-updated_at', 'slug', 'id'], name='mech_list_upd_desc'),
        ),
        migrations.AddIndex(
            model_name='redflag',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-sign', 'slug', 'id'], name='rflag_list_desc'),
        ),
        migrations.AddIndex(
            model_name='redflag',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['updated_at', 'slug', 'id'], name='rflag_list_upd'),
        ),
        migrations.AddIndex(
            model_name='redflag',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-updated_at', 'slug', 'id'], name='rflag_list_upd_desc'),
        ),
        migrations.AddIndex(
            model_name='topic',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-title', 'slug', 'id'], name='topic_list_desc'),
        ),
        migrations.AddIndex(
            model_name='topic',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['updated_at', 'slug', 'id'], name='topic_list_upd'),
        ),
        migrations.AddIndex(
            model_name='topic',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-updated_at', 'slug', 'id'], name='topic_list_upd_desc'),
        ),
        migrations.AddIndex(
            model_name='treatment',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-name', 'slug', 'id'], name='treat_list_desc'),
        ),
        migrations.AddIndex(
            model_name='treatment',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['updated_at', 'slug', 'id'], name='treat_list_upd'),
        ),
        migrations.AddIndex(
            model_name='treatment',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-updated_at', 'slug', 'id'], name='treat_list_upd_desc'),
        ),
    ]
