"""The seven collections every API version serves: which model, which filters, which orderings.

A viewset here knows nothing of a version: each version's URLconf (`hipcontent/api/v1/urls.py`, …) names
the serializers and the paginator it publishes each collection with (`routes.collections`).
"""

from django.http import Http404
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from conditions import models
from conditions.changes import Scope
from faq.models import Question
from hipcontent.api import filters
from hipcontent.api.http.conditional import ConditionalGetMixin
from hipcontent.api.http.fast import before_drf
from hipcontent.api.http.schema import ContentSchema
from hipcontent.api.http.state import state
from hipcontent.api.http.throttling import RateLimitHeadersMixin

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


class ContentViewSet(RateLimitHeadersMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Published items of one model: a paginated list of summaries, and a detail by slug with its links.

    Subclasses name the model and the filterset; the model's QuerySet says what each shows (`for_list()`,
    `for_detail()`); the version's routes set `serializer_classes` (summary, detail) and `pagination_class`.
    """

    model = None
    serializer_classes = ()  # (list serializer, detail serializer), set per API version
    # (request, slug) → the detail's data as the detail serializer has it, or None when no published item has
    # the slug: a version's faster reading of the same document (e.g. hipcontent/api/v1/documents.py).
    document = None
    # (request, page) → a list page's results as the list serializer has them, from the page's QuerySet of
    # items (filtered, ordered and sliced), or None: a version's faster reading of the same data (e.g.
    # hipcontent/api/v1/lists.py).
    summaries = None
    schema = ContentSchema()
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    ordering_fields = ("name", "updated_at")
    ordering_aliases = {}  # ordering names apps use → the model's field ("name" → "title")

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        # A cached read and a 304 are answered before DRF's dispatch (hipcontent/api/http/fast.py).
        return before_drf(super().as_view(actions, **initkwargs))

    # A 304 before any query, else the data rendered earlier at this revision (hipcontent/api/http/cache.py).
    def list(self, request, *args, **kwargs):
        return self.conditional_or_cached(request, self.render_list, *args, **kwargs)

    def render_list(self, request, *args, **kwargs):
        if self.summaries is None or self.paginator is None:
            return super().list(request, *args, **kwargs)
        # The paginator counts and slices as for the serializer, and reads the page's QuerySet as its results.
        self.paginator.read_page = lambda page: self.summaries(request, page)
        # The whole list in an order the version reads with prepared statements (hipcontent/api/v1/lists.py
        # `pages`): no filterset, no QuerySet. Else the QuerySet, filtered.
        pages = getattr(self.summaries, "pages", None)
        queryset = pages(request, self) if pages is not None else None
        if queryset is None:
            queryset = self.filter_queryset(self.get_queryset())
        results = self.paginate_queryset(queryset)
        if results is None:  # not paged (no page size configured): as DRF's list() does
            return Response(self.get_serializer(queryset, many=True).data)
        return self.get_paginated_response(results)

    def retrieve(self, request, *args, **kwargs):
        return self.conditional_or_cached(request, self.render_detail, *args, **kwargs)

    def render_detail(self, request, *args, **kwargs):
        if self.document is None:
            return super().retrieve(request, *args, **kwargs)
        # Read already when the fast path found no item (hipcontent/api/http/fast.py `first_render`).
        data = None if state(request).no_document else self.document(request, self.kwargs[self.lookup_field])
        if data is None:
            raise self.not_found()
        return Response(data)

    def reads_revision_later(self, request):
        # A plain-data document reads with prepared queries only: its revision goes in their round trip. So
        # does a list that reads its pages itself (v1's condition list, lists.py ConditionPages), sent with
        # its page; filtered, it reads the revision on its own before its first query, as before.
        if self.action == "retrieve":
            return self.document is not None
        return self.action == "list" and getattr(self.summaries, "pages", None) is not None

    def reads_with_rate_limit(self, request):
        # The count (and a deep page's mark) of a list that reads its own pages come in the rate limiter's
        # round trip too.
        keys = super().reads_with_rate_limit(request)
        keys_read = getattr(self.summaries, "keys_read", None)
        if self.action != "list" or keys_read is None or request.method not in ("GET", "HEAD"):
            return keys
        return [*keys, *keys_read(request, self)]

    def revision_scope(self, request):
        # A detail shows its item and the items it embeds, which give it an event of its own when they change
        # (conditions/changes.py); a list shows its collection, filtered by what its filters read.
        own = self.model.api_name
        if self.action == "retrieve":
            return Scope((own,), self.kwargs[self.lookup_field])
        if self.action == "list":
            return Scope(tuple(sorted({own, *self.filterset_class.collections_read(request.GET)})))
        return None

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise self.not_found() from None

    def not_found(self):
        noun = self.model._meta.verbose_name
        return NotFound(f"No published {noun} has the slug {self.kwargs[self.lookup_field]!r}.")

    def get_queryset(self):
        objects = self.model.objects
        return objects.for_detail() if self.action == "retrieve" else objects.for_list()

    def get_serializer_class(self):
        summary, detail = self.serializer_classes
        return detail if self.action == "retrieve" else summary

    def filter_queryset(self, queryset):
        # Filters, search and ordering apply to lists; a detail is found by its slug alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset


class TopicViewSet(ContentViewSet):
    """Articles. The detail is the whole structured article, linked items embedded in their order."""

    model = models.Topic
    filterset_class = filters.TopicFilter
    ordering_aliases = {"name": "title"}


class ConditionViewSet(ContentViewSet):
    """Conditions: hip conditions that cause buttock pain, and other causes to tell apart."""

    model = models.Condition
    filterset_class = filters.ConditionFilter


class MechanismViewSet(ContentViewSet):
    """How a problem in one structure produces pain in another."""

    model = models.Mechanism
    filterset_class = filters.MechanismFilter


class AnatomyViewSet(ContentViewSet):
    """Anatomical structures, with their parent and parts."""

    model = models.AnatomicalStructure
    filterset_class = filters.AnatomyFilter


class RedFlagViewSet(ContentViewSet):
    """Signs that mean a person should seek professional guidance, with how urgently and from whom."""

    model = models.RedFlag
    filterset_class = filters.RedFlagFilter
    ordering_aliases = {"name": "sign"}


class TreatmentViewSet(ContentViewSet):
    """Treatments, with their category, their place in the order of care and their parts."""

    model = models.Treatment
    filterset_class = filters.TreatmentFilter


class FaqViewSet(ContentViewSet):
    """Frequently asked questions, each with its answer, its topic and the conditions it discusses."""

    model = Question
    filterset_class = filters.FaqFilter
    ordering_aliases = {"name": "question"}
