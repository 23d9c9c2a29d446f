from rest_framework import pagination
from rest_framework.exceptions import ValidationError

MAX_PAGE_SIZE = 100


def _positive_int(request, name, maximum=None):
    """The query parameter `name` as a whole number ≥ 1 (≤ maximum), None if absent, else a 400."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    # isascii(): str.isdigit() also accepts digits such as "²" that int() rejects.
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ValidationError({name: ["Must be a whole number of 1 or more."]})
    value = int(raw)
    if maximum is not None and value > maximum:
        raise ValidationError({name: [f"Must be {maximum} or less."]})
    return value


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers with `page_size` up to 100; a malformed `page` or `page_size` is a 400, not ignored."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        return _positive_int(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
