"""`manage.py load_seed`: creates missing seed items by slug, keeps editors' changes, `--reset` restores.

Each seed item is two rows: the working row editors edit, and the live row the API serves, which the loader
publishes from it. Editors' changes are made to working rows here, as in the admin.
"""

from collections import Counter
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.utils import timezone

from conditions import publishing, workflow
from conditions.models import (
    AnatomicalStructure,
    ChangeEvent,
    Condition,
    ConditionAnatomy,
    ConditionCode,
    ConditionMechanism,
    ConditionRedFlag,
    ConditionRelation,
    ConditionTreatment,
    KeyTakeaway,
    Mechanism,
    Professional,
    Publishable,
    RedFlag,
    Source,
    Status,
    Topic,
    TopicAnatomy,
    TopicCondition,
    TopicMechanism,
    TopicRedFlag,
    TopicTreatment,
    Treatment,
)
from faq.models import Question
from tests import factories
from tests.payloads import get_json, get_problem, not_found, url, without_timestamps
from tests.seed_content import CODES, ICD10CM_SOURCE, TOPIC_SLUG, TOPIC_TITLE

SEED = "hip-pain-buttock-discomfort"

PUBLISHABLE = [AnatomicalStructure, Mechanism, Treatment, RedFlag, Condition, Topic, Question]

MODELS = [
    Professional,
    Source,
    *PUBLISHABLE,
    KeyTakeaway,
    TopicAnatomy,
    TopicMechanism,
    TopicCondition,
    TopicRedFlag,
    TopicTreatment,
    ConditionCode,
    ChangeEvent,
    RedFlag.professionals.through,
    ConditionMechanism,
    ConditionAnatomy,
    ConditionTreatment,
    ConditionRedFlag,
    ConditionRelation,
    Question.conditions.through,
    *(model.sources.through for model in PUBLISHABLE),
]


def both(n):
    """`n` rows in each copy: the working rows editors edit, and the live rows the API serves."""
    return {"working": n, "live": n}


# What the seed article makes, row by row. Professionals and sources are one row each, shared.
SEED_COUNTS = {
    "conditions.Professional": 3,
    "conditions.Source": 2,  # the article, and the ICD-10-CM code set
    "conditions.AnatomicalStructure": both(6),
    "conditions.Mechanism": both(4),
    "conditions.Treatment": both(10),
    "conditions.RedFlag": both(6),
    "conditions.Condition": both(10),
    "conditions.Topic": both(1),
    "faq.Question": both(5),
    "conditions.KeyTakeaway": both(5),
    "conditions.TopicAnatomy": both(6),
    "conditions.TopicMechanism": both(4),
    "conditions.TopicCondition": both(10),
    "conditions.TopicRedFlag": both(6),
    "conditions.TopicTreatment": both(10),
    "conditions.ConditionCode": both(3),  # hip osteoarthritis M16; GTPS M70.6 and M76.0
    # One per publish of an item (42 created) and per published item that shows it (76 updated: the
    # treatments linked to the hip pathologies and the relations between conditions show more items).
    "conditions.ChangeEvent": 118,
    "conditions.RedFlag_professionals": both(18),  # 6 red flags x 3 professionals
    "conditions.ConditionMechanism": both(6),
    "conditions.ConditionAnatomy": both(9),
    # Surgery for OA, FAI and labral tears (quoted); diagnosis, pain management, physical therapy and
    # activity modification for the four hip pathologies (editorial).
    "conditions.ConditionTreatment": both(19),
    "conditions.ConditionRedFlag": both(0),
    # Each hip pathology: told apart from the 4 other causes, contributes to SI joint dysfunction
    # (editorial); FAI can lead to labral tears; DGS told apart from lumbar spine issues; piriformis
    # syndrome a form of DGS.
    "conditions.ConditionRelation": both(23),
    "faq.Question_conditions": both(8),
    # Every item cites the article; the two coded conditions cite the code set too.
    "conditions.AnatomicalStructure_sources": both(6),
    "conditions.Mechanism_sources": both(4),
    "conditions.Treatment_sources": both(10),
    "conditions.RedFlag_sources": both(6),
    "conditions.Condition_sources": both(12),
    "conditions.Topic_sources": both(1),
    "faq.Question_sources": both(5),
}
NO_ROWS = {label: 0 if isinstance(n, int) else both(0) for label, n in SEED_COUNTS.items()}
SEED_ITEMS = 45  # slugged working rows: professionals and the publishable items above

