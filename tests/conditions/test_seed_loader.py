"""`manage.py load_seed`: creates missing seed items by slug, keeps editors' changes, `--reset` restores."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from conditions.models import (
    AnatomicalStructure,
    Condition,
    KeyTakeaway,
    Mechanism,
    Professional,
    RedFlag,
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
from tests.seed_content import TOPIC_SLUG

SEED = "hip-pain-buttock-discomfort"

MODELS = [
    Professional,
    AnatomicalStructure,
    Mechanism,
    Treatment,
    RedFlag,
    Condition,
    Topic,
    KeyTakeaway,
    TopicAnatomy,
    TopicMechanism,
    TopicCondition,
    TopicRedFlag,
    TopicTreatment,
    Question,
    RedFlag.professionals.through,
    Condition.mechanisms.through,
    Condition.anatomy.through,
    Condition.treatments.through,
    Condition.red_flags.through,
    Condition.differentials.through,
    Question.conditions.through,
]

PUBLISHABLE = [AnatomicalStructure, Mechanism, Treatment, RedFlag, Condition, Topic, Question]

# What the seed article makes, row by row.
SEED_COUNTS = {
    "conditions.Professional": 3,
    "conditions.AnatomicalStructure": 6,
    "conditions.Mechanism": 4,
    "conditions.Treatment": 10,
    "conditions.RedFlag": 6,
    "conditions.Condition": 10,
    "conditions.Topic": 1,
    "conditions.KeyTakeaway": 5,
    "conditions.TopicAnatomy": 6,
    "conditions.TopicMechanism": 4,
    "conditions.TopicCondition": 10,
    "conditions.TopicRedFlag": 6,
    "conditions.TopicTreatment": 10,
    "faq.Question": 5,
    "conditions.RedFlag_professionals": 18,  # 6 red flags x 3 professionals
    "conditions.Condition_mechanisms": 6,
    "conditions.Condition_anatomy": 9,
    "conditions.Condition_treatments": 3,
    "conditions.Condition_red_flags": 0,
    "conditions.Condition_differentials": 48,  # 6 causes x 4 others, stored both ways
    "faq.Question_conditions": 8,
}
SEED_ITEMS = 45  # slugged rows: everything above down to faq.Question, less the key takeaways and links

COLLECTIONS = ["topics", "conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs"]


def load(*args, **options):
    """Run the command; return what it wrote."""
    out = StringIO()
    call_command("load_seed", *args, stdout=out, **options)
    return out.getvalue()


def counts():
    return {model._meta.label: model.objects.count() for model in MODELS}


def everything_served(api):
    """Every list and detail payload the API serves, timestamps dropped, by URL."""
    served = {}
    for collection in COLLECTIONS:
        listed = get_json(api, url(collection) + "?page_size=100")
        served[url(collection)] = without_timestamps(listed)
        for item in listed["results"]:
            served[item["url"]] = without_timestamps(get_json(api, item["url"]))
    return served


def condition(slug):
    return Condition.objects.get(slug=slug)


# ---------------------------------------------------------------------------------------- loading


def test_the_first_load_creates_every_seed_item(db):
    output = load(SEED)

    assert output == f"seed {SEED}: created {SEED_ITEMS}.\n"
    assert counts() == SEED_COUNTS


def test_the_fixture_name_defaults_to_the_seed_article(db):
    assert load() == f"seed {SEED}: created {SEED_ITEMS}.\n"


def test_loading_twice_creates_nothing_the_second_time(db):
    load(SEED)
    before = counts()
    saved = {model: list(model.objects.values_list("slug", "updated_at")) for model in PUBLISHABLE}

    output = load(SEED)

    assert output == f"seed {SEED}: kept {SEED_ITEMS}.\n"
    assert counts() == before == SEED_COUNTS
    assert {model: list(model.objects.values_list("slug", "updated_at")) for model in PUBLISHABLE} == saved


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


def test_an_edited_condition_summary_survives_a_reload(db):
    load(SEED)
    Condition.objects.filter(slug="labral-tears").update(summary="Edited by an editor.")

    load(SEED)

    assert condition("labral-tears").summary == "Edited by an editor."


def test_edited_topic_prose_survives_a_reload(db):
    load(SEED)
    Topic.objects.filter(slug=TOPIC_SLUG).update(caution="Edited caution.", overview_heading="Edited")

    load(SEED)

    topic = Topic.objects.get(slug=TOPIC_SLUG)
    assert (topic.caution, topic.overview_heading) == ("Edited caution.", "Edited")


def test_removed_links_stay_removed_after_a_reload(db):
    load(SEED)
    condition("hip-osteoarthritis").mechanisms.clear()
    condition("hip-osteoarthritis").differentials.remove(condition("piriformis-syndrome"))
    TopicRedFlag.objects.filter(red_flag__slug="limited-range-of-motion").delete()
    TopicAnatomy.objects.filter(structure__slug="sciatic-nerve").delete()
    Question.objects.get(slug="which-hip-conditions-cause-buttock-discomfort").conditions.clear()
    RedFlag.objects.get(slug="persistent-pain").professionals.clear()
    KeyTakeaway.objects.filter(position=1).delete()

    load(SEED)

    assert not condition("hip-osteoarthritis").mechanisms.exists()
    assert not condition("hip-osteoarthritis").differentials.filter(slug="piriformis-syndrome").exists()
    assert not TopicRedFlag.objects.filter(red_flag__slug="limited-range-of-motion").exists()
    assert not TopicAnatomy.objects.filter(structure__slug="sciatic-nerve").exists()
    assert not Question.objects.get(slug="which-hip-conditions-cause-buttock-discomfort").conditions.exists()
    assert not RedFlag.objects.get(slug="persistent-pain").professionals.exists()
    assert KeyTakeaway.objects.count() == 4


def test_a_changed_link_role_and_label_survive_a_reload(db):
    load(SEED)
    TopicCondition.objects.filter(condition__slug="labral-tears").update(role="differential")
    TopicAnatomy.objects.filter(structure__slug="sciatic-nerve").update(label="Nerves")

    load(SEED)

    assert TopicCondition.objects.get(condition__slug="labral-tears").role == "differential"
    assert TopicAnatomy.objects.get(structure__slug="sciatic-nerve").label == "Nerves"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_an_unpublished_item_stays_unpublished_after_a_reload(api, db, status):
    load(SEED)
    Condition.objects.filter(slug="labral-tears").update(status=status)
    Question.objects.filter(slug="when-to-seek-help-for-buttock-pain").update(status=status)

    load(SEED)

    assert condition("labral-tears").status == status
    assert Question.objects.get(slug="when-to-seek-help-for-buttock-pain").status == status
    get_json(api, url("conditions", "labral-tears"), status=404)
    get_json(api, url("faqs", "when-to-seek-help-for-buttock-pain"), status=404)


def test_items_that_are_not_in_the_seed_are_left_alone(db):
    load(SEED)
    extra = factories.ConditionFactory(differentials=[condition("labral-tears")])

    load(SEED)

    assert condition(extra.slug).differentials.get().slug == "labral-tears"
    assert counts()["conditions.Condition"] == 11


# --------------------------------------------------------------------------------- deleted items


def test_a_deleted_question_is_recreated_with_its_links(api, db):
    load(SEED)
    original = everything_served(api)
    Question.objects.filter(slug="which-hip-conditions-cause-buttock-discomfort").delete()

    output = load(SEED)

    assert output == f"seed {SEED}: created 1, kept {SEED_ITEMS - 1}.\n"
    assert everything_served(api) == original
    assert counts() == SEED_COUNTS


def test_a_deleted_topic_is_recreated_whole(api, db):
    load(SEED)
    original = everything_served(api)
    Question.objects.all().delete()  # questions protect their topic
    Topic.objects.all().delete()  # its links and key takeaways go with it

    output = load(SEED)

    assert output == f"seed {SEED}: created 6, kept {SEED_ITEMS - 6}.\n"
    assert everything_served(api) == original
    assert counts() == SEED_COUNTS


# ----------------------------------------------------------------------------------------- --reset


def test_reset_puts_the_fixture_values_and_links_back(api, db):
    load(SEED)
    original = everything_served(api)
    Condition.objects.filter(slug="labral-tears").update(summary="Edited.", status=Status.DRAFT)
    Topic.objects.filter(slug=TOPIC_SLUG).update(caution="Edited.", status=Status.IN_REVIEW)
    Mechanism.objects.filter(slug="referred-pain").update(name="Edited")
    condition("hip-osteoarthritis").mechanisms.clear()
    condition("hip-osteoarthritis").mechanisms.add(Mechanism.objects.get(slug="muscle-overload-and-spasm"))
    condition("deep-gluteal-syndrome").differentials.remove(condition("piriformis-syndrome"))
    TopicRedFlag.objects.filter(red_flag__slug="limited-range-of-motion").delete()
    TopicCondition.objects.filter(condition__slug="labral-tears").update(role="differential", position=99)
    TopicAnatomy.objects.filter(structure__slug="sciatic-nerve").update(label="")
    KeyTakeaway.objects.filter(position=2).update(text="Edited.")
    KeyTakeaway.objects.filter(position=5).delete()
    Question.objects.get(slug="which-hip-conditions-cause-buttock-discomfort").conditions.clear()
    RedFlag.objects.get(slug="persistent-pain").professionals.remove(Professional.objects.first())
    Professional.objects.filter(slug="physical-therapist").update(name="Physio")
    AnatomicalStructure.objects.filter(slug="gluteus-maximus").update(parent=None)

    output = load(SEED, reset=True)

    assert output == f"seed {SEED}: reset {SEED_ITEMS}.\n"
    assert everything_served(api) == original
    assert counts() == SEED_COUNTS


def test_reset_removes_topic_links_an_editor_added(db):
    load(SEED)
    topic = Topic.objects.get(slug=TOPIC_SLUG)
    factories.TopicMechanismFactory(topic=topic)
    factories.KeyTakeawayFactory(topic=topic)

    load(SEED, reset=True)

    assert counts()["conditions.TopicMechanism"] == 4
    assert counts()["conditions.KeyTakeaway"] == 5


def test_reset_removes_a_differential_an_editor_added(db):
    load(SEED)
    condition("hip-osteoarthritis").differentials.add(condition("labral-tears"))

    load(SEED, reset=True)

    assert not condition("hip-osteoarthritis").differentials.filter(slug="labral-tears").exists()


# --------------------------------------------------------------------------------------- --dry-run


def test_dry_run_writes_nothing(db):
    output = load(SEED, dry_run=True)

    assert output == f"Dry run, nothing written: seed {SEED}: created {SEED_ITEMS}.\n"
    assert set(counts().values()) == {0}


def test_a_dry_run_reset_keeps_editors_changes(db):
    load(SEED)
    Condition.objects.filter(slug="labral-tears").update(summary="Edited.")

    output = load(SEED, reset=True, dry_run=True)

    assert output == f"Dry run, nothing written: seed {SEED}: reset {SEED_ITEMS}.\n"
    assert condition("labral-tears").summary == "Edited."


# ------------------------------------------------------------------------------------------ errors


def test_an_unknown_fixture_name_raises_command_error(db):
    with pytest.raises(CommandError, match=r"No fixture no-such-seed\.yaml in "):
        load("no-such-seed")

    assert set(counts().values()) == {0}


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

    assert set(counts().values()) == {0}
