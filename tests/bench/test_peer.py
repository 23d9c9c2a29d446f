"""The bench's peer (bench/peer.py) renders the same document as our v1 topic detail, byte for byte, so the
bench compares the time of two renders of one document (issue 15 point 1)."""

import pytest

from tests.seed_content import TOPIC_SLUG

PEER = f"/bench/peer/v1/topics/{TOPIC_SLUG}/"
OURS = f"/api/v1/topics/{TOPIC_SLUG}/"


@pytest.mark.urls("bench.urls")
def test_the_peer_serves_our_v1_topic_byte_for_byte(api, seed, django_assert_num_queries):
    ours = api.get(OURS)
    # 1. the topic 2. its sources 3.-7. its links of each kind, item JOINed 8. red flags' professionals
    # 9. key takeaways 10. questions: a prefetch per list, no query per item
    with django_assert_num_queries(10):
        peer = api.get(PEER)

    assert (ours.status_code, peer.status_code) == (200, 200)
    assert peer.content == ours.content
    assert peer["Content-Type"] == ours["Content-Type"] == "application/json"


@pytest.mark.urls("bench.urls")
def test_the_peer_is_not_in_the_project_urls(api, seed):
    from django.urls import NoReverseMatch, reverse

    with pytest.raises(NoReverseMatch):
        reverse("peer-topic", kwargs={"slug": TOPIC_SLUG}, urlconf="hipcontent.urls")