SOURCE_NOTE = (
    "The article the seed content is taken from. Its prose is served word for word; each typed claim (a "
    "link, an urgency, a category, an order, a code) says whether it quotes the article or is an editor's "
    "structuring, which a clinical reviewer confirms. The article names no author, publisher or URL."
)

COLLECTIONS = ["topics", "conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs"]


def load(*args, **options):
    """Run the command; return what it wrote."""
    out = StringIO()
    call_command("load_seed", *args, stdout=out, **options)
    return out.getvalue()


def item_links(model):
    """The foreign keys by which a row of `model` belongs to, or links to, a publishable item.

    Not `working_copy`: the one link between the copies, from each live row to its working row.
    """
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and issubclass(field.related_model, Publishable) and field.name != "working_copy"
    ]


def counts():
    """Rows of each model; of working and live rows apart wherever an item has both.

    Also checks the two copies never mix: no working row links to a live row, nor the other way round.
    """
    result = {}
    for model in MODELS:
        label = model._meta.label
        links = item_links(model)
        if issubclass(model, Publishable):
            for name in links:
                mixed = model.objects.filter(is_live=True, **{f"{name}__is_live": False}).count()
                mixed += model.objects.filter(is_live=False, **{f"{name}__is_live": True}).count()
                assert mixed == 0, f"{label}.{name} links working and live rows"
            result[label] = {
                "working": model.objects.working().count(),
                "live": model.objects.filter(is_live=True).count(),
            }
        elif links:
            working = model.objects.filter(**{f"{name}__is_live": False for name in links}).count()
            live = model.objects.filter(**{f"{name}__is_live": True for name in links}).count()
            assert working + live == model.objects.count(), f"{label} links working and live rows"
            result[label] = {"working": working, "live": live}
        else:
            result[label] = model.objects.count()
    return result


def everything_served(api):
    """Every list and detail payload the API serves, timestamps dropped, by URL."""
    served = {}
    for collection in COLLECTIONS:
        listed = get_json(api, url(collection) + "?page_size=100")
        served[url(collection)] = without_timestamps(listed)
        for item in listed["results"]:
            served[item["url"]] = without_timestamps(get_json(api, item["url"]))
    return served


def events_since(last_id):
    """The change events written after the event `last_id`, in order, as (kind, type, slug)."""
    return list(ChangeEvent.objects.filter(id__gt=last_id).values_list("kind", "item_type", "slug"))


def live_items():
    """(type, slug) of every live row, sorted: how the changes feed names an item."""
    return sorted(
        (model.api_name, slug)
        for model in PUBLISHABLE
        for slug in model.objects.filter(is_live=True).values_list("slug", flat=True)
    )


def last_event_id():
    return ChangeEvent.objects.order_by("id").values_list("id", flat=True).last() or 0


def working(model, slug):
    """The row editors edit."""
    return model.objects.working().get(slug=slug)


def live(model, slug):
    """The row the API serves."""
    return model.objects.get(is_live=True, slug=slug)


def condition(slug):
    return working(Condition, slug)


# ---------------------------------------------------------------------------------------- loading


def test_the_first_load_creates_every_seed_item(db):
    output = load(SEED)

    assert output == f"seed {SEED}: created {SEED_ITEMS}.\n"
    assert counts() == SEED_COUNTS


def test_the_first_load_records_each_item_as_created_in_the_changes_feed(db):
    load(SEED)

    created = ChangeEvent.objects.filter(kind=ChangeEvent.Kind.CREATED)
    assert sorted(created.values_list("item_type", "slug")) == live_items()  # each of the 42 items, once
    # Each publish also marks as updated the published items that show the item just published.
    assert Counter(ChangeEvent.objects.values_list("kind", flat=True)) == {"created": 42, "updated": 76}


