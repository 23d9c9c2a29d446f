"""`manage.py load_seed`: creates missing seed items by slug, keeps editors' changes, `--reset` restores.

Each seed item is two rows: the working row editors edit, and the live row the API serves, which the loader
publishes from it. Editors' changes are made to working rows here, as in the admin.
"""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from conditions import publishing
from conditions.models import (
    AnatomicalStructure,
    Condition,
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
from tests.payloads import get_json, url, without_timestamps
from tests.seed_content import TOPIC_SLUG, TOPIC_TITLE

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
    RedFlag.professionals.through,
    Condition.mechanisms.through,
    Condition.anatomy.through,
    Condition.treatments.through,
    Condition.red_flags.through,
    Condition.differentials.through,
    Question.conditions.through,
    *(model.sources.through for model in PUBLISHABLE),
]


def both(n):
    """`n` rows in each copy: the working rows editors edit, and the live rows the API serves."""
    return {"working": n, "live": n}


# What the seed article makes, row by row. Professionals and the source are one row each, shared.
SEED_COUNTS = {
    "conditions.Professional": 3,
    "conditions.Source": 1,
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
    "conditions.RedFlag_professionals": both(18),  # 6 red flags x 3 professionals
    "conditions.Condition_mechanisms": both(6),
    "conditions.Condition_anatomy": both(9),
    "conditions.Condition_treatments": both(3),
    "conditions.Condition_red_flags": both(0),
    "conditions.Condition_differentials": both(48),  # 6 causes x 4 others, stored both ways
    "faq.Question_conditions": both(8),
    # Every item cites the one source.
    "conditions.AnatomicalStructure_sources": both(6),
    "conditions.Mechanism_sources": both(4),
    "conditions.Treatment_sources": both(10),
    "conditions.RedFlag_sources": both(6),
    "conditions.Condition_sources": both(10),
    "conditions.Topic_sources": both(1),
    "faq.Question_sources": both(5),
}
NO_ROWS = {label: 0 if isinstance(n, int) else both(0) for label, n in SEED_COUNTS.items()}
SEED_ITEMS = 45  # slugged working rows: professionals and the publishable items above

SOURCE_NOTE = (
    "The article this seed content was taken from, word for word "
    "(shared/content/hip-pain-buttock-discomfort.txt in the project's workspace). "
    "It names no author, publisher or URL."
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


def test_the_first_load_publishes_every_item_unreviewed_citing_the_article(db):
    load(SEED)

    source = Source.objects.get()
    assert (source.title, source.publisher, source.url, source.accessed, source.note) == (
        TOPIC_TITLE,
        "",
        "",
        None,
        SOURCE_NOTE,
    )
    today = timezone.localdate()
    for model in PUBLISHABLE:
        for row in model.objects.filter(is_live=True):
            copy = row.working_copy
            assert (copy.is_live, copy.slug) == (False, row.slug)
            for item in (copy, row):
                assert item.status == Status.PUBLISHED
                assert (item.last_reviewed, item.reviewed_by, item.next_review_due) == (None, None, today)
                assert list(item.sources.all()) == [source]


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
    condition("hip-osteoarthritis").differentials.remove(condition("piriformis-syndrome"))
    TopicRedFlag.objects.filter(topic__is_live=False, red_flag__slug="limited-range-of-motion").delete()
    TopicAnatomy.objects.filter(topic__is_live=False, structure__slug="sciatic-nerve").delete()
    working(Question, "which-hip-conditions-cause-buttock-discomfort").conditions.clear()
    working(RedFlag, "persistent-pain").professionals.clear()
    KeyTakeaway.objects.filter(topic__is_live=False, position=1).delete()
    assert everything_served(api) == served

    load(SEED)

    assert not condition("hip-osteoarthritis").mechanisms.exists()
    assert not condition("hip-osteoarthritis").differentials.filter(slug="piriformis-syndrome").exists()
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
    get_json(api, url("conditions", "labral-tears"), status=404)
    get_json(api, url("faqs", question), status=404)


def test_items_that_are_not_in_the_seed_are_left_alone(db):
    load(SEED)
    extra = factories.ConditionFactory(
        working=True, status=Status.PUBLISHED, differentials=[condition("labral-tears")]
    )
    publishing.publish(extra)

    load(SEED)

    assert condition(extra.slug).differentials.get().slug == "labral-tears"
    assert live(Condition, extra.slug).differentials.get() == live(Condition, "labral-tears")
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

    output = load(SEED)

    assert output == f"seed {SEED}: created 1, kept {SEED_ITEMS - 1}.\n"
    assert everything_served(api) == original
    assert counts() == SEED_COUNTS  # the live rows did not grow
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

    output = load(SEED)

    assert output == f"seed {SEED}: created 6, kept {SEED_ITEMS - 6}.\n"
    assert everything_served(api) == original
    assert counts() == SEED_COUNTS
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
    condition("deep-gluteal-syndrome").differentials.remove(condition("piriformis-syndrome"))
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
    get_json(api, url("conditions", "labral-tears"), status=404)

    output = load(SEED, reset=True)

    assert output == f"seed {SEED}: reset {SEED_ITEMS}.\n"
    assert everything_served(api) == original
    assert counts() == SEED_COUNTS
    names = (live(Mechanism, "referred-pain").name, working(Mechanism, "referred-pain").name)
    assert names == ("Referred Pain", "Referred Pain")
    for model in PUBLISHABLE:
        assert set(model.objects.values_list("status", flat=True)) == {Status.PUBLISHED}, model


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
    condition("hip-osteoarthritis").differentials.add(condition("labral-tears"))
    publishing.publish(condition("hip-osteoarthritis"))
    assert live(Condition, "hip-osteoarthritis").differentials.filter(slug="labral-tears").exists()

    load(SEED, reset=True)

    assert not condition("hip-osteoarthritis").differentials.filter(slug="labral-tears").exists()
    assert not live(Condition, "hip-osteoarthritis").differentials.filter(slug="labral-tears").exists()


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
