from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import routers


class ApiRoot(routers.APIRootView):
    """The collections of this API version, each with its URL."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, operation_id="root")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
