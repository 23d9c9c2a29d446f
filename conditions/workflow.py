"""The editorial workflow: draft → in review → published, and withdrawal. Each step checks who may take it.

Editors write and submit; clinical reviewers (the `conditions.publish_content` permission) approve, send
back with a comment, or unpublish. Approval stamps the review (date, reviewer, next due date) and copies the
item onto its live row (conditions/publishing.py); nothing else changes what the API serves.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from conditions import publishing
from conditions.models import ChangeEvent, ConditionLink, ConditionRelation, ReviewEvent, Status
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


def log(item, *, action, by, comment=""):
    ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        slug=item.slug,
        action=action,
        user=by,
        comment=comment,
    )


def _save_status(item, status):
    item.status = status
    item.save(update_fields=["status", "updated_at"])


@transaction.atomic
def record_edit(*, item, by):
    """An editor saved `item`: whatever stage it was at, it is a draft again until it is re-approved."""
    if item.status != Status.DRAFT:
        _save_status(item, Status.DRAFT)


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
def approve(*, item, by, comment="", today=None):
    """Publish `item` as it is now, stamped as reviewed by `by` today, due again after the review interval."""
    _require_reviewer(by)
    _require(item.status == Status.IN_REVIEW, "Only an item in review can be approved.")
    _reviewer_profile(by)
    today = today or timezone.localdate()
    item.last_reviewed = today
    item.reviewed_by = by
    item.next_review_due = today + datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    item.status = Status.PUBLISHED
    item.full_clean()
    item.save()
    publishing.publish(item)
    log(item, action=ReviewEvent.Action.APPROVED, by=by, comment=comment)


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
    """Delete the working row; its live row is withdrawn and kept, and history keeps every version."""
    _require(not is_live(item) or can_publish(by), "Only a clinical reviewer can delete published content.")
    publishing.withdraw(item, kind=ChangeEvent.Kind.DELETED)
    log(item, action=ReviewEvent.Action.DELETED, by=by)
    try:
        item.delete()
    except ProtectedError as error:
        users = ", ".join(sorted({_linker(obj) for obj in error.protected_objects}))
        raise ValidationError(f"{item} is still linked from {users}. Remove those links first.") from None


def _linker(obj):
    """What an editor would unlink: the topic or condition owning a link row, else the item itself."""
    if isinstance(obj, TopicLink):
        return str(obj.topic)
    if isinstance(obj, (ConditionLink, ConditionRelation)):
        return str(obj.condition)
    return f"{obj._meta.verbose_name} {obj}"


def is_live(item):
    """Whether the API serves `item` now."""
    try:
        return item.live_copy.status == Status.PUBLISHED
    except ObjectDoesNotExist:
        return False
