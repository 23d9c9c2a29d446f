"""The project's URLs plus the plain-DRF peer (bench/peer.py), for the bench server only."""

from django.urls import path

from bench.peer import PeerTopicView
from hipcontent.urls import handler400, handler404, handler500
from hipcontent.urls import urlpatterns as project

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    path("bench/peer/v1/topics/<slug:slug>/", PeerTopicView.as_view(), name="peer-topic"),
    *project,
]
