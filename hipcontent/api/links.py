from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse


def detail_route(model):
    """The route name of a model's detail endpoint, the same in every API version."""
    return f"{model.api_name}-detail"


def detail_url(obj, request):
    return reverse(detail_route(type(obj)), kwargs={"slug": obj.slug}, request=request)


class DetailUrlField(serializers.Field):
    """The absolute URL of an item's detail endpoint in the requested API version."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return detail_url(obj, self.context["request"])


extend_schema_field(OpenApiTypes.URI)(DetailUrlField)


class Link(serializers.Serializer):
    """A reference to another published item: enough to show its name and fetch it."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(
        source="__str__", read_only=True, help_text="Its name, sign, title or question."
    )
    url = DetailUrlField()
