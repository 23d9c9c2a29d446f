"""The exact keys of every object API v1 returns. v1 is frozen: a key added or removed fails a test here.

Each test module checks its payloads against these; tests/api/v1/test_schema.py checks the OpenAPI schema's
components against them too, so the documented contract and the served one cannot drift apart.
"""

from tests.payloads import LINK_KEYS, assert_keys

TIMESTAMP = {"updated_at"}

# What every DETAIL says about its clinical review and its sources (never a list summary or an embedded item).
REVIEW = {"last_reviewed", "reviewed_by", "next_review_due", "review_state", "sources"}
REVIEWER_KEYS = {"name", "credentials"}  # never an email
SOURCE_KEYS = {"title", "publisher", "url", "accessed", "note"}
# Where a typed claim comes from (a link's, a treatment's category, a red flag's urgency, a code's).
CLAIM_KEYS = {"basis", "quote", "source_title", "qualifier"}
TOPIC_CLAIM = {"topic_claim"}  # an item in a topic's section: the line of the article that names it

TOPIC_SUMMARY_KEYS = {"slug", "url", "title", "category", "summary", *TIMESTAMP}
TOPIC_DETAIL_KEYS = {
    *TOPIC_SUMMARY_KEYS,
    "short_answer",
    "anatomy",
    "mechanisms",
    "conditions",
    "differentials",
    "caution",
    "red_flags",
    "treatments",
    "conclusion",
    "key_takeaways",
    "faqs",
    "created_at",
    *REVIEW,
}
SHORT_ANSWER_KEYS = {"question", "answer"}
SECTION_KEYS = {"heading", "intro", "items"}
SECTION_WITHOUT_INTRO_KEYS = {"heading", "items"}  # key takeaways and FAQs

ANATOMY_SUMMARY_KEYS = {"slug", "url", "name", "description", "function", "parent", *TIMESTAMP}
ANATOMY_DETAIL_KEYS = {*ANATOMY_SUMMARY_KEYS, "parts", "conditions", "created_at", *REVIEW}
TOPIC_ANATOMY_ITEM_KEYS = {*ANATOMY_SUMMARY_KEYS, "label", *TOPIC_CLAIM}

MECHANISM_SUMMARY_KEYS = {"slug", "url", "name", "description", *TIMESTAMP}
MECHANISM_DETAIL_KEYS = {*MECHANISM_SUMMARY_KEYS, "conditions", "created_at", *REVIEW}
TOPIC_MECHANISM_ITEM_KEYS = {*MECHANISM_SUMMARY_KEYS, *TOPIC_CLAIM}

TREATMENT_SUMMARY_KEYS = {
    "slug",
    "url",
    "name",
    "category",
    "description",
    "order_of_care",
    "parent",
    "category_claim",
    "order_of_care_claim",
    *TIMESTAMP,
}
TREATMENT_DETAIL_KEYS = {
    *TREATMENT_SUMMARY_KEYS,
    "parts",
    "conditions",
    "created_at",
    *REVIEW,
    "anatomy",
    "anatomy_claims",
}
TOPIC_TREATMENT_ITEM_KEYS = {*TREATMENT_SUMMARY_KEYS, *TOPIC_CLAIM}

PROFESSIONAL_KEYS = {"slug", "name"}
RED_FLAG_SUMMARY_KEYS = {
    "slug",
    "url",
    "sign",
    "urgency",
    "action",
    "professionals",
    "urgency_assessed",
    "urgency_claim",
    "applies_when",
    "action_claim",
    "professionals_claim",
    *TIMESTAMP,
}
RED_FLAG_DETAIL_KEYS = {*RED_FLAG_SUMMARY_KEYS, "conditions", "created_at", *REVIEW}
TOPIC_RED_FLAG_ITEM_KEYS = {*RED_FLAG_SUMMARY_KEYS, *TOPIC_CLAIM}

# A condition's own fields: what a topic embeds (with the role), and what its list summary starts from.
CONDITION_FIELDS = {
    "slug",
    "url",
    "name",
    "abbreviation",
    "other_names",
    "summary",
    "pain_locations",
    "pain_character",
    "aggravating_factors",
    "associated_signs",
    *TIMESTAMP,
}
CODE_KEYS = {"system", "code", "display", "release", "kind", "match", "claim"}
CONDITION_SUMMARY_KEYS = {*CONDITION_FIELDS, "codes"}
CONDITION_LINK_LISTS = ("mechanisms", "anatomy", "treatments", "red_flags", "differentials")
CONDITION_DETAIL_KEYS = {
    *CONDITION_SUMMARY_KEYS,
    *CONDITION_LINK_LISTS,
    "topics",
    "created_at",
    *REVIEW,
    "link_claims",
    "relations",
}
LINK_CLAIM_KEYS = {"field", "item", *CLAIM_KEYS}
RELATION_KEYS = {"relation", "condition", *CLAIM_KEYS}
TREATMENT_ANATOMY_CLAIM_KEYS = {"structure", *CLAIM_KEYS}
CONDITION_TOPIC_LINK_KEYS = {*LINK_KEYS, "role"}
# No codes: a topic embeds a condition's own fields.
TOPIC_CONDITION_ITEM_KEYS = {*CONDITION_FIELDS, "role", *TOPIC_CLAIM}

FAQ_SUMMARY_KEYS = {"slug", "url", "question", "answer", *TIMESTAMP}
FAQ_DETAIL_KEYS = {*FAQ_SUMMARY_KEYS, "topic", "conditions", "created_at", *REVIEW}

# For apps that mirror the content: the changes feed, the snapshot and search across collections.
CHANGE_KEYS = {"cursor", "kind", "type", "slug", "at", "url"}
CHANGES_PAGE_KEYS = {"results", "next_cursor", "has_more", "next"}
SNAPSHOT_KEYS = {
    "content_version",
    "generated_at",
    "topics",
    "conditions",
    "mechanisms",
    "anatomy",
    "red_flags",
    "treatments",
    "faqs",
}
SEARCH_HIT_KEYS = {"type", "slug", "name", "url", "rank", "snippet"}


def assert_review_keys(detail):
    """A detail's reviewer (or null) and each of its sources have exactly their v1 keys."""
    if detail["reviewed_by"] is not None:
        assert_keys(detail["reviewed_by"], REVIEWER_KEYS)
    assert isinstance(detail["sources"], list), detail["sources"]
    for source in detail["sources"]:
        assert_keys(source, SOURCE_KEYS)


def assert_code_keys(condition):
    """A condition's codes (a list, maybe empty) each have exactly system, code and display."""
    assert isinstance(condition["codes"], list), condition["codes"]
    for code in condition["codes"]:
        assert_keys(code, CODE_KEYS)
        assert_keys(code["claim"], CLAIM_KEYS)


def assert_claim_keys(claim, *, nullable=False):
    """A claim (or null where allowed) has exactly basis, quote, source_title and qualifier."""
    if claim is None:
        assert nullable
        return
    assert_keys(claim, CLAIM_KEYS)
