"""/api/v1/conditions/: conditions, with every published item they link to and the topics that cover them."""

import datetime

import pytest

from conditions.models import Condition, ConditionCode, ConditionRelation, Status, TopicCondition
from tests import factories
from tests.keys import (
    CONDITION_DETAIL_KEYS,
    CONDITION_LINK_LISTS,
    CONDITION_SUMMARY_KEYS,
    CONDITION_TOPIC_LINK_KEYS,
    assert_code_keys,
    assert_review_keys,
)
from tests.payloads import (
    PAGE_KEYS,
    assert_keys,
    assert_links,
    assert_timestamps_match,
    get_json,
    get_problem,
    link,
    not_found,
    page,
    problem,
    url,
    without_timestamps,
)
from tests.seed_content import (
    TOPIC_LINK,
    claim,
    condition_link,
    condition_review,
    condition_summary,
    mechanism_link,
    structure_link,
    treatment_link,
)

# What a live row (the row the API reads) can be when it is hidden: a placeholder for an item never
# approved, or a withdrawn item. Only working rows go through review.
UNPUBLISHED = [Status.DRAFT, Status.UNPUBLISHED]

# 1. the newest change event (the content revision, for ETag and Last-Modified)
# 2. COUNT(*) of published conditions  3. the page of conditions  4. their codes (one prefetch)
LIST_QUERIES = 4
# 1. the newest change event (the content revision, for ETag and Last-Modified)
# 2. the condition, its reviewer and the reviewer's profile LEFT JOINed  3. its sources  4. its codes, each
# code's source JOINed  5.-8. its links to published mechanisms, anatomy, treatments and red flags, each
# with the item and the claim's source JOINed  9. its relations to published conditions  10. published
# conditions' relations to it (a relation is stored once, on the side it reads from: one query more than
# the symmetric differentials were)  11. links from published topics, topic JOINed
DETAIL_QUERIES = 11

LIST_ORDER = [
    "deep-gluteal-syndrome",
    "femoroacetabular-impingement",
    "greater-trochanteric-pain-syndrome",
    "hamstring-origin-tendinopathy",
    "hip-osteoarthritis",
    "labral-tears",
    "lumbar-spine-issues",
    "myofascial-trigger-points",
    "piriformis-syndrome",
    "sacroiliac-joint-dysfunction",
]

# The four hip pathologies are told apart from the four other causes (editorial: the article tells hip-related
# pain apart from them as a group); DGS from lumbar spine issues (editorial, "non-discogenic"). Piriformis
# syndrome is a form of DGS, not a differential of it. Every link list comes in the linked model's order.
HIP_PATHOLOGIES = [
    "femoroacetabular-impingement",
    "greater-trochanteric-pain-syndrome",
    "hip-osteoarthritis",
    "labral-tears",
]
OTHER_CAUSES = [
    "hamstring-origin-tendinopathy",
    "lumbar-spine-issues",
    "myofascial-trigger-points",
    "piriformis-syndrome",
]
AS_CAUSE = [{**TOPIC_LINK, "role": "cause"}]
AS_DIFFERENTIAL = [{**TOPIC_LINK, "role": "differential"}]
PIRIFORMIS_IN_DGS = (
    "non-discogenic entrapment of the sciatic nerve or other nerves by various structures, including the "
    "piriformis muscle"
)
DDX = claim("editorial", "A thorough differential diagnosis is essential:")
MANAGEMENT = claim(
    "editorial",
    "Effective management of hip-related buttock pain begins with an accurate diagnosis.",
    "as management of hip-related buttock pain",
)
HIP_ISSUES = claim(
    "editorial", "Hip issues can contribute to or exacerbate SI joint problems.", "or exacerbate"
)


def link_claim(field, item, basis_claim):
    return {"field": field, "item": item, **basis_claim}


def relation(kind, slug, basis_claim):
    return {"relation": kind, "condition": condition_link(slug), **basis_claim}


def _mechanism(slug, basis_claim):
    return link_claim("mechanisms", mechanism_link(slug), basis_claim)


def _anatomy(slug, basis_claim):
    return link_claim("anatomy", structure_link(slug), basis_claim)