def test_the_first_load_publishes_every_item_unreviewed_citing_the_article(db):
    load(SEED)

    def fields(source):
        return (source.title, source.publisher, source.url, source.accessed, source.note)

    article, code_set = Source.objects.order_by("title")
    assert fields(article) == (TOPIC_TITLE, "", "", None, SOURCE_NOTE)
    assert fields(code_set) == tuple(
        ICD10CM_SOURCE[key] for key in ("title", "publisher", "url", "accessed", "note")
    )
    today = timezone.localdate()
    for model in PUBLISHABLE:
        for row in model.objects.filter(is_live=True):
            copy = row.working_copy
            assert (copy.is_live, copy.slug) == (False, row.slug)
            # The conditions that carry codes cite the code set too.
            sources = [article, code_set] if model is Condition and row.slug in CODES else [article]
            for item in (copy, row):
                assert item.status == Status.PUBLISHED
                assert (item.last_reviewed, item.reviewed_by, item.next_review_due) == (None, None, today)
                assert list(item.sources.all()) == sources


def test_the_first_load_gives_both_copies_of_a_condition_its_codes_in_order(db):
    load(SEED)

    fields = ("system", "code", "display", "release", "kind", "match")

    def codes(row):
        return [dict(zip(fields, values, strict=True)) for values in row.codes.values_list(*fields)]

    for row in Condition.objects.all():
        expected = [{key: code[key] for key in fields} for code in CODES.get(row.slug, [])]
        assert codes(row) == expected, (row.slug, row.is_live)
        assert {code.basis for code in row.codes.all()} <= {"editorial"}  # chosen from the code set


def test_the_fixture_name_defaults_to_the_seed_article(db):
    assert load() == f"seed {SEED}: created {SEED_ITEMS}.\n"


def test_loading_twice_creates_nothing_the_second_time(api, db):
    load(SEED)
    before = counts()
    served = everything_served(api)

    def saved():
        return {
            model: list(
                model.objects.order_by("is_live", "slug").values_list("is_live", "slug", "updated_at")
            )
            for model in PUBLISHABLE
        }

    rows = saved()

    output = load(SEED)

    assert output == f"seed {SEED}: kept {SEED_ITEMS}.\n"
    assert counts() == before == SEED_COUNTS
    assert saved() == rows
    assert everything_served(api) == served


def test_verbose_output_names_each_item_and_what_happened_to_it(db):
    load(SEED)

    lines = load(SEED, verbosity=2).splitlines()

    assert len(lines) == SEED_ITEMS + 1
    assert lines[0] == "kept: Professional physical-therapist"
    assert "kept: Condition hip-osteoarthritis" in lines
    assert lines[-2] == "kept: Question typical-treatments-for-hip-related-buttock-pain"
    assert lines[-1] == f"seed {SEED}: kept {SEED_ITEMS}."


def test_a_quiet_load_writes_nothing(db):
    assert load(SEED, verbosity=0) == ""
    assert counts() == SEED_COUNTS


# ------------------------------------------------------------------------ editors' changes survive


def test_an_edited_condition_summary_survives_a_reload(api, db):
    load(SEED)
    served = get_json(api, url("conditions", "labral-tears"))
    Condition.objects.working().filter(slug="labral-tears").update(summary="Edited by an editor.")
    # Not approved: apps still get the approved summary.
    assert get_json(api, url("conditions", "labral-tears")) == served

    load(SEED)

    assert condition("labral-tears").summary == "Edited by an editor."
    assert live(Condition, "labral-tears").summary == served["summary"] != "Edited by an editor."
    assert get_json(api, url("conditions", "labral-tears")) == served


