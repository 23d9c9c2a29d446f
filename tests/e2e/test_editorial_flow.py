"""End to end, in a real browser: an editor writes, a clinical reviewer approves, the API serves it.

One test walks the whole editorial flow through the admin as people use it (login form, the autocomplete
widget, the workflow buttons), checking what the public API serves at each step, and writes the admin
screenshots in docs/screenshots/.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from conditions import models
from tests.browser import CHROMIUM
from tests.e2e.conftest import PASSWORD

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium to run browser tests.", allow_module_level=True
    )

from playwright.sync_api import expect

# transaction=True: the live server reads the database from its own thread, so the test's writes must be
# committed. serialized_rollback: the editorial groups come from a data migration, which a transactional
# test's flush would otherwise leave out.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RED_FLAG = {
    "sign": "Numbness in the saddle area after a fall",
    "slug": "e2e-saddle-numbness",
    "action": "Call emergency services now.",
}
CONDITION = {
    "name": "Ischiofemoral impingement",
    "slug": "e2e-ischiofemoral-impingement",
    "summary": "The quadratus femoris pinched between the ischium and the femur, felt deep in the buttock.",
}
EDITED_SUMMARY = "Edited, not yet reviewed: the quadratus femoris is pinched when the hip extends."
TYPED_SUMMARY = "Edited, typed then submitted: the quadratus femoris is pinched when the hip extends."


@pytest.fixture
def staff(monkeypatch):
    """An editor and a clinical reviewer, created as `manage.py add_staff` creates them."""
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    # A transactional test that ran earlier may have emptied the groups the roles migration made.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    roles = importlib.import_module("conditions.migrations.0002_roles")
    roles.ensure_roles(Group, Permission)
    importlib.import_module("conditions.migrations.0012_roles_edit_claims").ensure_claim_permissions(
        Group, Permission
    )
    call_command("add_staff", "edna", role="editor", verbosity=0)
    call_command(
        "add_staff",
        "ada",
        role="reviewer",
        display_name="Dr Ada Reviewer",
        credentials="PT, DPT",
        verbosity=0,
    )
    return {"editor": "edna", "reviewer": "ada"}


def api_get(page, path):
    """GET an API path with the page's request context (the API needs no login)."""
    return page.request.get(path)


def fill_with_slug(page, source, value, slug):
    """Fill the field the slug is prepopulated from, let the admin's script fill the slug, then set ours."""
    page.locator(f"#id_{source}").fill(value)
    page.locator(f"#id_{source}").press("Tab")  # the slug follows on "change", when the field loses focus
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.locator("#id_slug").fill(slug)
    expect(page.locator("#id_slug")).to_have_value(slug)


def save(page, *, continue_editing=True):
    # save_on_top: every change form has two submit rows; either submits the same form.
    name = "Save and continue editing" if continue_editing else "Save"
    page.get_by_role("button", name=name, exact=True).first.click()
    saved = re.compile(r"was (added|changed) successfully")
    expect(page.locator(".messagelist .success")).to_contain_text(saved)


