"""What every JSON-LD version (v2, v3, v4) serves besides its items, built from that version's own JSON-LD:
its index, cursor pages, changes feed, snapshot and search, and its URLconf.

These were near-verbatim copies per version; only the version's `Node` (whose metaclass names `hc:` fields and
describes them from the version's vocabulary), its `context()`, its types and serializers differed. A version
now describes itself as a `LinkedDataVersion` and its urls.py is `urlpatterns = version.urlpatterns()`.

Every class is built anew per version (fresh fields: the metaclass writes each hc: field's help text from that
version's vocabulary) and keeps the name it always had: schema component names come from class names, and the
released contracts hold them.

A change is a schema.org Action on the item: CreateAction when it was first published, UpdateAction when it
changed, DeleteAction when it was unpublished or deleted (a tombstone: its `object.@id` answers 404 now).
Search hits come best match first, by a rank that no key can resume from, so search's cursor is an opaque
offset: still no COUNT(*), and `next`/`previous` links as on every other list of the version.
"""

import binascii
from base64 import b64decode, b64encode
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from conditions import models
from faq.models import Question
from hipcontent.api import cursor, feeds, routes, search
from hipcontent.api.cursor import INVALID_CURSOR, PAGE_TERMS
from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE
from hipcontent.api.http.pagination import MAX_PAGE_SIZE, _positive_int
from hipcontent.api.http.renderers import JSON_LD_RENDERERS
from hipcontent.api.http.schema import COMMON_RESPONSES, problem

MAX_OFFSET = 10_000  # deeper than anyone reads search results; keeps a forged cursor cheap
CURSOR, PAGE_SIZE = "cursor", "page_size"
Kind = models.ChangeEvent.Kind
ACTIONS = {
    Kind.CREATED: "CreateAction",
    Kind.UPDATED: "UpdateAction",
    Kind.UNPUBLISHED: "DeleteAction",
    Kind.DELETED: "DeleteAction",
}
# Each collection: route base name, snapshot key, model, and the version's (summary, detail) serializer names.
COLLECTIONS = (
    ("topic", "hc:topics", models.Topic, ("MedicalWebPageSummary", "MedicalWebPage")),
    ("condition", "hc:conditions", models.Condition, ("MedicalConditionSummary", "MedicalCondition")),
    (
        "mechanism",
        "hc:mechanisms",
        models.Mechanism,
        ("MechanismMedicalEntitySummary", "MechanismMedicalEntity"),
    ),
    (
        "anatomy",
        "hc:anatomy",
        models.AnatomicalStructure,
        ("AnatomicalStructureSummary", "AnatomicalStructure"),
    ),
    ("red-flag", "hc:redFlags", models.RedFlag, ("MedicalSignOrSymptomSummary", "MedicalSignOrSymptom")),
    ("treatment", "hc:treatments", models.Treatment, ("MedicalTherapySummary", "MedicalTherapy")),
    ("faq", "hc:faqs", Question, ("QuestionSummary", "Question")),
)


@dataclass(frozen=True)
class LinkedDataVersion:
    """A JSON-LD version: its name ("v3"), its jsonld module's `context` and `Node` and `ContextField`, its
    schema.org TYPES by api_name, its INDEX_TERMS, its serializers module and its vocabulary view."""

    name: str
    context: object
    node: type
    context_field: type
    types: dict
    index_terms: dict
    serializers: ModuleType
    vocabulary_view: type

    def serializer_pairs(self):
        return {base: tuple(getattr(self.serializers, n) for n in names) for base, _, _, names in COLLECTIONS}

    def urlpatterns(self):
        """The version's URLconf: feeds, search, vocabulary, docs, the seven collections under its index."""
        built = SimpleNamespace(**changes(self), **snapshot(self), **searching(self))
        pagination = type(
            "CursorPagination", (cursor.CursorPagination,), {"context": staticmethod(self.context)}
        )
        return [
            path("changes/", built.ChangesView.as_view(), name="changes"),
            path("snapshot/", built.SnapshotView.as_view(), name="snapshot"),
            path("search/", built.SearchView.as_view(), name="search"),
            path("vocab/", self.vocabulary_view.as_view(), name="vocab"),
            *routes.docs(self.name),
            routes.collections(
                self.serializer_pairs(),
                pagination=pagination,
                renderers=JSON_LD_RENDERERS,
                root_view=index_view(self),
            ),
        ]


def index_view(version):
    """/api/vN/: a JSON-LD document like every other: a schema.org WebAPI whose `topics`, `conditions`, … are
    the IRIs of its lists (hc: terms, in the document's own @context)."""

    class IndexView(APIRootView):
        renderer_classes = JSON_LD_RENDERERS

        def get(self, request, *args, **kwargs):
            response = super().get(request, *args, **kwargs)
            terms = {key: {"@id": term, "@type": "@id"} for key, term in version.index_terms.items()}
            response.data = {
                "@context": version.context(request, **terms),
                "@id": request.build_absolute_uri(),
                "@type": "WebAPI",
                "name": f"hipcontent API {version.name}",
                "documentation": request.build_absolute_uri("docs/"),
                **response.data,
            }
            return response

    return IndexView


def changes(version):
    """The changes feed (hipcontent/api/feeds.py) as JSON-LD: an ItemList of schema.org Actions."""
    Node, types = version.node, version.types

    class ChangedItem(serializers.Serializer, metaclass=type(Node)):
        """The item a change is about: where it is (or was), its type and slug."""

        ld_id = serializers.SerializerMethodField(
            method_name="get_url", help_text=f"Its {version.name} detail URL."
        )
        ld_type = serializers.SerializerMethodField(method_name="get_type", help_text="Its schema.org type.")
        identifier = serializers.SlugField(source="slug", read_only=True)

        def get_url(self, change) -> str:
            return reverse(
                f"{change.item_type}-detail", kwargs={"slug": change.slug}, request=self.context["request"]
            )

        def get_type(self, change) -> str:
            return types[change.item_type]

    class Change(serializers.Serializer, metaclass=type(Node)):
        ld_type = serializers.SerializerMethodField(
            method_name="get_action", help_text="CreateAction, UpdateAction, or DeleteAction for a tombstone."
        )
        hc_cursor = serializers.CharField(source="id", read_only=True)
        hc_kind = serializers.ChoiceField(source="kind", choices=Kind.choices, read_only=True)
        endTime = serializers.DateTimeField(source="at", read_only=True, help_text="When it happened.")
        object = ChangedItem(source="*", read_only=True)

        def get_action(self, change) -> str:
            return ACTIONS[change.kind]

    class ChangesPage(Node):
        type_name = "ItemList"
        ld_context = version.context_field(next=PAGE_TERMS["next"])  # the feed pages forward only
        ld_id = serializers.URLField(source="url", read_only=True, help_text="This page.")
        itemListElement = Change(source="changes", many=True, read_only=True)
        hc_nextCursor = serializers.CharField(source="next_cursor", read_only=True)
        hc_hasMore = serializers.BooleanField(source="has_more", read_only=True)
        next = serializers.URLField(source="next_url", allow_null=True, read_only=True)

    class ChangesView(feeds.ChangesView):
        __doc__ = feeds.ChangesView.__doc__
        renderer_classes = JSON_LD_RENDERERS

        get = feeds.with_responses(
            feeds.ChangesView,
            {
                200: ChangesPage,
                (400, PROBLEM_CONTENT_TYPE): problem("`since` or `limit` is not valid: `errors` says why."),
                **COMMON_RESPONSES,
            },
        )

        def page(self, request, changes, next_cursor, has_more, next_url):
            page = {
                "url": request.build_absolute_uri(),
                "changes": changes,
                "next_cursor": next_cursor,
                "has_more": has_more,
                "next_url": next_url,
            }
            return ChangesPage(page, context={"request": request}).data

    return {"ChangesView": ChangesView}


def snapshot(api):
    """The snapshot (hipcontent/api/feeds.py, hipcontent/api/snapshot.py) as a schema.org Dataset whose hc:
    collections hold every published item as the version's detail serves it."""
    details = {key: getattr(api.serializers, names[1]) for _, key, _, names in COLLECTIONS}
    context_field = api.context_field  # (the class body below has a field named `version`)

    class Snapshot(api.node):
        type_name = "Dataset"
        ld_context = context_field()
        ld_id = serializers.URLField(source="url", read_only=True, help_text="This document.")
        version = serializers.IntegerField(
            source="content_version",
            read_only=True,
            help_text="The content revision; the same as the ETag's.",
        )
        dateCreated = serializers.DateTimeField(source="generated_at", read_only=True)
        hc_topics = details["hc:topics"](many=True, read_only=True)
        hc_conditions = details["hc:conditions"](many=True, read_only=True)
        hc_mechanisms = details["hc:mechanisms"](many=True, read_only=True)
        hc_anatomy = details["hc:anatomy"](many=True, read_only=True)
        hc_redFlags = details["hc:redFlags"](many=True, read_only=True)
        hc_treatments = details["hc:treatments"](many=True, read_only=True)
        hc_faqs = details["hc:faqs"](many=True, read_only=True)

    class SnapshotView(feeds.SnapshotView):
        __doc__ = feeds.SnapshotView.__doc__
        renderer_classes = JSON_LD_RENDERERS

        get = feeds.with_responses(feeds.SnapshotView, {200: Snapshot, **feeds.SNAPSHOT_RESPONSES})
        collections = {key: model for _, key, model, _ in COLLECTIONS}

        def outline(self, request, content_version, generated_at):
            data = {"url": request.build_absolute_uri(), "content_version": content_version}
            data["generated_at"] = generated_at
            data.update({key: [] for key in self.collections})
            return Snapshot(data, context={"request": request}).data

        def items(self, request, key, objects):
            # Through the document's own field, so an item is exactly what the whole document would hold.
            return Snapshot(context={"request": request}).fields[key].to_representation(objects)

    return {"SnapshotView": SnapshotView}


