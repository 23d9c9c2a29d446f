"""The bench's detail peers (bench/peer_details.py) render the same documents as our v1 details of
mechanisms, anatomy, red flags, treatments and FAQs, byte for byte, for every seed item of each kind, so the
bench compares the time of two renders of one document (issue 15 point 1)."""

import json

import pytest

from conditions.models import RedFlag, Source, TreatmentAnatomy
from tests.seed_content import ANATOMY, FAQS, MECHANISMS, RED_FLAGS, TREATMENTS

# Each peer's queries: 1. the item (what it selects related JOINed) 2. its sources 3. its published
# conditions, then per kind: anatomy 4. its published parts; red flags 4. its professionals; treatments 4. its
# published parts 5. its links to published structures, structure and claim's source JOINed. A prefetch per
# list, no query per item.
PEER_QUERIES = {"mechanisms": 3, "anatomy": 4, "red-flags": 4, "treatments": 5, "faqs": 3}
SEED = {
    "mechanisms": MECHANISMS,
    "anatomy": ANATOMY,
    "red-flags": RED_FLAGS,
    "treatments": TREATMENTS,
    "faqs": FAQS,
}
PAGES = [(collection, slug) for collection, items in SEED.items() for slug in sorted(items)]


def assert_same(api, path):
    ours, peer = api.get(f"/api/v1/{path}"), api.get(f"/bench/peer/v1/{path}")
    assert (ours.status_code, peer.status_code) == (200, 200)
    assert json.loads(peer.content) == json.loads(ours.content)
    assert peer.content == ours.content
    assert peer["Content-Type"] == ours["Content-Type"] == "application/json"
    return json.loads(ours.content)


@pytest.mark.urls("bench.urls")
@pytest.mark.parametrize(("collection", "slug"), PAGES)
def test_the_peer_serves_our_v1_detail_byte_for_byte(api, seed, collection, slug, django_assert_num_queries):
    ours = api.get(f"/api/v1/{collection}/{slug}/")
    with django_assert_num_queries(PEER_QUERIES[collection]):
        peer = api.get(f"/bench/peer/v1/{collection}/{slug}/")

    assert (ours.status_code, peer.status_code) == (200, 200)
    assert json.loads(peer.content) == json.loads(ours.content)
    assert peer.content == ours.content
    assert peer["Content-Type"] == ours["Content-Type"] == "application/json"


@pytest.mark.urls("bench.urls")
def test_the_seed_fills_every_list_the_peers_render(api, seed):
    # Else the equality above would prove nothing of a list the seed leaves empty.
    documents = {
        collection: [api.get(f"/bench/peer/v1/{collection}/{slug}/").json() for slug in sorted(items)]
        for collection, items in SEED.items()
    }
    lists = {
        "mechanisms": ("conditions", "sources"),
        "anatomy": ("parent", "parts", "conditions", "sources"),
        "red-flags": ("professionals", "conditions", "sources"),
        "treatments": ("parent", "parts", "conditions", "sources", "anatomy", "anatomy_claims"),
        "faqs": ("topic", "conditions", "sources"),
    }
    empty = [
        (collection, name)
        for collection, names in lists.items()
        for name in names
        if not any(document[name] for document in documents[collection])
    ]
    # The seed links no condition to a red flag: the next test adds one.
    assert empty == [("red-flags", "conditions")]


@pytest.mark.urls("bench.urls")
def test_the_peers_serve_claims_and_links_the_seed_lacks_as_we_do(api, seed):
    from conditions.models import Condition, ConditionRedFlag, Treatment

    source = Source.objects.filter(is_live=True).first()
    flag = RedFlag.objects.published().get(slug="persistent-pain")
    RedFlag.objects.filter(pk=flag.pk).update(
        urgency=RedFlag.Urgency.URGENT, urgency_basis="source", urgency_source=source, urgency_quote="Hip"
    )
    for condition in Condition.objects.published()[:2]:
        ConditionRedFlag.objects.create(condition=condition, red_flag=flag, qualifier="when severe")
    treatment = Treatment.objects.published().get(slug="physical-therapy")
    structure = treatment.conditions.first().anatomy.first()
    TreatmentAnatomy.objects.create(treatment=treatment, structure=structure, basis="editorial")

    document = assert_same(api, "red-flags/persistent-pain/")
    assert len(document["conditions"]) == 2 and document["urgency_claim"]["source_title"] == source.title
    assert len(assert_same(api, "treatments/physical-therapy/")["anatomy_claims"]) == 1


@pytest.mark.urls("bench.urls")
def test_the_detail_peers_are_not_in_the_project_urls(api, seed):
    from django.urls import NoReverseMatch, reverse

    for collection in SEED:
        with pytest.raises(NoReverseMatch):
            reverse(f"peer-{collection}", kwargs={"slug": "x"}, urlconf="hipcontent.urls")
