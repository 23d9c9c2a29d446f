"""A stale save refused over an edit of the rows an item owns (its links with their claims) says which rows
changed and how, as it does for the item's own fields, not only that the item "was saved again"."""

import pytest
from django.core.exceptions import ValidationError

from conditions import versions
from conditions.models import Condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def condition(seed):
    return Condition.objects.working().get(slug="hip-osteoarthritis")


def test_a_link_row_changed_since_is_named_with_its_old_and_new_value(condition):
    seen = versions.version_of(condition)
    link = condition.mechanism_links.order_by("pk").first()
    # As the admin saves a change form: the item first (its new version), then its inline rows.
    condition.save()
    link.qualifier = "Edited elsewhere."
    link.save()

    with pytest.raises(ValidationError) as refused:
        versions.require_unchanged(condition, seen, doing="saved")

    assert refused.value.messages == [
        f"Not saved: Hip Osteoarthritis changed since you opened it (condition mechanism: {link.mechanism}, "
        f"qualifier: “” → “Edited elsewhere.”). Read the current version first."
    ]


def test_the_rows_saved_with_the_version_read_are_not_news(condition):
    link = condition.mechanism_links.order_by("pk").first()
    condition.save()
    link.qualifier = "Saved with the version the page shows."
    link.save()
    seen = versions.version_of(condition)
    condition.summary = "Edited elsewhere."
    condition.save()

    assert versions.changes_since(condition, seen) == [
        f"summary: “{condition.history.order_by('-history_id')[1].summary[:79]}…” → “Edited elsewhere.”"
    ]
