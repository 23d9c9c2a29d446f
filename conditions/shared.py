"""Editing a row many items cite (a source, a professional): the change waits for each item's review.

Published items cite frozen approved copies (conditions/publishing.py `approved_copy`), so an edit to the
working row changes nothing apps see. Each item that cites it now differs from what was approved, as if it
had been edited itself: it becomes a draft, with the shared row's editor as its last editor (four eyes),
and reaches apps again when a clinical reviewer approves it, reading the change in its diff.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from conditions import workflow
from conditions.models import Publishable


def citing_items(row):
    """Every working item that cites shared `row`: in its fields, its links, or the rows it owns."""
    items = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        lookups = [
            field.name
            for field in model._meta.get_fields()
            if field.concrete and field.is_relation and field.related_model is type(row)
        ]
        for accessor in model.owned_children:
            relation = model._meta.get_field(accessor)
            child = relation.related_model
            lookups += [
                f"{relation.name}__{field.name}"
                for field in child._meta.concrete_fields
                if field.is_relation and field.related_model is type(row)
            ]
        if lookups:
            match = Q()
            for lookup in lookups:
                match |= Q(**{lookup: row})
            items += model.objects.working().filter(match).distinct().order_by("pk")
    return items


@transaction.atomic
def record_edit(*, row, by):
    """`by` saved shared working `row`: each item citing it is a draft again, `by` its last editor.
    Returns those items."""
    items = citing_items(row)
    for item in items:
        workflow.record_edit(item=item, by=by)
    return items
