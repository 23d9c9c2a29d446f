"""The filters each list accepts. A value that does not parse, or names nothing published, is a 400."""

import datetime
import re

import django_filters as filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django_filters.fields import IsoDateTimeField
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.utils import extend_schema_field

from conditions import models
from faq.models import Question

CODE_PATTERN = re.compile(r"^[A-Za-z0-9.]{1,20}$")
CODE_HELP = "A code, e.g. M16: matches it, the codes under it (M16.1) and above it (M16 for M16.11)."
# What the server accepts for `code`, as a schema pattern: the form strips whitespace (str.strip(), listed one
# by one, as `\s` differs between regex dialects) before CODE_PATTERN, and only whitespace means no filter.
WHITESPACE = (
    "\\t\\n\\u000b\\u000c\\r\\u001c-\\u001f\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029"
    "\\u202f\\u205f\\u3000"
)
CODE_SCHEMA_PATTERN = f"^[{WHITESPACE}]*(?:[A-Za-z0-9.]{{1,20}}[{WHITESPACE}]*)?$"
# Django's form fields refuse a NUL character in any text (PostgreSQL cannot store one): a 400 naming the
# parameter. Released versions took this pattern through openapi/accepted-narrowings.yaml.
NO_NUL_PATTERN = "^[^\\u0000]*$"


@extend_schema_field({"type": "string", "pattern": NO_NUL_PATTERN})
class TextFilter(filters.CharFilter):
    """A filter on a text field's exact value, with the one character the server refuses declared."""


class BlankMeansNoFilter(DjangoFilterExtension):
    """django-filter ignores a filter given blank (`?topic=`): the schema says so with `allowEmptyValue`, so
    that a client, or schemathesis, does not take a blank value for an invalid one."""

    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters


def published(model, field_name=None, **kwargs):
    """A filter on a link to `model`, given as the slug of a published item."""
    return filters.ModelChoiceFilter(
        field_name=field_name,
        to_field_name="slug",
        queryset=model.objects.published(),
        distinct=True,
        help_text=f"The slug of a published {model._meta.verbose_name}.",
        **kwargs,
    )


# A condition's links that carry a basis, by their field: the filter's name, the link rows and their item.
CONDITION_LINKS = {
    "mechanisms": ("mechanism", "mechanism_links", "mechanism"),
    "anatomy": ("anatomy", "anatomy_links", "structure"),
    "treatments": ("treatment", "treatment_links", "treatment"),
    "red_flags": ("red_flag", "red_flag_links", "red_flag"),
}


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 time, turned to UTC: PostgreSQL refuses offsets beyond ±15:59 (which would be a 500),
    though ISO 8601 allows up to ±23:59. A time that leaves year 9999 in UTC is invalid."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError("Enter a time between the years 1 and 9999.", code="invalid") from None


class UtcIsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class ContentFilter(filters.FilterSet):
    updated_since = UtcIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Items published or changed at or after this ISO 8601 time, e.g. 2026-01-31T00:00:00Z.",
    )

    # Filters that read another collection's rows without naming one of its items: filter name → model.
    reads_also = {}

    @classmethod
    def requested(cls, params):
        """Whether `params` name a filter (given blank or not, valid or not), or begin with a filter's name (a
        filter may read more than one, as a range reads `name_min`). Without one, the filterset returns the
        list unchanged: a view may skip building it and its form (hipcontent/api/v1/lists.py `pages`)."""
        return any(key.startswith(name) for key in params for name in cls.base_filters)

    @classmethod
    def collections_read(cls, params):
        """The collections (API names) whose changes can change a list filtered by `params` besides its
        own: a filter naming an item reads whether it is published (and, for a topic, its links)."""
        read = set()
        for name, declared in cls.base_filters.items():
            if not params.get(name):
                continue  # absent or blank: not applied
            model = cls.reads_also.get(name) or getattr(getattr(declared, "queryset", None), "model", None)
            if model is not None:
                read.add(model.api_name)
        return read