def test_edited_topic_prose_survives_a_reload(api, db):
    load(SEED)
    served = get_json(api, url("topics", TOPIC_SLUG))
    Topic.objects.working().filter(slug=TOPIC_SLUG).update(
        caution="Edited caution.", overview_heading="Edited"
    )
    assert get_json(api, url("topics", TOPIC_SLUG)) == served

    load(SEED)

    topic = working(Topic, TOPIC_SLUG)
    assert (topic.caution, topic.overview_heading) == ("Edited caution.", "Edited")
    assert get_json(api, url("topics", TOPIC_SLUG)) == served


def test_removed_links_stay_removed_after_a_reload(api, db):
    load(SEED)
    served = everything_served(api)
    condition("hip-osteoarthritis").mechanisms.clear()
    relations(condition("hip-osteoarthritis"), condition("piriformis-syndrome")).delete()
    TopicRedFlag.objects.filter(topic__is_live=False, red_flag__slug="limited-range-of-motion").delete()
    TopicAnatomy.objects.filter(topic__is_live=False, structure__slug="sciatic-nerve").delete()
    working(Question, "which-hip-conditions-cause-buttock-discomfort").conditions.clear()
    working(RedFlag, "persistent-pain").professionals.clear()
    KeyTakeaway.objects.filter(topic__is_live=False, position=1).delete()
    assert everything_served(api) == served

    load(SEED)

    assert not condition("hip-osteoarthritis").mechanisms.exists()
    assert not relations(condition("hip-osteoarthritis"), condition("piriformis-syndrome")).exists()
    assert not TopicRedFlag.objects.filter(
        topic__is_live=False, red_flag__slug="limited-range-of-motion"
    ).exists()
    assert not TopicAnatomy.objects.filter(topic__is_live=False, structure__slug="sciatic-nerve").exists()
    assert not working(Question, "which-hip-conditions-cause-buttock-discomfort").conditions.exists()
    assert not working(RedFlag, "persistent-pain").professionals.exists()
    assert counts()["conditions.KeyTakeaway"] == {"working": 4, "live": 5}
    assert everything_served(api) == served


def test_a_changed_link_role_and_label_survive_a_reload(api, db):
    load(SEED)
    served = get_json(api, url("topics", TOPIC_SLUG))
    TopicCondition.objects.filter(topic__is_live=False, condition__slug="labral-tears").update(
        role="differential"
    )
    TopicAnatomy.objects.filter(topic__is_live=False, structure__slug="sciatic-nerve").update(label="Nerves")

    load(SEED)

    assert (
        TopicCondition.objects.get(topic__is_live=False, condition__slug="labral-tears").role
        == "differential"
    )
    assert TopicAnatomy.objects.get(topic__is_live=False, structure__slug="sciatic-nerve").label == "Nerves"
    assert get_json(api, url("topics", TOPIC_SLUG)) == served


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_an_edit_in_progress_stays_in_progress_after_a_reload(api, db, status):
    """An editor's draft, or one in review, stays so; apps keep getting what was approved."""
    load(SEED)
    served = [
        get_json(api, url("conditions", "labral-tears")),
        get_json(api, url("faqs", "when-to-seek-help-for-buttock-pain")),
    ]
    Condition.objects.working().filter(slug="labral-tears").update(status=status)
    Question.objects.working().filter(slug="when-to-seek-help-for-buttock-pain").update(status=status)

    load(SEED)

    assert condition("labral-tears").status == status
    assert working(Question, "when-to-seek-help-for-buttock-pain").status == status
    assert [
        get_json(api, url("conditions", "labral-tears")),
        get_json(api, url("faqs", "when-to-seek-help-for-buttock-pain")),
    ] == served


@pytest.mark.parametrize("status", [Status.DRAFT, Status.UNPUBLISHED])
def test_a_hidden_item_stays_hidden_after_a_reload(api, db, status):
    """A reload publishes nothing: an item withdrawn (or never approved) stays off the API."""
    load(SEED)
    for model, slug in ((Condition, "labral-tears"), (Question, "when-to-seek-help-for-buttock-pain")):
        model.objects.filter(slug=slug).update(status=status)  # both rows

    load(SEED)

    assert (condition("labral-tears").status, live(Condition, "labral-tears").status) == (status, status)
    question = "when-to-seek-help-for-buttock-pain"
    assert (working(Question, question).status, live(Question, question).status) == (status, status)
    assert get_problem(api, url("conditions", "labral-tears"), 404) == not_found("condition", "labral-tears")
    assert get_problem(api, url("faqs", question), 404) == not_found("FAQ", question)


