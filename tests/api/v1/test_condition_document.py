"""The v1 condition detail is read as plain data (hipcontent/api/v1/condition_document.py) and must be, byte
for byte, what `serializers.Condition` renders from the model instances `for_detail()` prefetches: the
serializer is what the schema documents, so any field the two disagree on fails here. Checked on every seed
condition, on the states a condition's links can be in (unpublished and working items, relations stored on
either side, a differential related both ways, codes with and without a source, topics in both roles, a review
stamp with and without a name, names a collation may sort otherwise than Python, non-ASCII text, another time
zone), on generated conditions, and whole responses (status, bytes, validators, 404 problems) against the view
without its document."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import resolve
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.versioning import NamespaceVersioning

from conditions.models import (
    Condition,
    ConditionCode,
    ConditionMechanism,
    ConditionRelation,
    Source,
    Status,
    TopicCondition,
)
from hipcontent.api.v1 import condition_document, serializers
from tests import factories
from tests.api.v1.queries import DETAIL_QUERIES
from tests.payloads import not_found, problem_of

HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary")
# The lists the document reads with its row, each a statement of the same pipeline (CONDITION_ROW first).
STATEMENTS = len(condition_document.LISTS)


def serialized(slug, query="", host="testserver"):
    """The detail as DRF's serializer renders it from model instances: the reference."""
    path = f"/api/v1/conditions/{slug}/"
    request = APIRequestFactory().get(f"{path}{query}", HTTP_HOST=host)
    request.resolver_match = resolve(path)
    drf = Request(request)
    drf.version, drf.versioning_scheme = "v1", NamespaceVersioning()
    condition = Condition.objects.for_detail().get(slug=slug)
    return JSONRenderer().render(serializers.Condition(condition, context={"request": drf}).data)


@pytest.fixture
def pipelines(monkeypatch):
    """How many statements each `run_together` of the document sends: one entry per round trip on
    PostgreSQL (hipcontent/api/prepared.py)."""
    sent = []

    def run_together(runs):
        sent.append(len(runs))
        return together(runs)

    together = condition_document.run_together
    monkeypatch.setattr(condition_document, "run_together", run_together)
    return sent


def served(api, slug, django_assert_num_queries, pipelines, query="", host="testserver"):
    # As DETAIL_QUERIES says: the revision, then the condition's row and its five lists, sent together.
    pipelines.clear()
    with django_assert_num_queries(DETAIL_QUERIES["conditions"]):
        response = api.get(f"/api/v1/conditions/{slug}/{query}", HTTP_HOST=host)
    assert response.status_code == 200
    assert pipelines == [STATEMENTS] == [DETAIL_QUERIES["conditions"] - 1]
    return response.content


def published_slugs():
    return list(Condition.objects.published().order_by("slug").values_list("slug", flat=True))


def test_every_seed_condition_is_the_serializers_document(api, seed, django_assert_num_queries, pipelines):
    slugs = published_slugs()
    assert len(slugs) == 10

    for slug in slugs:
        assert served(api, slug, django_assert_num_queries, pipelines) == serialized(slug), slug


@pytest.fixture
def edges(seed):
    """A condition whose every list holds items in each state the serializer shows or hides, and relations
    read from both sides; its slug."""
    hidden = [
        {"status": Status.DRAFT},
        {"status": Status.UNPUBLISHED},
        {"working": True, "status": "published"},
    ]
    source = Source.objects.filter(is_live=True).first()
    reviewer = factories.ReviewerProfileFactory(display_name="Dr Zoë Ødegård")
    # Same names, told apart by slug; lower case that a collation sorts first and Python sorts last.
    mechanisms = [
        factories.MechanismFactory(slug="m-b", name="Same name"),
        factories.MechanismFactory(slug="m-a", name="Same name"),
        factories.MechanismFactory(name="alpha mechanism"),
        *(factories.MechanismFactory(**state) for state in hidden),
    ]
    condition = factories.ConditionFactory(
        slug="edge-condition",
        name="Edge «condition» 🦴",
        abbreviation="EC",
        other_names=["coxarthrosis", 3, None],
        summary="Line\u2028separator and a tab\there",
        pain_locations=["deep", "buttock"],
        reviewed_by=reviewer.user,
        last_reviewed=datetime.date(2026, 11, 2),
        next_review_due=datetime.date(2027, 11, 2),
        sources=[
            *Source.objects.filter(is_live=True),
            factories.SourceFactory(accessed=datetime.date(2026, 1, 5)),
        ],
        mechanisms=mechanisms,
        anatomy=[factories.AnatomicalStructureFactory(), factories.AnatomicalStructureFactory(draft=True)],
        treatments=[factories.TreatmentFactory(), factories.TreatmentFactory(in_review=True)],
        red_flags=[factories.RedFlagFactory(sign="Numb foot."), factories.RedFlagFactory(**hidden[1])],
    )
    ConditionMechanism.objects.filter(condition=condition, mechanism__slug="m-a").update(
        basis="source", source=source, quote="Hip", qualifier="advanced"
    )
    ConditionCode.objects.create(
        condition=condition,
        system=ConditionCode.System.ICD10CM,
        code="M16.1",
        display="Unilateral primary osteoarthritis of hip",
        release="FY2026",
        kind=ConditionCode.Kind.BILLABLE,
        match=ConditionCode.Match.BROADER,
        basis="source",
        source=source,
        quote="Hip",
        qualifier="advanced",
        position=2,
    )
    ConditionCode.objects.create(
        condition=condition, system="snomedct", code="239872002", display="OA", position=1
    )
    # Relations stored on this condition and on others, of every kind, some to hidden conditions. "zeta" is
    # a differential both ways (stored twice): it is listed once. Differentials sort as Python sorts names
    # ("Beta" before "apple"), which is not how a database collation may.
    zeta, alpha, upper, apple = (
        factories.ConditionFactory(name=name)
        for name in ("zeta", "alpha condition", "Beta condition", "apple condition")
    )
    relate = ConditionRelation.objects.create
    for other, kind in [(zeta, "tell_apart_from"), (alpha, "is_a_form_of"), (upper, "tell_apart_from")]:
        relate(condition=condition, kind=kind, other=other)
    incoming = [
        (zeta, "tell_apart_from"),
        (alpha, "can_lead_to"),
        (upper, "can_contribute_to"),
        (apple, "tell_apart_from"),
    ]
    for other, kind in incoming:
        relate(condition=other, kind=kind, other=condition, basis="source", source=source, quote="Hip")
    for state in hidden:
        relate(condition=condition, kind="tell_apart_from", other=factories.ConditionFactory(**state))
        relate(condition=factories.ConditionFactory(**state), kind="can_lead_to", other=condition)
    # Topics: positions out of creation order, both roles, hidden topics left out.
    factories.TopicConditionFactory(condition=condition, position=2, role=TopicCondition.Role.CAUSE)
    factories.TopicConditionFactory(condition=condition, position=1, role=TopicCondition.Role.DIFFERENTIAL)
    for state in hidden:
        factories.TopicConditionFactory(condition=condition, topic=factories.TopicFactory(**state))
    # Reviewed, but the stamp has no name: no reviewer shown, yet clinically reviewed.
    factories.ConditionFactory(slug="stamp-without-name", reviewed_by=reviewer.user, reviewer_name="")
    return condition.slug


def test_every_state_of_a_link_is_the_serializers(api, edges, django_assert_num_queries, pipelines):
    slugs = published_slugs()
    for slug in slugs:
        assert served(api, slug, django_assert_num_queries, pipelines) == serialized(slug), slug

    data = api.get(f"/api/v1/conditions/{edges}/").json()
    # Not a comparison of two empty lists: each list shows its published items, and only those.
    shown = ("mechanisms", "anatomy", "treatments", "red_flags", "differentials", "topics", "relations")
    assert {name: len(data[name]) for name in shown} == {
        "mechanisms": 3,
        "anatomy": 1,
        "treatments": 1,
        "red_flags": 1,
        "differentials": 3,
        "topics": 2,
        "relations": 7,
    }
    assert [item["slug"] for item in data["mechanisms"] if item["slug"].startswith("m-")] == ["m-a", "m-b"]
    assert [item["name"] for item in data["differentials"]] == ["Beta condition", "apple condition", "zeta"]
    assert [view["relation"] for view in data["relations"]] == [
        "is_a_form_of",
        "tell_apart_from",
        "tell_apart_from",
        "can_be_contributed_to_by",
        "can_result_from",
        "tell_apart_from",
        "tell_apart_from",
    ]
    assert [topic["role"] for topic in data["topics"]] == ["differential", "cause"]
    assert data["reviewed_by"] == {"name": "Dr Zoë Ødegård", "credentials": "PT, DPT"}
    assert len(data["codes"]) == len(data["sources"]) - 1 == 2
    stamp = api.get("/api/v1/conditions/stamp-without-name/").json()
    assert (stamp["reviewed_by"], stamp["review_state"]) == (None, "clinically_reviewed")


