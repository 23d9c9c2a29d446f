"""The routes of API v1 (hipcontent/api/routes.py has what every version shares)."""

from django.urls import path

from hipcontent.api import feeds, routes
from hipcontent.api.search import SearchView

urlpatterns = [
    path("changes/", feeds.ChangesView.as_view(), name="changes"),
    path("snapshot/", feeds.SnapshotView.as_view(), name="snapshot"),
    path("search/", SearchView.as_view(), name="search"),
    *routes.docs("v1"),
    routes.collections(),
]