def take_step(page, button, status):
    """Press a workflow button and wait for the change page to come back with the new status."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text(status)
    expect(page.locator(".messagelist .success")).to_contain_text(f"now {status.lower()}")


def test_editor_writes_reviewer_approves_api_serves(seed, staff, new_page, login, screenshot):
    today = timezone.localdate().isoformat()
    condition_api = f"/api/v1/conditions/{CONDITION['slug']}/"

    # ---- the editor adds a red flag and a condition that links it, and submits both
    editor = login(new_page(), staff["editor"])

    editor.goto("/admin/conditions/redflag/add/")
    fill_with_slug(editor, "sign", RED_FLAG["sign"], RED_FLAG["slug"])
    # How urgent a sign is, is a clinical judgement: the editor sees the field but cannot set it.
    expect(editor.locator("#id_urgency")).to_have_count(0)
    editor.locator("#id_action").fill(RED_FLAG["action"])
    save(editor)
    red_flag_url = re.sub(r"\?.*$", "", editor.url)
    assert re.search(r"/admin/conditions/redflag/\d+/change/$", red_flag_url), red_flag_url

    editor.goto("/admin/conditions/condition/add/")
    fill_with_slug(editor, "name", CONDITION["name"], CONDITION["slug"])
    editor.locator("#id_summary").fill(CONDITION["summary"])
    expect(editor.locator("#id_pain_locations")).to_have_value("")  # a list, one item per line
    # A red flag is linked in its own row, with the link's basis beside it (editorial by default); its
    # "Red flag" is a select2 autocomplete: open it, type, pick the option the admin's search returns.
    editor.locator("#red_flag_links-group .add-row a").click()
    editor.locator("#id_red_flag_links-0-red_flag + .select2").click()
    editor.locator(".select2-container--open .select2-search__field").fill("saddle")
    editor.locator(".select2-results__option", has_text=RED_FLAG["sign"]).click()
    expect(
        editor.locator("#id_red_flag_links-0-red_flag + .select2 .select2-selection__rendered")
    ).to_contain_text(RED_FLAG["sign"])
    save(editor)
    condition_url = re.sub(r"\?.*$", "", editor.url)
    condition_id = re.search(r"/admin/conditions/condition/(\d+)/change/$", condition_url).group(1)
    expect(editor.get_by_test_id("status")).to_have_text("Draft")
    assert api_get(editor, condition_api).status == 404  # a draft is never served

    take_step(editor, "Submit for review", "In review")
    assert api_get(editor, condition_api).status == 404  # nor is an item waiting for review
    # Only clinical reviewers approve: an editor never gets the button.
    expect(editor.get_by_role("button", name="Approve and publish")).to_have_count(0)
    expect(editor.get_by_role("button", name="Submit for review")).to_have_count(0)

    editor.goto(red_flag_url)
    take_step(editor, "Submit for review", "In review")
    expect(editor.get_by_role("button", name="Approve and publish")).to_have_count(0)
    assert api_get(editor, f"/api/v1/red-flags/{RED_FLAG['slug']}/").status == 404

    # ---- the reviewer finds both on the dashboard and approves them
    reviewer = login(new_page(), staff["reviewer"])
    reviewer.goto("/admin/review/")
    waiting = reviewer.locator("#waiting")
    expect(waiting.locator("h2")).to_have_text("Waiting for review (2)")
    expect(waiting.get_by_role("link", name=CONDITION["name"])).to_be_visible()
    expect(waiting.get_by_role("link", name=RED_FLAG["sign"])).to_be_visible()
    screenshot(reviewer, "review-dashboard")

    # The condition first: its link points at the red flag's live row, which the API hides until the red
    # flag is approved in turn.
    waiting.get_by_role("link", name=CONDITION["name"]).click()
    take_step(reviewer, "Approve and publish", "Published")
    body = api_get(reviewer, condition_api).json()
    assert body["red_flags"] == []

    reviewer.goto("/admin/review/")
    reviewer.locator("#waiting").get_by_role("link", name=RED_FLAG["sign"]).click()
    take_step(reviewer, "Approve and publish", "Published")
    reviewer.goto("/admin/review/")
    expect(reviewer.locator("#waiting h2")).to_have_text("Waiting for review (0)")

    response = api_get(reviewer, condition_api)
    assert response.status == 200
    body = response.json()
    assert body["name"] == CONDITION["name"]
    assert body["summary"] == CONDITION["summary"]
    assert [link["slug"] for link in body["red_flags"]] == [RED_FLAG["slug"]]
    assert body["red_flags"][0]["name"] == RED_FLAG["sign"]
    assert body["reviewed_by"] == {"name": "Dr Ada Reviewer", "credentials": "PT, DPT"}
    assert body["last_reviewed"] == today
    red_flag_body = api_get(reviewer, f"/api/v1/red-flags/{RED_FLAG['slug']}/").json()
    assert red_flag_body["urgency_assessed"] is False  # no clinician set it: apps must not show `urgency`
    assert red_flag_body["reviewed_by"] == {"name": "Dr Ada Reviewer", "credentials": "PT, DPT"}

    reviewer.goto("/admin/conditions/condition/")
    row = reviewer.locator("#result_list tbody tr", has_text=CONDITION["name"])
    expect(row).to_contain_text("Published")
    screenshot(reviewer, "admin-condition-list")

    # ---- the editor edits the published condition: the API keeps the approved version
    editor.goto(condition_url)
    editor.locator("#id_summary").fill(EDITED_SUMMARY)
    save(editor)
    expect(editor.get_by_test_id("status")).to_have_text("Draft")
    workflow = editor.locator("#workflow")
    expect(workflow).to_contain_text("The API serves the last approved version")
    expect(workflow.locator("#review-log")).to_contain_text("Approved")
    body = api_get(editor, condition_api).json()
    assert body["summary"] == CONDITION["summary"]
    assert body["last_reviewed"] == today
    assert models.Condition.objects.working().get(slug=CONDITION["slug"]).summary == EDITED_SUMMARY
    expect(workflow.get_by_role("heading", name="Review workflow")).to_be_visible()
    screenshot(editor, "admin-condition-edit")  # full page: the form, then the review workflow panel

    # ---- typing, then "Submit for review" without saving: the button submits the form, so the typing is kept
    editor.goto(condition_url)
    editor.locator("#id_summary").fill(TYPED_SUMMARY)
    take_step(editor, "Submit for review", "In review")
    assert models.Condition.objects.working().get(slug=CONDITION["slug"]).summary == TYPED_SUMMARY
    # The reviewer reads what approval would change beside the buttons, in full.
    reviewer.goto(condition_url)
    changes = reviewer.get_by_test_id("review-changes")
    expect(changes).to_contain_text(CONDITION["summary"])
    expect(changes.locator("ins").first).to_contain_text("typed then submitted")
    # …and on the review page of its own, linked from the dashboard and from a topic's page.
    reviewer.goto(f"/admin/conditions/condition/{condition_id}/review/")
    expect(reviewer.get_by_test_id("review-changes").locator("ins").first).to_contain_text(
        "typed then submitted"
    )
    screenshot(reviewer, "review-diff")

    # ---- the history lists every step, from creation to the unreviewed edit
    editor.goto(f"/admin/conditions/condition/{condition_id}/history/")
    history = editor.locator("#change-history tbody tr")
    expect(history.first).to_be_visible()
    rows = history.all_inner_texts()  # newest first
    created, *changes = reversed(rows)
    assert re.search(r"\bCreated\s+edna\b", created), rows
    # The red flag's link is a row of its own since links carry their basis (issue 12): this table lists the
    # condition's own fields; the link's changes are in the page's #link-history table below it
    # (tests/conditions/test_link_history.py).
    approved = next(i for i, text in enumerate(changes) if re.search(r"\bChanged\s+ada\b", text))
    edited = next(i for i, text in enumerate(changes) if EDITED_SUMMARY in text)
    assert re.search(r"\bChanged\s+edna\b", changes[edited]), rows
    assert CONDITION["summary"] in changes[edited], rows  # the edit shows the old summary and the new
    assert approved < edited, rows
