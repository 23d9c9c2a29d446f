"""Every typed claim the API serves says where it comes from, and every quote is the source's own words.

The prose is checked sentence by sentence in test_seed_fidelity.py. This module checks the typed layer on top
of it: each link (a condition's mechanisms, anatomy, treatments, red flags, other conditions; a topic's
items), each urgency, category, order and code carries a basis, `source` with a quote found word for word in
the source's stored text, or `editorial`. And it walks the article statement by statement: each statement
that relates two items is a claim the API serves, with that statement as its quote.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from conditions.models import Basis, Condition, ConditionRelation, RedFlag, Source, Treatment
from tests.payloads import get_json, url
from tests.seed_content import TOPIC_SLUG, TOPIC_TITLE

ARTICLE = Path(settings.BASE_DIR) / "fixtures" / "sources" / "hip-pain-buttock-discomfort.txt"
COLLECTIONS = ["conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs"]
CLAIM_KEYS = {"basis", "quote", "source_title", "qualifier"}

# The article's statements that relate two items, or type one: each must be served as a claim quoting it
# (the quote is the part of the statement the claim rests on). An editor structures the rest, editorially.
STATED = {
    "Tears can result from trauma or FAI": ("relations", "femoroacetabular-impingement", "can_lead_to"),
    "including the piriformis muscle": ("relations", "piriformis-syndrome", "is_a_form_of"),
    "advanced OA": ("link_claims", "hip-osteoarthritis", "treatments"),
    "certain labral tears": ("link_claims", "labral-tears", "treatments"),
    "FAI that doesn't respond to conservative care": (
        "link_claims",
        "femoroacetabular-impingement",
        "treatments",
    ),
    "Hip issues can contribute to or exacerbate SI joint problems.": (
        "relations",
        "hip-osteoarthritis",
        "can_contribute_to",
    ),
    "begins with an accurate diagnosis": ("order_of_care_claim", "accurate-diagnosis", None),
    "corticosteroid injections into the hip joint": ("anatomy_claims", "injections", None),
    "it's advisable to consult a healthcare professional": ("action_claim", "persistent-pain", None),
    "such as a physical therapist, orthopedic surgeon, or sports medicine physician": (
        "professionals_claim",
        "persistent-pain",
        None,
    ),
}
# The collection whose detail serves each item field's claim.
CLAIMED_BY = {
    "order_of_care_claim": "treatments",
    "anatomy_claims": "treatments",
    "action_claim": "red-flags",
    "professionals_claim": "red-flags",
}


def statements(text):
    """The article as statements: each line, split after each sentence's full stop."""
    return [part for line in text.splitlines() for part in re.split(r"(?<=\.) ", line) if part.strip()]


def claims_in(payload, where="$"):
    """Every claim object in a payload, with where it is: any dict with exactly the claim's keys, or more."""
    if isinstance(payload, dict):
        if set(payload) >= CLAIM_KEYS:
            yield where, payload
        for key, value in payload.items():
            yield from claims_in(value, f"{where}.{key}")
    elif isinstance(payload, list):
        for index, value in enumerate(payload):
            yield from claims_in(value, f"{where}[{index}]")


@pytest.fixture
def served(api, seed):
    """The topic document and every detail, as v1 serves them."""
    payloads = {"topic": get_json(api, url("topics", TOPIC_SLUG))}
    for collection in COLLECTIONS:
        for item in get_json(api, url(collection) + "?page_size=100")["results"]:
            payloads[f"{collection}/{item['slug']}"] = get_json(api, item["url"])
    return payloads


@pytest.fixture
def article_text(seed):
    return Source.objects.working().get(title=TOPIC_TITLE).text


def test_the_source_stores_the_article_it_cites(article_text):
    assert article_text == ARTICLE.read_text(encoding="utf-8")
    assert article_text.startswith("Musculoskeletal Health\nHip Pain: Its Connection to Buttock Discomfort")


def test_every_served_claim_has_a_basis_and_every_quote_is_the_sources_own_words(served, article_text):
    claims = [
        (name + where, claim) for name, payload in served.items() for where, claim in claims_in(payload)
    ]

    assert len(claims) > 100
    problems = []
    for where, claim in claims:
        if claim["basis"] not in Basis.values:
            problems.append((where, "no basis", claim))
        if claim["basis"] == Basis.SOURCE and not claim["quote"]:
            problems.append((where, "a source claim without a quote", claim))
        if claim["quote"] and claim["source_title"] == TOPIC_TITLE and claim["quote"] not in article_text:
            problems.append((where, "a quote the article does not have", claim))
        if claim["quote"] and claim["source_title"] is None:
            problems.append((where, "a quote citing no source", claim))
    assert problems == []