class TopicFilter(ContentFilter):
    category = TextFilter()

    class Meta:
        model = models.Topic
        fields = ["category"]


class ConditionFilter(ContentFilter):
    topic = filters.ModelChoiceFilter(
        field_name="topic_links__topic",
        to_field_name="slug",
        queryset=models.Topic.objects.published(),
        distinct=True,
        help_text="The slug of a published topic that links the condition.",
    )
    role = filters.ChoiceFilter(
        field_name="topic_links__role",
        choices=models.TopicCondition.Role.choices,
        distinct=True,
        help_text="Conditions a topic links in this role.",
    )
    mechanism = published(models.Mechanism, "mechanisms", method="filter_link")
    anatomy = published(models.AnatomicalStructure, "anatomy", method="filter_link")
    treatment = published(models.Treatment, "treatments", method="filter_link")
    red_flag = published(models.RedFlag, "red_flags", method="filter_link")
    basis = filters.ChoiceFilter(
        choices=models.Basis.choices,
        method="filter_basis",
        help_text="`source` (quoted from the source) or `editorial`: with `mechanism`, `anatomy`, "
        "`treatment` or `red_flag`, only links of that basis count; alone, conditions with any link or "
        "relation of it.",
    )
    code = filters.CharFilter(method="filter_code", help_text=CODE_HELP)
    code_system = filters.ChoiceFilter(
        field_name="codes__system",
        choices=models.ConditionCode.System.choices,
        distinct=True,
        help_text="The code set `code` is in; without it, any.",
    )

    reads_also = {"role": models.Topic}  # the roles topics link conditions in

    class Meta:
        model = models.Condition
        fields = []

    def filter_link(self, queryset, field_name, value):
        _, relation, item_field = CONDITION_LINKS[field_name]
        lookup = {f"{relation}__{item_field}": value}
        if basis := self.form.cleaned_data.get("basis"):
            lookup[f"{relation}__basis"] = basis  # the same link row: one join
        return queryset.filter(**lookup).distinct()

    def filter_basis(self, queryset, name, value):
        if any(self.form.cleaned_data.get(name) for name, _, _ in CONDITION_LINKS.values()):
            return queryset  # the link filters apply it
        relations = [relation for _, relation, _ in CONDITION_LINKS.values()]
        matches = Q()
        for relation in (*relations, "relations", "inverse_relations"):
            matches |= Q(**{f"{relation}__basis": value})
        return queryset.filter(matches).distinct()

    # The pattern the server always enforced, declared (released versions: openapi/accepted-narrowings.yaml).
    @extend_schema_field({"type": "string", "pattern": CODE_SCHEMA_PATTERN, "description": CODE_HELP})
    def filter_code(self, queryset, name, value):
        from rest_framework.exceptions import ValidationError

        if not CODE_PATTERN.match(value):
            raise ValidationError({"code": ["A code is 1 to 20 letters, digits and dots, e.g. M16.1."]})
        key = value.replace(".", "").upper()
        ancestors = [key[:length] for length in range(1, len(key) + 1)]
        system = self.form.cleaned_data.get("code_system")
        matches = Q(codes__code_key__startswith=key) | Q(codes__code_key__in=ancestors)
        if system:
            matches &= Q(codes__system=system)
        return queryset.filter(matches).distinct()


class RedFlagFilter(ContentFilter):
    class Meta:
        model = models.RedFlag
        fields = ["urgency"]


class TreatmentFilter(ContentFilter):
    parent = published(models.Treatment)

    class Meta:
        model = models.Treatment
        fields = ["category"]


class AnatomyFilter(ContentFilter):
    parent = published(models.AnatomicalStructure)

    class Meta:
        model = models.AnatomicalStructure
        fields = []


class MechanismFilter(ContentFilter):
    class Meta:
        model = models.Mechanism
        fields = []


class FaqFilter(ContentFilter):
    topic = published(models.Topic)
    condition = published(models.Condition, "conditions")

    class Meta:
        model = Question
        fields = []
