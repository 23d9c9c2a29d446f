"""An item's admin history page shows the history of the rows it owns too: each link of a condition is a row
of its own (it carries its basis and quote), so its record is not the condition's, and the page lists its
changes below the condition's own: who added, changed or removed which link, and what changed."""

import pytest
from django.urls import reverse

from conditions.models import ConditionMechanism, Source, TreatmentAnatomy
from tests import factories

TEXT = "Pain can be referred to the buttock. Injections into the hip joint help some."
EDITORIAL = "Editorial: an editor's structuring, for a clinical reviewer to confirm"
SOURCE = "Stated by the source (quoted)"


def history_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[item.pk])


def save(row, by):
    row._history_user = by
    row.full_clean()
    row.save()


@pytest.fixture
def source(db):
    return Source.objects.create(title="An article", text=TEXT)


def test_a_conditions_history_lists_each_change_to_its_links(editor_client, editor, source):
    condition = factories.ConditionFactory(name="Hip Thing")
    mechanism = factories.MechanismFactory(name="Referred Pain")
    link = ConditionMechanism(condition=condition, mechanism=mechanism)
    save(link, editor)
    link.basis, link.source, link.quote = "source", source, "Pain can be referred to the buttock."
    save(link, editor)
    link.save()  # saved again unchanged, as the admin saves every inline row: not a change
    link._history_user = editor
    link.delete()

    response = editor_client.get(history_url(condition))

    assert response.status_code == 200
    assert [(c.kind, c.who, c.row, c.fields) for c in response.context["link_changes"]] == [
        ("removed", editor, "condition mechanism: Referred Pain", ()),
        (
            "changed",
            editor,
            "condition mechanism: Referred Pain",
            (
                ("basis", EDITORIAL, SOURCE),
                ("source", "", "An article"),
                ("quote", "", "Pain can be referred to the buttock."),
            ),
        ),
        (
            "added",
            editor,
            "condition mechanism: Referred Pain",
            (
                ("mechanism", "Referred Pain"),
                ("basis", EDITORIAL),
            ),
        ),
    ]
    page = response.content.decode()
    assert 'id="link-history"' in page
    assert "quote: “” → “Pain can be referred to the buttock.”" in page
    # The condition's own history is still the table above it.
    assert 'id="change-history"' in page


def test_a_treatments_history_lists_the_structures_it_is_given_into(editor_client, editor, source):
    treatment = factories.TreatmentFactory(name="Injections")
    structure = factories.AnatomicalStructureFactory(name="Hip Joint")
    save(
        TreatmentAnatomy(
            treatment=treatment,
            structure=structure,
            basis="source",
            source=source,
            quote="Injections into the hip joint",
        ),
        editor,
    )

    response = editor_client.get(history_url(treatment))

    [change] = response.context["link_changes"]
    assert (change.kind, change.row) == ("added", "structure it is given into or around: Hip Joint")
    assert ("quote", "Injections into the hip joint") in change.fields


def test_an_item_whose_rows_never_changed_shows_no_link_history(editor_client, db):
    mechanism = factories.MechanismFactory()

    response = editor_client.get(history_url(mechanism))

    assert response.status_code == 200
    assert response.context["link_changes"] == []
    assert 'id="link-history"' not in response.content.decode()


@pytest.mark.parametrize("object_id", ["999999", "not-a-number"])
def test_an_unknown_item_has_no_history_page(editor_client, db, object_id):
    url = reverse("admin:conditions_condition_history", args=[object_id])

    assert editor_client.get(url).status_code == 404
