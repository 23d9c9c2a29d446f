"""Workers: two at once deliver a row once (PostgreSQL row locks), and the real `run_huey` worker delivers
what the web process enqueued on Redis."""

import os
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import pytest
from django.db import connection
from huey.contrib.djhuey import HUEY

from conditions import delivery, tasks
from conditions.models import WebhookDelivery
from tests.conditions.webhooks.helpers import (
    POSTGRES,
    REDIS_URL,
    ROOT,
    State,
    outbox_row,
)


@pytest.mark.skipif(not POSTGRES, reason="SQLite has no row locks: two workers are tested on PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_deliver_once(receiver):
    row = outbox_row(receiver.url)
    receiver.gate = threading.Event()  # the first request hangs, holding the row's lock

    def first_worker():
        try:
            delivery.deliver(row.pk)
        finally:
            connection.close()

    first = threading.Thread(target=first_worker)
    first.start()
    assert receiver.arrived.wait(5)
    assert delivery.deliver(row.pk) is None  # the second worker skips the locked row at once
    receiver.gate.set()
    first.join(10)

    row.refresh_from_db()
    assert (row.state, row.attempts, len(receiver.requests)) == ("delivered", 1, 1)


def database_url():
    db = connection.settings_dict
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


@pytest.mark.skipif(
    not (REDIS_URL and POSTGRES),
    reason="the real worker needs REDIS_URL (its queue) and a PostgreSQL DATABASE_URL "
    "(SQLite's in-memory test database is invisible to another process)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_delivers_from_redis(receiver, tmp_path):
    from huey.storage import RedisStorage

    row = outbox_row(receiver.url)
    # The web process's enqueue, onto the queue the worker reads (the settings' name, on Redis).
    message = HUEY.serialize_task(tasks.deliver_task.s(row.pk))
    RedisStorage(HUEY.name, url=REDIS_URL).enqueue(message)

    env = {**os.environ, "HUEY_IMMEDIATE": "0", "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url()}
    env.setdefault("SECRET_KEY", "test-only-not-secret")
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 30
            delivered = WebhookDelivery.objects.filter(pk=row.pk, state=State.DELIVERED)
            while not delivered.exists() and time.monotonic() < deadline and worker.poll() is None:
                time.sleep(0.1)
        finally:
            worker.terminate()
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    assert len(receiver.requests) == 1, log.read_text()
    assert receiver.requests[0][0]["Webhook-Id"] == str(row.pk)
    row.refresh_from_db()
    assert row.state == "delivered"
