"""The routes of API v2: the same collections as v1, each item a schema.org JSON-LD node; lists by cursor.

What every version shares is in hipcontent/api/routes.py; v2 adds its vocabulary of `hc:` terms.
"""

from django.urls import path

from hipcontent.api import routes, v2_feeds
from hipcontent.api.v2_search import SearchView
from hipcontent.api.vocab import VocabularyView

urlpatterns = [
    path("changes/", v2_feeds.ChangesView.as_view(), name="changes"),
    path("snapshot/", v2_feeds.SnapshotView.as_view(), name="snapshot"),
    path("search/", SearchView.as_view(), name="search"),
    path("vocab/", VocabularyView.as_view(), name="vocab"),
    *routes.docs("v2"),
    routes.collections(),
]
