import pytest
from django.core.management import call_command
from rest_framework.test import APIClient


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def seed(db):
    """The real seed article, loaded as `make run` loads it."""
    call_command("load_seed", verbosity=0)


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    # Tests make many requests from one address; tests/api/test_keys_and_limits.py sets its own limits.
    settings.API_ANON_RATE = "100000/minute"
    settings.API_KEY_RATE = "100000/minute"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache (Redis in CI): no test may inherit another's.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production serves hashed files from collectstatic's manifest; tests don't run collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# ---- personas: who uses the admin, and how apps reach the API


def _staff(django_user_model, username, group):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "unused-pass-83", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """Writes and submits content; cannot publish."""
    return _staff(django_user_model, "editor", "Editors")


@pytest.fixture
def reviewer(db, django_user_model):
    """A clinical reviewer: approves, sends back, unpublishes. Apps see their name and credentials."""
    from conditions.models import ReviewerProfile

    user = _staff(django_user_model, "reviewer", "Clinical reviewers")
    ReviewerProfile.objects.create(user=user, display_name="Dr Ada Reviewer", credentials="PT, DPT")
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(reviewer):
    from django.test import Client

    client = Client()
    client.force_login(reviewer)
    return client
