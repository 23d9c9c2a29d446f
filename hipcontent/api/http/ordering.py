from rest_framework import filters
from rest_framework.exceptions import ValidationError


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=name,-updated_at` on a view's `ordering_fields`; an unknown field is a 400, never ignored.

    Every collection sorts by `name` and `updated_at`; a view's `ordering_aliases` maps `name` to its own
    field (a topic's title, a red flag's sign). The slug breaks ties, so pages never overlap.
    """

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            return self.get_default_ordering(view)
        allowed = set(view.ordering_fields)
        fields = [param.strip() for param in params.split(",") if param.strip()]
        unknown = [field for field in fields if field.lstrip("-") not in allowed]
        if unknown or not fields:
            choices = ", ".join(sorted(allowed))
            message = f"Unknown field {(unknown or [params])[0]!r}; use {choices}, with - for descending."
            raise ValidationError({self.ordering_param: [message]})
        aliases = view.ordering_aliases
        return [
            *(("-" if f.startswith("-") else "") + aliases.get(f.lstrip("-"), f.lstrip("-")) for f in fields),
            "slug",
        ]

    def get_schema_operation_parameters(self, view):
        [parameter] = super().get_schema_operation_parameters(view)
        fields = sorted(view.ordering_fields)
        parameter["description"] = f"Sort by {', '.join(fields)} (comma-separated; - for descending)."
        parameter["schema"] = {
            "type": "array",
            "items": {"type": "string", "enum": [*fields, *(f"-{f}" for f in fields)]},
        }
        parameter["explode"] = False
        parameter["style"] = "form"
        # A blank `?ordering=` is the default order.
        parameter["allowEmptyValue"] = True
        return [parameter]
