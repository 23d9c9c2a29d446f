"""v3 serves v2's content, moved where schema.org allows it: a detail's review on its page, links on their
own nodes; as cheaply as v2 (the same QuerySets, the same query counts); in JSON or JSON-LD; and its hc:
terms mean what v2's mean wherever the two share a name."""

import pytest

from tests.api.v1.queries import DETAIL_QUERIES, PREFETCHED_CONDITION_QUERIES, PREFETCHED_TOPIC_QUERIES
from tests.api.v2.queries import LIST_QUERIES
from tests.payloads import get_json

pytestmark = pytest.mark.usefixtures("seed")

API = "http://testserver/api/v3"
TOPIC = "hip-pain-buttock-discomfort"
DETAILS = {
    "topics": (TOPIC, PREFETCHED_TOPIC_QUERIES),
    "conditions": ("hip-osteoarthritis", PREFETCHED_CONDITION_QUERIES),
    "mechanisms": ("referred-pain", DETAIL_QUERIES["mechanisms"]),
    "anatomy": ("gluteal-muscles", DETAIL_QUERIES["anatomy"]),
    "red-flags": ("persistent-pain", DETAIL_QUERIES["red-flags"]),
    "treatments": ("physical-therapy", DETAIL_QUERIES["treatments"]),
    "faqs": ("when-to-seek-help-for-buttock-pain", DETAIL_QUERIES["faqs"]),
}
CONTEXT = [
    "https://schema.org",
    {
        "hc": "https://w3id.org/hipcontent/vocab#",
        "itemListElement": {"@container": "@list"},
        "subStructure": {"@container": "@list"},
        "hc:subTherapy": {"@container": "@list"},
    },
]
# v4 is v3 with one other red-flag term: it costs what v3 costs, and is served and indexed alike.
V3_AND_V4 = pytest.mark.parametrize("base", [API, "http://testserver/api/v4"], ids=["v3", "v4"])
REVIEW = ("dateCreated", "lastReviewed", "reviewedBy", "hc:nextReviewDue", "hc:reviewState")


def v2_twin(path):
    return "/api/v2/" + path.removeprefix(API + "/")


def test_a_mechanism_is_v2s_with_its_review_on_its_page(api):
    v2 = get_json(api, "/api/v2/mechanisms/referred-pain/")
    url = f"{API}/mechanisms/referred-pain/"

    assert get_json(api, url) == {
        "@context": CONTEXT,
        "@id": url,
        "@type": "MedicalEntity",
        "identifier": "referred-pain",
        "name": "Referred Pain",
        "description": v2["description"],
        "hc:linkedCondition": [
            {**reference, "@id": reference["@id"].replace("/api/v2/", "/api/v3/")}
            for reference in v2["relatedCondition"]
        ],
        "mainEntityOfPage": {
            "@id": url + "#page",
            "@type": "MedicalWebPage",
            "about": {"@id": url},
            "dateModified": v2["dateModified"],
            **{key: v2[key] for key in REVIEW},
            "citation": v2["citation"],
        },
    }


def test_a_condition_names_its_roles_on_link_nodes_and_its_mechanisms_by_an_hc_term(api):
    condition = get_json(api, f"{API}/conditions/hip-osteoarthritis/")

    assert condition["subjectOf"] == [
        {
            "@id": f"{API}/topics/{TOPIC}/",
            "@type": "MedicalWebPage",
            "identifier": TOPIC,
            "name": "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
        }
    ]
    assert condition["hc:topicRole"] == [
        {"@type": "hc:TopicRole", "hc:topic": {"@id": f"{API}/topics/{TOPIC}/"}, "hc:conditionRole": "cause"}
    ]
    assert [mechanism["identifier"] for mechanism in condition["hc:mechanism"]] == ["referred-pain"]
    assert "pathophysiology" not in condition and "dateModified" not in condition


