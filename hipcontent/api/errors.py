"""One JSON error shape for every API error: `{"detail": ..., "errors": {parameter: [messages]}}`."""

from django.http import JsonResponse
from rest_framework import serializers
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in plain words.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid parameters: each parameter's problems.",
    )


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and not (isinstance(response.data, dict) and "detail" in response.data):
        response.data = {"detail": "Invalid request parameters.", "errors": response.data}
    return response


def not_found(request, exception=None):
    """JSON 404 for any path under /api/ that no route matches (an unknown version, a typo)."""
    return JsonResponse({"detail": f"No API resource at {request.path}."}, status=404)
