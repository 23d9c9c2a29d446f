"""The v1 topic detail is read as plain data (hipcontent/api/v1/documents.py) and must be, byte for byte,
what `serializers.Topic` renders from the model instances `for_detail()` prefetches: the serializer is what
the schema documents, so any field the two disagree on fails here. Checked on the seed and on the states a
topic's items can be in (unpublished parents and items, an assessed urgency with its source, a reviewed
topic, non-ASCII text), and on a generated topic with 40 links and 20 FAQs."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import resolve
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.versioning import NamespaceVersioning

from conditions.models import (
    AnatomicalStructure,
    Condition,
    Professional,
    RedFlag,
    Source,
    Status,
    Topic,
    Treatment,
)
from tests import factories
from tests.api.v1.queries import DETAIL_QUERIES
from tests.seed_content import TOPIC_SLUG


def serialized(slug, query="", host="testserver"):
    """The detail as DRF's serializer renders it from model instances: the reference."""
    from hipcontent.api.v1.serializers import Topic as TopicSerializer

    path = f"/api/v1/topics/{slug}/"
    request = APIRequestFactory().get(f"{path}{query}", HTTP_HOST=host)
    request.resolver_match = resolve(path)
    drf = Request(request)
    drf.version, drf.versioning_scheme = "v1", NamespaceVersioning()
    topic = Topic.objects.for_detail().get(slug=slug)
    return JSONRenderer().render(TopicSerializer(topic, context={"request": drf}).data)


def served(api, slug, django_assert_num_queries, query="", host="testserver"):
    with django_assert_num_queries(DETAIL_QUERIES["topics"]):
        response = api.get(f"/api/v1/topics/{slug}/{query}", HTTP_HOST=host)
    assert response.status_code == 200
    return response.content


def test_the_seed_topic_is_the_serializers_document(api, seed, django_assert_num_queries):
    assert served(api, TOPIC_SLUG, django_assert_num_queries) == serialized(TOPIC_SLUG)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.UNPUBLISHED])
def test_unpublished_parents_and_items_are_left_as_the_serializer_leaves_them(
    api, seed, status, django_assert_num_queries
):
    AnatomicalStructure.objects.filter(is_live=True, slug="gluteal-muscles").update(status=status)
    Treatment.objects.filter(is_live=True, slug="physical-therapy").update(status=status)
    Condition.objects.filter(is_live=True, slug="hip-osteoarthritis").update(status=status)

    assert served(api, TOPIC_SLUG, django_assert_num_queries) == serialized(TOPIC_SLUG)


def test_assessed_urgencies_reviews_and_unicode_are_the_serializers(api, seed, django_assert_num_queries):
    source = Source.objects.filter(is_live=True).first()
    flag = RedFlag.objects.filter(is_live=True).order_by("slug").first()
    RedFlag.objects.filter(pk=flag.pk).update(
        urgency=RedFlag.Urgency.URGENT, urgency_basis="source", urgency_source=source, urgency_quote="Hip"
    )
    Topic.objects.filter(is_live=True, slug=TOPIC_SLUG).update(
        reviewed_by=factories.ReviewerProfileFactory().user,
        last_reviewed=datetime.date(2026, 11, 2),
        reviewer_name="Dr Zoë Ødegård",
        reviewer_credentials="PT, DPT",
        caution="Line\u2028separator, «quotes», emoji 🦴 and a tab\there",
    )
    Condition.objects.filter(is_live=True, slug="hip-osteoarthritis").update(
        other_names=["coxarthrosis", 3, None]
    )

    document = served(api, TOPIC_SLUG, django_assert_num_queries)
    assert document == serialized(TOPIC_SLUG)
    assert b'"review_state":"clinically_reviewed"' in document and b'"urgency":"urgent"' in document


def test_red_flags_with_no_or_several_professionals_are_the_serializers(api, seed, django_assert_num_queries):
    # Their professionals come in the red flags' query, a row each: none must still give the red flag, once.
    flags = list(RedFlag.objects.filter(is_live=True, topic_links__isnull=False).distinct().order_by("slug"))
    everyone = list(Professional.objects.filter(is_live=True))
    assert len(flags) >= 2 and len(everyone) >= 2
    flags[0].professionals.set(everyone)
    flags[1].professionals.clear()

    document = served(api, TOPIC_SLUG, django_assert_num_queries)
    assert document == serialized(TOPIC_SLUG)
    assert document.count(b'"professionals":[]') >= 1


def test_urls_are_each_requests_own_host_and_format(api, seed, settings, django_assert_num_queries):
    # The URLs' parts are kept across requests (hipcontent/api/v1/documents.py): per host and ?format=.
    settings.ALLOWED_HOSTS = ["testserver", "apps.example.org"]
    for host, query in [
        ("testserver", ""),
        ("apps.example.org", ""),
        ("apps.example.org", "?format=json"),
        ("testserver", "?again=1"),  # a new query: not the representation cached by the first
    ]:
        document = served(api, TOPIC_SLUG, django_assert_num_queries, query, host)
        assert document == serialized(TOPIC_SLUG, query, host)
        assert f'"url":"http://{host}/api/v1/'.encode() in document
        assert (b"/?format=json" in document) == ("format" in query)


def test_a_topic_with_40_links_and_20_faqs_is_the_serializers(api, db, django_assert_num_queries):
    call_command("scale_data", conditions=40, faqs=40, topics=2, links=20, verbosity=0)

    assert served(api, "scale-topic-00000", django_assert_num_queries) == serialized("scale-topic-00000")


def test_an_unknown_slug_is_the_same_404(api, seed, django_assert_num_queries):
    # 1. the revision 2. the topic, not found: no query for what it would embed
    with django_assert_num_queries(2):
        response = api.get("/api/v1/topics/no-such-topic/")

    assert response.status_code == 404
    assert response.json()["detail"] == "No published topic has the slug 'no-such-topic'."
