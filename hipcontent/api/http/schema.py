"""How every read-only operation is documented: its 200, and its error answers as problem documents."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE, ProblemSerializer
from hipcontent.api.http.pagination import PageNumberPagination


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
