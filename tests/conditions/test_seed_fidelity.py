"""The seed serves the source article faithfully: every sentence, heading and label of it, verbatim.

article_phrases.txt is this test's own copy of the article, one phrase a line: every sentence of every line
(split at ". "), with bullet markers dropped and each "Label: " prefix split off as a phrase of its own.
"""

from pathlib import Path

import pytest

from tests.payloads import get_json, string_values, url
from tests.seed_content import TOPIC_SLUG

PHRASES_FILE = Path(__file__).with_name("article_phrases.txt")
COLLECTIONS = ["topics", "conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs"]

# Condition headings whose abbreviation sits inside the name in the article ("Hip Osteoarthritis (OA)").
# The API serves them as a name and an abbreviation; test_abbreviated_headings_... checks those instead.
# "Sacroiliac (SI) Joint Dysfunction" is served as its name, verbatim: "SI" abbreviates the joint, not the
# condition, so it is no abbreviation of the condition's.
ABBREVIATED_HEADINGS = {
    "Hip Osteoarthritis (OA)",
    "Deep Gluteal Syndrome (DGS)",
}


def read_phrases():
    lines = PHRASES_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def sentences(text):
    """`text` split at ". " the way the phrase file was, each sentence keeping its full stop."""
    parts = text.split(". ")
    return [part + "." for part in parts[:-1]] + parts[-1:]


@pytest.fixture
def served(api, seed):
    """Every string the API serves: the topic detail, and every list and detail endpoint."""
    payloads = [get_json(api, url("topics", TOPIC_SLUG))]
    for collection in COLLECTIONS:
        listed = get_json(api, url(collection) + "?page_size=100")
        payloads.append(listed)
        payloads.extend(get_json(api, item["url"]) for item in listed["results"])
    return {text for payload in payloads for text in string_values(payload)}


def is_served(phrase, served):
    return any(phrase in text for text in served)


def test_the_phrase_file_holds_the_whole_article():
    phrases = read_phrases()

    assert len(phrases) == 125
    assert len(set(phrases)) == len(phrases)
    assert phrases[:2] == [
        "Musculoskeletal Health",
        "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments",
    ]
    assert phrases[-1].startswith("Management involves accurate diagnosis")
    assert all(phrase == phrase.strip() and not phrase.startswith("- ") for phrase in phrases)
    assert set(ABBREVIATED_HEADINGS) <= set(phrases)


def test_every_article_phrase_is_served_verbatim(served):
    missing = [
        phrase
        for phrase in read_phrases()
        if phrase not in ABBREVIATED_HEADINGS and not is_served(phrase, served)
    ]

    assert missing == []


def test_abbreviated_headings_are_served_as_a_name_and_an_abbreviation(api, seed):
    conditions = get_json(api, url("conditions") + "?page_size=100")["results"]
    served = {(item["name"], item["abbreviation"]) for item in conditions}

    assert {
        ("Hip Osteoarthritis", "OA"),
        ("Femoroacetabular Impingement", "FAI"),
        ("Greater Trochanteric Pain Syndrome", "GTPS"),
        ("Sacroiliac (SI) Joint Dysfunction", ""),
        ("Deep Gluteal Syndrome", "DGS"),
    } <= served


def test_every_served_sentence_of_prose_comes_from_the_article(api, seed):
    """The other way round: the article's prose is not reworded or added to.

    Names, lists of keywords (pain_locations...), codes and each red flag's `action` are the seed's own
    structure, not article sentences, so only the prose fields are checked here.
    """
    article = get_json(api, url("topics", TOPIC_SLUG))
    prose = [
        article["title"],
        article["category"],
        article["summary"],
        article["short_answer"]["question"],
        article["short_answer"]["answer"],
        article["caution"],
        article["conclusion"],
        *article["key_takeaways"]["items"],
    ]
    for name in ("anatomy", "mechanisms", "conditions", "differentials", "red_flags", "treatments"):
        prose += [article[name]["heading"], article[name]["intro"]]
    prose += [article["key_takeaways"]["heading"], article["faqs"]["heading"]]
    for name in ("anatomy", "mechanisms", "treatments"):
        prose += [item["description"] for item in article[name]["items"]]
    prose += [item["label"] for item in article["anatomy"]["items"] if item["label"]]
    for name in ("conditions", "differentials"):
        prose += [item["summary"] for item in article[name]["items"]]
    prose += [item["sign"] for item in article["red_flags"]["items"]]
    for item in article["faqs"]["items"]:
        prose += [item["question"], item["answer"]]
    phrases = set(read_phrases())

    assert [sentence for text in prose for sentence in sentences(text) if sentence not in phrases] == []
