"""The v1 condition list's results are read as plain data (hipcontent/api/v1/lists.py) and must be, byte for
byte, what `serializers.ConditionSummary` renders from the model instances `for_list()` prefetches: the
serializer is what the schema documents. Each request is answered twice, through the document and through
the serializer (the view without its `summaries`), and the two responses compared whole: status, bytes and
validators. On the seed and generated conditions with links, for every filter, ordering, search, page size
and deep page, and for the errors (which the document must not change either)."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from conditions.models import Condition, ConditionCode, Source, Status
from hipcontent.api.v1 import serializers
from tests.api.v1.queries import LIST_QUERIES

LIST = "/api/v1/conditions/"
HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary")


@pytest.fixture
def content(seed):
    """The seed, 250 generated conditions with links (deep pages start at 200 rows), and the values a
    serializer converts: non-string and null list items, non-ASCII text, codes with and without a source."""
    call_command("scale_data", conditions=250, faqs=20, topics=2, links=10, verbosity=0)
    Condition.objects.filter(is_live=True, slug="hip-osteoarthritis").update(
        other_names=["coxarthrosis", 3, None, {"a": 1}],
        name="Hip osteoarthritis «Zoë» 🦴",
        summary="Line\u2028separator and a tab\there",
    )
    generated = Condition.objects.get(is_live=True, slug="scale-condition-00003")
    ConditionCode.objects.create(
        condition=generated,
        system=ConditionCode.System.ICD10CM,
        code="M16.1",
        display="Unilateral primary osteoarthritis of hip",
        release="FY2026",
        kind=ConditionCode.Kind.BILLABLE,
        match=ConditionCode.Match.BROADER,
        basis="source",
        source=Source.objects.filter(is_live=True).first(),
        quote="Hip",
        qualifier="advanced",
        position=2,
    )
    ConditionCode.objects.create(
        condition=generated, system=ConditionCode.System.SNOMEDCT, code="239872002", display="OA", position=1
    )


def linked(model_name):
    """The slug of a published item of this kind that a published condition links."""
    return (
        Condition.objects.published()
        .filter(**{f"{model_name}__is_live": True})
        .values_list(f"{model_name}__slug", flat=True)
        .order_by(f"{model_name}__slug")
        .first()
    )


def answered():
    """Queries each answered with a page (every one non-empty but the last two)."""
    return [
        "",
        "?page=2",
        "?page_size=100&page=3",  # a deep page: its ids first (hipcontent/api/http/pagination.py)
        "?page=12",
        "?page_size=1&page=7",
        "?ordering=-name",
        "?ordering=updated_at,-name&page=2",
        "?ordering=-updated_at&page=11",
        "?topic=hip-pain-buttock-discomfort",
        "?topic=hip-pain-buttock-discomfort&role=cause",
        "?role=differential&page_size=50",
        "?topic=scale-topic-00000&ordering=-name",
        f"?mechanism={linked('mechanisms')}",
        f"?anatomy={linked('anatomy')}&basis=source",
        f"?treatment={linked('treatments')}",
        f"?red_flag={linked('red_flags')}&basis=editorial",
        "?basis=source",
        "?code=M16",
        "?code=M16.1&code_system=icd10cm",
        "?code_system=snomedct",
        "?updated_since=2000-01-01T00:00:00Z&page=3",
        "?search=hip",
        "?search=hip&ordering=name&page=2",
        "?search=scale&page_size=100&page=3",  # a deep page of hits: every generated name matches
        "?updated_since=2999-01-01T00:00:00Z",
        "?search=zzzznothing",
    ]


# Errors: each the same problem either way.
ERRORS = [
    "?page=999",
    "?page=0",
    "?page_size=101",
    "?topic=no-such-topic",
    "?ordering=bogus",
    "?code=%21%21",
]


def answer(api, path):
    cache.clear()  # neither answer may be the other's kept representation
    response = api.get(path)
    return response.status_code, response.content, {name: response.get(name) for name in HEADERS}


def test_every_list_request_is_the_serializers_answer(api, content, monkeypatch):
    view = resolve(LIST).func.cls
    assert view.summaries is not None
    paths = [LIST + query for query in [*answered(), *ERRORS]]

    documents = [answer(api, path) for path in paths]
    monkeypatch.setattr(view, "summaries", None)
    serialized = [answer(api, path) for path in paths]

    for path, document, reference in zip(paths, documents, serialized, strict=True):
        assert document == reference, path
    answers = dict(zip(paths, documents, strict=True))
    pages = [answers[LIST + query] for query in answered()]
    assert {status for status, _content, _headers in pages} == {200}
    empty = [
        query
        for query, (_status, content, _headers) in zip(answered(), pages, strict=True)
        if b'"results":[]' in content
    ]
    assert empty == answered()[-2:]
    assert {answers[LIST + query][0] for query in ERRORS} == {400, 404}
    assert "«Zoë» 🦴".encode() in documents[0][1]  # the changed values are on the first page


def test_the_list_is_read_without_its_serializer_in_the_lists_queries(
    api, content, monkeypatch, django_assert_num_queries
):
    def refuse(*args, **kwargs):
        raise AssertionError("the list rendered through the serializer")

    monkeypatch.setattr(serializers.ConditionSummary, "to_representation", refuse)
    cache.clear()

    # As LIST_QUERIES says: the revision, the count, the page, its codes.
    with django_assert_num_queries(LIST_QUERIES["conditions"]):
        response = api.get(LIST)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 20
    with CaptureQueriesContext(connection) as page:
        assert api.get(LIST + "?page=2").status_code == 200
    assert len(page) == LIST_QUERIES["conditions"] - 1  # the count is kept per revision


# The whole list (no filter, no search) is read by prepared statements (lists.py ConditionPages): every page
# of it in every order it knows, and what it leaves to the filtered QuerySet, the serializer's answer too.
ORDERINGS = ["", "name", "-name", "updated_at", "-updated_at", "updated_at,-name", "-name,-updated_at"]


def whole_list():
    """Every page of the list in each order at 20 a page, and in one at 7 a page (the last one partial), and
    requests it leaves to the QuerySet: a field ordered twice, a blank filter or search, a parameter that
    begins with a filter's name. A parameter the list does not know is no filter."""
    count = Condition.objects.published().count()
    queries = []
    for ordering in ORDERINGS:
        order = f"&ordering={ordering}" if ordering else ""
        for size in (20, 7) if ordering == "-updated_at" else (20,):
            pages = -(-count // size)
            queries += [f"?page_size={size}&page={page}{order}" for page in range(1, pages + 1)]
    return [
        *queries,
        "?uncached=1&page=2",
        "?ordering=name,name",
        "?ordering=&page=3",
        "?topic=",
        "?search=",
        "?topic_x=1",
    ]


def first_page(path):
    """The same list's first page: its count is the one `path`'s page is counted by."""
    url = urlsplit(path)
    query = [(name, value) for name, value in parse_qsl(url.query, keep_blank_values=True) if name != "page"]
    return urlunsplit(url._replace(query=urlencode(query)))


@pytest.mark.parametrize("page_first", [False, True], ids=["count-read-with-the-page", "count-kept"])
def test_every_page_of_the_whole_list_is_the_serializers_answer(api, content, monkeypatch, page_first):
    """With the count read in the page's round trip (an empty cache) and with it kept from page 1."""
    view = resolve(LIST).func.cls
    paths = [LIST + query for query in [*whole_list(), "?page=999", "?page_size=100&page=4"]]

    def answers():
        found = []
        for path in paths:
            if page_first:
                answer(api, first_page(path))  # empties the cache, then keeps the count and page 1
                response = api.get(path)
                found.append((response.status_code, response.content))
            else:
                found.append(answer(api, path)[:2])
        return found

    documents = answers()
    monkeypatch.setattr(view, "summaries", None)
    for path, document, reference in zip(paths, documents, answers(), strict=True):
        assert document == reference, path
    assert [status for status, _content in documents[-2:]] == [404, 404]


def test_an_empty_list_is_the_serializers_answer(api, seed, monkeypatch, django_assert_num_queries):
    Condition.objects.published().update(status=Status.DRAFT)
    view = resolve(LIST).func.cls
    paths = [LIST, LIST + "?page=2", LIST + "?ordering=-updated_at"]
    documents = [answer(api, path) for path in paths]
    monkeypatch.setattr(view, "summaries", None)
    assert documents == [answer(api, path) for path in paths]
    assert [status for status, _content, _headers in documents] == [200, 404, 200]
    assert b'"count":0' in documents[0][1]
    monkeypatch.undo()
    cache.clear()
    # As a page of any list: the count, the page and its codes are read together (one round trip)
    with django_assert_num_queries(LIST_QUERIES["conditions"]):
        assert api.get(LIST).status_code == 200
    # 1. the revision; no page is read once the count, kept, says there is none
    with django_assert_num_queries(1):
        assert api.get(LIST + "?again=1").status_code == 200


def test_the_whole_list_builds_no_filterset_and_compiles_no_query(api, content, monkeypatch):
    """After a first request (which compiles each statement once on the connection), a page of the whole list
    builds no filterset and compiles no query of conditions or codes: count, page and codes run prepared."""
    from django.db.models.sql.compiler import SQLCompiler

    from hipcontent.api.filters import ConditionFilter

    assert api.get(LIST + "?ordering=-name&page=2").status_code == 200
    compiled = []
    as_sql = SQLCompiler.as_sql

    def counted(compiler, *args, **kwargs):
        compiled.append(compiler.query.model)
        return as_sql(compiler, *args, **kwargs)

    def refuse(*args, **kwargs):
        raise AssertionError("the whole list built its filterset")

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    monkeypatch.setattr(ConditionFilter, "__init__", refuse)
    cache.clear()
    for query in ("?ordering=-name&page=3", "?ordering=-name&page=9&page_size=7", "?ordering=-name"):
        assert api.get(LIST + query).status_code == 200
    assert not {Condition, ConditionCode} & set(compiled)


def test_the_whole_lists_queries(api, content, django_assert_num_queries):
    cache.clear()
    # 1. the revision  2.-4. the count, the page (its ids found in the list's index) and its codes: prepared
    # statements, sent together (one round trip on PostgreSQL)
    with django_assert_num_queries(LIST_QUERIES["conditions"]):
        assert api.get(LIST + "?page=4").status_code == 200
    # the count kept at this revision: 1. the revision  2. the page  3. its codes (one round trip)
    with django_assert_num_queries(LIST_QUERIES["conditions"] - 1):
        assert api.get(LIST + "?page=13").status_code == 200
    # past the end, the count kept: 1. the revision, and a 404
    with django_assert_num_queries(1):
        assert api.get(LIST + "?page=99").status_code == 404
