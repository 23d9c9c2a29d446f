"""v4's one change: wherever v4 serves a red flag (its list and detail, the topic's red-flag section, the
snapshot), its urgency is hc:assessedUrgency, the model's own value: `not_assessed` until a clinical reviewer
sets one, never v3's `soon` for it. v4 serves no hc:urgency and no hc:urgencyAssessed; hc:urgencyClaim is
v3's.

The expected payloads are built from v1's expectations of the seed (tests/seed_content.py, tests/api/v1/), so
they say the same facts as every other version's tests, in v4's shape.
"""

import pytest

from conditions.models import Basis, RedFlag
from tests import factories
from tests.api.v1 import article
from tests.api.v1.expected import LIST_ORDER
from tests.payloads import get_json, parse_timestamp
from tests.seed_content import RED_FLAGS, SOURCE, TOPIC_SLUG, seed_day

pytestmark = pytest.mark.usefixtures("seed")

API = "http://testserver/api/v4"
CONTEXT = [
    "https://schema.org",
    {
        "hc": "https://w3id.org/hipcontent/vocab#",
        "itemListElement": {"@container": "@list"},
        "subStructure": {"@container": "@list"},
        "hc:subTherapy": {"@container": "@list"},
    },
]
# The keys in the order v4 serves them: v3's, with hc:assessedUrgency where hc:urgency and
# hc:urgencyAssessed were.
SUMMARY_KEYS = [
    "@id",
    "@type",
    "identifier",
    "name",
    "hc:assessedUrgency",
    "hc:urgencyClaim",
    "hc:appliesWhen",
    "hc:action",
    "hc:professional",
    "hc:actionClaim",
    "hc:professionalClaim",
    "mainEntityOfPage",
]
DETAIL_KEYS = ["@context", *SUMMARY_KEYS[:-1], "hc:linkedCondition", "mainEntityOfPage"]
SUMMARY_PAGE_KEYS = ["@id", "@type", "about", "dateModified"]
DETAIL_PAGE_KEYS = [
    *SUMMARY_PAGE_KEYS,
    "hc:reviewState",
    "dateCreated",
    "lastReviewed",
    "reviewedBy",
    "hc:nextReviewDue",
    "citation",
]
CITATION = {
    "@type": "CreativeWork",
    "name": SOURCE["title"],
    "publisher": None,
    "url": None,
    "hc:accessed": None,
    "description": SOURCE["note"],
}


def claim(v1_claim):
    """A v1 claim {basis, quote, source_title, qualifier} as a v4 Claim node (v3's); null stays null."""
    if v1_claim is None:
        return None
    return {
        "@type": "Claim",
        "hc:basis": v1_claim["basis"],
        "text": v1_claim["quote"] or None,
        "hc:qualifier": v1_claim["qualifier"] or None,
        "citation": v1_claim["source_title"],
    }


def summary(slug):
    """The seed red flag as v4 lists it. v1 says `soon` with urgency_assessed false: v4 says not_assessed."""
    flag, url = RED_FLAGS[slug], f"{API}/red-flags/{slug}/"
    return {
        "@id": url,
        "@type": "MedicalSignOrSymptom",
        "identifier": slug,
        "name": flag["sign"],
        "hc:assessedUrgency": flag["urgency"] if flag["urgency_assessed"] else "not_assessed",
        "hc:urgencyClaim": claim(flag["urgency_claim"]),
        "hc:appliesWhen": flag["applies_when"],
        "hc:action": flag["action"],
        "hc:professional": [
            {"@type": "Occupation", "identifier": p["slug"], "name": p["name"]} for p in flag["professionals"]
        ],
        "hc:actionClaim": claim(flag["action_claim"]),
        "hc:professionalClaim": claim(flag["professionals_claim"]),
        "mainEntityOfPage": {"@id": url + "#page", "@type": "MedicalWebPage", "about": {"@id": url}},
    }


def detail(slug):
    page = {
        **summary(slug)["mainEntityOfPage"],
        "hc:reviewState": "not_yet_clinically_reviewed",
        "lastReviewed": None,
        "reviewedBy": None,
        "hc:nextReviewDue": seed_day().isoformat(),
        "citation": [CITATION],
    }
    return {"@context": CONTEXT, **summary(slug), "hc:linkedCondition": [], "mainEntityOfPage": page}


def without_dates(node):
    """`node` without its page's dateModified/dateCreated, after checking each is an ISO 8601 timestamp."""
    page = dict(node["mainEntityOfPage"])
    for key in ("dateModified", "dateCreated"):
        if key in page:
            parse_timestamp(page.pop(key))
    return {**node, "mainEntityOfPage": page}


def assert_summary_keys(item):
    assert list(item) == SUMMARY_KEYS
    assert list(item["mainEntityOfPage"]) == SUMMARY_PAGE_KEYS


def assert_detail_keys(document):
    assert list(document) == DETAIL_KEYS
    assert list(document["mainEntityOfPage"]) == DETAIL_PAGE_KEYS


def test_the_list_is_every_seed_red_flag_not_assessed(api):
    page = get_json(api, f"{API}/red-flags/?page_size=100")

    assert list(page) == ["@context", "@id", "@type", "next", "previous", "itemListElement"]
    for item in page["itemListElement"]:
        assert_summary_keys(item)
    assert [without_dates(item) for item in page["itemListElement"]] == [
        summary(slug) for slug in LIST_ORDER["red-flags"]
    ]
    assert {item["hc:assessedUrgency"] for item in page["itemListElement"]} == {"not_assessed"}


