"""Preview: the JSON that approving an item now would publish, computed without publishing anything.

The item is published inside a transaction that is always rolled back, writing no change event
(`publishing.publish(record=False)`), so the change log, the content revision and webhooks never hear of it.
The API renders the live row as its detail endpoint would, but straight through its serializer: no cache, no
rate limit, no revision. Content never imports the API, so the API registers its renderer here
(hipcontent/apps.py), as it listens to `changes.revision_changed`.
"""

from django.db import transaction

from conditions import publishing, workflow

_renderer = None


def register(renderer):
    """`renderer(live, request)` → the API's JSON-ready data for the published live row `live`."""
    global _renderer
    _renderer = renderer


def preview(item, request):
    """What the API would serve for `item` if it were approved now, as Python data."""
    if _renderer is None:
        raise RuntimeError("No API registered a preview renderer (hipcontent/apps.py).")
    with transaction.atomic():
        try:
            return _renderer(publishing.publish(item, record=False), request)
        finally:
            transaction.set_rollback(True)


def served_now(item, request):
    """What the API serves for `item` now (its live row), as Python data; None if it serves nothing."""
    if _renderer is None:
        raise RuntimeError("No API registered a preview renderer (hipcontent/apps.py).")
    return _renderer(item.live_copy, request) if workflow.is_live(item) else None
