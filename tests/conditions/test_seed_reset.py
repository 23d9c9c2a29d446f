"""`manage.py load_seed --reset`: every seed item back as the fixture has it, values, links and review,
published again, and links editors added are gone.
"""

from collections import Counter

from django.utils import timezone

from conditions import publishing, workflow
from conditions.models import (
    AnatomicalStructure,
    Condition,
    ConditionRelation,
    KeyTakeaway,
    Mechanism,
    Professional,
    RedFlag,
    Status,
    Topic,
    TopicAnatomy,
    TopicCondition,
    TopicRedFlag,
    TreatmentAnatomy,
)
from faq.models import Question
from tests import factories
from tests.conditions.seed_loading import (
    PUBLISHABLE,
    SEED,
    SEED_COUNTS,
    SEED_ITEMS,
    both,
    condition,
    counts,
    events_since,
    everything_served,
    last_event_id,
    live,
    live_items,
    load,
    relations,
    working,
)
from tests.payloads import get_json, get_problem, not_found, url
from tests.seed_content import TOPIC_SLUG


def test_reset_puts_the_fixture_values_and_links_back(api, db):
    load(SEED)
    original = everything_served(api)
    # An editor's changes to working rows...
    Condition.objects.working().filter(slug="labral-tears").update(summary="Edited.", status=Status.DRAFT)
    Topic.objects.working().filter(slug=TOPIC_SLUG).update(caution="Edited.", status=Status.IN_REVIEW)
    Mechanism.objects.working().filter(slug="referred-pain").update(name="Edited")
    condition("hip-osteoarthritis").mechanisms.clear()
    condition("hip-osteoarthritis").mechanisms.add(working(Mechanism, "muscle-overload-and-spasm"))
    relations(condition("piriformis-syndrome"), condition("deep-gluteal-syndrome")).delete()
    TopicRedFlag.objects.filter(topic__is_live=False, red_flag__slug="limited-range-of-motion").delete()
    TopicCondition.objects.filter(topic__is_live=False, condition__slug="labral-tears").update(
        role="differential", position=99
    )
    TopicAnatomy.objects.filter(topic__is_live=False, structure__slug="sciatic-nerve").update(label="")
    KeyTakeaway.objects.filter(topic__is_live=False, position=2).update(text="Edited.")
    KeyTakeaway.objects.filter(topic__is_live=False, position=5).delete()
    working(Question, "which-hip-conditions-cause-buttock-discomfort").conditions.clear()
    working(RedFlag, "persistent-pain").professionals.remove(Professional.objects.working().first())
    AnatomicalStructure.objects.working().filter(slug="gluteus-maximus").update(parent=None)
    # ...approved, so apps get them; one item withdrawn; and a professional renamed (its working row).
    for model, slug in [
        (Topic, TOPIC_SLUG),
        (Mechanism, "referred-pain"),
        (Condition, "hip-osteoarthritis"),
        (Condition, "deep-gluteal-syndrome"),
        (Question, "which-hip-conditions-cause-buttock-discomfort"),
        (RedFlag, "persistent-pain"),
        (AnatomicalStructure, "gluteus-maximus"),
    ]:
        publishing.publish(working(model, slug))
    Condition.objects.filter(is_live=True, slug="labral-tears").update(status=Status.UNPUBLISHED)
    Professional.objects.working().filter(slug="physical-therapist").update(name="Physio")
    assert get_json(api, url("mechanisms", "referred-pain"))["name"] == "Edited"
    assert get_json(api, url("topics", TOPIC_SLUG))["caution"] == "Edited."
    assert get_json(api, url("anatomy", "gluteus-maximus"))["parent"] is None
    assert get_problem(api, url("conditions", "labral-tears"), 404) == not_found("condition", "labral-tears")
    before = counts()["conditions.ChangeEvent"]
    last = last_event_id()

    output = load(SEED, reset=True)

    assert output == f"seed {SEED}: reset {SEED_ITEMS}.\n"
    assert everything_served(api) == original
    events = events_since(last)
    # Every seed item is published again (labral-tears, withdrawn, comes back as created), and each publish
    # marks updated the published items that show the item, before and after (hip osteoarthritis stops
    # linking muscle overload and spasm, whose detail listed it: one mechanism event more).
    assert {(item_type, slug) for _, item_type, slug in events} == set(live_items())
    assert [event for event in events if event[0] != "updated"] == [("created", "condition", "labral-tears")]
    assert Counter((kind, item_type) for kind, item_type, _ in events) == {
        ("created", "condition"): 1,
        ("updated", "condition"): 100,
        ("updated", "topic"): 41,
        # 38: republishing the hip joint also marks injections, whose detail names it (TreatmentAnatomy).
        ("updated", "treatment"): 38,
        ("updated", "anatomy"): 18,
        ("updated", "faq"): 14,
        ("updated", "mechanism"): 11,
        ("updated", "red-flag"): 6,
    }
    assert counts() == {**SEED_COUNTS, "conditions.ChangeEvent": before + len(events)}
    names = (live(Mechanism, "referred-pain").name, working(Mechanism, "referred-pain").name)
    assert names == ("Referred Pain", "Referred Pain")
    for model in PUBLISHABLE:
        assert set(model.objects.values_list("status", flat=True)) == {Status.PUBLISHED}, model


