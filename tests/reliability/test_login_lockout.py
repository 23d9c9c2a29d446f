"""Admin sign-in is limited (django-axes): five failures from one address, or for one username, lock it for
15 minutes with a page that says so, before any password is hashed; an administrator unlocks it in the
admin."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.backends import ModelBackend
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "unused-pass-83"  # the personas' password (tests/conftest.py)


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


@pytest.fixture
def hashes(monkeypatch):
    """How many sign-ins reached the password check."""
    count = []
    check = ModelBackend.authenticate

    def counted(self, request, **credentials):
        count.append(credentials.get("username"))
        return check(self, request, **credentials)

    monkeypatch.setattr(ModelBackend, "authenticate", counted)
    return count


def assert_locked(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "Sign-in locked" in text
    assert "Too many failed sign-in attempts" in text
    assert "ask an administrator to unlock it" in text


def test_five_wrong_passwords_lock_the_username_even_for_the_right_one(client, editor, hashes):
    for _ in range(4):
        assert sign_in(client, "editor", "wrong").status_code == 200  # the form again, with its error
    assert_locked(sign_in(client, "editor", "wrong"))
    assert len(hashes) == 5

    assert_locked(sign_in(client, "editor", PASSWORD))
    assert len(hashes) == 5  # refused before the password was hashed


def test_a_username_is_locked_whatever_the_address(client, editor):
    for number in range(5):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{number}")

    assert_locked(sign_in(client, "editor", PASSWORD, address="203.0.113.7"))


def test_an_address_is_locked_whatever_the_username(client, editor):
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong")

    assert_locked(sign_in(client, "editor", PASSWORD))
    assert sign_in(Client(), "editor", PASSWORD, address="203.0.113.7").status_code == 302  # another address


def test_a_success_before_the_limit_starts_the_count_again(client, editor):
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    Client().post("/admin/logout/")

    for _ in range(4):
        assert sign_in(Client(), "editor", "wrong").status_code == 200


def test_an_administrator_unlocks_it_in_the_admin(client, editor, admin_client):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    assert_locked(sign_in(client, "editor", PASSWORD))

    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    assert attempts
    unlocked = admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.exists()

    assert sign_in(Client(), "editor", PASSWORD).status_code == 302