@pytest.mark.parametrize("slug", LIST_ORDER["red-flags"])
def test_the_detail_says_not_assessed_and_neither_v3_term(api, slug):
    document = get_json(api, f"{API}/red-flags/{slug}/")

    assert_detail_keys(document)
    assert without_dates(document) == detail(slug)
    # v3 serves the same red flag as `soon`, which nobody set:
    v3 = get_json(api, f"/api/v3/red-flags/{slug}/")
    assert (v3["hc:urgency"], v3["hc:urgencyAssessed"]) == ("soon", False)


def test_the_topics_red_flag_section_embeds_v4s_red_flags_in_the_articles_order(api):
    topic = get_json(api, f"{API}/topics/{TOPIC_SLUG}/")
    expected = article.EXPECTED_DETAIL["red_flags"]

    section = topic["hc:redFlagSection"]
    assert list(section) == ["@type", "name", "text", "mainEntity"]
    items = section["mainEntity"]["itemListElement"]
    for item in items:
        assert list(item) == ["@type", "position", "hc:topicClaim", "item"]
        assert_summary_keys(item["item"])
    assert {**section, "mainEntity": {**section["mainEntity"], "itemListElement": []}} == {
        "@type": "WebPageElement",
        "name": expected["heading"],
        "text": expected["intro"],
        "mainEntity": {"@type": "ItemList", "itemListElement": []},
    }
    assert [{**item, "item": without_dates(item["item"])} for item in items] == [
        {
            "@type": "ListItem",
            "position": n,
            "hc:topicClaim": claim(embedded["topic_claim"]),
            "item": summary(embedded["slug"]),
        }
        for n, embedded in enumerate(expected["items"], start=1)
    ]
    # The section sits where v3's does, between the caution and the treatments.
    keys = list(topic)
    assert keys.index("hc:redFlagSection") == keys.index("hc:caution") + 1
    assert keys == list(get_json(api, f"/api/v3/topics/{TOPIC_SLUG}/"))


def test_the_snapshot_holds_each_red_flag_as_its_detail(api):
    snapshot = get_json(api, f"{API}/snapshot/")

    flags = snapshot["hc:redFlags"]
    assert len(flags) == len(RED_FLAGS)
    for flag in flags:
        assert list(flag) == DETAIL_KEYS
        assert flag == get_json(api, flag["@id"])  # each item exactly as its detail serves it
        assert flag["hc:assessedUrgency"] == "not_assessed"
    topic = snapshot["hc:topics"][0]["hc:redFlagSection"]["mainEntity"]["itemListElement"]
    assert {item["item"]["hc:assessedUrgency"] for item in topic} == {"not_assessed"}


def test_a_search_hit_for_a_red_flag_points_at_its_v4_detail(api):
    page = get_json(api, f"{API}/search/?q=numbness&type=red-flag")

    [hit] = page["itemListElement"]
    assert list(hit) == ["@id", "@type", "identifier", "name", "hc:rank", "hc:snippet"]
    slug = "leg-or-foot-weakness-numbness-tingling"
    assert {key: hit[key] for key in ("@id", "@type", "identifier", "name")} == {
        "@id": f"{API}/red-flags/{slug}/",
        "@type": "MedicalSignOrSymptom",
        "identifier": slug,
        "name": RED_FLAGS[slug]["sign"],
    }
    assert isinstance(hit["hc:rank"], float) and hit["hc:snippet"]
    assert get_json(api, hit["@id"])["hc:assessedUrgency"] == "not_assessed"


@pytest.fixture
def assessed(db):
    # A test red flag (not seed content) whose urgency a clinical reviewer set, as an editorial claim.
    return factories.RedFlagFactory(
        slug="assessed-sign", sign="A sign for this test.", urgency="urgent", urgency_basis=Basis.EDITORIAL
    )


def test_an_assessed_urgency_is_served_as_set_with_its_claim(api, assessed):
    document = get_json(api, f"{API}/red-flags/assessed-sign/")

    assert_detail_keys(document)
    assert (document["hc:assessedUrgency"], document["hc:urgencyClaim"]) == (
        "urgent",
        {"@type": "Claim", "hc:basis": "editorial", "text": None, "hc:qualifier": None, "citation": None},
    )
    # v3 says the same urgency through its two terms.
    v3 = get_json(api, "/api/v3/red-flags/assessed-sign/")
    assert (v3["hc:urgency"], v3["hc:urgencyAssessed"], v3["hc:urgencyClaim"]) == (
        "urgent",
        True,
        document["hc:urgencyClaim"],
    )


def test_the_urgency_filter_takes_not_assessed(api, assessed):
    def listed(urgency):
        page = get_json(api, f"{API}/red-flags/?urgency={urgency}&page_size=100")
        return {item["identifier"] for item in page["itemListElement"]}

    assert listed("not_assessed") == set(RED_FLAGS)
    assert listed("urgent") == {"assessed-sign"}
    assert listed("soon") == set()  # v1 to v3 serve the seed's red flags as `soon`; none is


def test_every_urgency_the_model_has_is_one_v4_serves_as_it_is(api, db):
    for urgency in RedFlag.Urgency.values:
        factories.RedFlagFactory(slug=f"test-flag-{urgency.replace('_', '-')}", urgency=urgency)

    page = get_json(api, f"{API}/red-flags/?page_size=100")

    served = {
        item["identifier"]: item["hc:assessedUrgency"]
        for item in page["itemListElement"]
        if item["identifier"].startswith("test-flag-")
    }
    assert served == {f"test-flag-{u.replace('_', '-')}": u for u in RedFlag.Urgency.values}
