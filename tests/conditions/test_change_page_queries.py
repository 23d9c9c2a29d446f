"""The topic change page loads fast for editors and reviewers with the seed: its inline rows are read with the
items they link, plain selects read their options once per form, and the reviewer's page links to the review
page instead of rendering the topic twice (before and after approval) on every visit."""

import re

import pytest
from django.urls import reverse

from conditions import workflow
from conditions.models import Topic
from tests.conditions.test_stale_edits import opened

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic_in_review(seed, editor):
    topic = Topic.objects.working().get()
    topic.summary += " Reviewed again."
    topic.save()
    workflow.record_edit(item=topic, by=editor)
    workflow.submit_for_review(item=topic, by=editor)
    return topic


def change_url(topic):
    return reverse("admin:conditions_topic_change", args=[topic.pk])


# Both pages: session, user, the topic (get_object), the user's permissions (2), the topic again (the admin's
# change view), its newest history id, the topic with its sources (the form), the working sources (the main
# form's autocomplete of its sources), the history id again (the stale-save guard), one query per plain source
# select of the five link inlines (their options, read once per form), one query per inline for its rows with
# the items they link and the source they cite (6), whether the user is a reviewer, the working sources of
# the sources field, the review log, and "where used": one query per relation that can link a topic (2).
EDITOR_QUERIES = 27  # …and whether the topic is live (the editor's workflow panel)
REVIEWER_QUERIES = 26


def test_an_editor_opens_a_topic_in_a_fixed_number_of_queries(
    editor_client, topic_in_review, django_assert_num_queries
):
    with django_assert_num_queries(EDITOR_QUERIES):
        response = editor_client.get(change_url(topic_in_review))

    assert response.status_code == 200


def test_a_reviewer_opens_a_topic_in_review_in_a_fixed_number_of_queries(
    reviewer_client, topic_in_review, django_assert_num_queries
):
    with django_assert_num_queries(REVIEWER_QUERIES):  # 447 before: the diff rendered the topic twice
        response = reviewer_client.get(change_url(topic_in_review))

    assert response.status_code == 200


def test_the_reviewer_of_a_topic_is_linked_to_the_review_page(reviewer_client, topic_in_review):
    review_url = reverse("admin:conditions_topic_review", args=[topic_in_review.pk])

    page = reviewer_client.get(change_url(topic_in_review)).content.decode()

    assert "What approving it would change for apps" not in page
    assert re.search(
        rf'<p data-testid="review-link"><a href="{review_url}">Read what approving it would change for '
        r"apps</a> before approving.</p>",
        page,
    )
    review = reviewer_client.get(review_url)
    assert [change.path for change in review.context["changes"]] == ["summary"]


def test_each_link_row_shows_the_item_it_links_selected(editor_client, topic_in_review):
    page = editor_client.get(change_url(topic_in_review)).content.decode()

    conditions = [link.condition for link in topic_in_review.condition_links.select_related("condition")]
    assert conditions
    for condition in conditions:
        assert f'<option value="{condition.pk}" selected>{condition.name}</option>' in page


def test_a_refused_form_shows_the_item_a_row_was_changed_to(editor_client, topic_in_review):
    data = opened(editor_client, topic_in_review)
    first, second = (link.condition for link in topic_in_review.condition_links.order_by("position")[:2])
    data |= {"title": "", "condition_links-0-condition": second.pk}  # no title: the page comes back

    response = editor_client.post(change_url(topic_in_review), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"title": ["This field is required."]}
    page = response.content.decode()
    # The first row shows what was submitted, not the item it links in the database; the second is unchanged.
    assert page.count(f'<option value="{second.pk}" selected>{second.name}</option>') == 2
    assert f'<option value="{first.pk}" selected>{first.name}</option>' not in page
