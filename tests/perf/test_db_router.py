"""Read replicas: which database each read and write goes to when DATABASE_REPLICA_URLS names replicas."""

import pytest
from django.db import router
from django.test import RequestFactory

from conditions.models import AppKey, ChangeEvent, Condition, WebhookDelivery
from faq.models import Question
from hipcontent.db_router import ReplicaReadsMiddleware, api_reads


@pytest.fixture
def replicas(settings):
    default = settings.DATABASES["default"]
    settings.DATABASES = {
        "default": default,
        "replica1": {**default, "TEST": {"MIRROR": "default"}},
        "replica2": {**default, "TEST": {"MIRROR": "default"}},
    }
    settings.DATABASE_ROUTERS = ["hipcontent.db_router.ReplicaRouter"]


@pytest.mark.usefixtures("replicas")
@pytest.mark.parametrize("model", [Condition, Question, ChangeEvent])
def test_api_reads_of_content_go_to_a_replica(model):
    with api_reads():
        chosen = {router.db_for_read(model) for _ in range(50)}
    assert chosen == {"replica1", "replica2"}


@pytest.mark.usefixtures("replicas")
def test_reads_outside_the_api_go_to_the_primary():
    assert router.db_for_read(Condition) == "default"


@pytest.mark.usefixtures("replicas")
@pytest.mark.parametrize("model", [AppKey, WebhookDelivery])
def test_keys_and_webhooks_are_read_from_the_primary(model):
    with api_reads():
        assert router.db_for_read(model) == "default"


@pytest.mark.usefixtures("replicas")
def test_writes_and_migrations_go_to_the_primary():
    with api_reads():
        assert router.db_for_write(Condition) == "default"
    assert router.allow_migrate("default", "conditions")
    assert not router.allow_migrate("replica1", "conditions")


@pytest.mark.usefixtures("replicas")
@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary():
    # The test runs inside a transaction (pytest-django's db): it may have written what it reads.
    with api_reads():
        assert router.db_for_read(Condition) == "default"


def test_without_replicas_everything_is_on_the_primary():
    with api_reads():
        assert router.db_for_read(Condition) == "default"


@pytest.mark.usefixtures("replicas")
@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/v1/conditions/", {"replica1", "replica2"}),
        ("head", "/api/v2/topics/", {"replica1", "replica2"}),
        ("get", "/admin/conditions/condition/", {"default"}),
        ("post", "/api/v1/conditions/", {"default"}),
    ],
)
def test_the_middleware_marks_api_reads_only(method, path, expected):
    seen = set()

    def view(request):
        seen.update(router.db_for_read(Condition) for _ in range(50))

    ReplicaReadsMiddleware(view)(getattr(RequestFactory(), method)(path))
    assert seen == expected
