"""End to end, in a real browser: two editors on one item, and a reviewer whose page went stale.

A save from a copy someone else saved since is refused with what they changed, the typing kept; an
approval of a version the reviewer did not read is refused and nothing is published.
"""

import re

import pytest

from conditions import models
from tests.browser import CHROMIUM
from tests.e2e.test_editorial_flow import save, staff  # noqa: F401  (the personas fixture)

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium to run browser tests.", allow_module_level=True
    )

from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def second_editor(staff):  # noqa: F811
    from django.core.management import call_command

    call_command("add_staff", "eve", role="editor", verbosity=0)
    return "eve"


def test_a_stale_save_and_a_stale_approval_are_refused(
    seed,
    staff,  # noqa: F811
    second_editor,
    new_page,
    login,
    screenshot,
):
    condition = models.Condition.objects.working().get(slug="labral-tears")
    change_url = f"/admin/conditions/condition/{condition.pk}/change/"
    edna, eve = login(new_page(), staff["editor"]), login(new_page(), second_editor)
    edna.goto(change_url)
    eve.goto(change_url)

    edna.locator("#id_summary").fill("Edna's summary.")
    save(edna)
    eve.locator("#id_summary").fill("Eve's summary.")
    eve.get_by_role("button", name="Save and continue editing", exact=True).first.click()

    expect(eve.locator(".errorlist.nonfield")).to_contain_text(
        re.compile(
            r"Not saved: Labral Tears changed since you opened it \(summary: “.*” → “Edna's summary\.”\)"
        )
    )
    expect(eve.locator("#id_summary")).to_have_value("Eve's summary.")  # the typing is kept
    screenshot(eve, "stale-form-conflict", full_page=False)  # the refusal is at the top of a long form
    condition.refresh_from_db()
    assert condition.summary == "Edna's summary."

    # The reviewer opens it in review; Edna changes it and submits it again before the reviewer approves.
    edna.get_by_role("button", name="Submit for review", exact=True).click()
    expect(edna.get_by_test_id("status")).to_have_text("In review")
    ada = login(new_page(), staff["reviewer"])
    ada.goto(change_url)
    edna.locator("#id_summary").fill("Changed while the reviewer read.")
    save(edna)
    edna.get_by_role("button", name="Submit for review", exact=True).click()
    expect(edna.get_by_test_id("status")).to_have_text("In review")

    ada.get_by_role("button", name="Approve and publish", exact=True).click()

    # The button submits the change form, which is refused before anything is saved or approved.
    expect(ada.locator(".errorlist.nonfield")).to_contain_text(
        "Not approved: Labral Tears changed since you opened it"
    )
    served = ada.request.get("/api/v1/conditions/labral-tears/").json()
    assert served["summary"] not in ("Edna's summary.", "Changed while the reviewer read.")
