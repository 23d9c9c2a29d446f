from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from hipcontent.api.errors import ErrorSerializer

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


def documented(viewset):
    """Document the error answers every read-only endpoint can give, so clients are generated for them."""
    bad_page = OpenApiResponse(ErrorSerializer, description="`page` or `page_size` is not a valid number.")
    past_end = OpenApiResponse(ErrorSerializer, description="The page is past the last page.")
    unknown = OpenApiResponse(ErrorSerializer, description="No published item has this slug.")
    return extend_schema_view(
        list=extend_schema(responses={200: viewset.list_serializer, 400: bad_page, 404: past_end}),
        retrieve=extend_schema(responses={200: viewset.detail_serializer, 404: unknown}),
    )(viewset)


class ContentViewSet(viewsets.ReadOnlyModelViewSet):
    """Published items of one model: a paginated list of summaries, and a detail by slug with its links.

    Subclasses name the model and the two serializers; the model's QuerySet says what each shows
    (`for_list()`, `for_detail()`).
    """

    model = None
    list_serializer = None
    detail_serializer = None
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        documented(cls)

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
        return self.detail_serializer if self.action == "retrieve" else self.list_serializer