def test_every_typed_field_of_the_topic_document_has_its_claim(served):
    topic = served["topic"]

    for section in ("anatomy", "mechanisms", "conditions", "differentials", "red_flags", "treatments"):
        for item in topic[section]["items"]:
            assert item["topic_claim"]["basis"] == Basis.SOURCE, (section, item["slug"])
            if section == "treatments":
                assert set(item["category_claim"]) == CLAIM_KEYS
                assert set(item["order_of_care_claim"]) == CLAIM_KEYS
            if section == "red_flags":
                assert item["urgency_assessed"] is False and item["urgency_claim"] is None
                assert item["applies_when"] and item["applies_when"] in topic["red_flags"]["intro"]
                assert item["action_claim"]["basis"] == item["professionals_claim"]["basis"] == Basis.SOURCE


def test_every_link_of_every_condition_detail_has_its_claim(served):
    for name, detail in served.items():
        if not name.startswith("conditions/"):
            continue
        claimed = {(claim["field"], claim["item"]["slug"]) for claim in detail["link_claims"]}
        listed = {
            (field, link["slug"])
            for field in ("mechanisms", "anatomy", "treatments", "red_flags")
            for link in detail[field]
        }
        assert claimed == listed, name
        told_apart = {
            r["condition"]["slug"] for r in detail["relations"] if r["relation"] == "tell_apart_from"
        }
        assert {link["slug"] for link in detail["differentials"]} == told_apart, name
        assert all(set(code["claim"]) == CLAIM_KEYS for code in detail["codes"]), name


def test_each_statement_of_the_article_that_relates_items_is_served_as_a_quoted_claim(served, article_text):
    walked = statements(article_text)
    for quote, (field, slug, kind) in STATED.items():
        assert any(quote in statement for statement in walked), quote
        item = served[f"{CLAIMED_BY.get(field, 'conditions')}/{slug}"]
        if field in CLAIMED_BY:
            matches = item[field] if isinstance(item[field], list) else [item[field]]
        elif field == "relations":
            matches = [r for r in item["relations"] if r["relation"] == kind]
        else:
            matches = [c for c in item["link_claims"] if c["field"] == kind]
        assert any(quote in claim["quote"] for claim in matches), (quote, slug)


def test_piriformis_syndrome_is_a_form_of_deep_gluteal_syndrome_not_a_differential(served):
    piriformis = served["conditions/piriformis-syndrome"]
    dgs = served["conditions/deep-gluteal-syndrome"]

    form_of = piriformis["relations"][0]
    assert (form_of["relation"], form_of["condition"]["slug"], form_of["basis"]) == (
        "is_a_form_of",
        "deep-gluteal-syndrome",
        "source",
    )
    assert "deep-gluteal-syndrome" not in {link["slug"] for link in piriformis["differentials"]}
    assert "piriformis-syndrome" not in {link["slug"] for link in dgs["differentials"]}
    assert ("has_form", "piriformis-syndrome") in {
        (r["relation"], r["condition"]["slug"]) for r in dgs["relations"]
    }


def test_surgery_keeps_the_sources_qualifiers(served):
    qualifiers = {
        slug: next(
            claim["qualifier"]
            for claim in served[f"conditions/{slug}"]["link_claims"]
            if claim["item"]["slug"] == "surgical-intervention"
        )
        for slug in ("hip-osteoarthritis", "labral-tears", "femoroacetabular-impingement")
    }

    assert qualifiers == {
        "hip-osteoarthritis": "advanced",
        "labral-tears": "certain labral tears",
        "femoroacetabular-impingement": "when it doesn't respond to conservative care",
    }


def test_no_red_flag_urgency_is_set_without_a_clinician(served):
    red_flags = [detail for name, detail in served.items() if name.startswith("red-flags/")]

    assert len(red_flags) == 6
    assert {(flag["urgency_assessed"], flag["urgency_claim"] is None) for flag in red_flags} == {
        (False, True)
    }
    assert set(RedFlag.objects.values_list("urgency", flat=True)) == {"not_assessed"}


