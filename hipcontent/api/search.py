"""Search: `?search=` on every list, and `/search/?q=` across every collection (conditions/search.py builds
the queries). Each version's `search.py` says how its hits look and are paged.

DRF imports this module (it is in DEFAULT_FILTER_BACKENDS) while rest_framework.generics is still loading, so
it must not import rest_framework.generics, viewsets or drf_spectacular.openapi when it loads: SearchView is
a plain APIView, and each version documents its own.
"""

from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from conditions import search
from conditions.changes import Scope
from hipcontent.api.http.conditional import ConditionalGetMixin
from hipcontent.api.http.throttling import RateLimitHeadersMixin
from hipcontent.api.links import detail_route

TYPES = list(search.BY_TYPE)
TEXT_SCHEMA = {"type": "string", "maxLength": search.MAX_LENGTH}
# The same rules as a pattern: no control characters (Unicode category Cc, exactly these two ranges), and for
# `q` something besides spaces. Released versions took them through openapi/accepted-narrowings.yaml: the
# server always refused the rest.
NO_CONTROL = "\\u0000-\\u001f\\u007f-\\u009f"
QUERY_SCHEMA = {**TEXT_SCHEMA, "pattern": f"^[^{NO_CONTROL}]*[^\\s{NO_CONTROL}][^{NO_CONTROL}]*$"}
SEARCH_SCHEMA = {**TEXT_SCHEMA, "pattern": f"^[^{NO_CONTROL}]*$"}
# v1's `q` says "something besides spaces" with the spaces the server strips (str.strip(): Python's
# whitespace, less the control characters already excluded) listed one by one: `\\s` means something else in
# each regex dialect (ECMAScript's also matches U+FEFF, which the server searches for), and the narrowing must
# exclude exactly what the server refused. v2 and v3 released QUERY_SCHEMA, so they keep it.
SPACES = "\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
V1_QUERY_SCHEMA = {**TEXT_SCHEMA, "pattern": f"^[^{NO_CONTROL}]*[^{SPACES}{NO_CONTROL}][^{NO_CONTROL}]*$"}
TEXT_RULES = f"At most {search.MAX_LENGTH} characters, no control characters."
SUMMARY = "Search every collection"


def search_text(request, param, *, required=False):
    """The search text in the query parameter `param`, stripped; None when absent or blank (a 400 if
    `required`). Too long, or with control characters: a 400 naming `param`."""
    try:
        text = search.clean(request.query_params.get(param))
    except search.InvalidSearch as error:
        raise ValidationError({param: [str(error)]}) from None
    if text is None and required:
        raise ValidationError({param: ["Required: the text to search for."]})
    return text


class SearchFilter(BaseFilterBackend):
    """`?search=` on a list: full-text search over the items' names and prose (conditions/search.py).

    Matches are ordered by rank, then by the list's usual order, unless `?ordering=` is given.
    """

    search_param = "search"

    def filter_queryset(self, request, queryset, view):
        text = search_text(request, self.search_param)
        if text is None or queryset.model not in search.SEARCHED:
            return queryset
        ordered_explicitly = bool(request.query_params.get(api_settings.ORDERING_PARAM))
        return search.search(queryset, text, order=not ordered_explicitly)

    def get_schema_operation_parameters(self, view):
        if getattr(view, "model", None) not in search.SEARCHED:
            return []
        return [
            {
                "name": self.search_param,
                "required": False,
                "in": "query",
                "description": (
                    "Full-text search of names and text. Words must all match; quotes, `or` and `-word` work "
                    "as in web search engines. Results come best match first unless `ordering` is given. "
                    f"{TEXT_RULES} Blank means no search."
                ),
                "schema": SEARCH_SCHEMA,
                "allowEmptyValue": True,
            }
        ]


class SearchView(RateLimitHeadersMixin, ConditionalGetMixin, APIView):
    """Published items of every collection that match a search, best match first, a page at a time.

    One UNION query for the page and one for the count, whatever the number of collections (see
    conditions.search.Hits).
    """

    pagination_class = None  # each version's own: v1 pages by number, v2 by cursor
    hit_serializer = None  # each version's own: hipcontent/api/v1/search.py, hipcontent/api/ldversion.py

    def get(self, request, *args, **kwargs):
        text = search_text(request, "q", required=True)
        models = self.collections(request)
        # A 304, or the hits found earlier at this content revision (hipcontent/api/http/cache.py).
        return self.conditional_or_cached(request, self.hits, text, models)

    def revision_scope(self, request):
        # Hits show the items' own fields: only the collections searched can change them.
        model = search.BY_TYPE.get(request.query_params.get("type", ""))
        return Scope((model.api_name,)) if model is not None else None

    def hits(self, request, text, models):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(search.Hits(text, models), request, view=self)
        for hit in page:
            model = search.BY_TYPE[hit["type"]]
            hit["url"] = reverse(detail_route(model), kwargs={"slug": hit["slug"]}, request=request)
        return paginator.get_paginated_response(self.hit_serializer(page, many=True).data)

    def collections(self, request):
        """The models `type=` restricts the search to: all of them when it is absent or blank."""
        name = request.query_params.get("type", "")
        if not name:
            return list(search.SEARCHED)
        if name not in search.BY_TYPE:
            raise ValidationError({"type": [f"Unknown type {name!r}; use one of {', '.join(TYPES)}."]})
        return [search.BY_TYPE[name]]


def blank_type_means_all(result, generator, request, public):
    """Schema hook: `/search/?type=` (blank) searches every collection, which OpenApiParameter cannot say, so
    the parameter gets `allowEmptyValue` here (else a client, or schemathesis, takes blank for invalid)."""
    for path in result.get("paths", {}).values():
        operation = path.get("get", {})
        if operation.get("operationId") != "search":
            continue
        for parameter in operation.get("parameters", []):
            if parameter.get("in") == "query" and parameter.get("name") == "type":
                parameter["allowEmptyValue"] = True
    return result
