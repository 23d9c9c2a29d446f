"""The v1 details of mechanisms, anatomy, red flags, treatments and FAQs are read as plain data
(hipcontent/api/v1/details.py) and must be, byte for byte, what their serializers render from the model
instances `for_detail()` prefetches: the serializers are what the schema documents, so any field the two
disagree on fails here. Checked on every seed item, on generated ones, and on the states linked items can be
in (unpublished or non-live conditions, parents, parts and structures, a withdrawn topic, professionals or
none, assessed urgencies, reviewers with and without a name, empty lists, non-ASCII text), with the query
counts pinned whatever the number of links."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import resolve
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.versioning import NamespaceVersioning

from conditions.models import RedFlag, Source, Status, TreatmentAnatomy
from hipcontent.api.v1 import serializers
from tests import factories
from tests.api.v1.collections import FACTORIES, MODELS, NOUNS, UNPUBLISHED
from tests.api.v1.queries import DETAIL_QUERIES
from tests.seed_content import ANATOMY, FAQS, MECHANISMS, RED_FLAGS, TREATMENTS

SERIALIZERS = {
    "mechanisms": serializers.Mechanism,
    "anatomy": serializers.Anatomy,
    "red-flags": serializers.RedFlag,
    "treatments": serializers.Treatment,
    "faqs": serializers.Faq,
}
SEED = {
    "mechanisms": MECHANISMS,
    "anatomy": ANATOMY,
    "red-flags": RED_FLAGS,
    "treatments": TREATMENTS,
    "faqs": FAQS,
}


def serialized(collection, slug, query="", host="testserver"):
    """The detail as DRF's serializer renders it from model instances: the reference."""
    path = f"/api/v1/{collection}/{slug}/"
    request = APIRequestFactory().get(f"{path}{query}", HTTP_HOST=host)
    request.resolver_match = resolve(path)
    drf = Request(request)
    drf.version, drf.versioning_scheme = "v1", NamespaceVersioning()
    item = MODELS[collection].objects.for_detail().get(slug=slug)
    return JSONRenderer().render(SERIALIZERS[collection](item, context={"request": drf}).data)


def served(api, collection, slug, django_assert_num_queries, query="", host="testserver"):
    # The counts of the serializers' reads (tests/api/v1/queries.py): the lists are the same queries, sent
    # together with the item's row.
    with django_assert_num_queries(DETAIL_QUERIES[collection]):
        response = api.get(f"/api/v1/{collection}/{slug}/{query}", HTTP_HOST=host)
    assert response.status_code == 200
    return response.content


def assert_serializers(api, collection, slug, django_assert_num_queries):
    document = served(api, collection, slug, django_assert_num_queries)
    assert document == serialized(collection, slug)
    return document


# ------------------------------------------------------------------------------------ seed and scale


@pytest.mark.parametrize(
    ("collection", "slug"),
    [(collection, slug) for collection, items in SEED.items() for slug in sorted(items)],
)
def test_every_seed_item_is_the_serializers_document(api, seed, collection, slug, django_assert_num_queries):
    assert_serializers(api, collection, slug, django_assert_num_queries)


def test_generated_items_are_the_serializers(api, db, django_assert_num_queries):
    call_command("scale_data", conditions=40, faqs=10, topics=2, links=5, verbosity=0)
    generated = {
        "mechanisms": "mechanism",
        "anatomy": "structure",
        "red-flags": "red-flag",
        "treatments": "treatment",
        "faqs": "faq",
    }
    for collection, noun in generated.items():
        for number in range(5):
            document = assert_serializers(
                api, collection, f"scale-{noun}-{number:05d}", django_assert_num_queries
            )
            assert b'"conditions":[{' in document  # each is linked to some of the 40 conditions


