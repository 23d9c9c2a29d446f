"""`manage.py load_seed` run again: editors' changes to seed items survive it, items not in the seed are left
alone, a seed item whose working row was deleted is created again and published onto its live row, and one
whose slug is still live for another item is reported, not published.
"""

from collections import Counter

import pytest

from conditions import publishing
from conditions.models import (
    Condition,
    KeyTakeaway,
    RedFlag,
    Status,
    Topic,
    TopicAnatomy,
    TopicCondition,
    TopicRedFlag,
)
from faq.models import Question
from tests import factories
from tests.conditions.seed_loading import (
    SEED,
    SEED_COUNTS,
    SEED_ITEMS,
    both,
    condition,
    counts,
    events_since,
    everything_served,
    last_event_id,
    live,
    load,
    relations,
    working,
)
from tests.payloads import get_json, get_problem, not_found, url
from tests.seed_content import TOPIC_SLUG


def test_an_edited_condition_summary_survives_a_reload(api, db):
    load(SEED)
    served = get_json(api, url("conditions", "labral-tears"))
    Condition.objects.working().filter(slug="labral-tears").update(summary="Edited by an editor.")
    # Not approved: apps still get the approved summary.
    assert get_json(api, url("conditions", "labral-tears")) == served

    load(SEED)

    assert condition("labral-tears").summary == "Edited by an editor."
    assert live(Condition, "labral-tears").summary == served["summary"] != "Edited by an editor."
    assert get_json(api, url("conditions", "labral-tears")) == served


def test_edited_topic_prose_survives_a_reload(api, db):
    load(SEED)
    served = get_json(api, url("topics", TOPIC_SLUG))
    Topic.objects.working().filter(slug=TOPIC_SLUG).update(
        caution="Edited caution.", overview_heading="Edited"
    )
    assert get_json(api, url("topics", TOPIC_SLUG)) == served

    load(SEED)

    topic = working(Topic, TOPIC_SLUG)
    assert (topic.caution, topic.overview_heading) == ("Edited caution.", "Edited")
    assert get_json(api, url("topics", TOPIC_SLUG)) == served


def test_removed_links_stay_removed_after_a_reload(api, db):
    load(SEED)
    served = everything_served(api)
    condition("hip-osteoarthritis").mechanisms.clear()
    relations(condition("hip-osteoarthritis"), condition("piriformis-syndrome")).delete()
    TopicRedFlag.objects.filter(topic__is_live=False, red_flag__slug="limited-range-of-motion").delete()
    TopicAnatomy.objects.filter(topic__is_live=False, structure__slug="sciatic-nerve").delete()
    working(Question, "which-hip-conditions-cause-buttock-discomfort").conditions.clear()
    working(RedFlag, "persistent-pain").professionals.clear()
    KeyTakeaway.objects.filter(topic__is_live=False, position=1).delete()
    assert everything_served(api) == served

    load(SEED)

    assert not condition("hip-osteoarthritis").mechanisms.exists()
    assert not relations(condition("hip-osteoarthritis"), condition("piriformis-syndrome")).exists()
    assert not TopicRedFlag.objects.filter(
        topic__is_live=False, red_flag__slug="limited-range-of-motion"
    ).exists()
    assert not TopicAnatomy.objects.filter(topic__is_live=False, structure__slug="sciatic-nerve").exists()
    assert not working(Question, "which-hip-conditions-cause-buttock-discomfort").conditions.exists()
    assert not working(RedFlag, "persistent-pain").professionals.exists()
    assert counts()["conditions.KeyTakeaway"] == {"working": 4, "live": 5}
    assert everything_served(api) == served


def test_a_changed_link_role_and_label_survive_a_reload(api, db):
    load(SEED)
    served = get_json(api, url("topics", TOPIC_SLUG))
    TopicCondition.objects.filter(topic__is_live=False, condition__slug="labral-tears").update(
        role="differential"
    )
    TopicAnatomy.objects.filter(topic__is_live=False, structure__slug="sciatic-nerve").update(label="Nerves")

    load(SEED)

    assert (
        TopicCondition.objects.get(topic__is_live=False, condition__slug="labral-tears").role
        == "differential"
    )
    assert TopicAnatomy.objects.get(topic__is_live=False, structure__slug="sciatic-nerve").label == "Nerves"
    assert get_json(api, url("topics", TOPIC_SLUG)) == served


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_an_edit_in_progress_stays_in_progress_after_a_reload(api, db, status):
    """An editor's draft, or one in review, stays so; apps keep getting what was approved."""
    load(SEED)
    served = [
        get_json(api, url("conditions", "labral-tears")),
        get_json(api, url("faqs", "when-to-seek-help-for-buttock-pain")),
    ]
    Condition.objects.working().filter(slug="labral-tears").update(status=status)
    Question.objects.working().filter(slug="when-to-seek-help-for-buttock-pain").update(status=status)

    load(SEED)

    assert condition("labral-tears").status == status
    assert working(Question, "when-to-seek-help-for-buttock-pain").status == status
    assert [
        get_json(api, url("conditions", "labral-tears")),
        get_json(api, url("faqs", "when-to-seek-help-for-buttock-pain")),
    ] == served


