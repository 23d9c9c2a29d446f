"""Cursor pagination for the JSON-LD versions' lists: opaque `next`/`previous` links, no COUNT(*), stable
under inserts. Each version names its own @context (hipcontent/api/ldversion.py builds its paginator).

The order is the list's `ordering` (or the model's default), always ending in the slug, which is unique among
live rows: so a page boundary is never ambiguous. A cursor that does not decode, or whose position is not a
value of the ordering field, is a 400 naming `cursor`.
"""

import base64
import binascii
import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from hipcontent.api.http.pagination import MAX_PAGE_SIZE, _positive_int

LINK = {"@type": "@id"}
PAGE_TERMS = {"next": {"@id": "hc:next", **LINK}, "previous": {"@id": "hc:previous", **LINK}}
INVALID_CURSOR = "Not a cursor from this list: follow `next` or `previous` as given, or start without one."


class CursorPagination(pagination.CursorPagination):
    context = None  # the version's JSON-LD context: staticmethod(jsonld.context)
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return _positive_int(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def get_ordering(self, request, queryset, view):
        # The default when `ordering` is absent: the model's own, e.g. ("name", "slug").
        self.ordering = tuple(queryset.model._meta.ordering)
        return super().get_ordering(request, queryset, view)

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        # DRF's decoding skips characters that are not base64 and ignores bytes that are not tokens, so
        # `?cursor=%00` or 10 kB of "A" would read as the first page: only a cursor we could have made passes.
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None:
            try:
                decoded = base64.b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
            except (UnicodeError, binascii.Error):
                decoded = None
            if decoded is None or not decoded.isprintable():
                raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]})
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from None
        if cursor is not None and cursor.position is not None:
            # The position is compared with the first ordering field in SQL: check it is one of its values,
            # or the database would fail on it (a 500) instead of a 400.
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
            try:
                if "\x00" in cursor.position:  # PostgreSQL text cannot hold NUL: it would fail, not match
                    raise DjangoValidationError("NUL")
                value = field.clean(cursor.position, None)
                if isinstance(value, datetime.datetime):
                    # In UTC, as `since=` is read: PostgreSQL refuses offsets beyond ±15:59 (a 500), though
                    # ISO 8601 allows up to ±23:59.
                    if timezone.is_naive(value):
                        value = timezone.make_aware(value, datetime.UTC)
                    cursor = cursor._replace(position=value.astimezone(datetime.UTC).isoformat())
            except (DjangoValidationError, ValueError, OverflowError):  # e.g. past year 9999 in UTC
                raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from None
        return cursor

    def get_paginated_response(self, data):
        return Response(
            {
                "@context": self.context(self.request, **PAGE_TERMS),
                "@id": self.request.build_absolute_uri(),
                "@type": "ItemList",
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "itemListElement": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["@context", "@id", "@type", "next", "previous", "itemListElement"],
            "properties": {
                "@context": {"type": "array", "items": {}, "description": "The JSON-LD context."},
                "@id": {"type": "string", "format": "uri", "description": "This page."},
                "@type": {"type": "string", "enum": ["ItemList"]},
                "next": {**link, "description": "The following page; null on the last page."},
                "previous": {**link, "description": "The preceding page; null on the first page."},
                "itemListElement": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            if parameter["name"] == self.cursor_query_param:
                parameter["description"] = (
                    "An opaque cursor: take it from `next` or `previous`, never build it."
                )
        return parameters