class OffsetCursorPagination:
    """`cursor` is the base64 of an offset; a page reads one more hit than it shows, to see if one follows."""

    context = None  # the version's JSON-LD context: staticmethod(jsonld.context)

    def paginate_queryset(self, hits, request, view=None):
        self.request = request
        self.size = _positive_int(request, PAGE_SIZE, MAX_PAGE_SIZE) or api_settings.PAGE_SIZE
        self.offset = self.decode(request.query_params.get(CURSOR))
        rows = hits[self.offset : self.offset + self.size + 1]
        self.has_next = len(rows) > self.size
        return rows[: self.size]

    @staticmethod
    def decode(raw):
        if raw is None:
            return 0
        try:
            text = b64decode(raw.encode("ascii"), validate=True).decode("ascii")
        except (UnicodeError, binascii.Error):
            text = ""
        if not (text.startswith("o=") and text[2:].isdigit() and int(text[2:]) <= MAX_OFFSET):
            raise ValidationError({CURSOR: [INVALID_CURSOR]})
        return int(text[2:])

    def link(self, offset):
        url = self.request.build_absolute_uri()
        if offset <= 0:
            return remove_query_param(url, CURSOR)
        return replace_query_param(url, CURSOR, b64encode(f"o={offset}".encode()).decode("ascii"))

    def get_paginated_response(self, data):
        return Response(
            {
                "@context": self.context(self.request, **PAGE_TERMS),
                "@id": self.request.build_absolute_uri(),
                "@type": "ItemList",
                "next": self.link(self.offset + self.size) if self.has_next else None,
                "previous": self.link(self.offset - self.size) if self.offset else None,
                "itemListElement": data,
            }
        )


def searching(version):
    """/search/: the same search as v1 (hipcontent/api/search.py), hits as JSON-LD nodes, paged by an offset
    cursor (OffsetCursorPagination)."""
    Node, types = version.node, version.types

    class SearchHit(serializers.Serializer, metaclass=type(Node)):
        ld_id = serializers.URLField(
            source="url", read_only=True, help_text=f"The item's {version.name} detail."
        )
        ld_type = serializers.SerializerMethodField(method_name="get_type", help_text="Its schema.org type.")
        identifier = serializers.SlugField(source="slug", read_only=True)
        name = serializers.CharField(read_only=True, help_text="Its name, sign, title or question.")
        hc_rank = serializers.FloatField(
            source="rank", read_only=True, help_text="Higher is better, within a search."
        )
        hc_snippet = serializers.CharField(source="snippet", read_only=True)

        def get_type(self, hit) -> str:
            return types[hit["type"]]

    class SearchPage(Node):
        type_name = "ItemList"
        ld_context = serializers.ListField(child=serializers.JSONField(), help_text="The JSON-LD context.")
        ld_id = serializers.URLField(help_text="This page.")
        next = serializers.URLField(allow_null=True, help_text="The following page; null on the last page.")
        previous = serializers.URLField(
            allow_null=True, help_text="The preceding page; null on the first page."
        )
        itemListElement = SearchHit(many=True)

    class SearchView(search.SearchView):
        __doc__ = search.SearchView.__doc__
        renderer_classes = JSON_LD_RENDERERS
        pagination_class = type(
            "OffsetCursorPagination", (OffsetCursorPagination,), {"context": staticmethod(version.context)}
        )
        hit_serializer = SearchHit

        @extend_schema(
            operation_id="search",
            summary=search.SUMMARY,
            tags=["search"],
            parameters=[
                OpenApiParameter(
                    "q",
                    search.QUERY_SCHEMA,
                    required=True,
                    allow_blank=False,
                    description=(
                        "The text to search for in every collection's names and text. Words must all match; "
                        f"quotes, `or` and `-word` work as in web search engines. {search.TEXT_RULES}"
                    ),
                ),
                OpenApiParameter(
                    CURSOR, str, description="An opaque cursor: take it from `next` or `previous`."
                ),
                OpenApiParameter(
                    PAGE_SIZE,
                    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                    description="Number of results to return per page.",
                ),
                OpenApiParameter(
                    "type",
                    str,
                    enum=search.TYPES,
                    description="Only hits of this type (one collection). Blank: all.",
                ),
            ],
            responses={
                200: SearchPage,
                (400, PROBLEM_CONTENT_TYPE): problem(
                    "`q` is missing, blank or not valid, or `type`, `cursor` or `page_size` is not valid: "
                    "`errors` names the parameter and says why."
                ),
                **COMMON_RESPONSES,
            },
        )
        def get(self, request, *args, **kwargs):
            return super().get(request, *args, **kwargs)

    return {"SearchView": SearchView}