def _treatments(surgery=None):
    """A hip pathology's treatments, in name order: the management of hip-related pain, and surgery."""
    slugs = ["accurate-diagnosis", "activity-modification", "pain-management", "physical-therapy"]
    claims = [link_claim("treatments", treatment_link(slug), MANAGEMENT) for slug in slugs]
    if surgery:
        claims.append(link_claim("treatments", treatment_link("surgical-intervention"), surgery))
    return claims


def _hip_pathology_relations():
    return [
        relation("can_contribute_to", "sacroiliac-joint-dysfunction", HIP_ISSUES),
        *(relation("tell_apart_from", slug, DDX) for slug in OTHER_CAUSES),
    ]


def _links(*, link_claims=(), relations=(), topics):
    lists = {"mechanisms": [], "anatomy": [], "treatments": [], "red_flags": []}
    for item in link_claims:
        lists[item["field"]].append(item["item"])
    tell_apart = sorted(
        (item["condition"] for item in relations if item["relation"] == "tell_apart_from"),
        key=lambda link: link["name"],
    )
    return {
        **lists,
        "differentials": tell_apart,
        "topics": topics,
        "link_claims": list(link_claims),
        "relations": list(relations),
    }


DETAIL_LINKS = {
    "hip-osteoarthritis": _links(
        link_claims=[
            _mechanism("referred-pain", claim("source", "frequently refers to the buttock")),
            _anatomy(
                "hip-joint", claim("source", "Degeneration of the articular cartilage within the hip joint.")
            ),
            *_treatments(surgery=claim("source", "advanced OA", "advanced")),
        ],
        relations=_hip_pathology_relations(),
        topics=AS_CAUSE,
    ),
    "femoroacetabular-impingement": _links(
        link_claims=[
            _anatomy("hip-joint", claim("source", "the bones that form the hip joint")),
            *_treatments(
                surgery=claim(
                    "source",
                    "FAI that doesn't respond to conservative care",
                    "when it doesn't respond to conservative care",
                )
            ),
        ],
        # Relations come by kind: can_contribute_to, can_lead_to, tell_apart_from.
        relations=[
            relation("can_contribute_to", "sacroiliac-joint-dysfunction", HIP_ISSUES),
            relation("can_lead_to", "labral-tears", claim("source", "Tears can result from trauma or FAI")),
            *(relation("tell_apart_from", slug, DDX) for slug in OTHER_CAUSES),
        ],
        topics=AS_CAUSE,
    ),
    "labral-tears": _links(
        link_claims=[
            _anatomy("hip-joint", claim("source", "a ring of cartilage that lines the hip socket")),
            *_treatments(surgery=claim("source", "certain labral tears", "certain labral tears")),
        ],
        relations=[
            *_hip_pathology_relations(),
            relation(
                "can_result_from",
                "femoroacetabular-impingement",
                claim("source", "Tears can result from trauma or FAI"),
            ),
        ],
        topics=AS_CAUSE,
    ),
    "greater-trochanteric-pain-syndrome": _links(
        link_claims=[
            _anatomy("gluteus-medius-and-minimus", claim("source", "the gluteus medius/minimus tendons")),
            *_treatments(),
        ],
        relations=_hip_pathology_relations(),
        topics=AS_CAUSE,
    ),
    "sacroiliac-joint-dysfunction": _links(
        relations=[
            relation("can_be_contributed_to_by", slug, HIP_ISSUES)
            for slug in sorted(HIP_PATHOLOGIES, key=lambda slug: condition_link(slug)["name"])
        ],
        topics=AS_CAUSE,
    ),
    "deep-gluteal-syndrome": _links(
        link_claims=[
            _mechanism(
                "altered-biomechanics-and-compensation",
                claim("source", "hip biomechanical faults can contribute to the development of DGS"),
            ),
            _mechanism(
                "nerve-entrapment-or-irritation",
                claim("source", "non-discogenic entrapment of the sciatic nerve or other nerves"),
            ),
            _anatomy(
                "deep-external-rotators",
                claim("source", "including the piriformis muscle", "the piriformis muscle"),
            ),
            _anatomy("sciatic-nerve", claim("source", "entrapment of the sciatic nerve")),
        ],
        relations=[
            relation(
                "tell_apart_from", "lumbar-spine-issues", claim("editorial", "non-discogenic entrapment")
            ),
            relation("has_form", "piriformis-syndrome", claim("source", PIRIFORMIS_IN_DGS)),
        ],
        topics=AS_CAUSE,
    ),
    "lumbar-spine-issues": _links(
        relations=[
            relation(
                "tell_apart_from", "deep-gluteal-syndrome", claim("editorial", "non-discogenic entrapment")
            ),
            *(relation("tell_apart_from", slug, DDX) for slug in HIP_PATHOLOGIES),
        ],
        topics=AS_DIFFERENTIAL,
    ),
    "piriformis-syndrome": _links(
        link_claims=[
            _mechanism(
                "muscle-overload-and-spasm",
                claim("editorial", "the piriformis muscle itself can become tight or spasm"),
            ),
            _mechanism(
                "nerve-entrapment-or-irritation", claim("source", "directly compressing the sciatic nerve")
            ),
            _anatomy(
                "deep-external-rotators",
                claim("source", "the piriformis muscle itself", "the piriformis muscle"),
            ),
            _anatomy("sciatic-nerve", claim("source", "directly compressing the sciatic nerve")),
        ],
        relations=[
            relation("is_a_form_of", "deep-gluteal-syndrome", claim("source", PIRIFORMIS_IN_DGS)),
            *(relation("tell_apart_from", slug, DDX) for slug in HIP_PATHOLOGIES),
        ],
        topics=AS_DIFFERENTIAL,
    ),
    "hamstring-origin-tendinopathy": _links(
        relations=[relation("tell_apart_from", slug, DDX) for slug in HIP_PATHOLOGIES],
        topics=AS_DIFFERENTIAL,
    ),
    "myofascial-trigger-points": _links(
        link_claims=[
            _mechanism(
                "muscle-overload-and-spasm",
                claim("source", "trigger points, and myofascial pain specifically in the buttocks"),
            ),
            _anatomy(
                "gluteal-muscles", claim("source", "Localized tender spots in the gluteal muscles themselves")
            ),
        ],
        relations=[relation("tell_apart_from", slug, DDX) for slug in HIP_PATHOLOGIES],
        topics=AS_DIFFERENTIAL,
    ),
}


