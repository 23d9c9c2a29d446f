"""The list indexes for `?ordering=-name`, `updated_at` and `-updated_at` (conditions/models/base.py
`list_indexes`): a deep page by date read every row it skipped from the table (issue 15)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0019_i15_list_indexes_both_ways'),
        ('faq', '0005_shared_rows_and_review_stamp'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='question',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-question', 'slug', 'id'], name='faq_list_desc'),
        ),
        migrations.AddIndex(
            model_name='question',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['updated_at', 'slug', 'id'], name='faq_list_upd'),
        ),
        migrations.AddIndex(
            model_name='question',
            index=models.Index(condition=models.Q(('is_live', True), ('status', 'published')), fields=['-updated_at', 'slug', 'id'], name='faq_list_upd_desc'),
        ),
    ]
