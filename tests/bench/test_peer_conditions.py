"""The bench's condition peers (bench/peer_conditions.py) render the same documents as our v1 condition detail
and our v1 condition list's first page, byte for byte, so the bench compares the time of two renders of one
document (issue 15 point 1)."""

import json

import pytest

from conditions.models import Condition, ConditionRedFlag, RedFlag
from tests.seed_content import CONDITIONS


@pytest.mark.urls("bench.urls")
@pytest.mark.parametrize("slug", sorted(CONDITIONS))
def test_the_peer_serves_our_v1_condition_detail_byte_for_byte(api, seed, slug, django_assert_num_queries):
    ours = api.get(f"/api/v1/conditions/{slug}/")
    # 1. the condition 2. its sources 3. codes 4.-7. its links of each kind, item JOINed 8.-9. its relations
    # either way round 10. its topics: a prefetch per list, no query per item
    with django_assert_num_queries(10):
        peer = api.get(f"/bench/peer/v1/conditions/{slug}/")

    assert (ours.status_code, peer.status_code) == (200, 200)
    assert json.loads(peer.content) == json.loads(ours.content)
    assert peer.content == ours.content
    assert peer["Content-Type"] == ours["Content-Type"] == "application/json"


@pytest.mark.urls("bench.urls")
def test_the_seed_conditions_fill_every_list_the_peer_renders(api, seed):
    # Else the equality above would prove nothing of a list the seed leaves empty.
    documents = [api.get(f"/bench/peer/v1/conditions/{slug}/").json() for slug in CONDITIONS]
    lists = ("codes", "mechanisms", "anatomy", "treatments", "red_flags", "differentials", "topics")
    lists += ("sources", "link_claims", "relations")
    # The seed links no condition to a red flag: the next test adds one.
    assert [name for name in lists if not any(document[name] for document in documents)] == ["red_flags"]
    assert {relation["relation"] for document in documents for relation in document["relations"]} > {
        "tell_apart_from"
    }


@pytest.mark.urls("bench.urls")
def test_the_peer_serves_our_v1_condition_list_page_byte_for_byte(api, seed, django_assert_num_queries):
    ours = api.get("/api/v1/conditions/")
    # 1. the count 2. the page 3. its codes
    with django_assert_num_queries(3):
        peer = api.get("/bench/peer/v1/conditions/")

    assert (ours.status_code, peer.status_code) == (200, 200)
    document = json.loads(ours.content)
    assert list(document) == ["count", "next", "previous", "results"]
    assert len(document["results"]) == len(CONDITIONS)
    assert json.loads(peer.content) == document
    assert peer.content == ours.content
    assert peer["Content-Type"] == ours["Content-Type"] == "application/json"


@pytest.mark.urls("bench.urls")
def test_the_condition_peers_are_not_in_the_project_urls(api, seed):
    from django.urls import NoReverseMatch, reverse

    for name, kwargs in (("peer-condition", {"slug": "x"}), ("peer-condition-list", {})):
        with pytest.raises(NoReverseMatch):
            reverse(name, kwargs=kwargs, urlconf="hipcontent.urls")


@pytest.mark.urls("bench.urls")
def test_the_peer_serves_a_condition_linked_to_red_flags_as_we_do(api, seed):
    condition = Condition.objects.published().get(slug="piriformis-syndrome")
    for red_flag in RedFlag.objects.published()[:2]:
        ConditionRedFlag.objects.create(condition=condition, red_flag=red_flag, qualifier="when severe")
    ours = api.get("/api/v1/conditions/piriformis-syndrome/")
    peer = api.get("/bench/peer/v1/conditions/piriformis-syndrome/")

    assert (ours.status_code, peer.status_code) == (200, 200)
    assert len(json.loads(ours.content)["red_flags"]) == 2
    assert peer.content == ours.content
