"""The changes feed and the snapshot in API v3: the reads every version shares
(hipcontent/api/feeds.py), as JSON-LD.

A change is a schema.org Action on the item: CreateAction when it was first published, UpdateAction when it
changed, DeleteAction when it was unpublished or deleted (a tombstone: its `object.@id` answers 404 now).
"""

from rest_framework import serializers
from rest_framework.reverse import reverse

from conditions import models
from faq.models import Question
from hipcontent.api import feeds
from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE
from hipcontent.api.http.renderers import JSON_LD_RENDERERS
from hipcontent.api.http.schema import COMMON_RESPONSES, problem
from hipcontent.api.v3 import serializers as v3
from hipcontent.api.v3.cursor import PAGE_TERMS
from hipcontent.api.v3.jsonld import ContextField, Node
from hipcontent.api.v3.nodes import TYPES

Kind = models.ChangeEvent.Kind
ACTIONS = {
    Kind.CREATED: "CreateAction",
    Kind.UPDATED: "UpdateAction",
    Kind.UNPUBLISHED: "DeleteAction",
    Kind.DELETED: "DeleteAction",
}


class ChangedItem(serializers.Serializer, metaclass=type(Node)):
    """The item a change is about: where it is (or was), its type and slug."""

    ld_id = serializers.SerializerMethodField(method_name="get_url", help_text="Its v3 detail URL.")
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


class ChangesView(feeds.ChangesView):
    __doc__ = feeds.ChangesView.__doc__
    renderer_classes = JSON_LD_RENDERERS

    get = feeds.with_responses(
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
    "hc:topics": (models.Topic, v3.MedicalWebPage),
    "hc:conditions": (models.Condition, v3.MedicalCondition),
    "hc:mechanisms": (models.Mechanism, v3.MechanismMedicalEntity),
    "hc:anatomy": (models.AnatomicalStructure, v3.AnatomicalStructure),
    "hc:redFlags": (models.RedFlag, v3.MedicalSignOrSymptom),
    "hc:treatments": (models.Treatment, v3.MedicalTherapy),
    "hc:faqs": (Question, v3.Question),
}


class Snapshot(Node):
    type_name = "Dataset"
    ld_context = ContextField()
    ld_id = serializers.URLField(source="url", read_only=True, help_text="This document.")
    version = serializers.IntegerField(
        source="content_version", read_only=True, help_text="The content revision; the same as the ETag's."
    )
    dateCreated = serializers.DateTimeField(source="generated_at", read_only=True)
    hc_topics = v3.MedicalWebPage(many=True, read_only=True)
    hc_conditions = v3.MedicalCondition(many=True, read_only=True)
    hc_mechanisms = v3.MechanismMedicalEntity(many=True, read_only=True)
    hc_anatomy = v3.AnatomicalStructure(many=True, read_only=True)
    hc_redFlags = v3.MedicalSignOrSymptom(many=True, read_only=True)
    hc_treatments = v3.MedicalTherapy(many=True, read_only=True)
    hc_faqs = v3.Question(many=True, read_only=True)


class SnapshotView(feeds.SnapshotView):
    __doc__ = feeds.SnapshotView.__doc__
    renderer_classes = JSON_LD_RENDERERS

    get = feeds.with_responses(feeds.SnapshotView, {200: Snapshot, **feeds.SNAPSHOT_RESPONSES})
    collections = {name: model for name, (model, _serializer) in COLLECTIONS.items()}

    def outline(self, request, content_version, generated_at):
        data = {"url": request.build_absolute_uri(), "content_version": content_version}
        data["generated_at"] = generated_at
        data.update({name: [] for name in COLLECTIONS})
        return Snapshot(data, context={"request": request}).data

    def items(self, request, key, objects):
        # Through the document's own field, so an item is exactly what the whole document would hold.
        return Snapshot(context={"request": request}).fields[key].to_representation(objects)
