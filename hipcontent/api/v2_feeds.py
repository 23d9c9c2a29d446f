"""The changes feed and the snapshot in API v2: the same reads as v1 (hipcontent/api/feeds.py), as JSON-LD.

A change is a schema.org Action on the item: CreateAction when it was first published, UpdateAction when it
changed, DeleteAction when it was unpublished or deleted (a tombstone: its `object.@id` answers 404 now).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.reverse import reverse

from conditions import models
from conditions.api import v2 as conditions_v2
from faq.api import v2 as faq_v2
from faq.models import Question
from hipcontent.api import feeds
from hipcontent.api.cursor import PAGE_TERMS
from hipcontent.api.errors import PROBLEM_CONTENT_TYPE
from hipcontent.api.jsonld import ContextField, Node
from hipcontent.api.nodes import TYPES
from hipcontent.api.views import COMMON_RESPONSES, problem

Kind = models.ChangeEvent.Kind
ACTIONS = {
    Kind.CREATED: "CreateAction",
    Kind.UPDATED: "UpdateAction",
    Kind.UNPUBLISHED: "DeleteAction",
    Kind.DELETED: "DeleteAction",
}


class ChangedItem(serializers.Serializer, metaclass=type(Node)):
    """The item a change is about: where it is (or was), its type and slug."""

    ld_id = serializers.SerializerMethodField(method_name="get_url", help_text="Its v2 detail URL.")
    ld_type = serializers.SerializerMethodField(method_name="get_type", help_text="Its schema.org type.")
    identifier = serializers.SlugField(source="slug", read_only=True)

    def get_url(self, change) -> str:
        return reverse(
            f"{change.item_type}-detail", kwargs={"slug": change.slug}, request=self.context["request"]
        )

    def get_type(self, change) -> str:
        return TYPES[change.item_type]


class Change(serializers.Serializer, metaclass=type(Node)):
    ld_type = serializers.SerializerMethodField(
        method_name="get_action", help_text="CreateAction, UpdateAction, or DeleteAction for a tombstone."
    )
    hc_cursor = serializers.CharField(source="id", read_only=True)
    hc_kind = serializers.ChoiceField(source="kind", choices=Kind.choices, read_only=True)
    endTime = serializers.DateTimeField(source="at", read_only=True, help_text="When it happened.")
    object = ChangedItem(source="*", read_only=True)

    def get_action(self, change) -> str:
        return ACTIONS[change.kind]


class ChangesPage(Node):
    type_name = "ItemList"
    ld_context = ContextField(next=PAGE_TERMS["next"])  # the feed pages forward only
    ld_id = serializers.URLField(source="url", read_only=True, help_text="This page.")
    itemListElement = Change(source="changes", many=True, read_only=True)
    hc_nextCursor = serializers.CharField(source="next_cursor", read_only=True)
    hc_hasMore = serializers.BooleanField(source="has_more", read_only=True)
    next = serializers.URLField(source="next_url", allow_null=True, read_only=True)


def documented_get(parent, responses):
    """A view's get() with the parameters and description v1 documents for it, and v2's `responses`."""

    def get(self, request):
        return parent.get(self, request)

    get.kwargs = {"schema": parent.get.kwargs["schema"]}  # extend_schema builds on what is there
    return extend_schema(responses=responses)(get)


class ChangesView(feeds.ChangesView):
    __doc__ = feeds.ChangesView.__doc__

    get = documented_get(
        feeds.ChangesView,
        {
            200: ChangesPage,
            (400, PROBLEM_CONTENT_TYPE): problem("`since` or `limit` is not valid: `errors` says why."),
            **COMMON_RESPONSES,
        },
    )

    def page(self, request, changes, next_cursor, has_more, next_url):
        page = {
            "url": request.build_absolute_uri(),
            "changes": changes,
            "next_cursor": next_cursor,
            "has_more": has_more,
            "next_url": next_url,
        }
        return ChangesPage(page, context={"request": request}).data


COLLECTIONS = {
    "hc:topics": (models.Topic, conditions_v2.MedicalWebPage),
    "hc:conditions": (models.Condition, conditions_v2.MedicalCondition),
    "hc:mechanisms": (models.Mechanism, conditions_v2.MechanismMedicalEntity),
    "hc:anatomy": (models.AnatomicalStructure, conditions_v2.AnatomicalStructure),
    "hc:redFlags": (models.RedFlag, conditions_v2.MedicalSignOrSymptom),
    "hc:treatments": (models.Treatment, conditions_v2.MedicalTherapy),
    "hc:faqs": (Question, faq_v2.Question),
}


class Snapshot(Node):
    type_name = "Dataset"
    ld_context = ContextField()
    ld_id = serializers.URLField(source="url", read_only=True, help_text="This document.")
    version = serializers.IntegerField(
        source="content_version", read_only=True, help_text="The content revision; the same as the ETag's."
    )
    dateCreated = serializers.DateTimeField(source="generated_at", read_only=True)
    hc_topics = conditions_v2.MedicalWebPage(many=True, read_only=True)
    hc_conditions = conditions_v2.MedicalCondition(many=True, read_only=True)
    hc_mechanisms = conditions_v2.MechanismMedicalEntity(many=True, read_only=True)
    hc_anatomy = conditions_v2.AnatomicalStructure(many=True, read_only=True)
    hc_redFlags = conditions_v2.MedicalSignOrSymptom(many=True, read_only=True)
    hc_treatments = conditions_v2.MedicalTherapy(many=True, read_only=True)
    hc_faqs = faq_v2.Question(many=True, read_only=True)


class SnapshotView(feeds.SnapshotView):
    __doc__ = feeds.SnapshotView.__doc__

    get = documented_get(feeds.SnapshotView, {200: Snapshot, **COMMON_RESPONSES})

    def document(self, request, content_version, generated_at):
        data = {"url": request.build_absolute_uri(), "content_version": content_version}
        data["generated_at"] = generated_at
        data.update({name: model.objects.for_detail() for name, (model, _) in COLLECTIONS.items()})
        return Snapshot(data, context={"request": request}).data
