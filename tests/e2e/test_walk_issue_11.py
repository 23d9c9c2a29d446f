"""Issue 11 walked in a real browser by an editorial team: two editors (Edna, Eve) and two clinical reviewers
(Ada, Bo), each in a browser context of their own, signed in through the login form once.

Each numbered case of the issue is a section of one walk over the seed content, checked in the page and
through the public API. One walk, not one test per case: a transactional test flushes the users and their
sessions, and signing four people in again per case would cost more than the cases themselves. Case 4
(overlapping publishes) needs two real transactions, not a browser: tests/conditions/test_commit_order.py.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from conditions import models, workflow
from tests.browser import CHROMIUM
from tests.e2e.conftest import PASSWORD

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium to run browser tests.", allow_module_level=True
    )

from playwright.sync_api import expect

# transaction=True: the live server reads from its own thread, so the test's writes must be committed.
# serialized_rollback: the editorial groups come from a data migration that a transactional flush empties.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CONDITION = "labral-tears"
CONDITION_API = f"/api/v1/conditions/{CONDITION}/"
PREVIEWED = "Previewed, never approved: a labral tear always needs surgery."
SUBMITTED = "Typed then submitted: a tear of the ring of cartilage around the hip socket."
CHANGED_UNDER_REVIEW = "Changed while the reviewer read: rest in bed for six weeks."
REVIEWER_EDIT = "Edited by a reviewer: a tear of the labrum, the cartilage rim of the hip socket."


@pytest.fixture
def team(monkeypatch):
    """Two editors and two clinical reviewers, created as `manage.py add_staff` creates them."""
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    for app_config in apps.get_app_configs():  # an earlier transactional test may have emptied the groups
        create_permissions(app_config, verbosity=0)
    importlib.import_module("conditions.migrations.0002_roles").ensure_roles(Group, Permission)
    importlib.import_module("conditions.migrations.0012_roles_edit_claims").ensure_claim_permissions(
        Group, Permission
    )
    for editor in ("edna", "eve"):
        call_command("add_staff", editor, role="editor", verbosity=0)
    reviewers = (("ada", "Dr Ada Reviewer", "PT, DPT"), ("bo", "Dr Bo Second", "MBBS"))
    for reviewer, name, credentials in reviewers:
        call_command(
            "add_staff", reviewer, role="reviewer", display_name=name, credentials=credentials, verbosity=0
        )


@pytest.fixture
def signed_in(team, new_page, login):
    """Each person's page, signed in: {"edna": page, ...}."""
    return {name: login(new_page(), name) for name in ("edna", "eve", "ada", "bo")}


def served(page, path):
    """(JSON body, ETag) the public API serves at `path`, read with the page's request context."""
    response = page.request.get(path)
    assert response.status == 200, (path, response.status)
    return response.json(), response.headers["etag"]


def change_url(model, slug):
    item = model.objects.working().get(slug=slug)
    return f"/admin/conditions/{model._meta.model_name}/{item.pk}/change/"


