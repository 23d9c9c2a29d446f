"""/api/v1/search/: hits as plain objects, paged by number (the search itself: hipcontent/api/search.py)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from conditions import search as content_search
from hipcontent.api import search
from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE
from hipcontent.api.http.pagination import PageNumberPagination
from hipcontent.api.http.schema import COMMON_RESPONSES, problem

TYPES = search.TYPES
TEXT_SCHEMA = search.TEXT_SCHEMA
TEXT_RULES = search.TEXT_RULES


class SearchHitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=TYPES, read_only=True, help_text="The collection the item is in, as `type=` names it."
    )
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True, help_text="Its name, sign, title or question.")
    url = serializers.URLField(read_only=True, help_text="Its detail in the API.")
    rank = serializers.FloatField(
        read_only=True,
        help_text="How well it matches: higher is better. Compare ranks within one search only.",
    )
    snippet = serializers.CharField(
        read_only=True,
        help_text=f"Up to {content_search.SNIPPET_LENGTH} characters of the matching text, as plain text.",
    )


def document(view):
    """Attach SearchView's OpenAPI description, on its first as_view() rather than by decorating get():
    the paginator's parameters are the view's own."""
    if "schema" in getattr(view.get, "kwargs", {}):
        return

    extend_schema(
        operation_id="search",
        summary=search.SUMMARY,
        tags=["search"],
        parameters=[
            OpenApiParameter(
                "q",
                search.V1_QUERY_SCHEMA,
                required=True,
                allow_blank=False,
                description=(
                    "The text to search for in every collection's names and text. Words must all match; "
                    f"quotes, `or` and `-word` work as in web search engines. {TEXT_RULES}"
                ),
            ),
            # The paginator's own parameters: drf-spectacular adds them by itself only to viewsets' lists.
            *(
                OpenApiParameter(p["name"], p["schema"], required=p["required"], description=p["description"])
                for p in view.pagination_class().get_schema_operation_parameters(view)
            ),
            OpenApiParameter(
                "type",
                str,
                enum=TYPES,
                description="Only hits of this type (one collection). Blank means all.",
            ),
        ],
        responses={
            200: SearchHitSerializer(many=True),
            (400, PROBLEM_CONTENT_TYPE): problem(
                "`q` is missing, blank or not valid, or `type`, `page` or `page_size` is not valid: "
                "`errors` names the parameter and says why."
            ),
            (404, PROBLEM_CONTENT_TYPE): problem("The page is past the last page."),
            **COMMON_RESPONSES,
        },
    )(view.get)


class SearchView(search.SearchView):
    __doc__ = search.SearchView.__doc__
    pagination_class = PageNumberPagination
    hit_serializer = SearchHitSerializer

    @classmethod
    def as_view(cls, **initkwargs):
        document(cls)
        return super().as_view(**initkwargs)

    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
