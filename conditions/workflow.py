"""The editorial workflow: draft → in review → published, and withdrawal. Each step checks who may take it.

Editors write and submit; clinical reviewers (the `conditions.publish_content` permission) approve, send
back with a comment, or unpublish. Four eyes: whoever made the last edit does not approve it, unless
REVIEW_ALLOW_SELF_APPROVAL allows it (a one-person team), and the review log then marks it self-approved.
Approval stamps the review (date, reviewer, next due date) and copies the item onto its live row
(conditions/publishing.py); nothing else changes what the API serves.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CASCADE, ProtectedError
from django.utils import timezone

from conditions import notifications, publishing, versions
from conditions.models import ChangeEvent, ConditionLink, ConditionRelation, Publishable, ReviewEvent, Status
from conditions.models.topic import TopicLink

PUBLISH_PERMISSION = "conditions.publish_content"


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def _require(condition, message):
    if not condition:
        raise ValidationError(message)


def _require_reviewer(user):
    if not can_publish(user):
        raise PermissionDenied("Only clinical reviewers can approve, send back or unpublish content.")


def log(item, *, action, by, comment="", self_approved=False):
    ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        slug=item.slug,
        action=action,
        user=by,
        comment=comment,
        self_approved=self_approved,
    )
    notifications.step_taken(item=item, action=action, by=by, comment=comment)


def _save_status(item, status):
    item.status = status
    item.save(update_fields=["status", "updated_at"])


@transaction.atomic
def record_edit(*, item, by):
    """An editor saved `item`: whatever stage it was at, it is a draft again until it is re-approved, and
    `by` is its last editor, who may not approve it (four eyes)."""
    item.last_edited_by = by
    if item.status != Status.DRAFT:
        item.status = Status.DRAFT
        item.save(update_fields=["status", "last_edited_by", "updated_at"])
    else:
        # Not a save: the edit itself was the item's new version (conditions/versions.py).
        type(item)._base_manager.filter(pk=item.pk).update(last_edited_by=by)


def last_editor_id(item):
    """The id of whoever last changed `item`'s content, as the database has it; None if nobody recorded."""
    return type(item)._base_manager.filter(pk=item.pk).values_list("last_edited_by", flat=True).first()


def may_approve_own_edit():
    return settings.REVIEW_ALLOW_SELF_APPROVAL is True  # anything else is refused (and fails hipcontent.E006)


@transaction.atomic
def submit_for_review(*, item, by, comment=""):
    _require(
        item.status == Status.DRAFT,
        f"Only a draft can be submitted; this one is {item.get_status_display()}.",
    )
    item.full_clean()
    _save_status(item, Status.IN_REVIEW)
    log(item, action=ReviewEvent.Action.SUBMITTED, by=by, comment=comment)


def _reviewer_profile(user):
    try:
        return user.reviewer_profile
    except ObjectDoesNotExist:
        raise ValidationError(
            "Add your reviewer profile (display name and credentials) before you approve: "
            "apps show them as the reviewer."
        ) from None


@transaction.atomic
def approve(*, item, by, comment="", today=None, seen=None):
    """Publish `item` as it is now, stamped as reviewed by `by` today, due again after the review interval.

    `seen`: the version the reviewer read (conditions/versions.py); refused if the item changed since.
    """
    _require_reviewer(by)
    versions.require_unchanged(item, seen, doing="approved")
    _require(item.status == Status.IN_REVIEW, "Only an item in review can be approved.")
    self_approved = last_editor_id(item) == by.pk
    _require(
        not self_approved or may_approve_own_edit(),
        "You made the last edit to this item: another clinical reviewer must approve it.",
    )
    profile = _reviewer_profile(by)
    today = today or timezone.localdate()
    item.last_reviewed = today
    item.reviewed_by = by
    # The stamp names the reviewer as they are now: a later edit of their profile changes no published item.
    item.reviewer_name, item.reviewer_credentials = profile.display_name, profile.credentials
    item.next_review_due = today + datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    item.status = Status.PUBLISHED
    item.full_clean()
    item.save()
    publishing.publish(item)
    log(item, action=ReviewEvent.Action.APPROVED, by=by, comment=comment, self_approved=self_approved)


@transaction.atomic
def send_back(*, item, by, comment):
    _require_reviewer(by)
    _require(item.status == Status.IN_REVIEW, "Only an item in review can be sent back.")
    _require(comment.strip(), "Say what needs to change: a comment is required when sending back.")
    _save_status(item, Status.DRAFT)
    log(item, action=ReviewEvent.Action.SENT_BACK, by=by, comment=comment)


@transaction.atomic
def unpublish(*, item, by, comment=""):
    """Withdraw `item` from the API at once. Its content stays, as a draft of an unpublished item."""
    _require_reviewer(by)
    _require(is_live(item), "This item is not published.")
    publishing.withdraw(item)
    _save_status(item, Status.UNPUBLISHED)
    log(item, action=ReviewEvent.Action.UNPUBLISHED, by=by, comment=comment)


@transaction.atomic
def delete(*, item, by):
    """Delete the working row; its live row is withdrawn and kept, and history keeps every version.

    Refused while other items link to it: deleting would drop those links from them silently, with nothing
    in their history, and restoring the item would not bring them back.
    """
    _require(not is_live(item) or can_publish(by), "Only a clinical reviewer can delete published content.")
    if linkers := inbound_links(item):
        raise ValidationError(f"{item} is still linked from {', '.join(linkers)}. Remove those links first.")
    publishing.withdraw(item, kind=ChangeEvent.Kind.DELETED)
    log(item, action=ReviewEvent.Action.DELETED, by=by)
    try:
        item.delete()
    except ProtectedError as error:
        users = ", ".join(sorted({_linker(obj)[1] for obj in error.protected_objects}))
        raise ValidationError(f"{item} is still linked from {users}. Remove those links first.") from None


def inbound_links(item):
    """Who links to working `item`, in plain words, topics first: each working item whose links or fields
    name it (a topic for its ordered rows). Rows the item owns (deleted with it) and live rows are not
    links."""
    return [name for _item, name in linking_items(item)]


def linking_items(item):
    """The working items that link `item` (inbound_links), each with its name in plain words, topics first."""
    linkers = {}
    for model in apps.get_models():
        if hasattr(model, "instance_type"):  # django-simple-history's record of a model: not a link
            continue
        for field in model._meta.get_fields():
            if not _links_to(field, type(item)):
                continue
            rows = model._base_manager.filter(**{field.name: item})
            if issubclass(model, Publishable):
                rows = rows.filter(is_live=False).exclude(pk=item.pk)
            for row in rows:
                linker, name = _linker(row)
                linkers[(not isinstance(row, TopicLink), name)] = linker
    return [(linkers[key], key[1]) for key in sorted(linkers)]  # the articles first


def _links_to(field, model):
    if not (field.concrete and field.is_relation and field.related_model is model):
        return False
    # A foreign key that deletes its row with the item is the item's own row (a code, a takeaway).
    return field.many_to_many or field.remote_field.on_delete is not CASCADE


def _linker(obj):
    """What an editor would unlink: the topic or condition owning a link row, else the item itself."""
    if isinstance(obj, TopicLink):
        return obj.topic, str(obj.topic)
    if isinstance(obj, (ConditionLink, ConditionRelation)):
        obj = obj.condition  # named as the condition itself is where its many-to-many field links the item
    return obj, f"{obj._meta.verbose_name} {obj}"


def is_live(item):
    """Whether the API serves `item` now."""
    try:
        return item.live_copy.status == Status.PUBLISHED
    except ObjectDoesNotExist:
        return False
