"""What every detail says about its clinical review and its sources, read from the item's live row.

The seed's values (no reviewer, due the day it was loaded, the article as its one source) are checked with
each endpoint's seed payloads; here, items a clinical reviewer approved.
"""

import datetime

import pytest

from tests import factories
from tests.keys import (
    ANATOMY_DETAIL_KEYS,
    CONDITION_DETAIL_KEYS,
    FAQ_DETAIL_KEYS,
    MECHANISM_DETAIL_KEYS,
    RED_FLAG_DETAIL_KEYS,
    REVIEW,
    TOPIC_DETAIL_KEYS,
    TREATMENT_DETAIL_KEYS,
    assert_review_keys,
)
from tests.payloads import assert_keys, get_json, string_values, url

# (collection, factory of its items, the keys of its detail)
FAMILIES = [
    ("topics", factories.TopicFactory, TOPIC_DETAIL_KEYS),
    ("conditions", factories.ConditionFactory, CONDITION_DETAIL_KEYS),
    ("mechanisms", factories.MechanismFactory, MECHANISM_DETAIL_KEYS),
    ("anatomy", factories.AnatomicalStructureFactory, ANATOMY_DETAIL_KEYS),
    ("red-flags", factories.RedFlagFactory, RED_FLAG_DETAIL_KEYS),
    ("treatments", factories.TreatmentFactory, TREATMENT_DETAIL_KEYS),
    ("faqs", factories.QuestionFactory, FAQ_DETAIL_KEYS),
]
FAMILY_IDS = [collection for collection, _, _ in FAMILIES]
REVIEWER_EMAIL = "jane.smith@hospital.example"


@pytest.fixture
def jane(db):
    """A clinical reviewer whose account has an email: apps must never see it."""
    return factories.ReviewerProfileFactory(
        display_name="Dr Jane Smith",
        credentials="MBBS, FRCS (Orth)",
        user__username="jsmith",
        user__email=REVIEWER_EMAIL,
    ).user


def working_links(factory):
    """What a working copy must link to instead of live rows: a question's topic is its working row."""
    return {"topic": factories.TopicFactory(working=True)} if factory is factories.QuestionFactory else {}


def assert_keys_and_no_email(data, keys):
    assert_keys(data, keys)
    assert_review_keys(data)
    # No email anywhere: not the reviewer's, nor anyone's.
    assert not any("@" in text for text in string_values(data)), list(string_values(data))


@pytest.mark.parametrize(("collection", "factory", "keys"), FAMILIES, ids=FAMILY_IDS)
def test_a_detail_serves_the_review_and_sources_of_its_live_row(api, jane, collection, factory, keys):
    later = factories.SourceFactory(
        title="NICE guideline NG226",
        publisher="National Institute for Health and Care Excellence",
        url="https://www.nice.org.uk/guidance/ng226",
        accessed=datetime.date(2025, 2, 1),
        note="Recommendations 1.2.1 to 1.2.4.",
    )
    earlier = factories.SourceFactory(title="An article", publisher="", url="", accessed=None, note="")
    item = factory(
        last_reviewed=datetime.date(2025, 3, 14),
        reviewed_by=jane,
        next_review_due=datetime.date(2026, 3, 14),
        sources=[later, earlier],
    )
    # Its working row, changed since approval: another review and another source, not approved yet.
    factories.working_copy(
        item,
        last_reviewed=datetime.date(2025, 6, 1),
        reviewed_by=factories.ReviewerProfileFactory(display_name="Dr Other").user,
        next_review_due=datetime.date(2025, 7, 1),
        sources=[factories.SourceFactory(title="An unapproved source")],
        **working_links(factory),
    )

    data = get_json(api, url(collection, item.slug))

    assert {key: data[key] for key in REVIEW} == {
        "last_reviewed": "2025-03-14",
        "reviewed_by": {"name": "Dr Jane Smith", "credentials": "MBBS, FRCS (Orth)"},
        "next_review_due": "2026-03-14",
        "review_state": "clinically_reviewed",
        # In title order.
        "sources": [
            {"title": "An article", "publisher": "", "url": "", "accessed": None, "note": ""},
            {
                "title": "NICE guideline NG226",
                "publisher": "National Institute for Health and Care Excellence",
                "url": "https://www.nice.org.uk/guidance/ng226",
                "accessed": "2025-02-01",
                "note": "Recommendations 1.2.1 to 1.2.4.",
            },
        ],
    }
    assert_keys_and_no_email(data, keys)
    # The list summary says nothing of the review.
    [listed] = get_json(api, url(collection))["results"]
    assert REVIEW.isdisjoint(listed)
    assert not any(REVIEWER_EMAIL in text for text in string_values(listed))


@pytest.mark.parametrize(("collection", "factory", "keys"), FAMILIES, ids=FAMILY_IDS)
def test_a_detail_never_reviewed_and_without_sources_says_so(api, db, collection, factory, keys):
    item = factory()

    data = get_json(api, url(collection, item.slug))

    assert {key: data[key] for key in REVIEW} == {
        "last_reviewed": None,
        "reviewed_by": None,
        "next_review_due": None,
        "review_state": "not_yet_clinically_reviewed",
        "sources": [],
    }
    assert_keys_and_no_email(data, keys)


@pytest.mark.parametrize(("collection", "factory", "keys"), FAMILIES, ids=FAMILY_IDS)
def test_a_reviewer_is_named_as_they_were_at_approval(api, jane, collection, factory, keys):
    """The stamp approval wrote stays: a profile renamed or removed since changes no published item."""
    item = factory(
        last_reviewed=datetime.date(2025, 3, 14), reviewed_by=jane, next_review_due=datetime.date(2026, 3, 14)
    )
    jane.reviewer_profile.display_name, jane.reviewer_profile.credentials = "Nobody", "None"
    jane.reviewer_profile.save()
    renamed = get_json(api, url(collection, item.slug))
    jane.reviewer_profile.delete()

    data = get_json(api, url(collection, item.slug))

    assert renamed == data
    assert {key: data[key] for key in REVIEW} == {
        "last_reviewed": "2025-03-14",
        "reviewed_by": {"name": "Dr Jane Smith", "credentials": "MBBS, FRCS (Orth)"},
        "next_review_due": "2026-03-14",
        "review_state": "clinically_reviewed",
        "sources": [],
    }
    assert_keys_and_no_email(data, keys)
