"""`manage.py load_seed`: the first load creates and publishes every seed item by slug; a second creates
nothing; `--dry-run` writes nothing; a bad fixture name or an invalid fixture writes nothing either.

What a reload keeps of editors' changes is in test_seed_reload.py; what `--reset` restores in
test_seed_reset.py; the shared helpers in seed_loading.py.
"""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError
from django.utils import timezone

from conditions.models import (
    ChangeEvent,
    Condition,
    Source,
    Status,
)
from tests.conditions.seed_loading import (
    NO_ROWS,
    PUBLISHABLE,
    SEED,
    SEED_COUNTS,
    SEED_ITEMS,
    condition,
    counts,
    everything_served,
    live_items,
    load,
)
from tests.payloads import get_json, url
from tests.seed_content import CODES, ICD10CM_SOURCE, TOPIC_TITLE

SOURCE_NOTE = (
    "The article the seed content is taken from. Its prose is served word for word; each typed claim (a "
    "link, an urgency, a category, an order, a code) says whether it quotes the article or is an editor's "
    "structuring, which a clinical reviewer confirms. The article names no author, publisher or URL."
)


def test_the_first_load_creates_every_seed_item(db):
    output = load(SEED)

    assert output == f"seed {SEED}: created {SEED_ITEMS}.\n"
    assert counts() == SEED_COUNTS


def test_the_first_load_records_each_item_as_created_in_the_changes_feed(db):
    load(SEED)

    created = ChangeEvent.objects.filter(kind=ChangeEvent.Kind.CREATED)
    assert sorted(created.values_list("item_type", "slug")) == live_items()  # each of the 42 items, once
    # Each publish also marks as updated the published items that show the item just published.
    assert Counter(ChangeEvent.objects.values_list("kind", flat=True)) == {"created": 42, "updated": 86}


def test_the_first_load_publishes_every_item_unreviewed_citing_the_article(db):
    load(SEED)

    def fields(source):
        return (source.title, source.publisher, source.url, source.accessed, source.note)

    article, code_set = Source.objects.working().order_by("title")
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
            assert list(copy.sources.all()) == sources
            # The live row cites each source's approved copy, as it read when the item was published.
            assert list(row.sources.all()) == [source.approved_copies.get() for source in sources]


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