# ------------------------------------------------------------------------------ what is hidden


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_and_non_live_links_are_left_out_as_the_serializer_leaves_them(
    api, db, status, django_assert_num_queries
):
    mechanism, structure = factories.MechanismFactory(), factories.AnatomicalStructureFactory()
    flag, treatment = factories.RedFlagFactory(), factories.TreatmentFactory()
    links = {
        "mechanisms": [mechanism],
        "anatomy": [structure],
        "red_flags": [flag],
        "treatments": [treatment],
    }
    shown = factories.ConditionFactory(**links)
    hidden = [
        factories.ConditionFactory(status=status, **links),
        factories.ConditionFactory(is_live=False, status=Status.PUBLISHED, **links),  # a working row
    ]
    TreatmentAnatomy.objects.create(treatment=treatment, structure=structure, basis="editorial")
    unpublished = factories.AnatomicalStructureFactory(status=status)
    TreatmentAnatomy.objects.create(treatment=treatment, structure=unpublished, basis="editorial")
    question = factories.QuestionFactory(
        topic=factories.TopicFactory(status=status), conditions=[shown, *hidden]
    )
    pages = [
        ("mechanisms", mechanism),
        ("anatomy", structure),
        ("red-flags", flag),
        ("treatments", treatment),
        ("faqs", question),
    ]
    # In each tree, an item whose parent is unpublished, with a published part, an unpublished one and a
    # working row's.
    for collection, model in (
        ("anatomy", factories.AnatomicalStructureFactory),
        ("treatments", factories.TreatmentFactory),
    ):
        item = model(parent=model(status=status))
        model(parent=item, status=status)
        model(parent=item, is_live=False, status=Status.PUBLISHED)
        model(parent=item)
        pages.append((collection, item))

    documents = []
    for collection, item in pages:
        document = assert_serializers(api, collection, item.slug, django_assert_num_queries)
        assert not any(f'"{condition.slug}"'.encode() in document for condition in hidden)
        assert f'"{unpublished.slug}"'.encode() not in document
        documents.append(json.loads(document))
    treatment_document, faq_document, *trees = documents[3:]
    assert [link["slug"] for link in treatment_document["anatomy"]] == [structure.slug]
    assert (faq_document["topic"], len(faq_document["conditions"])) == (None, 1)
    assert [(tree["parent"], len(tree["parts"])) for tree in trees] == [(None, 1), (None, 1)]


def test_parents_and_parts_in_their_order_are_the_serializers(api, db, django_assert_num_queries):
    for collection, model, order in (
        ("anatomy", factories.AnatomicalStructureFactory, "position"),
        ("treatments", factories.TreatmentFactory, "order_of_care"),
    ):
        top = model()
        item = model(parent=top)
        # Out of slug order: parts come by position (anatomy) or order of care (treatments), then name.
        for number, (place, name) in enumerate([(2, "A"), (1, "Z"), (1, "B"), (0, "Y")]):
            model(parent=item, slug=f"part-{number}-{item.slug}", name=f"{name} part", **{order: place})

        document = assert_serializers(api, collection, item.slug, django_assert_num_queries)
        assert f'"parent":{{"slug":"{top.slug}"'.encode() in document
        parts = [part["name"] for part in api.get(f"/api/v1/{collection}/{item.slug}/?x=1").json()["parts"]]
        assert parts == ["Y part", "B part", "Z part", "A part"]
        assert_serializers(api, collection, top.slug, django_assert_num_queries)


def test_parts_with_the_same_place_and_name_come_in_slug_order(api, db, django_assert_num_queries):
    for collection, model, order in (
        ("anatomy", factories.AnatomicalStructureFactory, "position"),
        ("treatments", factories.TreatmentFactory, "order_of_care"),
    ):
        item = model()
        for slug in ("same-c", "same-a", "same-b"):  # created out of slug order
            model(parent=item, slug=f"{slug}-{item.slug}", name="Same part", **{order: 1})

        assert_serializers(api, collection, item.slug, django_assert_num_queries)
        parts = [part["slug"] for part in api.get(f"/api/v1/{collection}/{item.slug}/?x=1").json()["parts"]]
        assert parts == [f"{slug}-{item.slug}" for slug in ("same-a", "same-b", "same-c")]


# ------------------------------------------------------------------------------ the items' own states


def test_red_flags_with_no_or_several_professionals_and_assessed_urgencies(
    api, db, django_assert_num_queries
):
    source = factories.SourceFactory(text="Hip pain that wakes you at night.")
    everyone = [factories.ProfessionalFactory(name=name) for name in ("Zed", "Anna", "Mo")]
    not_assessed = factories.RedFlagFactory(urgency=RedFlag.Urgency.NOT_ASSESSED, professionals=everyone)
    assessed = factories.RedFlagFactory(
        urgency=RedFlag.Urgency.URGENT,
        urgency_basis="source",
        urgency_source=source,
        urgency_quote="Hip pain",
        action_basis="source",
        action_source=source,
        action_quote="wakes you",
        applies_when="At night",
    )

    document = assert_serializers(api, "red-flags", not_assessed.slug, django_assert_num_queries)
    assert b'"urgency":"soon"' in document and b'"urgency_claim":null' in document
    assert document.index(b'"Anna"') < document.index(b'"Mo"') < document.index(b'"Zed"')
    document = assert_serializers(api, "red-flags", assessed.slug, django_assert_num_queries)
    assert b'"professionals":[]' in document and b'"urgency":"urgent"' in document
    assert f'"source_title":"{source.title}"'.encode() in document


def test_empty_lists_and_no_reviewer_are_the_serializers(api, db, django_assert_num_queries):
    # Nothing linked, no source, never reviewed: every list empty, reviewed_by and the dates null.
    items = {
        "mechanisms": factories.MechanismFactory(),
        "anatomy": factories.AnatomicalStructureFactory(),
        "red-flags": factories.RedFlagFactory(),
        "treatments": factories.TreatmentFactory(),
        "faqs": factories.QuestionFactory(),
    }
    for collection, item in items.items():
        document = assert_serializers(api, collection, item.slug, django_assert_num_queries)
        assert b'"reviewed_by":null' in document and b'"sources":[]' in document
        assert b'"conditions":[]' in document and b'"review_state":"not_yet_clinically_reviewed"' in document


