"""Which version of an item someone read, and what changed since: approvals and saves are bound to it.

An item's version is the id of its newest history record. Every save of the working row records one: an
edit (the admin saves the item with its inline rows), a step of the workflow, a revert. A reviewer's Approve
and an editor's Save carry the version their page was rendered at; if the item has moved on since, they are
refused with what changed (conditions/workflow.py, conditions/admin/base.py), so nobody approves what they
did not read and no save silently overwrites another.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from conditions.models import ReviewEvent
from conditions.row_history import link_changes

# Not content: where the item stands and when it was saved. A change of these alone is still a new version.
NOT_CONTENT = {"status", "updated_at", "created_at", "is_live", "working_copy", "last_edited_by"}
SHOWN = 80  # characters of each old and new value in a refusal


def version_of(item):
    """The id of `item`'s newest history record; 0 if it has none."""
    if item.pk is None:
        return 0
    newest = item.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return newest or 0


def lock(item):
    """Hold `item`'s working row until the transaction ends, so its version cannot move between a check and
    the write that relies on it (PostgreSQL; SQLite lets one writer at a time anyway)."""
    type(item)._base_manager.select_for_update().filter(pk=item.pk).values_list("pk").first()


def changes_since(item, seen):
    """What changed in `item` since version `seen`, one plain sentence per field."""
    old = item.history.filter(history_id=seen).first()
    new = item.history.order_by("-history_id").first()
    if old is None or new is None:
        return ["its earlier version is no longer recorded"]
    delta = new.diff_against(old, excluded_fields=NOT_CONTENT)
    said = []
    for change in delta.changes:
        field = type(item)._meta.get_field(change.field)
        if field.many_to_many:
            said.append(f"{field.verbose_name}: links changed")
        else:
            said.append(f"{field.verbose_name}: {_shown(change.old)} → {_shown(change.new)}")
    said += _rows_changed_after(item, old)
    said += [f"{event.get_action_display().lower()} by {event.user}" for event in _steps_after(item, old)]
    return said or ["it was saved again: its ordered rows or links may have changed"]


def _rows_changed_after(item, record):
    """The rows `item` owns (links, relations, codes) changed by saves after `record`, one sentence each: the
    admin saves them just after the item, so those of the save that made `record` are not news."""
    following = item.history.filter(history_id__gt=record.history_id).order_by("history_id").first()
    if following is None:
        return []
    said = []
    for change in reversed(link_changes(item)):  # oldest first
        if change.when < following.history_date:
            continue
        if change.kind == "changed":
            said += [
                f"{change.row}, {name}: {_shown(before)} → {_shown(after)}"
                for name, before, after in change.fields
            ]
        else:
            said.append(f"{change.row} {change.kind}")
    return said


def _steps_after(item, record):
    # A step is logged just after the save it makes: the one that made `record` is not news.
    following = item.history.filter(history_id__gt=record.history_id).order_by("history_id").first()
    if following is None:
        return []
    steps = ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        at__gte=following.history_date,
    )
    return steps.select_related("user").order_by("at", "id")


def _shown(value):
    text = str(value)
    text = text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
    return f"“{text}”" if isinstance(value, str) else text


def require_unchanged(item, seen, *, doing):
    """Refuse (ValidationError) `doing` if `item` has moved on from version `seen`. None: not checked."""
    if seen in (None, ""):
        return
    lock(item)
    if version_of(item) == int(seen):
        return
    what = "; ".join(changes_since(item, int(seen)))
    raise ValidationError(
        f"Not {doing}: {item} changed since you opened it ({what}). Read the current version first.",
        code="stale",
    )
