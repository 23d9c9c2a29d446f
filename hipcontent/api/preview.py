"""The admin's "Preview API JSON": an item rendered as a version's detail endpoint renders it, through the
endpoint's own viewset and serializer, but not through its HTTP machinery. Nothing is read from or written to
the shared cache (representations, counts, rate limits) and no revision is read: a preview happens inside a
transaction that is rolled back, and what it sees must never be kept or served (conditions/preview.py)."""

import json

from django.test import RequestFactory
from django.urls import resolve, reverse
from rest_framework.renderers import JSONRenderer


def render_detail(live, request, *, version="v1"):
    """`live` (a published live row) as `version`'s detail endpoint would serve it, as Python data."""
    url = reverse(f"{version}:{live.api_name}-detail", kwargs={"slug": live.slug})
    match = resolve(url)
    api_request = RequestFactory().get(url, HTTP_HOST=request.get_host(), secure=request.is_secure())
    api_request.resolver_match = match  # the API version comes from the URL namespace
    view = match.func.cls(**match.func.initkwargs)
    view.action_map, view.action = match.func.actions, "retrieve"
    view.args, view.kwargs, view.format_kwarg = (), match.kwargs, None
    view.request = drf_request = view.initialize_request(api_request)
    drf_request.version, drf_request.versioning_scheme = view.determine_version(drf_request, **match.kwargs)
    # Read as the endpoint reads it (its prefetches), from the preview's transaction.
    item = view.get_queryset().get(pk=live.pk)
    return json.loads(JSONRenderer().render(view.get_serializer(item).data))
