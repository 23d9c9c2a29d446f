"""Settings of the bench server only (bench/run.py): the project's, plus the peer's URL (bench/urls.py)."""

from hipcontent.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
