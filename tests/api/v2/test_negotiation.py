"""v2 answers JSON-LD consumers in their media type: `Accept: application/ld+json` (the compacted profile
too) is served as such, `application/json` as before, every response varies on Accept, and errors stay
problem documents. The vocabulary is RDF in JSON-LD or Turtle, in one namespace for every deployment."""

import pytest

from tests.api.v2.expected import VOCAB, url
from tests.payloads import body, json_of

pytestmark = pytest.mark.usefixtures("seed")

LD = "application/ld+json"
COMPACTED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'
PATHS = [
    "/api/v2/",
    url("topics", "hip-pain-buttock-discomfort"),
    url("conditions") + "?page_size=2",
    url("snapshot"),
    url("changes") + "?limit=2",
    url("search") + "?q=hip",
    url("vocab"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("accept", [LD, COMPACTED])
def test_json_ld_is_served_as_json_ld(api, path, accept):
    response = api.get(path, HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"] == LD  # the profile is met: every document is compacted
    assert "Accept" in response["Vary"]
    assert "@context" in json_of(response)


@pytest.mark.parametrize("path", PATHS)
def test_json_is_still_served_as_json_with_the_same_document(api, path):
    as_json = api.get(path, HTTP_ACCEPT="application/json")
    as_ld = api.get(path, HTTP_ACCEPT=LD)

    assert as_json["Content-Type"] == "application/json"
    assert "Accept" in as_json["Vary"]
    if "changes" not in path and "snapshot" not in path:  # those carry when they were made
        assert body(as_json) == body(as_ld)


def test_a_cached_representation_is_kept_per_media_type(api):
    path = url("conditions", "hip-osteoarthritis")
    first = api.get(path, HTTP_ACCEPT=LD)
    then_json = api.get(path)
    again = api.get(path, HTTP_ACCEPT=LD)

    assert (first["Content-Type"], then_json["Content-Type"], again["Content-Type"]) == (
        LD,
        "application/json",
        LD,
    )


def test_an_error_is_a_problem_document_whatever_was_asked_for(api):
    response = api.get(url("conditions", "no-such-condition"), HTTP_ACCEPT=LD)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_media_type_v2_does_not_serve_is_a_406(api):
    response = api.get(url("conditions"), HTTP_ACCEPT="text/turtle")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"


def test_v1_is_unchanged_it_serves_json_only(api):
    assert api.get("/api/v1/conditions/", HTTP_ACCEPT=LD).status_code == 406


def test_the_vocabulary_is_turtle_on_request_with_a_domain_and_range_per_term(api):
    response = api.get(url("vocab"), HTTP_ACCEPT="text/turtle")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    text = response.content.decode()
    assert f"@prefix hc: <{VOCAB}#> ." in text
    assert f"<{VOCAB}> a owl:Ontology ;" in text
    urgency = text[text.index("hc:urgency a rdf:Property ;") :].split("\n\n")[0]
    assert "    rdfs:domain schema:MedicalSignOrSymptom ;" in urgency
    assert "    rdfs:range xsd:string ;" in urgency
    terms = [term["@id"] for term in api.get(url("vocab")).json()["@graph"]]
    assert [line.split()[0] for line in text.splitlines() if " a rdf:Property ;" in line] == terms


def test_every_vocabulary_term_has_a_domain_and_a_range(api):
    document = api.get(url("vocab")).json()

    assert document["@id"] == VOCAB
    assert document["@type"] == "owl:Ontology"
    assert document["@context"]["hc"] == VOCAB + "#"
    for term in document["@graph"]:
        assert term["rdfs:domain"].split(":")[0] in {"schema", "hc"}, term
        assert term["rdfs:range"].split(":")[0] in {"schema", "hc", "xsd"}, term


def test_the_namespace_does_not_depend_on_the_host(api, settings):
    settings.ALLOWED_HOSTS = ["testserver", "api.example.org"]
    here = api.get(url("conditions", "hip-osteoarthritis")).json()["@context"]
    there = api.get(url("conditions", "hip-osteoarthritis"), HTTP_HOST="api.example.org").json()["@context"]

    assert here == there == ["https://schema.org", {"hc": VOCAB + "#"}]
