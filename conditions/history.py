"""Bringing back a past version of an item, deleted or not: its fields, its links and its owned rows.

django-simple-history records every save and deletion (and the many-to-many links named in each model's
`_history_m2m_fields`). A restored version is a draft: like any edit, it goes through review again.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from conditions.models import ReviewEvent, Status
from conditions.workflow import log


def deleted_versions(model):
    """The last recorded version of each working item of `model` that has since been deleted, newest first."""
    deletions = model.history.filter(history_type="-", is_live=False).exclude(
        id__in=model.objects.values("id")
    )
    latest = {}
    for record in deletions.order_by("-history_date"):
        latest.setdefault(record.id, record)
    return list(latest.values())


def _version_before_deletion(record):
    # The deletion record holds the fields, but its links were already gone when it was written.
    return record.prev_record if record.history_type == "-" and record.prev_record else record


@transaction.atomic
def restore_version(*, record, by):
    """Make the working item what `record` recorded, as a draft. Returns the item."""
    record = _version_before_deletion(record)
    model = record.instance_type
    item = record.instance
    item._state.adding = not model.objects.filter(pk=item.pk).exists()
    item.status = Status.DRAFT
    item.last_edited_by = by  # a revert is an edit: whoever made it does not approve it
    item.full_clean(exclude=["working_copy"])
    item.save()
    for field in record._history_m2m_fields:
        target = field.m2m_reverse_field_name()
        ids = [getattr(row, f"{target}_id") for row in getattr(record, field.name).all()]
        # Links to items deleted since are left out; they can be restored and linked again.
        getattr(item, field.name).set(field.related_model.objects.filter(pk__in=ids))
    for accessor in model.owned_children:
        _restore_children(item, accessor, when=_end_of(record))
    log(
        item,
        action=ReviewEvent.Action.RESTORED,
        by=by,
        comment=f"Version of {record.history_date:%Y-%m-%d %H:%M}",
    )
    return item


def _end_of(record):
    """The last moment `record` was the item's current version: inline rows are saved after the item."""
    following = record.next_record
    return following.history_date - datetime.timedelta(microseconds=1) if following else timezone.now()


def _restore_children(item, accessor, *, when):
    descriptor = getattr(type(item), accessor)
    child_model, parent_field = descriptor.rel.related_model, descriptor.field.name
    getattr(item, accessor).all().delete()
    for old in child_model.history.as_of(when).filter(**{f"{parent_field}_id": item.pk}):
        child = getattr(old, "instance", old)
        child.pk = None
        child._state.adding = True
        if all(_target_exists(child, field) for field in child._meta.concrete_fields if field.is_relation):
            child.save()


def _target_exists(child, field):
    value = getattr(child, field.attname)
    return value is None or field.related_model._base_manager.filter(pk=value).exists()