def test_items_that_are_not_in_the_seed_are_left_alone(db):
    load(SEED)
    extra = factories.ConditionFactory(
        working=True, status=Status.PUBLISHED, differentials=[condition("labral-tears")]
    )
    publishing.publish(extra)

    load(SEED)

    assert condition(extra.slug).relations.get().other.slug == "labral-tears"
    assert live(Condition, extra.slug).relations.get().other == live(Condition, "labral-tears")
    assert counts()["conditions.Condition"] == both(11)


# --------------------------------------------------------------------------------- deleted items

FAQ = "which-hip-conditions-cause-buttock-discomfort"


@pytest.mark.parametrize("live_row", ["still published", "withdrawn", "deleted"])
def test_a_deleted_question_is_recreated_with_its_links_and_republished(api, db, live_row):
    """Deleting the working row leaves its live row published (outside the workflow), withdrawn (through
    it), or deleted too. The loader re-creates the working row and publishes it onto that same live row."""
    load(SEED)
    original = everything_served(api)
    live_before = live(Question, FAQ)
    Question.objects.working().filter(slug=FAQ).delete()
    if live_row == "withdrawn":
        Question.objects.filter(pk=live_before.pk).update(status=Status.UNPUBLISHED)
    elif live_row == "deleted":
        Question.objects.filter(pk=live_before.pk).delete()
    last = last_event_id()

    output = load(SEED)

    assert output == f"seed {SEED}: created 1, kept {SEED_ITEMS - 1}.\n"
    assert everything_served(api) == original
    # The question is published again: created where apps no longer had it, else updated; and the items
    # linked to it are marked updated (its topic, and the four conditions it names).
    kind = "updated" if live_row == "still published" else "created"
    assert events_since(last) == [
        (kind, "faq", FAQ),
        ("updated", "topic", TOPIC_SLUG),
        ("updated", "condition", "femoroacetabular-impingement"),
        ("updated", "condition", "greater-trochanteric-pain-syndrome"),
        ("updated", "condition", "hip-osteoarthritis"),
        ("updated", "condition", "labral-tears"),
    ]
    # The live rows did not grow; only the change events did.
    assert counts() == {**SEED_COUNTS, "conditions.ChangeEvent": SEED_COUNTS["conditions.ChangeEvent"] + 6}
    assert live(Question, FAQ).working_copy == working(Question, FAQ)
    if live_row != "deleted":
        assert live(Question, FAQ).pk == live_before.pk


def test_a_deleted_topic_is_recreated_whole(api, db):
    load(SEED)
    original = everything_served(api)
    live_topic = live(Topic, TOPIC_SLUG)
    Question.objects.working().delete()  # questions protect their topic
    Topic.objects.working().delete()  # its links and key takeaways go with it
    assert counts()["conditions.KeyTakeaway"] == {"working": 0, "live": 5}
    last = last_event_id()

    output = load(SEED)

    assert output == f"seed {SEED}: created 6, kept {SEED_ITEMS - 6}.\n"
    assert everything_served(api) == original
    # Apps still had all six, so each is updated: the topic (which marks its five questions updated), then
    # each question (which marks the topic and the conditions it names updated).
    events = events_since(last)
    assert Counter((kind, item_type) for kind, item_type, _ in events) == {
        ("updated", "topic"): 6,
        ("updated", "faq"): 10,
        ("updated", "condition"): 8,
    }
    assert counts() == {**SEED_COUNTS, "conditions.ChangeEvent": SEED_COUNTS["conditions.ChangeEvent"] + 24}
    assert live(Topic, TOPIC_SLUG).pk == live_topic.pk


