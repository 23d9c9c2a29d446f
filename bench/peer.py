"""The peer issue 15 measures us against: API v1's topic document built the plain DRF way.

Nested ModelSerializers, one `prefetch_related` per linked list, DRF's JSONRenderer, and nothing else of
ours (no ETags, no representation cache, no rate limit, no key authentication: each would only add to the
peer's time). bench/urls.py mounts it at /bench/peer/v1/topics/<slug>/ for the bench server only (bench/run.py
runs gunicorn with DJANGO_SETTINGS_MODULE=bench.settings); production URLs never include it.
tests/bench/test_peer.py proves its JSON equals our v1 topic, so the two render the same document.
"""

from django.db.models import Prefetch
from django.urls import reverse
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from conditions.models import (
    AnatomicalStructure,
    Professional,
    RedFlag,
    Source,
    Topic,
    TopicAnatomy,
    TopicCondition,
    TopicMechanism,
    TopicRedFlag,
    TopicTreatment,
    Treatment,
)
from conditions.models.base import Status
from faq.models import Question


def published(prefix=""):
    return {f"{prefix}status": Status.PUBLISHED, f"{prefix}is_live": True}


class UrlField(serializers.Field):
    def __init__(self, route, source="slug", **kwargs):
        self.route = route
        super().__init__(source=source, read_only=True, **kwargs)

    def to_representation(self, slug):
        path = reverse(f"v1:{self.route}-detail", kwargs={"slug": slug})
        return self.context["request"].build_absolute_uri(path)


class ClaimSerializer(serializers.Serializer):
    basis = serializers.CharField()
    quote = serializers.CharField()
    source_title = serializers.CharField(source="source.title", default=None)
    qualifier = serializers.CharField(default="")


class FieldClaim(serializers.Serializer):
    """A claim stored in an item's own columns (`<name>_basis`, `_source`, `_quote`)."""

    def __init__(self, name, **kwargs):
        self.name = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item):
        source = getattr(item, f"{self.name}_source")
        return {
            "basis": getattr(item, f"{self.name}_basis"),
            "quote": getattr(item, f"{self.name}_quote"),
            "source_title": source.title if source else None,
            "qualifier": "",
        }


class ParentSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()

    def __init__(self, route, **kwargs):
        super().__init__(**kwargs)
        self.fields["url"] = UrlField(route)

    def to_representation(self, parent):
        if not (parent.is_live and parent.status == Status.PUBLISHED):
            return None
        return super().to_representation(parent)


class StructureSerializer(serializers.ModelSerializer):
    url = UrlField("anatomy")
    parent = ParentSerializer("anatomy", allow_null=True)

    class Meta:
        model = AnatomicalStructure
        fields = ("slug", "url", "name", "description", "function", "parent", "updated_at")


class AnatomyLinkSerializer(serializers.ModelSerializer):
    topic_claim = ClaimSerializer(source="*")

    class Meta:
        model = TopicAnatomy
        fields = ("label", "topic_claim")

    def to_representation(self, link):
        own = super().to_representation(link)
        return {
            **StructureSerializer(link.structure, context=self.context).data,
            "label": own["label"] or None,
            "topic_claim": own["topic_claim"],
        }


class MechanismLinkSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="mechanism.slug")
    url = UrlField("mechanism", source="mechanism.slug")
    name = serializers.CharField(source="mechanism.name")
    description = serializers.CharField(source="mechanism.description")
    updated_at = serializers.DateTimeField(source="mechanism.updated_at")
    topic_claim = ClaimSerializer(source="*")

    class Meta:
        model = TopicMechanism
        fields = ("slug", "url", "name", "description", "updated_at", "topic_claim")


class ConditionLinkSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="condition.slug")
    url = UrlField("condition", source="condition.slug")
    name = serializers.CharField(source="condition.name")
    abbreviation = serializers.CharField(source="condition.abbreviation")
    other_names = serializers.ListField(source="condition.other_names")
    summary = serializers.CharField(source="condition.summary")
    pain_locations = serializers.ListField(source="condition.pain_locations")
    pain_character = serializers.ListField(source="condition.pain_character")
    aggravating_factors = serializers.ListField(source="condition.aggravating_factors")
    associated_signs = serializers.ListField(source="condition.associated_signs")
    updated_at = serializers.DateTimeField(source="condition.updated_at")
    topic_claim = ClaimSerializer(source="*")

    class Meta:
        model = TopicCondition
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
            "role",
            "topic_claim",
        )


class ProfessionalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Professional
        fields = ("slug", "name")


class RedFlagSerializer(serializers.ModelSerializer):
    url = UrlField("red-flag")
    urgency = serializers.SerializerMethodField()
    professionals = ProfessionalSerializer(many=True)
    urgency_assessed = serializers.SerializerMethodField()
    urgency_claim = serializers.SerializerMethodField()
    action_claim = FieldClaim("action")
    professionals_claim = FieldClaim("professionals")

    class Meta:
        model = RedFlag
        fields = (
            "slug",
            "url",
            "sign",
            "urgency",
            "action",
            "professionals",
            "updated_at",
            "urgency_assessed",
            "urgency_claim",
            "applies_when",
            "action_claim",
            "professionals_claim",
        )

    def get_urgency(self, flag):
        return "soon" if flag.urgency == RedFlag.Urgency.NOT_ASSESSED else flag.urgency

    def get_urgency_assessed(self, flag):
        return flag.urgency != RedFlag.Urgency.NOT_ASSESSED

    def get_urgency_claim(self, flag):
        if flag.urgency == RedFlag.Urgency.NOT_ASSESSED:
            return None
        return FieldClaim("urgency", context=self.context).to_representation(flag)