def bare_code(system, code):
    """A code added without a release, kind or match, as add_code() adds it: an uncited editorial claim."""
    return {
        "system": system,
        "code": code,
        "display": f"Title of {code}",
        "release": "",
        "kind": "",
        "match": "",
        "claim": {"basis": "editorial", "quote": "", "source_title": None, "qualifier": ""},
    }


# ------------------------------------------------------------------------------------ seed payloads


def test_the_list_is_every_seed_condition_in_name_order(api, seed, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        data = get_json(api, url("conditions"))

    assert without_timestamps(data) == page([condition_summary(slug) for slug in LIST_ORDER])


def test_list_objects_have_exactly_the_v1_keys(api, seed):
    data = get_json(api, url("conditions"))

    assert_keys(data, PAGE_KEYS)
    assert len(data["results"]) == 10
    for item in data["results"]:
        assert_keys(item, CONDITION_SUMMARY_KEYS)
        assert_code_keys(item)


@pytest.mark.parametrize("slug", list(DETAIL_LINKS))
def test_the_detail_is_the_summary_plus_every_link(api, seed, slug, django_assert_num_queries):
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("conditions", slug))

    # A coded condition also cites the code set (hip osteoarthritis, GTPS): see condition_review().
    assert without_timestamps(data) == {
        **condition_summary(slug),
        **DETAIL_LINKS[slug],
        **condition_review(slug),
    }
    assert_timestamps_match(data, Condition.objects.get(is_live=True, slug=slug))


@pytest.mark.parametrize("slug", list(DETAIL_LINKS))
def test_detail_objects_have_exactly_the_v1_keys(api, seed, slug):
    data = get_json(api, url("conditions", slug))

    assert_keys(data, CONDITION_DETAIL_KEYS)
    assert_review_keys(data)
    assert_code_keys(data)
    for name in CONDITION_LINK_LISTS:
        assert_links(data[name])
    for topic in data["topics"]:
        assert_keys(topic, CONDITION_TOPIC_LINK_KEYS)


def test_unknown_slug_is_a_json_404(api, seed):
    assert get_problem(api, url("conditions", "no-such-condition"), 404) == problem(
        404, "No published condition has the slug 'no-such-condition'."
    )


