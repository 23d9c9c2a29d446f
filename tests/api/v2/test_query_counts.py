"""v2 reads as few rows as v1 (tests/api/v1/): a fixed number of queries, whatever the number of items
or links.

The counts are v1's detail counts (the same QuerySets) and v1's list counts less the COUNT(*) a cursor
page does without; tests/api/v1/queries.py and tests/api/v2/queries.py say which query is which.
"""

import datetime

from conditions.models import ConditionRelation
from tests import factories
from tests.api.v1.queries import DETAIL_QUERIES, PREFETCHED_CONDITION_QUERIES, PREFETCHED_TOPIC_QUERIES
from tests.api.v2.expected import url
from tests.api.v2.queries import LIST_QUERIES
from tests.payloads import get_json


def add_code(condition, number):
    from conditions.models import ConditionCode

    ConditionCode.objects.create(
        condition=condition, system="icd10cm", code=f"M{number:02d}", display="A code", position=number
    )


def test_a_condition_list_page_costs_the_same_for_3_or_30_conditions(api, db, django_assert_num_queries):
    def add(n):
        for condition in factories.ConditionFactory.create_batch(n):
            add_code(condition, 1)
            add_code(condition, 2)

    add(3)
    with django_assert_num_queries(LIST_QUERIES["conditions"]):
        data = get_json(api, url("conditions") + "?page_size=100")
    assert {len(item["code"]) for item in data["itemListElement"]} == {2}
    add(27)
    with django_assert_num_queries(LIST_QUERIES["conditions"]):
        data = get_json(api, url("conditions") + "?page_size=100")
    assert (len(data["itemListElement"]), {len(item["code"]) for item in data["itemListElement"]}) == (
        30,
        {2},
    )


def test_a_red_flag_list_page_costs_the_same_for_any_number_of_professionals(
    api, db, django_assert_num_queries
):
    professionals = factories.ProfessionalFactory.create_batch(5)
    for red_flag in factories.RedFlagFactory.create_batch(12):
        red_flag.professionals.set(professionals)

    with django_assert_num_queries(LIST_QUERIES["red-flags"]):
        data = get_json(api, url("red-flags") + "?page_size=100")

    assert {len(item["hc:professional"]) for item in data["itemListElement"]} == {5}


def test_a_condition_detail_costs_the_same_for_3_or_30_links_of_each_kind(api, db, django_assert_num_queries):
    reviewer = factories.ReviewerProfileFactory()
    condition = factories.ConditionFactory(reviewed_by=reviewer.user, last_reviewed=datetime.date(2025, 3, 1))

    def add(n):
        condition.sources.add(*factories.SourceFactory.create_batch(n))
        condition.mechanisms.add(*factories.MechanismFactory.create_batch(n))
        condition.anatomy.add(*factories.AnatomicalStructureFactory.create_batch(n))
        condition.treatments.add(*factories.TreatmentFactory.create_batch(n))
        condition.red_flags.add(*factories.RedFlagFactory.create_batch(n))
        for index, other in enumerate(factories.ConditionFactory.create_batch(n)):
            ends = (condition, other) if index % 2 else (other, condition)  # read from either side
            ConditionRelation.objects.create(condition=ends[0], kind="tell_apart_from", other=ends[1])
        factories.TopicConditionFactory.create_batch(n, condition=condition)
        start = condition.codes.count()
        for number in range(start, start + n):
            add_code(condition, number)

    links = (
        "pathophysiology",
        "associatedAnatomy",
        "possibleTreatment",
        "signOrSymptom",
        "differentialDiagnosis",
        "subjectOf",
        "citation",
        "code",
    )
    add(3)
    with django_assert_num_queries(PREFETCHED_CONDITION_QUERIES):
        data = get_json(api, url("conditions", condition.slug))
    assert {len(data[name]) for name in links} == {3}
    add(27)
    with django_assert_num_queries(PREFETCHED_CONDITION_QUERIES):
        data = get_json(api, url("conditions", condition.slug))
    assert {len(data[name]) for name in links} == {30}
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": reviewer.display_name,
        "honorificSuffix": reviewer.credentials,
    }


def test_a_treatment_detail_costs_the_same_for_any_number_of_parts(api, db, django_assert_num_queries):
    treatment = factories.TreatmentFactory()
    factories.TreatmentFactory.create_batch(3, parent=treatment)
    with django_assert_num_queries(DETAIL_QUERIES["treatments"]):
        assert len(get_json(api, url("treatments", treatment.slug))["hasPart"]) == 3
    factories.TreatmentFactory.create_batch(20, parent=treatment)
    with django_assert_num_queries(DETAIL_QUERIES["treatments"]):
        assert len(get_json(api, url("treatments", treatment.slug))["hasPart"]) == 23


def test_the_topic_detail_costs_the_same_however_long_the_article(api, db, django_assert_num_queries):
    topic = factories.TopicFactory()

    def add(n):
        factories.TopicAnatomyFactory.create_batch(n, topic=topic)
        factories.TopicMechanismFactory.create_batch(n, topic=topic)
        factories.TopicConditionFactory.create_batch(n, topic=topic)
        for link in factories.TopicRedFlagFactory.create_batch(n, topic=topic):
            link.red_flag.professionals.add(factories.ProfessionalFactory())
        factories.TopicTreatmentFactory.create_batch(n, topic=topic)
        factories.QuestionFactory.create_batch(n, topic=topic)

    sections = (
        "hc:anatomySection",
        "hc:mechanismSection",
        "hc:conditionSection",
        "hc:redFlagSection",
        "hc:treatmentSection",
    )
    add(2)
    with django_assert_num_queries(PREFETCHED_TOPIC_QUERIES):
        data = get_json(api, url("topics", topic.slug))
    assert {len(data[name]["about"]) for name in sections} == {2}
    add(18)
    with django_assert_num_queries(PREFETCHED_TOPIC_QUERIES):
        data = get_json(api, url("topics", topic.slug))
    assert {len(data[name]["about"]) for name in sections} == {20}
    assert len(data["hc:faqSection"]["hasPart"]) == 20
