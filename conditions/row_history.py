"""What changed in the rows an item owns (its links with their claims, its relations and codes), from each
row's own history: the item's history page lists it, and a refused stale save names it."""

import datetime
from dataclasses import dataclass


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