def save(page):
    page.get_by_role("button", name="Save and continue editing", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_contain_text(re.compile(r"was changed successfully"))


def step(page, button, status):
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text(status)


def test_the_team_walks_every_case_of_issue_11(seed, signed_in):
    edna, eve, ada, bo = (signed_in[name] for name in ("edna", "eve", "ada", "bo"))
    condition_url = change_url(models.Condition, CONDITION)
    approved, approved_etag = served(edna, CONDITION_API)
    original_summary = approved["summary"]
    # Saving and the workflow buttons submit the form: they are not "leaving with unsaved typing" (case 7).
    edna_warned = []
    edna.on("dialog", lambda dialog: (edna_warned.append(dialog.type), dialog.dismiss()))

    # ---- (6) two editors open the same item; the later save is refused and says what changed, typing kept
    edna.goto(condition_url)
    eve.goto(condition_url)
    edna.locator("#id_summary").fill(PREVIEWED)
    save(edna)
    eve.locator("#id_summary").fill("Eve's summary, typed over a stale page.")
    eve.get_by_role("button", name="Save and continue editing", exact=True).first.click()
    expect(eve.locator(".errorlist.nonfield")).to_contain_text(
        f"Not saved: Labral Tears changed since you opened it (summary: “{original_summary[:20]}"
    )
    expect(eve.locator(".errorlist.nonfield")).to_contain_text(f"→ “{PREVIEWED}”")
    expect(eve.locator("#id_summary")).to_have_value("Eve's summary, typed over a stale page.")
    assert models.Condition.objects.working().get(slug=CONDITION).summary == PREVIEWED

    # ... an inline row's save counts too, both ways: a stale page overwrites neither rows nor fields
    other = models.Condition.objects.working().get(slug="hip-osteoarthritis")
    other_url = change_url(models.Condition, other.slug)
    qualifier = "[name$='-qualifier']:not([name*='__prefix__'])"
    edna.goto(other_url)
    eve.goto(other_url)
    edna.locator(qualifier).first.fill("Edna's qualifier, for review")
    save(edna)
    eve.locator("#id_summary").fill("Eve's summary over a stale page.")
    eve.get_by_role("button", name="Save and continue editing", exact=True).first.click()
    stale = eve.locator(".errorlist.nonfield")
    expect(stale).to_contain_text(f"Not saved: {other} changed since you opened it (condition ")
    expect(stale).to_contain_text("qualifier: “” → “Edna's qualifier, for review”)")  # the row, named
    expect(eve.locator("#id_summary")).to_have_value("Eve's summary over a stale page.")
    eve.goto(other_url)
    expect(eve.locator(qualifier).first).to_have_value("Edna's qualifier, for review")
    edna.locator("#id_summary").fill("Edna's summary, saved first.")
    save(edna)
    eve.locator(qualifier).first.fill("Eve's qualifier over a stale page")
    eve.get_by_role("button", name="Save and continue editing", exact=True).first.click()
    expect(eve.locator(".errorlist.nonfield")).to_contain_text(
        f"Not saved: {other} changed since you opened it (summary: "
    )
    eve.goto(other_url)
    expect(eve.locator(qualifier).first).to_have_value("Edna's qualifier, for review")
    expect(eve.locator("#id_summary")).to_have_value("Edna's summary, saved first.")

    # ---- (1) the preview shows the edit, twice, and nothing of it reaches the API
    preview_url = condition_url.replace("/change/", "/preview/")
    for _ in range(2):
        preview = edna.request.get(preview_url)
        assert (preview.status, preview.json()["summary"]) == (200, PREVIEWED)
    assert served(edna, CONDITION_API) == (approved, approved_etag)

    # ---- (7) typing then a workflow button keeps the typing; leaving with unsaved typing warns
    edna.goto(condition_url)
    edna.locator("#id_summary").fill(SUBMITTED)
    step(edna, "Submit for review", "In review")
    assert models.Condition.objects.working().get(slug=CONDITION).summary == SUBMITTED
    dialogs = []

    def leave_anyway(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    eve.goto(condition_url)
    eve.on("dialog", leave_anyway)
    eve.locator("#id_summary").click()
    eve.keyboard.type(" typed, not saved")  # real key presses: Chromium asks only after a user gesture
    eve.goto("/admin/review/")
    assert dialogs == ["beforeunload"]
    eve.remove_listener("dialog", leave_anyway)
    assert models.Condition.objects.working().get(slug=CONDITION).summary == SUBMITTED

    # ---- (9) the reviewer finds it on the dashboard and reads the diff, in full, before approving
    ada.goto("/admin/review/")
    ada.locator("#waiting").get_by_role("link", name="Labral Tears").click()
    ada.get_by_role("link", name="What approval would change").click()
    diff = ada.get_by_test_id("review-changes")
    summary_row = diff.locator("tr", has=ada.locator("th", has_text=re.compile(r"^summary$")))
    expect(summary_row.locator("td").first).to_contain_text(original_summary)
    expect(summary_row.locator("td").last).to_contain_text(SUBMITTED)
    expect(summary_row.locator("ins").first).to_be_visible()

    # ---- (2) the editor changes it while the reviewer reads: the approval is refused, with the diff
    edna.goto(condition_url)
    edna.locator("#id_summary").fill(CHANGED_UNDER_REVIEW)
    save(edna)
    step(edna, "Submit for review", "In review")
    ada.get_by_role("button", name="Approve and publish this version", exact=True).click()
    expect(ada.locator(".messagelist .error")).to_contain_text(
        f"Labral Tears: Not approved: Labral Tears changed since you opened it (summary: “{SUBMITTED}” → "
        f"“{CHANGED_UNDER_REVIEW}”"
    )
    expect(ada.get_by_test_id("status")).to_have_text("In review")
    assert served(ada, CONDITION_API) == (approved, approved_etag)

    # ---- (5) a reviewer who made the last edit cannot approve it; another reviewer can
    ada.goto(condition_url)
    ada.locator("#id_summary").fill(REVIEWER_EDIT)
    save(ada)
    step(ada, "Submit for review", "In review")
    expect(ada.get_by_role("button", name="Approve and publish", exact=True)).to_have_count(0)
    expect(ada.get_by_test_id("four-eyes")).to_have_text(
        "You made the last edit to this item: another clinical reviewer must approve it."
    )
    bo.goto(condition_url.replace("/change/", "/review/"))
    expect(bo.get_by_test_id("review-changes")).to_contain_text(REVIEWER_EDIT)
    bo.get_by_role("button", name="Approve and publish this version", exact=True).click()
    expect(bo.get_by_test_id("status")).to_have_text("Published")
    body, etag = served(bo, CONDITION_API)
    assert (body["summary"], body["reviewed_by"]) == (
        REVIEWER_EDIT,
        {"name": "Dr Bo Second", "credentials": "MBBS"},
    )
    assert etag != approved_etag
    # (1) again: the previewed text was never served, not even once after the approval.
    assert PREVIEWED not in edna.request.get(CONDITION_API).text()

    # ---- (3) a shared row's edit reaches no app until an item citing it is approved
    red_flag_api = "/api/v1/red-flags/persistent-pain/"
    red_flag_before = served(edna, red_flag_api)
    edna.goto(change_url(models.Professional, "physical-therapist"))
    edna.locator("#id_name").fill("Nobody: stay home")
    edna.get_by_role("button", name="Save and continue editing", exact=True).first.click()
    expect(edna.locator(".messagelist")).to_contain_text("Apps still see the approved")
    expect(edna.locator(".messagelist")).to_contain_text("red flag")
    assert served(edna, red_flag_api) == red_flag_before
    red_flag_url = change_url(models.RedFlag, "persistent-pain")
    edna.goto(red_flag_url)
    expect(edna.get_by_test_id("status")).to_have_text("Draft")
    step(edna, "Submit for review", "In review")
    assert served(edna, red_flag_api) == red_flag_before
    ada.goto(red_flag_url)
    step(ada, "Approve and publish", "Published")
    professionals = served(ada, red_flag_api)[0]["professionals"]
    assert {"slug": "physical-therapist", "name": "Nobody: stay home"} in professionals

    # ... a source's too: a phishing link typed into the cited article reaches no app, not even its ETag
    condition_now = served(edna, CONDITION_API)
    article = models.Source.objects.working().get(title=condition_now[0]["sources"][0]["title"])
    edna.goto(f"/admin/conditions/source/{article.pk}/change/")
    edna.locator("#id_url").fill("https://login-hipcontent.example/verify")
    edna.get_by_role("button", name="Save and continue editing", exact=True).first.click()
    expect(edna.locator(".messagelist")).to_contain_text("Apps still see the approved source.")
    expect(edna.locator(".messagelist")).to_contain_text("condition Labral Tears")
    assert served(edna, CONDITION_API) == condition_now

    # ... and a reviewer sees and edits only their own profile
    ada.goto("/admin/conditions/reviewerprofile/")
    expect(ada.locator("#result_list tbody tr")).to_have_count(1)
    expect(ada.locator("#result_list tbody")).to_contain_text("Dr Ada Reviewer")
    bo_profile = models.ReviewerProfile.objects.get(user__username="bo")
    ada.goto(f"/admin/conditions/reviewerprofile/{bo_profile.pk}/change/")
    assert ada.url.endswith("/admin/")  # another's profile does not exist for her: the admin sends her home
    bo_profile.refresh_from_db()
    assert (bo_profile.display_name, bo_profile.credentials) == ("Dr Bo Second", "MBBS")
    # Bo renames himself: the review he stamped still names him as he was when he approved.
    bo.goto("/admin/conditions/reviewerprofile/")
    bo.locator("#result_list").get_by_role("link", name="Dr Bo Second").click()
    bo.locator("#id_display_name").fill("Dr Bo Renamed")
    bo.get_by_role("button", name="Save", exact=True).first.click()
    expect(bo.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert served(bo, CONDITION_API)[0]["reviewed_by"] == {"name": "Dr Bo Second", "credentials": "MBBS"}

    # ---- (8) deleting an item others link to is refused, naming them in plain words
    red_flag = models.RedFlag.objects.working().get(slug="persistent-pain")
    linkers = workflow.inbound_links(red_flag)
    assert linkers and all(not re.search(r"object \(\d+\)", name) for name in linkers), linkers
    ada.goto(red_flag_url)
    ada.locator(".deletelink").first.click()
    expect(ada.locator(".messagelist .error")).to_have_text(
        f"{red_flag} is still linked from {', '.join(linkers)}. Remove those links first."
    )
    assert re.search(r"/change/$", ada.url), ada.url
    assert models.RedFlag.objects.working().filter(pk=red_flag.pk).exists()
    served(ada, red_flag_api)

    assert edna_warned == []
