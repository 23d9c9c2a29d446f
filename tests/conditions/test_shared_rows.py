"""Shared rows (sources, professionals) change published content only through approval, and a review stamp
names the reviewer as they were at approval; a reviewer edits only their own profile."""

import pytest
from django.test import Client
from django.urls import reverse

from conditions import workflow
from conditions.models import ChangeEvent, Condition, Professional, RedFlag, ReviewerProfile, Source, Status
from faq.models import Question
from tests.conftest import _staff
from tests.payloads import url

pytestmark = pytest.mark.django_db

ARTICLE = "Hip Pain: Its Connection to Buttock Discomfort, Causes, and Treatments"
PHISHING = "https://login-hipcontent.example/verify"


def admin_url(model, name, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)


def edit(client, row, **changes):
    """Post `row`'s admin change form back as the page shows it, with `changes`; the response."""
    response = client.get(admin_url(type(row), "change", row.pk))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(admin_url(type(row), "change", row.pk), {**data, **changes}, follow=True)


def served(api, collection, slug):
    response = api.get(url(collection, slug))
    assert response.status_code == 200
    return response.json(), response["ETag"]


def approve(item, editor, reviewer):
    workflow.submit_for_review(item=item, by=editor)
    workflow.approve(item=item, by=reviewer)


@pytest.fixture
def second_reviewer(django_user_model):
    user = _staff(django_user_model, "second-reviewer", "Clinical reviewers")
    ReviewerProfile.objects.create(user=user, display_name="Dr Second", credentials="MBBS")
    return user


def test_a_source_edit_reaches_no_app_and_sends_the_items_citing_it_to_review(editor_client, api, seed):
    article = Source.objects.working().get(title=ARTICLE)
    before = {slug: served(api, "conditions", slug) for slug in ("labral-tears", "hip-osteoarthritis")}
    events = ChangeEvent.objects.count()

    response = edit(editor_client, article, url=PHISHING)

    assert response.status_code == 200
    # Nothing apps see moved: not a body, not an ETag, not the change log.
    assert {slug: served(api, "conditions", slug) for slug in before} == before
    assert ChangeEvent.objects.count() == events
    # Every working item citing it (in its sources, a link's claim or a field claim) is a draft again.
    citing = [Condition.objects.working().get(slug=slug) for slug in before]
    assert [(item.status, item.last_edited_by.username) for item in citing] == [("draft", "editor")] * 2
    assert Question.objects.working().exclude(status=Status.DRAFT).count() == 0
    [message] = [str(m) for m in response.context["messages"] if str(m).startswith("Apps")]
    assert message.startswith(
        "Apps still see the approved source. These items cite it and are drafts again, to be submitted "
        "for review: "
    )
    assert "condition Labral Tears" in message


def test_approving_one_citing_item_publishes_the_source_edit_for_that_item_only(
    editor_client, editor, reviewer, api, seed
):
    article = Source.objects.working().get(title=ARTICLE)
    untouched = served(api, "conditions", "hip-osteoarthritis")
    _body, etag = served(api, "conditions", "labral-tears")
    edit(editor_client, article, url=PHISHING)
    last = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first()

    approve(Condition.objects.working().get(slug="labral-tears"), editor, reviewer)

    data, new_etag = served(api, "conditions", "labral-tears")
    assert new_etag != etag
    assert [source["url"] for source in data["sources"] if source["title"] == ARTICLE] == [PHISHING]
    assert served(api, "conditions", "hip-osteoarthritis")[0] == untouched[0]
    new_events = ChangeEvent.objects.filter(pk__gt=last, item_type="condition", slug="labral-tears")
    assert list(new_events.values_list("kind", flat=True)) == ["updated"]  # a new ETag, a webhook, the feed
    # The approved copies: the one the other items still cite, and the one approval just made.
    assert list(
        Source.objects.filter(is_live=True, working_copy=article).order_by("pk").values_list("url", flat=True)
    ) == ["", PHISHING]


def test_a_professional_renamed_reaches_a_red_flag_only_when_it_is_approved(
    editor_client, editor, reviewer, api, seed
):
    therapist = Professional.objects.working().get(slug="physical-therapist")
    red_flag = RedFlag.objects.working().get(slug="persistent-pain")
    before = served(api, "red-flags", "persistent-pain")

    edit(editor_client, therapist, name="Nobody: stay home")

    assert served(api, "red-flags", "persistent-pain") == before
    red_flag.refresh_from_db()
    assert red_flag.status == Status.DRAFT
    approve(red_flag, editor, reviewer)
    professionals = served(api, "red-flags", "persistent-pain")[0]["professionals"]
    assert {"slug": "physical-therapist", "name": "Nobody: stay home"} in professionals


def test_the_admin_lists_and_offers_the_working_rows_only(editor_client, seed):
    sources = editor_client.get(admin_url(Source, "changelist"))
    professionals = editor_client.get(admin_url(Professional, "changelist"))

    assert sources.context["cl"].result_count == Source.objects.working().count() == 2
    assert professionals.context["cl"].result_count == Professional.objects.working().count() == 3
    picked = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "conditions", "model_name": "condition", "field_name": "sources", "term": "Hip"},
    )
    assert [row["id"] for row in picked.json()["results"]] == [
        str(Source.objects.working().get(title=ARTICLE).pk)
    ]


def test_a_review_stamp_keeps_the_reviewer_as_they_were_at_approval(
    editor, reviewer, second_reviewer, api, seed
):
    condition = Condition.objects.working().get(slug="labral-tears")
    condition.summary = "Edited."
    condition.save()
    workflow.record_edit(item=condition, by=editor)
    approve(condition, editor, reviewer)
    profile = reviewer.reviewer_profile
    profile.display_name, profile.credentials = "Dr Someone Else", "None"
    profile.save()

    data, _etag = served(api, "conditions", "labral-tears")

    assert data["reviewed_by"] == {"name": "Dr Ada Reviewer", "credentials": "PT, DPT"}


def test_a_reviewer_sees_and_edits_only_their_own_profile(reviewer_client, reviewer, second_reviewer):
    own, other = reviewer.reviewer_profile, second_reviewer.reviewer_profile

    listed = reviewer_client.get(admin_url(ReviewerProfile, "changelist"))
    refused = reviewer_client.post(
        admin_url(ReviewerProfile, "change", other.pk), {"display_name": "Hacked", "credentials": "None"}
    )
    saved = edit(reviewer_client, own, display_name="Dr Ada Reviewer-Smith", user=second_reviewer.pk)

    assert list(listed.context["cl"].result_list) == [own]
    # Another's profile does not exist for them: Django's admin sends them to its index, changing nothing.
    assert (refused.status_code, refused["Location"]) == (302, reverse("admin:index"))
    other.refresh_from_db()
    own.refresh_from_db()
    assert (other.display_name, other.credentials) == ("Dr Second", "MBBS")
    assert saved.status_code == 200
    assert (own.display_name, own.user) == ("Dr Ada Reviewer-Smith", reviewer)


def test_a_reviewer_without_a_profile_adds_their_own_only(django_user_model, reviewer):
    newcomer = _staff(django_user_model, "newcomer", "Clinical reviewers")
    client = Client()
    client.force_login(newcomer)

    response = client.post(
        admin_url(ReviewerProfile, "add"),
        {"display_name": "Dr New", "credentials": "PT", "user": reviewer.pk},
    )

    assert response.status_code == 302
    assert ReviewerProfile.objects.get(display_name="Dr New").user == newcomer
    assert client.get(admin_url(ReviewerProfile, "add")).status_code == 403