def add_code(condition, code, *, position=0, system=ConditionCode.System.ICD10CM):
    return ConditionCode.objects.create(
        condition=condition, system=system, code=code, display=f"Title of {code}", position=position
    )


def test_codes_come_in_their_position_order_in_the_list_and_the_detail(api, db):
    condition = factories.ConditionFactory()
    add_code(condition, "M16.1", position=2)
    add_code(condition, "M16", position=1)
    add_code(condition, "12345", position=3, system=ConditionCode.System.SNOMEDCT)
    expected = [
        bare_code("icd10cm", "M16"),
        bare_code("icd10cm", "M16.1"),
        bare_code("snomedct", "12345"),
    ]

    [listed] = get_json(api, url("conditions"))["results"]
    assert listed["codes"] == expected
    assert get_json(api, url("conditions", condition.slug))["codes"] == expected


def test_the_detail_links_red_flags_by_their_sign(api, db):
    red_flag = factories.RedFlagFactory(sign="Numb foot.")
    condition = factories.ConditionFactory(red_flags=[red_flag])

    data = get_json(api, url("conditions", condition.slug))

    assert data["red_flags"] == [link("red-flags", red_flag.slug, "Numb foot.")]


def test_differentials_link_both_ways(api, db):
    first = factories.ConditionFactory()
    second = factories.ConditionFactory(differentials=[first])

    assert get_json(api, url("conditions", first.slug))["differentials"] == [
        link("conditions", second.slug, second.name)
    ]
    assert get_json(api, url("conditions", second.slug))["differentials"] == [
        link("conditions", first.slug, first.name)
    ]


# ------------------------------------------------------------------------------ published only


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_hides_unpublished_conditions_from_the_list(api, db, status):
    shown = factories.ConditionFactory()
    factories.ConditionFactory(status=status)

    data = get_json(api, url("conditions"))

    assert [item["slug"] for item in data["results"]] == [shown.slug]
    assert data["count"] == 1


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_condition_is_a_404(api, db, status):
    hidden = factories.ConditionFactory(status=status)

    assert get_problem(api, url("conditions", hidden.slug), 404) == not_found("condition", hidden.slug)


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_it_leaves_out_every_unpublished_linked_item(api, db, status):
    hidden = {"status": status}
    shown = {
        "mechanisms": factories.MechanismFactory(),
        "anatomy": factories.AnatomicalStructureFactory(),
        "treatments": factories.TreatmentFactory(),
        "red_flags": factories.RedFlagFactory(),
        "differentials": factories.ConditionFactory(),
    }
    condition = factories.ConditionFactory(
        mechanisms=[shown["mechanisms"], factories.MechanismFactory(**hidden)],
        anatomy=[shown["anatomy"], factories.AnatomicalStructureFactory(**hidden)],
        treatments=[shown["treatments"], factories.TreatmentFactory(**hidden)],
        red_flags=[shown["red_flags"], factories.RedFlagFactory(**hidden)],
        differentials=[shown["differentials"], factories.ConditionFactory(**hidden)],
    )
    topic = factories.TopicFactory()
    factories.TopicConditionFactory(topic=topic, condition=condition, role=TopicCondition.Role.DIFFERENTIAL)
    factories.TopicConditionFactory(topic=factories.TopicFactory(**hidden), condition=condition)

    data = get_json(api, url("conditions", condition.slug))

    assert {name: [item["slug"] for item in data[name]] for name in shown} == {
        name: [item.slug] for name, item in shown.items()
    }
    assert data["topics"] == [{**link("topics", topic.slug, topic.title), "role": "differential"}]


