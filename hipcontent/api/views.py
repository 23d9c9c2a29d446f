from django.http import Http404
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from hipcontent.api.conditional import ConditionalGetMixin
from hipcontent.api.cursor import CursorPagination
from hipcontent.api.errors import PROBLEM_CONTENT_TYPE, ProblemSerializer
from hipcontent.api.pagination import PageNumberPagination
from hipcontent.api.throttling import RateLimitHeadersMixin

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


def problem(description):
    return OpenApiResponse(ProblemSerializer, description=description)


# Answers every read-only operation can give besides its 200, documented so clients are generated for them.
COMMON_RESPONSES = {
    304: OpenApiResponse(
        description="Not modified: the copy named by If-None-Match / If-Modified-Since is current."
    ),
    (401, PROBLEM_CONTENT_TYPE): problem("The API key sent is unknown, revoked or expired."),
    (429, PROBLEM_CONTENT_TYPE): problem("Rate limit exceeded; Retry-After says when to try again."),
}


class ContentSchema(AutoSchema):
    """Documents a content operation: its 200 in the serializer of the API version the schema is for, and
    its error answers (and a list's 400s for bad parameters) as problem documents."""

    def get_response_serializers(self):
        if self.view.action == "retrieve":
            errors = {(404, PROBLEM_CONTENT_TYPE): problem("No published item has this slug.")}
        else:
            errors = {
                (400, PROBLEM_CONTENT_TYPE): problem(
                    "A parameter is not valid: `errors` names it and says why."
                )
            }
            if isinstance(self._get_paginator(), PageNumberPagination):  # a cursor is never past the end
                errors[(404, PROBLEM_CONTENT_TYPE)] = problem("The page is past the last page.")
        return {200: self.view.get_serializer_class(), **errors, **COMMON_RESPONSES}


class ContentViewSet(RateLimitHeadersMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Published items of one model: a paginated list of summaries, and a detail by slug with its links.

    Subclasses name the model, the two serializers of each API version and the filterset; the model's
    QuerySet says what each shows (`for_list()`, `for_detail()`). v1 lists have page numbers, v2 cursors.
    """

    model = None
    serializers = {}  # API version → (list serializer, detail serializer)
    paginators = {"v1": PageNumberPagination, "v2": CursorPagination}
    schema = ContentSchema()
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    ordering_fields = ("name", "updated_at")
    ordering_aliases = {}  # ordering names apps use → the model's field ("name" → "title")

    @property
    def pagination_class(self):
        return self.paginators[self.request.version]

    # A 304 before any query, else the data rendered earlier at this revision (hipcontent/api/cache.py).
    def list(self, request, *args, **kwargs):
        return self.conditional_or_cached(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.conditional_or_cached(request, super().retrieve, *args, **kwargs)

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            noun = self.model._meta.verbose_name
            raise NotFound(f"No published {noun} has the slug {self.kwargs[self.lookup_field]!r}.") from None

    def get_queryset(self):
        objects = self.model.objects
        return objects.for_detail() if self.action == "retrieve" else objects.for_list()

    def get_serializer_class(self):
        summary, detail = self.serializers[self.request.version]
        return detail if self.action == "retrieve" else summary

    def filter_queryset(self, queryset):
        # Filters, search and ordering apply to lists; a detail is found by its slug alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset
