"""Approval copies an item's working row onto its live row; the API reads live rows only.

A live row links only to live rows. When the working row links to something that was never approved, the
link goes to a hidden placeholder live row (status draft), which the API filters out until that item is
approved in turn. So approving one item never publishes another, and linked items show their approved
state, whatever their editors are doing to them meanwhile.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from conditions import changes
from conditions.models import ChangeEvent, Publishable, Status
from conditions.models.base import Shared

# Fields that say which row this is and where it stands; the rest is content, copied as it is.
ROW_FIELDS = {"is_live", "working_copy", "status", "created_at", "updated_at", "last_edited_by"}


def live_copy_of(item):
    """The live row of a working `item`: its own, an orphan with its slug, or a new hidden placeholder."""
    try:
        return item.live_copy
    except ObjectDoesNotExist:
        pass
    model = type(item)
    # A deleted item leaves its live row behind, withdrawn; an item that takes its slug takes it over.
    live = model.objects.filter(is_live=True, slug=item.slug).first()
    if live is not None and live.working_copy_id is not None:
        raise ValidationError(
            f"The slug {item.slug!r} is still live for another {model._meta.verbose_name} "
            "until that item's new slug is approved."
        )
    live = live or model(is_live=True, status=Status.DRAFT)
    live.working_copy = item
    _copy_fields(item, live)
    live.save()
    return live


def approved_copy(row):
    """The frozen copy of shared working `row` (a source, a professional) as it is now, made if none is.

    Copies never change, so a live item keeps citing the row as it was when the item was approved; items
    approved while the row reads the same share one copy.
    """
    model = type(row)
    values = {
        field.attname: getattr(row, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in ("is_live", "working_copy")
    }
    copy = model.objects.filter(is_live=True, working_copy=row, **values).order_by("-pk").first()
    return copy or model.objects.create(is_live=True, working_copy=row, **values)


def _live_target(target):
    """What a live row links to in place of working `target`: its live copy, or its approved copy."""
    if target is None or target.is_live:
        return target
    if isinstance(target, Publishable):
        return live_copy_of(target)
    if isinstance(target, Shared):
        return approved_copy(target)
    return target


def _points_to_copies(field):
    return field.is_relation and issubclass(field.related_model, (Publishable, Shared))


def _copy_fields(item, live):
    for field in item._meta.concrete_fields:
        if field.primary_key or field.name in ROW_FIELDS:
            continue
        if _points_to_copies(field):
            setattr(live, field.name, _live_target(getattr(item, field.name)))
        else:
            setattr(live, field.attname, getattr(item, field.attname))


def _copy_links(item, live):
    for field in item._meta.many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue  # links with their own rows (and provenance) are owned children, copied below
        targets = getattr(item, field.name).all()
        if _points_to_copies(field):
            targets = [_live_target(target) for target in targets]
        getattr(live, field.name).set(targets)
    for accessor in type(item).owned_children:
        manager = getattr(live, accessor)
        manager.all().delete()
        for child in getattr(item, accessor).all():
            child.pk = None
            child._state.adding = True
            setattr(child, manager.field.name, live)
            _copy_child_targets(child, exclude=manager.field.name)
            child.save()


def _copy_child_targets(child, *, exclude):
    for field in child._meta.concrete_fields:
        if field.name != exclude and _points_to_copies(field):
            setattr(child, field.name, _live_target(getattr(child, field.name)))


def publish(item, *, record=True):
    """Write working `item` onto its live row, published, with its links and children; return the live row.

    `record=False` (a preview, rolled back) writes no change event: the change log, the content revision and
    webhooks never hear of it, and no revision is taken that a later real publish could be given again.
    """
    live = live_copy_of(item)
    was_public, old_slug = live.status == Status.PUBLISHED, live.slug
    # Asked before the links are replaced: an item it stops linking stops showing it, and must hear so.
    showed_it = changes.dependents(live) if record and was_public else []
    _copy_fields(item, live)
    live.status = Status.PUBLISHED
    live.save()
    _copy_links(item, live)
    if not record:
        return live
    if was_public and old_slug != live.slug:
        # Apps know the item by its slug: the old one is gone, and a new one appears.
        changes.record(ChangeEvent.Kind.DELETED, live, slug=old_slug)
        was_public = False
    changes.record(ChangeEvent.Kind.UPDATED if was_public else ChangeEvent.Kind.CREATED, live)
    changes.record_dependents(live, also=showed_it)
    return live


def withdraw(item, *, kind=ChangeEvent.Kind.UNPUBLISHED):
    """Hide `item`'s live row from the API, if it is published, recording it as unpublished or deleted."""
    try:
        live = item.live_copy
    except ObjectDoesNotExist:
        return
    if live.status != Status.PUBLISHED:
        return
    live.status = Status.UNPUBLISHED
    live.save()
    changes.record(kind, live)
    changes.record_dependents(live)