def test_a_topic_lists_its_sections_items_as_list_items_in_order(api):
    topic = get_json(api, f"{API}/topics/{TOPIC}/")
    v2 = get_json(api, f"/api/v2/topics/{TOPIC}/")

    anatomy = topic["hc:anatomySection"]["mainEntity"]
    assert anatomy["@type"] == "ItemList"
    assert [
        (item["@type"], item["position"], item["name"], item["item"]["identifier"])
        for item in anatomy["itemListElement"]
    ] == [
        ("ListItem", n, structure["hc:label"], structure["identifier"])
        for n, structure in enumerate(v2["hc:anatomySection"]["about"], start=1)
    ]
    causes = topic["hc:conditionSection"]["mainEntity"]["itemListElement"]
    assert [(item["position"], item["hc:conditionRole"], item["item"]["identifier"]) for item in causes] == [
        (n, "cause", condition["identifier"])
        for n, condition in enumerate(v2["hc:conditionSection"]["about"], start=1)
    ]
    assert topic["specialty"] == {"@id": "https://schema.org/Musculoskeletal"}
    assert topic["genre"] == v2["specialty"]
    assert {key: topic[key] for key in (*REVIEW, "dateModified")} == {
        key: v2[key] for key in (*REVIEW, "dateModified")
    }


@V3_AND_V4
@pytest.mark.parametrize("collection", list(LIST_QUERIES))
def test_a_list_page_costs_what_v2s_does(api, base, collection, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES[collection]):
        page = get_json(api, f"{base}/{collection}/?page_size=100")

    v2 = get_json(api, f"/api/v2/{collection}/?page_size=100")
    assert [item["identifier"] for item in page["itemListElement"]] == [
        item["identifier"] for item in v2["itemListElement"]
    ]
    assert page["@context"] == [*CONTEXT[:1], {**CONTEXT[1], **v2["@context"][1]}]


@V3_AND_V4
@pytest.mark.parametrize("collection", list(DETAILS))
def test_a_detail_costs_what_v1s_does(api, base, collection, django_assert_num_queries):
    slug, queries = DETAILS[collection]

    with django_assert_num_queries(queries):
        detail = get_json(api, f"{base}/{collection}/{slug}/")

    assert detail["@id"] == f"{base}/{collection}/{slug}/"


@V3_AND_V4
def test_json_ld_is_served_as_json_ld_and_the_vocabulary_as_turtle(api, base):
    ld = api.get(
        f"{base}/conditions/",
        HTTP_ACCEPT='application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"',
    )
    turtle = api.get(f"{base}/vocab/", HTTP_ACCEPT="text/turtle")

    assert (ld.status_code, ld["Content-Type"]) == (200, "application/ld+json")
    assert "Accept" in ld["Vary"]
    assert (turtle.status_code, turtle["Content-Type"]) == (200, "text/turtle; charset=utf-8")
    assert 'hc:TopicRole a rdfs:Class ;\n    rdfs:label "TopicRole" ;' in turtle.content.decode()


@V3_AND_V4
def test_the_index_is_a_json_ld_web_api(api, base):
    index = get_json(api, f"{base}/")

    name = "hipcontent API " + base.rsplit("/", 1)[1]
    assert (index["@id"], index["@type"], index["name"]) == (f"{base}/", "WebAPI", name)
    assert index["conditions"] == f"{base}/conditions/"


def test_a_term_both_versions_use_means_the_same_in_both(api):
    v2 = {term["@id"]: term for term in get_json(api, "/api/v2/vocab/")["@graph"]}
    v3 = {term["@id"]: term for term in get_json(api, f"{API}/vocab/")["@graph"]}

    shared = set(v2) & set(v3)
    assert len(shared) > 30
    assert {name: v3[name] for name in shared} == {name: v2[name] for name in shared}
    # v2's terms for per-link facts written on shared nodes are not v3's: it names those links anew.
    assert {"hc:role", "hc:label"} <= set(v2) - set(v3)
