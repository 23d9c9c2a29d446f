"""Webhooks end to end: the outbox written with each change, signed delivery to real local receivers,
retries with backoff, dead letters in the admin, one delivery under concurrency, and the real worker.

Receivers are http.server instances on 127.0.0.1 (helpers.Receiver). Retries are driven with an explicit clock
(`now=`). Tasks run in-process in every test here.
"""

import pytest
from huey.contrib.djhuey import HUEY

from conditions import workflow
from conditions.models import Condition
from tests.conditions.webhooks.helpers import Receiver


@pytest.fixture(autouse=True)
def _immediate_huey():
    """Tasks run in-process, whatever the environment says (the Makefile sets HUEY_IMMEDIATE=1 too)."""
    was, HUEY.immediate = HUEY.immediate, True
    yield
    HUEY.immediate = was


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def in_review(editor):
    item = Condition.objects.create(slug="knee-pain", name="Knee Pain", summary="Version one.")
    workflow.submit_for_review(item=item, by=editor)
    return item
