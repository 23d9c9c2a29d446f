"""The peers issue 15 measures our condition detail and condition list against, built the plain DRF way.

Like bench/peer.py (the topic's peer): nested ModelSerializers, one `prefetch_related` per linked list, DRF's
JSONRenderer and DRF's own page-number pagination, and nothing else of ours (no ETags, no representation
cache, no count per revision, no rate limit, no key authentication: each would only add to the peer's time).
bench/urls.py mounts them at /bench/peer/v1/conditions/ and /bench/peer/v1/conditions/<slug>/ for the bench
server only. tests/bench/test_peer_conditions.py proves their JSON equals our v1 condition detail and our
first list page, so each pair renders the same document.
"""

from django.db.models import Prefetch
from rest_framework import generics, pagination, serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from bench.peer import ClaimSerializer, SourceSerializer, UrlField, published
from conditions.models import Condition, ConditionCode, ConditionRelation, TopicCondition


class LinkSerializer(serializers.Serializer):
    """slug, name and URL of a linked item; `name` is what the item is called (`label`: its field)."""

    def __init__(self, route, label="name", **kwargs):
        super().__init__(**kwargs)
        self.fields["slug"] = serializers.CharField()
        # DRF refuses a `source` equal to the field's name.
        self.fields["name"] = serializers.CharField(**({} if label == "name" else {"source": label}))
        self.fields["url"] = UrlField(route)


class CodeSerializer(serializers.ModelSerializer):
    claim = ClaimSerializer(source="*")

    class Meta:
        model = ConditionCode
        fields = ("system", "code", "display", "release", "kind", "match", "claim")


class SummarySerializer(serializers.ModelSerializer):
    """A condition as the v1 list shows it."""

    url = UrlField("condition")
    codes = CodeSerializer(many=True)

    class Meta:
        model = Condition
        fields = (
            "slug",
            "url",
            "name",
            "abbreviation",
            "other_names",
            "summary",
            "pain_locations",
            "pain_character",
            "aggravating_factors",
            "associated_signs",
            "updated_at",
            "codes",
        )


# Each list of linked items: the condition's prefetched links, the item's field on a link, its route and what
# the item is called.
LINKED = {
    "mechanisms": ("peer_mechanism_links", "mechanism", "mechanism", "name"),
    "anatomy": ("peer_anatomy_links", "structure", "anatomy", "name"),
    "treatments": ("peer_treatment_links", "treatment", "treatment", "name"),
    "red_flags": ("peer_red_flag_links", "red_flag", "red-flag", "sign"),
}


class PeerConditionSerializer(SummarySerializer):
    mechanisms = serializers.SerializerMethodField()
    anatomy = serializers.SerializerMethodField()
    treatments = serializers.SerializerMethodField()
    red_flags = serializers.SerializerMethodField()
    differentials = serializers.SerializerMethodField()
    topics = serializers.SerializerMethodField()
    reviewed_by = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True)
    link_claims = serializers.SerializerMethodField()
    relations = serializers.SerializerMethodField()

    class Meta(SummarySerializer.Meta):
        fields = (
            *SummarySerializer.Meta.fields,
            "mechanisms",
            "anatomy",
            "treatments",
            "red_flags",
            "differentials",
            "topics",
            "created_at",
            "last_reviewed",
            "reviewed_by",
            "next_review_due",
            "review_state",
            "sources",
            "link_claims",
            "relations",
        )

    def link(self, route, item, label="name"):
        return LinkSerializer(route, label, instance=item, context=self.context).data

    def linked(self, condition, name):
        attr, field, route, label = LINKED[name]
        return [self.link(route, getattr(link, field), label) for link in getattr(condition, attr)]

    def get_mechanisms(self, condition):
        return self.linked(condition, "mechanisms")

    def get_anatomy(self, condition):
        return self.linked(condition, "anatomy")

    def get_treatments(self, condition):
        return self.linked(condition, "treatments")

    def get_red_flags(self, condition):
        return self.linked(condition, "red_flags")

    def relations_of(self, condition):
        """(relation, other condition, link) from this condition's side, outgoing first."""
        outgoing = [(link.kind, link.other, link) for link in condition.peer_relations]
        incoming = [
            (ConditionRelation.INVERSE[link.kind], link.condition, link)
            for link in condition.peer_inverse_relations
        ]
        return outgoing + incoming

    def get_differentials(self, condition):
        tell_apart = ConditionRelation.Kind.TELL_APART
        others = {other.pk: other for kind, other, _ in self.relations_of(condition) if kind == tell_apart}
        ordered = sorted(others.values(), key=lambda other: (other.name, other.slug))
        return [self.link("condition", other) for other in ordered]

    def get_topics(self, condition):
        return [
            {**self.link("topic", link.topic, "title"), "role": link.role}
            for link in condition.peer_topic_links
        ]

    def get_reviewed_by(self, condition):
        if not (condition.reviewed_by_id and condition.reviewer_name):
            return None
        return {"name": condition.reviewer_name, "credentials": condition.reviewer_credentials}

    def claim(self, link):
        return ClaimSerializer(link, context=self.context).data

    def get_link_claims(self, condition):
        return [
            {**self.claim(link), "field": name, "item": self.link(route, getattr(link, field), label)}
            for name, (attr, field, route, label) in LINKED.items()
            for link in getattr(condition, attr)
        ]

    def get_relations(self, condition):
        return [
            {**self.claim(link), "relation": relation, "condition": self.link("condition", other)}
            for relation, other, link in self.relations_of(condition)
        ]


def links(lookup, item, order_by=None):
    """The condition's link rows whose item is published, item and claim source joined, in the item's
    order."""
    link_model = Condition._meta.get_field(lookup).related_model
    item_model = link_model._meta.get_field(item).related_model
    order = order_by or [f"{item}__{name}" for name in item_model._meta.ordering]
    queryset = link_model.objects.filter(**published(f"{item}__")).select_related(item, "source")
    return Prefetch(lookup, queryset=queryset.order_by(*order), to_attr=f"peer_{lookup}")


def codes():
    return Prefetch("codes", queryset=ConditionCode.objects.select_related("source"))


class PlainView:
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []


class PeerConditionView(PlainView, generics.RetrieveAPIView):
    lookup_field = "slug"
    serializer_class = PeerConditionSerializer
    queryset = Condition.objects.filter(**published()).prefetch_related(
        "sources",
        codes(),
        links("mechanism_links", "mechanism"),
        links("anatomy_links", "structure"),
        links("treatment_links", "treatment"),
        links("red_flag_links", "red_flag"),
        links("relations", "other", order_by=["kind", "other__name", "other__slug"]),
        links("inverse_relations", "condition", order_by=["kind", "condition__name", "condition__slug"]),
        Prefetch(
            "topic_links",
            queryset=TopicCondition.objects.filter(**published("topic__")).select_related("topic"),
            to_attr="peer_topic_links",
        ),
    )


class PeerConditionListView(PlainView, generics.ListAPIView):
    """The list's default request (page 1, default order, no filter), DRF's page-number envelope."""

    serializer_class = SummarySerializer
    pagination_class = pagination.PageNumberPagination
    queryset = Condition.objects.filter(**published()).prefetch_related(codes())