def test_working_rows_are_never_served(api, db):
    """Editors' rows are not what apps read, even published ones: approval leaves both rows published."""
    mechanism = factories.MechanismFactory(name="Approved mechanism")
    differential = factories.ConditionFactory(name="Approved differential")
    condition = factories.ConditionFactory(
        name="Approved condition", mechanisms=[mechanism], differentials=[differential]
    )
    topic = factories.TopicFactory(title="Approved topic")
    factories.TopicConditionFactory(topic=topic, condition=condition)
    # The working rows, edited since their approval, linked to each other as editors link them.
    working_mechanism = factories.working_copy(mechanism, name="Edited mechanism")
    working_differential = factories.working_copy(differential, name="Edited differential")
    working = factories.working_copy(
        condition,
        name="Edited condition",
        mechanisms=[working_mechanism],
        differentials=[working_differential],
    )
    working_topic = factories.working_copy(topic, title="Edited topic")
    factories.TopicConditionFactory(topic=working_topic, condition=working)
    add_code(condition, "M16")
    add_code(working, "M16.9")  # an edited code, not approved yet
    # An item that only ever had a working row, linked as an editor would link it.
    never_approved = factories.ConditionFactory(
        working=True, status=Status.PUBLISHED, mechanisms=[working_mechanism]
    )

    listed = get_json(api, url("conditions"))
    data = get_json(api, url("conditions", condition.slug))

    assert [(item["name"], item["codes"]) for item in listed["results"]] == [
        ("Approved condition", [bare_code("icd10cm", "M16")]),
        ("Approved differential", []),
    ]
    assert listed["count"] == 2
    assert data["name"] == "Approved condition"
    assert data["codes"] == [bare_code("icd10cm", "M16")]
    assert data["mechanisms"] == [link("mechanisms", mechanism.slug, "Approved mechanism")]
    assert data["differentials"] == [link("conditions", differential.slug, "Approved differential")]
    assert data["topics"] == [{**link("topics", topic.slug, "Approved topic"), "role": "cause"}]
    assert get_problem(api, url("conditions", never_approved.slug), 404) == not_found(
        "condition", never_approved.slug
    )
    # Where other items link to the condition, they link to what was approved, once.
    assert get_json(api, url("mechanisms", mechanism.slug))["conditions"] == [
        link("conditions", condition.slug, "Approved condition")
    ]


# ------------------------------------------------------------------------------------ query counts


def test_the_list_query_count_does_not_grow_with_the_number_of_conditions(api, db, django_assert_num_queries):
    def add(n):
        for condition in factories.ConditionFactory.create_batch(n):
            add_code(condition, "M16", position=1)
            add_code(condition, "M70.6", position=2)

    add(3)
    with django_assert_num_queries(LIST_QUERIES):
        data = get_json(api, url("conditions") + "?page_size=100")
    assert (data["count"], {len(item["codes"]) for item in data["results"]}) == (3, {2})
    add(27)
    with django_assert_num_queries(LIST_QUERIES):
        data = get_json(api, url("conditions") + "?page_size=100")
    assert (data["count"], {len(item["codes"]) for item in data["results"]}) == (30, {2})


def test_the_detail_query_count_does_not_grow_with_linked_items(api, db, django_assert_num_queries):
    reviewer = factories.ReviewerProfileFactory()
    condition = factories.ConditionFactory(reviewed_by=reviewer.user, last_reviewed=datetime.date(2025, 3, 1))

    def add(n):
        condition.sources.add(*factories.SourceFactory.create_batch(n))
        condition.mechanisms.add(*factories.MechanismFactory.create_batch(n))
        condition.anatomy.add(*factories.AnatomicalStructureFactory.create_batch(n))
        condition.treatments.add(*factories.TreatmentFactory.create_batch(n))
        condition.red_flags.add(*factories.RedFlagFactory.create_batch(n))
        for index, other in enumerate(factories.ConditionFactory.create_batch(n)):
            # Relations read from either side: stored on this condition, or on the other.
            ends = (condition, other) if index % 2 else (other, condition)
            ConditionRelation.objects.create(condition=ends[0], kind="tell_apart_from", other=ends[1])
        factories.TopicConditionFactory.create_batch(n, condition=condition)
        start = condition.codes.count()
        for number in range(start, start + n):
            add_code(condition, f"M{number:02d}", position=number)

    def counts(data):
        return {name: len(data[name]) for name in (*CONDITION_LINK_LISTS, "topics", "sources", "codes")}

    add(3)
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("conditions", condition.slug))
    assert set(counts(data).values()) == {3}
    add(27)
    with django_assert_num_queries(DETAIL_QUERIES):
        data = get_json(api, url("conditions", condition.slug))
    assert set(counts(data).values()) == {30}
    assert data["reviewed_by"] == {"name": reviewer.display_name, "credentials": reviewer.credentials}
