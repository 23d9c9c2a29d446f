"""The peers issue 15 measures our other v1 details against (mechanism, anatomy, red flag, treatment, FAQ),
built the plain DRF way.

Like bench/peer.py (the topic's) and bench/peer_conditions.py (the condition's): nested ModelSerializers,
one `prefetch_related` per linked list, DRF's JSONRenderer, and nothing else of ours (no ETags, no
representation cache, no rate limit, no key authentication: each would only add to the peer's time).
bench/urls.py mounts them at /bench/peer/v1/<collection>/<slug>/ for the bench server only.
tests/bench/test_peer_details.py proves each one's JSON equals our v1 detail of every seed item of its kind,
so each pair renders the same document.
"""

from django.db.models import Prefetch
from rest_framework import generics, serializers

from bench.peer import (
    ClaimSerializer,
    FieldClaim,
    ParentSerializer,
    RedFlagSerializer,
    SourceSerializer,
    UrlField,
    published,
)
from bench.peer_conditions import PlainView
from conditions.models import (
    AnatomicalStructure,
    Condition,
    Mechanism,
    RedFlag,
    Status,
    Treatment,
    TreatmentAnatomy,
)
from faq.models import Question

REVIEW = ("created_at", "last_reviewed", "reviewed_by", "next_review_due", "review_state", "sources")


def link_serializer(route, label="name"):
    """slug, name and URL of a linked item of the collection `route`; `label`: what the item is called."""
    fields = {
        "slug": serializers.CharField(),
        "name": serializers.CharField(**({} if label == "name" else {"source": label})),
        "url": UrlField(route),
    }
    return type(f"{route.title()}Link", (serializers.Serializer,), fields)


ConditionLink = link_serializer("condition")
StructureLink = link_serializer("anatomy")
TreatmentLink = link_serializer("treatment")
TopicLink = link_serializer("topic", "title")


class ReviewedSerializer(serializers.ModelSerializer):
    """What every detail says of its review and sources, as each peer reads them from its own row."""

    reviewed_by = serializers.SerializerMethodField()
    review_state = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True)

    def get_reviewed_by(self, item):
        if not (item.reviewed_by_id and item.reviewer_name):
            return None
        return {"name": item.reviewer_name, "credentials": item.reviewer_credentials}

    def get_review_state(self, item):
        return "clinically_reviewed" if item.reviewed_by_id else "not_yet_clinically_reviewed"


class PeerMechanismSerializer(ReviewedSerializer):
    url = UrlField("mechanism")
    conditions = ConditionLink(many=True, source="peer_conditions")

    class Meta:
        model = Mechanism
        fields = ("slug", "url", "name", "description", "updated_at", "conditions", *REVIEW)


class PeerAnatomySerializer(ReviewedSerializer):
    url = UrlField("anatomy")
    parent = ParentSerializer("anatomy", allow_null=True)
    parts = StructureLink(many=True, source="peer_parts")
    conditions = ConditionLink(many=True, source="peer_conditions")

    class Meta:
        model = AnatomicalStructure
        fields = (
            *("slug", "url", "name", "description", "function", "parent", "updated_at"),
            *("parts", "conditions", *REVIEW),
        )


class PeerRedFlagSerializer(ReviewedSerializer, RedFlagSerializer):
    """The topic peer's red flag (bench/peer.py), with the conditions it applies to and its review."""

    conditions = ConditionLink(many=True, source="peer_conditions")

    class Meta:
        model = RedFlag
        fields = (*RedFlagSerializer.Meta.fields, "conditions", *REVIEW)


class AnatomyClaimSerializer(ClaimSerializer):
    structure = StructureLink()


class PeerTreatmentSerializer(ReviewedSerializer):
    url = UrlField("treatment")
    parent = ParentSerializer("treatment", allow_null=True)
    category_claim = FieldClaim("category")
    order_of_care_claim = FieldClaim("order_of_care")
    parts = TreatmentLink(many=True, source="peer_parts")
    conditions = ConditionLink(many=True, source="peer_conditions")
    anatomy = serializers.SerializerMethodField()
    anatomy_claims = AnatomyClaimSerializer(many=True, source="peer_anatomy_links")

    class Meta:
        model = Treatment
        fields = (
            *("slug", "url", "name", "category", "description", "order_of_care", "parent", "updated_at"),
            *("category_claim", "order_of_care_claim", "parts", "conditions", *REVIEW),
            *("anatomy", "anatomy_claims"),
        )

    def get_anatomy(self, treatment):
        structures = [link.structure for link in treatment.peer_anatomy_links]
        return StructureLink(structures, many=True, context=self.context).data


class PeerFaqSerializer(ReviewedSerializer):
    url = UrlField("faq")
    topic = serializers.SerializerMethodField()
    conditions = ConditionLink(many=True, source="peer_conditions")

    class Meta:
        model = Question
        fields = (
            *("slug", "url", "question", "answer", "updated_at", "topic", "conditions"),
            *REVIEW,
        )

    def get_topic(self, question):
        topic = question.topic
        if not (topic.is_live and topic.status == Status.PUBLISHED):
            return None
        return TopicLink(topic, context=self.context).data


def published_prefetch(lookup, model, to_attr, order_by=()):
    queryset = model.objects.filter(**published())
    return Prefetch(lookup, queryset=queryset.order_by(*order_by) if order_by else queryset, to_attr=to_attr)


def conditions():
    return published_prefetch("conditions", Condition, "peer_conditions")


def parts(model):
    return published_prefetch("parts", model, "peer_parts", model.sibling_order)


class DetailView(PlainView, generics.RetrieveAPIView):
    lookup_field = "slug"


class PeerMechanismView(DetailView):
    serializer_class = PeerMechanismSerializer
    queryset = Mechanism.objects.filter(**published()).prefetch_related("sources", conditions())


class PeerAnatomyView(DetailView):
    serializer_class = PeerAnatomySerializer
    queryset = (
        AnatomicalStructure.objects.filter(**published())
        .select_related("parent")
        .prefetch_related("sources", conditions(), parts(AnatomicalStructure))
    )


class PeerRedFlagView(DetailView):
    serializer_class = PeerRedFlagSerializer
    queryset = (
        RedFlag.objects.filter(**published())
        .select_related("urgency_source", "action_source", "professionals_source")
        .prefetch_related("sources", conditions(), "professionals")
    )


class PeerTreatmentView(DetailView):
    serializer_class = PeerTreatmentSerializer
    queryset = (
        Treatment.objects.filter(**published())
        .select_related("parent", "category_source", "order_of_care_source")
        .prefetch_related(
            "sources",
            conditions(),
            parts(Treatment),
            Prefetch(
                "anatomy_links",
                queryset=TreatmentAnatomy.objects.filter(**published("structure__")).select_related(
                    "structure", "source"
                ),
                to_attr="peer_anatomy_links",
            ),
        )
    )


class PeerFaqView(DetailView):
    serializer_class = PeerFaqSerializer
    queryset = (
        Question.objects.filter(**published())
        .select_related("topic")
        .prefetch_related("sources", conditions())
    )


# Collection (as in the URL) → its peer's view.
PEERS = {
    "mechanisms": PeerMechanismView,
    "anatomy": PeerAnatomyView,
    "red-flags": PeerRedFlagView,
    "treatments": PeerTreatmentView,
    "faqs": PeerFaqView,
}
