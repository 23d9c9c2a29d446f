"""Bringing back a past version of an item, deleted or not: its fields, its links and its owned rows.

django-simple-history records every save and deletion (and the many-to-many links named in each model's
`_history_m2m_fields`). A restored version is a draft: like any edit, it goes through review again.
"""

import datetime
from dataclasses import dataclass

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


@dataclass(frozen=True)
class LinkChange:
    """One recorded change to a row an item owns (a link with its claim, a relation, a code)."""

    when: datetime.datetime
    who: object
    kind: str  # added, changed or removed
    row: str  # what the row is, e.g. "condition treatment: Surgical Intervention"
    fields: tuple = ()  # (field, before, after) for a change; (field, value) rows for an addition


KINDS = {"+": "added", "~": "changed", "-": "removed"}


def link_changes(item):
    """Every recorded change to the rows `item` owns (its links, each with its own history since links carry a
    claim), newest first, each with what changed. Reads each owned model's history once, and the names of
    the items the rows point at once per model."""
    changes = []
    for accessor in type(item).owned_children:
        descriptor = getattr(type(item), accessor)
        child_model, parent_field = descriptor.rel.related_model, descriptor.field.name
        if not hasattr(child_model, "history"):
            continue
        records = list(
            child_model.history.filter(**{f"{parent_field}_id": item.pk})
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        fields = [
            field
            for field in child_model._meta.concrete_fields
            if not field.primary_key and field.name != parent_field
        ]
        fields.sort(key=lambda field: not _names_item(field))  # the linked item first, then its claim
        names = _target_names(fields, records)
        label = child_model._meta.verbose_name
        previous = {}
        for record in records:
            before = previous.get(record.id)
            values = {field.name: _shown(field, record, names) for field in fields}
            if record.history_type == "~" and before is not None:
                shown = tuple(
                    (field.verbose_name, before[field.name], values[field.name])
                    for field in fields
                    if before[field.name] != values[field.name]
                )
            elif record.history_type == "+":
                shown = tuple(
                    (field.verbose_name, values[field.name]) for field in fields if values[field.name]
                )
            else:
                shown = ()
            previous[record.id] = values
            if record.history_type == "~" and not shown:
                continue  # saved again unchanged (the admin saves every inline row with the item)
            row = " ".join(str(values[field.name]) for field in fields if _names_item(field))
            changes.append(
                LinkChange(
                    when=record.history_date,
                    who=record.history_user,
                    kind=KINDS[record.history_type],
                    row=f"{label}: {row}" if row else label,
                    fields=shown,
                )
            )
    return sorted(changes, key=lambda change: change.when, reverse=True)


def _names_item(field):
    return field.is_relation and field.name != "source"


def _target_names(fields, records):
    """{(field name, pk): str(target)} for every item the records' foreign keys name, one query per field."""
    names = {}
    for field in fields:
        if not field.is_relation:
            continue
        ids = {getattr(record, field.attname) for record in records} - {None}
        for pk, target in field.related_model._base_manager.in_bulk(ids).items():
            names[field.name, pk] = str(target)
    return names


def _shown(field, record, names):
    value = getattr(record, field.attname)
    if field.is_relation:
        return names.get((field.name, value), f"#{value} (deleted)") if value is not None else ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value