@pytest.mark.parametrize("reviewer_name", ["Dr Zoë Ødegård", ""])
def test_reviewed_items_with_or_without_a_name_and_unicode_are_the_serializers(
    api, db, reviewer_name, django_assert_num_queries
):
    reviewer = factories.ReviewerProfileFactory().user
    review = {
        "reviewed_by": reviewer,
        "reviewer_name": reviewer_name,
        "reviewer_credentials": "PT, DPT",
        "last_reviewed": datetime.date(2026, 11, 2),
        "next_review_due": datetime.date(2027, 11, 2),
    }
    sources = [factories.SourceFactory(title="Ünïcode «source»"), factories.SourceFactory(title="A source")]
    text = "Line\u2028separator, «quotes», emoji 🦴 and a tab\there"
    condition = factories.ConditionFactory(name="Çondition")
    items = {
        "mechanisms": factories.MechanismFactory(description=text, sources=sources, **review),
        "anatomy": factories.AnatomicalStructureFactory(function=text, sources=sources, **review),
        "red-flags": factories.RedFlagFactory(sign=text, sources=sources, **review),
        "treatments": factories.TreatmentFactory(description=text, sources=sources, **review),
        "faqs": factories.QuestionFactory(answer=text, sources=sources, conditions=[condition], **review),
    }
    Source.objects.filter(pk=sources[0].pk).update(accessed=datetime.date(2026, 1, 31))
    for collection, item in items.items():
        document = assert_serializers(api, collection, item.slug, django_assert_num_queries)
        assert b'"review_state":"clinically_reviewed"' in document
        assert (b'"reviewed_by":null' in document) == (not reviewer_name)
        assert document.index(b'"A source"') < document.index("Ünïcode".encode())


def test_urls_are_each_requests_own_host_and_format(api, seed, settings, django_assert_num_queries):
    settings.ALLOWED_HOSTS = ["testserver", "apps.example.org"]
    for host, query in [
        ("apps.example.org", ""),
        ("apps.example.org", "?format=json"),
        ("testserver", "?x=1"),
    ]:
        for collection, items in SEED.items():
            slug = sorted(items)[0]
            document = served(api, collection, slug, django_assert_num_queries, query, host)
            assert document == serialized(collection, slug, query, host)
            assert f'"url":"http://{host}/api/v1/{collection}/{slug}/'.encode() in document


# ------------------------------------------------------------------------------ queries and 404s


def test_the_queries_do_not_grow_with_the_links(api, db, django_assert_num_queries):
    # served() pins each kind's count: the same for 30 links as for the seed's few.
    mechanism, structure = factories.MechanismFactory(), factories.AnatomicalStructureFactory()
    flag, treatment = factories.RedFlagFactory(), factories.TreatmentFactory()
    links = {
        "mechanisms": [mechanism],
        "anatomy": [structure],
        "red_flags": [flag],
        "treatments": [treatment],
    }
    conditions = factories.ConditionFactory.create_batch(30, **links)
    flag.professionals.set(factories.ProfessionalFactory.create_batch(30))
    for number in range(30):
        factories.AnatomicalStructureFactory(parent=structure)
        factories.TreatmentFactory(parent=treatment)
        other = factories.AnatomicalStructureFactory()
        TreatmentAnatomy.objects.create(treatment=treatment, structure=other, qualifier=f"when {number}")
    sources = factories.SourceFactory.create_batch(30)
    for item in (mechanism, structure, flag, treatment):
        item.sources.set(sources)
    question = factories.QuestionFactory(conditions=conditions, sources=sources)

    for collection, item in [
        ("mechanisms", mechanism),
        ("anatomy", structure),
        ("red-flags", flag),
        ("treatments", treatment),
        ("faqs", question),
    ]:
        document = assert_serializers(api, collection, item.slug, django_assert_num_queries)
        assert document.count(b'"slug":"condition-') == 30


@pytest.mark.parametrize("collection", list(SERIALIZERS))
@pytest.mark.parametrize("status", [None, *UNPUBLISHED])
def test_an_unknown_or_unpublished_slug_is_the_same_404(
    api, db, collection, status, django_assert_num_queries
):
    slug = "no-such-item" if status is None else FACTORIES[collection](status=status).slug
    # 1. the revision, then the row and the lists sent together as for a published item (one round trip):
    # the lists find nothing
    with django_assert_num_queries(DETAIL_QUERIES[collection]):
        response = api.get(f"/api/v1/{collection}/{slug}/")

    assert response.status_code == 404
    assert response.json()["detail"] == f"No published {NOUNS[collection]} has the slug {slug!r}."