# ----------------------------------------------------------------------------------------- --reset


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
    working(RedFlag, "persistent-pain").professionals.remove(Professional.objects.first())
    AnatomicalStructure.objects.working().filter(slug="gluteus-maximus").update(parent=None)
    # ...approved, so apps get them; one item withdrawn; and a professional renamed (one row, served at once).
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
    Professional.objects.filter(slug="physical-therapist").update(name="Physio")
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
    # marks updated the published items that show the item.
    assert {(item_type, slug) for _, item_type, slug in events} == set(live_items())
    assert [event for event in events if event[0] != "updated"] == [("created", "condition", "labral-tears")]
    assert Counter((kind, item_type) for kind, item_type, _ in events) == {
        ("created", "condition"): 1,
        ("updated", "condition"): 90,
        ("updated", "topic"): 41,
        ("updated", "treatment"): 37,
        ("updated", "anatomy"): 18,
        ("updated", "faq"): 14,
        ("updated", "mechanism"): 10,
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


def relations(one, other):
    """The relations between two conditions, either way round."""
    return ConditionRelation.objects.filter(Q(condition=one, other=other) | Q(condition=other, other=one))


def test_an_item_whose_slug_is_still_live_for_another_is_reported_not_published(api, db):
    """An editor renamed a seed item and the rename awaits review, so its live row keeps the old slug. A
    reload creates the seed item again under that slug but cannot publish it; the rest of the seed loads."""
    load(SEED)
    served = everything_served(api)
    Condition.objects.working().filter(slug="labral-tears").update(
        slug="hip-labral-tears", status=Status.DRAFT
    )
    last = last_event_id()

    lines = load(SEED, verbosity=2).splitlines()

    assert "created: Condition labral-tears" in lines
    assert lines[-2:] == [
        "not published: Condition labral-tears: The slug 'labral-tears' is still live for another condition "
        "until that item's new slug is approved.",
        f"seed {SEED}: created 1, kept {SEED_ITEMS - 1}, not published 1.",
    ]
    # Apps still get the approved item under its old slug, and learn of no change.
    assert everything_served(api) == served
    assert events_since(last) == []
    assert live(Condition, "labral-tears").working_copy == working(Condition, "hip-labral-tears")
    assert not Condition.objects.filter(is_live=True, working_copy=condition("labral-tears")).exists()
    assert counts()["conditions.Condition"] == {"working": 11, "live": 10}


# --------------------------------------------------------------------------------------- --dry-run


def test_dry_run_writes_nothing(db):
    output = load(SEED, dry_run=True)

    assert output == f"Dry run, nothing written: seed {SEED}: created {SEED_ITEMS}.\n"
    assert counts() == NO_ROWS


def test_a_dry_run_reset_keeps_editors_changes(api, db):
    load(SEED)
    served = get_json(api, url("conditions", "labral-tears"))
    Condition.objects.working().filter(slug="labral-tears").update(summary="Edited.")

    output = load(SEED, reset=True, dry_run=True)

    assert output == f"Dry run, nothing written: seed {SEED}: reset {SEED_ITEMS}.\n"
    assert condition("labral-tears").summary == "Edited."
    assert get_json(api, url("conditions", "labral-tears")) == served


# ------------------------------------------------------------------------------------------ errors


def test_an_unknown_fixture_name_raises_command_error(db):
    with pytest.raises(CommandError, match=r"No fixture no-such-seed\.yaml in "):
        load("no-such-seed")

    assert counts() == NO_ROWS


def test_an_invalid_fixture_writes_nothing(db, settings, tmp_path):
    (tmp_path / "broken.yaml").write_text(
        "professionals:\n"
        "- {slug: physio, name: Physio}\n"
        "mechanisms:\n"
        "- {slug: not a slug, name: Bad, description: Has a space in its slug.}\n"
    )
    settings.FIXTURE_DIRS = [tmp_path]

    with pytest.raises(ValidationError):
        load("broken")

    assert counts() == NO_ROWS