@pytest.mark.parametrize("status", [Status.DRAFT, Status.UNPUBLISHED])
def test_a_hidden_item_stays_hidden_after_a_reload(api, db, status):
    """A reload publishes nothing: an item withdrawn (or never approved) stays off the API."""
    load(SEED)
    for model, slug in ((Condition, "labral-tears"), (Question, "when-to-seek-help-for-buttock-pain")):
        model.objects.filter(slug=slug).update(status=status)  # both rows

    load(SEED)

    assert (condition("labral-tears").status, live(Condition, "labral-tears").status) == (status, status)
    question = "when-to-seek-help-for-buttock-pain"
    assert (working(Question, question).status, live(Question, question).status) == (status, status)
    assert get_problem(api, url("conditions", "labral-tears"), 404) == not_found("condition", "labral-tears")
    assert get_problem(api, url("faqs", question), 404) == not_found("FAQ", question)


def test_items_that_are_not_in_the_seed_are_left_alone(db):
    load(SEED)
    extra = factories.ConditionFactory(
        working=True, status=Status.PUBLISHED, differentials=[condition("labral-tears")]
    )
    publishing.publish(extra)

    load(SEED)

    assert condition(extra.slug).relations.get().other.slug == "labral-tears"
    assert live(Condition, extra.slug).relations.get().other == live(Condition, "labral-tears")
    assert counts()["conditions.Condition"] == both(11)


def test_an_item_whose_slug_is_still_live_for_another_is_reported_not_published(api, db):
    """An editor renamed a seed item and the rename awaits review, so its live row keeps the old slug. A
    reload creates the seed item again under that slug but cannot publish it; the rest of the seed loads."""
    load(SEED)
    served = everything_served(api)
    Condition.objects.working().filter(slug="labral-tears").update(
        slug="hip-labral-tears", status=Status.DRAFT
    )
    last = last_event_id()

    lines = load(SEED, verbosity=2).splitlines()

    assert "created: Condition labral-tears" in lines
    assert lines[-2:] == [
        "not published: Condition labral-tears: The slug 'labral-tears' is still live for another condition "
        "until that item's new slug is approved.",
        f"seed {SEED}: created 1, kept {SEED_ITEMS - 1}, not published 1.",
    ]
    # Apps still get the approved item under its old slug, and learn of no change.
    assert everything_served(api) == served
    assert events_since(last) == []
    assert live(Condition, "labral-tears").working_copy == working(Condition, "hip-labral-tears")
    assert not Condition.objects.filter(is_live=True, working_copy=condition("labral-tears")).exists()
    assert counts()["conditions.Condition"] == {"working": 11, "live": 10}


# --------------------------------------------------------------------------------- deleted items

FAQ = "which-hip-conditions-cause-buttock-discomfort"


FAQ = "which-hip-conditions-cause-buttock-discomfort"


@pytest.mark.parametrize("live_row", ["still published", "withdrawn", "deleted"])
def test_a_deleted_question_is_recreated_with_its_links_and_republished(api, db, live_row):
    """Deleting the working row leaves its live row published (outside the workflow), withdrawn (through
    it), or deleted too. The loader re-creates the working row and publishes it onto that same live row."""
    load(SEED)
    original = everything_served(api)
    live_before = live(Question, FAQ)
    Question.objects.working().filter(slug=FAQ).delete()
    if live_row == "withdrawn":
        Question.objects.filter(pk=live_before.pk).update(status=Status.UNPUBLISHED)
    elif live_row == "deleted":
        Question.objects.filter(pk=live_before.pk).delete()
    last = last_event_id()

    output = load(SEED)

    assert output == f"seed {SEED}: created 1, kept {SEED_ITEMS - 1}.\n"
    assert everything_served(api) == original
    # The question is published again: created where apps no longer had it, else updated; and the items
    # linked to it are marked updated (its topic, and the four conditions it names).
    kind = "updated" if live_row == "still published" else "created"
    assert events_since(last) == [
        (kind, "faq", FAQ),
        ("updated", "topic", TOPIC_SLUG),
        ("updated", "condition", "femoroacetabular-impingement"),
        ("updated", "condition", "greater-trochanteric-pain-syndrome"),
        ("updated", "condition", "hip-osteoarthritis"),
        ("updated", "condition", "labral-tears"),
    ]
    # The live rows did not grow; only the change events did.
    assert counts() == {**SEED_COUNTS, "conditions.ChangeEvent": SEED_COUNTS["conditions.ChangeEvent"] + 6}
    assert live(Question, FAQ).working_copy == working(Question, FAQ)
    if live_row != "deleted":
        assert live(Question, FAQ).pk == live_before.pk


def test_a_deleted_topic_is_recreated_whole(api, db):
    load(SEED)
    original = everything_served(api)
    live_topic = live(Topic, TOPIC_SLUG)
    Question.objects.working().delete()  # questions protect their topic
    Topic.objects.working().delete()  # its links and key takeaways go with it
    assert counts()["conditions.KeyTakeaway"] == {"working": 0, "live": 5}
    last = last_event_id()

    output = load(SEED)

    assert output == f"seed {SEED}: created 6, kept {SEED_ITEMS - 6}.\n"
    assert everything_served(api) == original
    # Apps still had all six, so each is updated: the topic (which marks its five questions and the ten
    # conditions that list it updated), then each question (which marks the topic and the conditions it
    # names updated).
    events = events_since(last)
    assert Counter((kind, item_type) for kind, item_type, _ in events) == {
        ("updated", "topic"): 6,
        ("updated", "faq"): 10,
        ("updated", "condition"): 18,
    }
    assert counts() == {**SEED_COUNTS, "conditions.ChangeEvent": SEED_COUNTS["conditions.ChangeEvent"] + 34}
    assert live(Topic, TOPIC_SLUG).pk == live_topic.pk
