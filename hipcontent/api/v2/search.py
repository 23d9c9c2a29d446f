"""/api/v2/search/: the same search as v1 (hipcontent/api/search.py), hits as JSON-LD nodes, pages by cursor.

Hits come best match first, by a rank that no key can resume from, so the cursor here is an opaque offset:
still no COUNT(*), and `next`/`previous` links as on every other v2 list.
"""

import binascii
from base64 import b64decode, b64encode

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from hipcontent.api import search
from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE
from hipcontent.api.http.pagination import MAX_PAGE_SIZE, _positive_int
from hipcontent.api.http.renderers import JSON_LD_RENDERERS
from hipcontent.api.http.schema import COMMON_RESPONSES, problem
from hipcontent.api.v2.cursor import INVALID_CURSOR, PAGE_TERMS
from hipcontent.api.v2.jsonld import Node, context
from hipcontent.api.v2.nodes import TYPES

MAX_OFFSET = 10_000  # deeper than anyone reads search results; keeps a forged cursor cheap
CURSOR, PAGE_SIZE = "cursor", "page_size"


class SearchHit(serializers.Serializer, metaclass=type(Node)):
    ld_id = serializers.URLField(source="url", read_only=True, help_text="The item's v2 detail.")
    ld_type = serializers.SerializerMethodField(method_name="get_type", help_text="Its schema.org type.")
    identifier = serializers.SlugField(source="slug", read_only=True)
    name = serializers.CharField(read_only=True, help_text="Its name, sign, title or question.")
    hc_rank = serializers.FloatField(
        source="rank", read_only=True, help_text="Higher is better, within a search."
    )
    hc_snippet = serializers.CharField(source="snippet", read_only=True)

    def get_type(self, hit) -> str:
        return TYPES[hit["type"]]


class OffsetCursorPagination:
    """`cursor` is the base64 of an offset; a page reads one more hit than it shows, to see if one follows."""

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
                "@context": context(self.request, **PAGE_TERMS),
                "@id": self.request.build_absolute_uri(),
                "@type": "ItemList",
                "next": self.link(self.offset + self.size) if self.has_next else None,
                "previous": self.link(self.offset - self.size) if self.offset else None,
                "itemListElement": data,
            }
        )


class SearchPage(Node):
    type_name = "ItemList"
    ld_context = serializers.ListField(child=serializers.JSONField(), help_text="The JSON-LD context.")
    ld_id = serializers.URLField(help_text="This page.")
    next = serializers.URLField(allow_null=True, help_text="The following page; null on the last page.")
    previous = serializers.URLField(allow_null=True, help_text="The preceding page; null on the first page.")
    itemListElement = SearchHit(many=True)


class SearchView(search.SearchView):
    __doc__ = search.SearchView.__doc__
    renderer_classes = JSON_LD_RENDERERS
    pagination_class = OffsetCursorPagination
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
            OpenApiParameter(CURSOR, str, description="An opaque cursor: take it from `next` or `previous`."),
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