def test_urls_and_dates_are_each_requests_own(api, edges, settings, django_assert_num_queries, pipelines):
    settings.ALLOWED_HOSTS = ["testserver", "apps.example.org"]
    for host, query in [
        ("apps.example.org", ""),
        ("apps.example.org", "?format=json"),
        ("testserver", "?a=1"),
    ]:
        document = served(api, edges, django_assert_num_queries, pipelines, query, host)
        assert document == serialized(edges, query, host)
        assert f'"url":"http://{host}/api/v1/conditions/{edges}/'.encode() in document
    settings.TIME_ZONE = "America/New_York"  # DRF shows times in the current time zone
    document = served(api, edges, django_assert_num_queries, pipelines, "?tz=1")
    assert document == serialized(edges, "?tz=1")
    assert b'-05:00"' in document or b'-04:00"' in document


def test_generated_conditions_are_the_serializers(api, db, django_assert_num_queries, pipelines):
    call_command("scale_data", conditions=40, faqs=10, topics=4, links=20, verbosity=0)
    slugs = published_slugs()
    assert len(slugs) == 40

    for slug in slugs:
        assert served(api, slug, django_assert_num_queries, pipelines) == serialized(slug), slug


def answer(api, path):
    cache.clear()  # neither answer may be the other's kept representation
    response = api.get(path)
    return response.status_code, response.content, {name: response.get(name) for name in HEADERS}


def test_whole_responses_and_404s_are_the_views_without_its_document(api, edges, monkeypatch):
    view = resolve(f"/api/v1/conditions/{edges}/").func.cls
    assert view.document is not None
    unpublished = Condition.objects.filter(is_live=True, status=Status.DRAFT).values_list("slug", flat=True)[
        0
    ]
    paths = [
        f"/api/v1/conditions/{slug}/{query}"
        for slug in [edges, "piriformis-syndrome", "no-such-condition", unpublished]
        for query in ["", "?format=json"]
    ]

    documents = [answer(api, path) for path in paths]
    monkeypatch.setattr(view, "document", None)
    references = [answer(api, path) for path in paths]

    for path, document, reference in zip(paths, documents, references, strict=True):
        assert document == reference, path
    assert [status for status, _content, _headers in documents] == [200] * 4 + [404] * 4
    assert problem_of(api.get(paths[4]), 404) == not_found("condition", "no-such-condition")


def test_an_unknown_or_unpublished_slug_is_a_404_in_the_same_round_trips(
    api, edges, django_assert_num_queries, pipelines
):
    hidden = factories.ConditionFactory(draft=True)
    for slug in ["no-such-condition", hidden.slug]:
        # 1. the revision 2. the condition's row, with its lists in the same pipeline (empty: no row)
        with django_assert_num_queries(1 + STATEMENTS):
            response = api.get(f"/api/v1/conditions/{slug}/")
        assert problem_of(response, 404) == not_found("condition", slug)
    assert pipelines == [STATEMENTS, STATEMENTS]


def test_the_queries_and_round_trips_do_not_grow_with_links(api, db, django_assert_num_queries, pipelines):
    condition = factories.ConditionFactory()

    for n, total in [(3, 3), (27, 30)]:
        factories.link_n_of_each(condition, n)
        document = served(api, condition.slug, django_assert_num_queries, pipelines, f"?links={total}")
        assert document == serialized(condition.slug, f"?links={total}")
        assert document.count(b'"field":"mechanisms"') == total


def test_the_detail_is_read_without_its_serializer(api, seed, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the detail rendered through the serializer")

    monkeypatch.setattr(serializers.Condition, "to_representation", refuse)

    response = api.get("/api/v1/conditions/piriformis-syndrome/")

    assert response.status_code == 200
    assert response.json()["slug"] == "piriformis-syndrome"
