"""The admin issues app keys (shown once, stored hashed), rejects a malformed rate and revokes keys, one or
many; each key it issues or revokes is checked through the API."""

import re

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse

from conditions.models import AppKey
from hipcontent.api.http.keys import INVALID_KEY
from tests.api.http.keys_and_limits.helpers import CONDITIONS, assert_problem, issue, limits


@pytest.fixture
def add_url():
    return reverse("admin:conditions_appkey_add")


def form_data(**fields):
    return {
        "app_name": "Hip app",
        "name": "",
        "contact": "dev@hipapp.example",
        "rate": "",
        "expiry_date_0": "",
        "expiry_date_1": "",
        **fields,
    }


def issue_in_admin(admin_client, add_url, **fields):
    response = admin_client.post(add_url, form_data(**fields), follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    match = re.search(r"is: ([A-Za-z0-9]{8}\.[A-Za-z0-9]+)\. Please store it", " ".join(shown))
    assert match, shown
    return match[1]


def test_the_admin_issues_a_key_shown_once_that_works_at_its_rate(admin_client, api, content, add_url):
    key = issue_in_admin(admin_client, add_url, rate="7/minute")

    app_key = AppKey.objects.get()
    assert (app_key.app_name, app_key.name, app_key.rate) == ("Hip app", "Hip app", "7/minute")
    assert key not in app_key.id  # only the hash is stored
    assert limits(api.get(CONDITIONS, HTTP_X_API_KEY=key)) == (7, 6, 60)

    changelist = admin_client.get(reverse("admin:conditions_appkey_changelist"), {"q": "Hip"})
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert app_key.prefix in page and "Hip app" in page
    assert key not in page  # shown once, on creation, never again
    change = admin_client.get(reverse("admin:conditions_appkey_change", args=[quote(app_key.pk)]))
    assert key not in change.content.decode()


def test_the_admin_rejects_a_malformed_rate(admin_client, db, add_url):
    response = admin_client.post(add_url, form_data(rate="lots"))
    assert response.status_code == 200
    assert "is not a rate" in response.content.decode()
    assert not AppKey.objects.exists()


def test_the_admin_revokes_a_key(admin_client, api, content, add_url):
    key = issue_in_admin(admin_client, add_url)
    assert api.get(CONDITIONS, HTTP_X_API_KEY=key).status_code == 200
    app_key = AppKey.objects.get()

    url = reverse("admin:conditions_appkey_change", args=[quote(app_key.pk)])
    response = admin_client.post(url, form_data(name="Hip app", revoked="on"))
    assert response.status_code == 302, response.content
    assert AppKey.objects.get().revoked
    assert_problem(api.get(CONDITIONS, HTTP_X_API_KEY=key), 401, INVALID_KEY)


def test_the_admin_revokes_keys_in_bulk(admin_client, api, content):
    revoked_key, key = issue()
    _, kept = issue(app_name="Kept app")
    response = admin_client.post(
        reverse("admin:conditions_appkey_changelist"),
        {"action": "revoke", "_selected_action": [revoked_key.pk]},
        follow=True,
    )
    assert "Revoked 1 key." in response.content.decode()
    assert api.get(CONDITIONS, HTTP_X_API_KEY=key).status_code == 401
    assert api.get(CONDITIONS, HTTP_X_API_KEY=kept).status_code == 200
