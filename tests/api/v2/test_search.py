"""/api/v2/search/?q=: v1's search across collections, as typed nodes on cursor pages."""

import pytest

from tests.api.v2.expected import PAGE_CONTEXT, PAGE_KEYS, TYPES, url
from tests.payloads import get_json, get_problem, invalid_parameters

pytestmark = pytest.mark.usefixtures("seed")

COLLECTION_OF_TYPE = {schema_type: collection for collection, schema_type in TYPES.items()}


def test_search_across_collections_gives_typed_nodes_page_by_page(api):
    first = get_json(api, f"{url('search')}?q=piriformis&page_size=2")
    second = get_json(api, first["next"])

    assert set(first) == PAGE_KEYS
    assert first["@context"] == PAGE_CONTEXT
    hits = first["itemListElement"] + second["itemListElement"]
    for hit in hits:
        assert set(hit) == {"@id", "@type", "identifier", "name", "hc:rank", "hc:snippet"}
        assert hit["@id"] == url(COLLECTION_OF_TYPE[hit["@type"]], hit["identifier"])
        assert "piriformis" in (hit["name"] + hit["hc:snippet"]).lower() or hit["@type"] == "MedicalWebPage"
    v1 = get_json(api, "/api/v1/search/?q=piriformis&page_size=100")["results"]
    everything = hits
    if second["next"]:
        everything += get_json(api, second["next"])["itemListElement"]
    assert [h["identifier"] for h in everything[: len(v1)]] == [h["slug"] for h in v1]
    assert get_json(api, second["previous"])["itemListElement"] == first["itemListElement"]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            "q=hip&cursor=nonsense",
            {
                "cursor": [
                    "Not a cursor from this list: follow `next` or `previous` as given, or start without one."
                ]
            },
        ),
        ("q=", {"q": ["Required: the text to search for."]}),
        (
            "q=hip&type=nothing",
            {
                "type": [
                    "Unknown type 'nothing'; use one of "
                    "topic, condition, mechanism, anatomy, red-flag, treatment, faq."
                ]
            },
        ),
    ],
)
def test_bad_search_parameters_are_400s_naming_them(api, query, errors):
    assert get_problem(api, f"{url('search')}?{query}", 400) == invalid_parameters(errors)