def test_reset_clears_a_previous_review(api, db, editor, reviewer):
    """A reset puts an item back as the seed has it: published without a clinical review, due today."""
    load(SEED)
    item = condition("labral-tears")
    workflow.record_edit(item=item, by=editor)
    workflow.submit_for_review(item=item, by=editor)
    workflow.approve(item=item, by=reviewer)
    today = timezone.localdate()
    reviewed = get_json(api, url("conditions", "labral-tears"))
    assert (reviewed["last_reviewed"], reviewed["reviewed_by"]) == (
        today.isoformat(),
        {"name": "Dr Ada Reviewer", "credentials": "PT, DPT"},
    )

    load(SEED, reset=True)

    for row in (condition("labral-tears"), live(Condition, "labral-tears")):
        assert (row.status, row.last_reviewed, row.reviewed_by, row.next_review_due) == (
            Status.PUBLISHED,
            None,
            None,
            today,
        ), row.is_live
    data = get_json(api, url("conditions", "labral-tears"))
    assert (data["last_reviewed"], data["reviewed_by"], data["next_review_due"]) == (
        None,
        None,
        today.isoformat(),
    )


def test_reset_removes_topic_links_an_editor_added(db):
    load(SEED)
    topic = working(Topic, TOPIC_SLUG)
    factories.TopicMechanismFactory(topic=topic, mechanism=factories.MechanismFactory(working=True))
    factories.KeyTakeawayFactory(topic=topic)
    publishing.publish(topic)
    assert counts()["conditions.TopicMechanism"] == both(5)
    assert counts()["conditions.KeyTakeaway"] == both(6)

    load(SEED, reset=True)

    assert counts()["conditions.TopicMechanism"] == both(4)
    assert counts()["conditions.KeyTakeaway"] == both(5)


def test_reset_removes_a_differential_an_editor_added(db):
    load(SEED)
    tell_apart = ConditionRelation.Kind.TELL_APART
    ConditionRelation.objects.create(
        condition=condition("hip-osteoarthritis"), kind=tell_apart, other=condition("labral-tears")
    )
    publishing.publish(condition("hip-osteoarthritis"))
    osteoarthritis, tears = live(Condition, "hip-osteoarthritis"), live(Condition, "labral-tears")
    assert relations(osteoarthritis, tears).filter(kind=tell_apart).exists()

    load(SEED, reset=True)

    assert not relations(condition("hip-osteoarthritis"), condition("labral-tears")).exists()
    assert not relations(osteoarthritis, tears).exists()


def test_reset_brings_a_database_seeded_before_red_flags_and_treatments_said_more_of_their_claims(api, db):
    # What migrations 0013 and 0014 leave on an older database: every red flag's action and professionals
    # editorial, quoting nothing, and no treatment linked to a structure; working and live copies alike.
    load(SEED)
    TreatmentAnatomy.objects.all().delete()
    RedFlag.objects.update(
        action_basis="editorial",
        action_source=None,
        action_quote="",
        professionals_basis="editorial",
        professionals_source=None,
        professionals_quote="",
    )
    assert get_json(api, url("red-flags", "persistent-pain"))["action_claim"]["basis"] == "editorial"

    load(SEED, reset=True)

    claims = {
        (flag.is_live, flag.action_claim.basis, flag.action_claim.quote, flag.professionals_claim.quote)
        for flag in RedFlag.objects.all()
    }
    assert claims == {
        (
            is_live,
            "source",
            "it's advisable to consult a healthcare professional",
            "such as a physical therapist, orthopedic surgeon, or sports medicine physician",
        )
        for is_live in (False, True)
    }
    served = get_json(api, url("red-flags", "persistent-pain"))
    assert (served["action_claim"]["basis"], served["professionals_claim"]["basis"]) == ("source", "source")
    assert {
        (link.treatment.slug, link.treatment.is_live, link.structure.slug, link.structure.is_live, link.quote)
        for link in TreatmentAnatomy.objects.select_related("treatment", "structure")
    } == {
        ("injections", is_live, "hip-joint", is_live, "corticosteroid injections into the hip joint")
        for is_live in (False, True)
    }