class TreatmentSerializer(serializers.ModelSerializer):
    url = UrlField("treatment")
    parent = ParentSerializer("treatment", allow_null=True)
    category_claim = FieldClaim("category")
    order_of_care_claim = FieldClaim("order_of_care")

    class Meta:
        model = Treatment
        fields = (
            "slug",
            "url",
            "name",
            "category",
            "description",
            "order_of_care",
            "parent",
            "updated_at",
            "category_claim",
            "order_of_care_claim",
        )


def with_topic_claim(item_serializer, item_field):
    class LinkSerializer(serializers.ModelSerializer):
        topic_claim = ClaimSerializer(source="*")

        class Meta:
            model = TopicRedFlag
            fields = ("topic_claim",)

        def to_representation(self, link):
            item = item_serializer(getattr(link, item_field), context=self.context).data
            return {**item, **super().to_representation(link)}

    return LinkSerializer


RedFlagLinkSerializer = with_topic_claim(RedFlagSerializer, "red_flag")
TreatmentLinkSerializer = with_topic_claim(TreatmentSerializer, "treatment")


class FaqSerializer(serializers.ModelSerializer):
    url = UrlField("faq")

    class Meta:
        model = Question
        fields = ("slug", "url", "question", "answer", "updated_at")


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ("title", "publisher", "url", "accessed", "note")


class PeerTopicSerializer(serializers.ModelSerializer):
    url = UrlField("topic")
    short_answer = serializers.SerializerMethodField()
    anatomy = serializers.SerializerMethodField()
    mechanisms = serializers.SerializerMethodField()
    conditions = serializers.SerializerMethodField()
    differentials = serializers.SerializerMethodField()
    red_flags = serializers.SerializerMethodField()
    treatments = serializers.SerializerMethodField()
    key_takeaways = serializers.SerializerMethodField()
    faqs = serializers.SerializerMethodField()
    reviewed_by = serializers.SerializerMethodField()
    review_state = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True)

    class Meta:
        model = Topic
        fields = (
            "slug",
            "url",
            "title",
            "category",
            "summary",
            "updated_at",
            "short_answer",
            "anatomy",
            "mechanisms",
            "conditions",
            "differentials",
            "caution",
            "red_flags",
            "treatments",
            "conclusion",
            "key_takeaways",
            "faqs",
            "created_at",
            "last_reviewed",
            "reviewed_by",
            "next_review_due",
            "review_state",
            "sources",
        )

    def section(self, heading, intro, serializer, items):
        found = {"heading": heading} if intro is None else {"heading": heading, "intro": intro}
        return {**found, "items": serializer(items, many=True, context=self.context).data}

    def get_short_answer(self, topic):
        return {"question": topic.question, "answer": topic.short_answer}

    def get_anatomy(self, topic):
        return self.section(
            topic.overview_heading, topic.overview, AnatomyLinkSerializer, topic.peer_anatomy_links
        )

    def get_mechanisms(self, topic):
        serializer = MechanismLinkSerializer
        return self.section(
            topic.mechanisms_heading, topic.mechanisms_intro, serializer, topic.peer_mechanism_links
        )

    def get_conditions(self, topic):
        causes = [link for link in topic.peer_condition_links if link.role == TopicCondition.Role.CAUSE]
        return self.section(topic.conditions_heading, topic.conditions_intro, ConditionLinkSerializer, causes)

    def get_differentials(self, topic):
        others = [
            link for link in topic.peer_condition_links if link.role == TopicCondition.Role.DIFFERENTIAL
        ]
        heading, intro = topic.differentials_heading, topic.differentials_intro
        return self.section(heading, intro, ConditionLinkSerializer, others)

    def get_red_flags(self, topic):
        serializer = RedFlagLinkSerializer
        return self.section(
            topic.red_flags_heading, topic.red_flags_intro, serializer, topic.peer_red_flag_links
        )

    def get_treatments(self, topic):
        serializer = TreatmentLinkSerializer
        return self.section(
            topic.treatments_heading, topic.treatments_intro, serializer, topic.peer_treatment_links
        )

    def get_key_takeaways(self, topic):
        return {"heading": topic.key_takeaways_heading, "items": [t.text for t in topic.key_takeaways.all()]}

    def get_faqs(self, topic):
        return self.section(topic.faqs_heading, None, FaqSerializer, topic.peer_questions)

    def get_reviewed_by(self, topic):
        if not (topic.reviewed_by_id and topic.reviewer_name):
            return None
        return {"name": topic.reviewer_name, "credentials": topic.reviewer_credentials}

    def get_review_state(self, topic):
        return "clinically_reviewed" if topic.reviewed_by_id else "not_yet_clinically_reviewed"


def links(lookup, model, item, *related):
    queryset = model.objects.filter(**published(f"{item}__")).select_related(item, "source", *related)
    return Prefetch(lookup, queryset=queryset, to_attr=f"peer_{lookup}")


class PeerTopicView(generics.RetrieveAPIView):
    lookup_field = "slug"
    serializer_class = PeerTopicSerializer
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    queryset = Topic.objects.filter(**published()).prefetch_related(
        "sources",
        links("anatomy_links", TopicAnatomy, "structure", "structure__parent"),
        links("mechanism_links", TopicMechanism, "mechanism"),
        links("condition_links", TopicCondition, "condition"),
        links(
            "red_flag_links",
            TopicRedFlag,
            "red_flag",
            "red_flag__urgency_source",
            "red_flag__action_source",
            "red_flag__professionals_source",
        ),
        "peer_red_flag_links__red_flag__professionals",
        links(
            "treatment_links",
            TopicTreatment,
            "treatment",
            "treatment__parent",
            "treatment__category_source",
            "treatment__order_of_care_source",
        ),
        "key_takeaways",
        Prefetch("questions", queryset=Question.objects.filter(**published()), to_attr="peer_questions"),
    )
