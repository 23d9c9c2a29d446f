"""The exact keys of every object API v1 returns. v1 is frozen: a key added or removed fails a test here.

Each test module checks its payloads against these; test_root_and_errors checks the OpenAPI schema's
components against them too, so the documented contract and the served one cannot drift apart.
"""

from tests.payloads import LINK_KEYS

TIMESTAMP = {"updated_at"}

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
}
SHORT_ANSWER_KEYS = {"question", "answer"}
SECTION_KEYS = {"heading", "intro", "items"}
SECTION_WITHOUT_INTRO_KEYS = {"heading", "items"}  # key takeaways and FAQs

ANATOMY_SUMMARY_KEYS = {"slug", "url", "name", "description", "function", "parent", *TIMESTAMP}
ANATOMY_DETAIL_KEYS = {*ANATOMY_SUMMARY_KEYS, "parts", "conditions", "created_at"}
TOPIC_ANATOMY_ITEM_KEYS = {*ANATOMY_SUMMARY_KEYS, "label"}

MECHANISM_SUMMARY_KEYS = {"slug", "url", "name", "description", *TIMESTAMP}
MECHANISM_DETAIL_KEYS = {*MECHANISM_SUMMARY_KEYS, "conditions", "created_at"}

TREATMENT_SUMMARY_KEYS = {
    "slug",
    "url",
    "name",
    "category",
    "description",
    "order_of_care",
    "parent",
    *TIMESTAMP,
}
TREATMENT_DETAIL_KEYS = {*TREATMENT_SUMMARY_KEYS, "parts", "conditions", "created_at"}

PROFESSIONAL_KEYS = {"slug", "name"}
RED_FLAG_SUMMARY_KEYS = {"slug", "url", "sign", "urgency", "action", "professionals", *TIMESTAMP}
RED_FLAG_DETAIL_KEYS = {*RED_FLAG_SUMMARY_KEYS, "conditions", "created_at"}

CONDITION_SUMMARY_KEYS = {
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
CONDITION_LINK_LISTS = ("mechanisms", "anatomy", "treatments", "red_flags", "differentials")
CONDITION_DETAIL_KEYS = {*CONDITION_SUMMARY_KEYS, *CONDITION_LINK_LISTS, "topics", "created_at"}
CONDITION_TOPIC_LINK_KEYS = {*LINK_KEYS, "role"}
TOPIC_CONDITION_ITEM_KEYS = {*CONDITION_SUMMARY_KEYS, "role"}

FAQ_SUMMARY_KEYS = {"slug", "url", "question", "answer", *TIMESTAMP}
FAQ_DETAIL_KEYS = {*FAQ_SUMMARY_KEYS, "topic", "conditions", "created_at"}
