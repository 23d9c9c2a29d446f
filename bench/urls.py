"""The project's URLs plus the plain-DRF peers (bench/peer.py, bench/peer_conditions.py,
bench/peer_details.py) and the floor's two views (bench/floor.py), for the bench server only."""

from django.urls import path

from bench import floor
from bench.peer import PeerTopicView
from bench.peer_conditions import PeerConditionListView, PeerConditionView
from bench.peer_details import PEERS
from hipcontent.urls import handler400, handler404, handler500
from hipcontent.urls import urlpatterns as project

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    path("bench/peer/v1/topics/<slug:slug>/", PeerTopicView.as_view(), name="peer-topic"),
    path("bench/peer/v1/conditions/", PeerConditionListView.as_view(), name="peer-condition-list"),
    path("bench/peer/v1/conditions/<slug:slug>/", PeerConditionView.as_view(), name="peer-condition"),
    *(
        path(f"bench/peer/v1/{collection}/<slug:slug>/", view.as_view(), name=f"peer-{collection}")
        for collection, view in PEERS.items()
    ),
    path("bench/floor/django/", floor.plain, name="floor-django"),
    path("bench/floor/drf/", floor.RateLimited.as_view(), name="floor-drf"),
    *project,
]