def test_every_red_flag_says_where_its_action_and_professionals_come_from(served, article_text):
    red_flags = [detail for name, detail in served.items() if name.startswith("red-flags/")]

    claims = {(flag["action_claim"]["quote"], flag["professionals_claim"]["quote"]) for flag in red_flags}
    assert claims == {
        (
            "it's advisable to consult a healthcare professional",
            "such as a physical therapist, orthopedic surgeon, or sports medicine physician",
        )
    }
    # One sentence of the article says both, and names exactly the professionals served.
    [quotes] = claims
    [sentence] = [line for line in article_text.splitlines() if all(quote in line for quote in quotes)]
    for flag in red_flags:
        assert all(p["name"].lower() in sentence for p in flag["professionals"]), flag["slug"]


def test_every_detail_says_it_is_not_yet_clinically_reviewed(served):
    assert {detail["review_state"] for detail in served.values()} == {"not_yet_clinically_reviewed"}


def test_source_notes_name_no_internal_file(served):
    notes = {source["note"] for detail in served.values() for source in detail["sources"]}

    assert notes and not any(re.search(r"\w+/\w+|\.txt|\.ya?ml", note) for note in notes)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("treatment=physical-therapy", 4),
        ("treatment=physical-therapy&basis=source", 0),
        ("treatment=physical-therapy&basis=editorial", 4),
        ("treatment=surgical-intervention&basis=source", 3),
        # Every condition but hamstring origin tendinopathy, lumbar spine issues and SI joint dysfunction has
        # a quoted link or relation (SI and lumbar spine issues are related to others only editorially).
        ("basis=source", 7),
        ("basis=editorial", 10),
    ],
)
def test_apps_filter_conditions_by_basis(api, seed, query, expected):
    assert get_json(api, url("conditions") + f"?{query}&page_size=100")["count"] == expected


def test_a_quote_must_occur_in_the_sources_text(db):
    source = Source.objects.create(title="A source", text="Tears can result from trauma or FAI.")
    one, other = (Condition.objects.create(slug=slug, name=slug, summary=".") for slug in ("a", "b"))
    relation = ConditionRelation(
        condition=one, kind="can_lead_to", other=other, basis="source", source=source
    )

    for quote, errors in [
        ("", {"quote": ["A claim stated by the source quotes the passage it rests on."]}),
        (
            "Tears always result from FAI",
            {"quote": ["The quote does not occur word for word in the stored text of the cited source."]},
        ),
    ]:
        relation.quote = quote
        with pytest.raises(ValidationError) as error:
            relation.full_clean()
        assert error.value.message_dict == errors

    relation.quote = "Tears can result from trauma or FAI"
    relation.full_clean()
    editorial = ConditionRelation(condition=one, kind="tell_apart_from", other=other, quote="Tears")
    with pytest.raises(ValidationError) as error:
        editorial.full_clean()
    assert error.value.message_dict == {"source": ["A quote cites the source it is taken from."]}


def test_nothing_calls_the_content_medically_reviewed():
    root = Path(settings.BASE_DIR)
    texts = [
        root / name for name in ("README.md", "pyproject.toml", "docs/integrators.md", "openapi/v1.yaml")
    ]
    texts += [root / "openapi/v2.yaml", root / "hipcontent/settings.py"]

    assert [
        path.name for path in texts if "medically reviewed" in path.read_text(encoding="utf-8").lower()
    ] == []


def test_reset_brings_a_database_seeded_before_provenance_to_the_fixed_content(api, db):
    """What an older seed wrote (invented urgencies, the DGS-piriformis differential, 1-6 order of care)."""
    call_command("load_seed", verbosity=0)
    RedFlag.objects.update(urgency="soon")
    Treatment.objects.filter(slug="activity-modification").update(order_of_care=4)
    for is_live in (False, True):
        dgs, piriformis = (
            Condition.objects.get(is_live=is_live, slug=slug)
            for slug in ("deep-gluteal-syndrome", "piriformis-syndrome")
        )
        ConditionRelation.objects.filter(condition=piriformis).delete()
        ConditionRelation.objects.create(condition=dgs, kind="tell_apart_from", other=piriformis)

    call_command("load_seed", reset=True, verbosity=0)

    assert set(RedFlag.objects.values_list("urgency", flat=True)) == {"not_assessed"}
    assert set(
        Treatment.objects.filter(slug="activity-modification").values_list("order_of_care", flat=True)
    ) == {2}
    piriformis = get_json(api, url("conditions", "piriformis-syndrome"))
    form_of = piriformis["relations"][0]
    assert (form_of["relation"], form_of["condition"]["slug"]) == ("is_a_form_of", "deep-gluteal-syndrome")
    assert "piriformis-syndrome" not in {
        d["slug"] for d in get_json(api, url("conditions", "deep-gluteal-syndrome"))["differentials"]
    }
