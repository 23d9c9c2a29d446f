"""What every v1 plain-data document is built of, as the v1 serializers show it: the topic (documents.py),
the condition detail (condition_document.py), the other details (details.py) and the condition list
(lists.py). One place, so that a field shown alike in several documents is read and shown one way."""

from conditions.models import Condition, ReviewState, Source, Status
from hipcontent.api.prepared import PreparedQuery

PUBLISHED = {"status": Status.PUBLISHED, "is_live": True}
# Placeholders the prepared queries are compiled with (hipcontent/api/prepared.py): no other parameter equals
# them (ids are positive).
SLUG, TOPIC_ID = "prepared-query-slug-placeholder", -918_273
CLAIM = ("basis", "quote", "source__title", "qualifier")
PARENT = ("parent__slug", "parent__name", "parent__is_live", "parent__status")
# What every detail ends with (`governance.Reviewed`), read from the end of its row.
REVIEW = (
    "created_at",
    "last_reviewed",
    "reviewed_by_id",
    "reviewer_name",
    "reviewer_credentials",
    "next_review_due",
)
SOURCE = ("title", "publisher", "url", "accessed", "note")
# A condition as a topic embeds it and as the list shows it (then their own fields).
CONDITION_FIELDS = (
    "slug",
    "name",
    "abbreviation",
    "other_names",
    "summary",
    "pain_locations",
    "pain_character",
    "aggravating_factors",
    "associated_signs",
    "updated_at",
)
# As serializers.CodeSerializer shows a code: its own fields, then its claim (the code set it cites).
CODE = ("system", "code", "display", "release", "kind", "match", *CLAIM)


def claim(basis, quote, source_title, qualifier=""):
    return {"basis": basis, "quote": quote, "source_title": source_title, "qualifier": qualifier}


def link(context, model, slug, name, is_live, status):
    """A parent as `Link` shows it: only when it is published."""
    if slug is None or not (is_live and status == Status.PUBLISHED):
        return None
    return {"slug": slug, "name": name, "url": context.url(model, slug)}


def iso_date(value):
    return None if value is None else value.isoformat()


def strings(values):
    """A StringList as DRF's ListField shows it: None stays None, an item None stays None, any other is
    str() of it. (Editors write lists of strings; a list written another way must still come out as the
    serializer would show it.)"""
    if values is None:
        return None
    return [None if value is None else str(value) for value in values]


def published(prefix):
    """The filter on the items reached through `prefix` that are published."""
    return {f"{prefix}__{name}": value for name, value in PUBLISHED.items()}


def of(relation, slug):
    """The filter on a related item of the published item `slug` through `relation`."""
    return {f"{relation}__slug": slug, **published(relation)}


def sources(model):
    """The sources a `model` item cites, found by its slug, in their order (as the `sources` prefetch
    reads them)."""
    relation = model.sources.field.related_query_name()
    return PreparedQuery(
        lambda slug: (
            Source.objects.filter(**of(relation, slug)).order_by(*Source._meta.ordering).values_list(*SOURCE)
        ),
        SLUG,
    )


def reviewed(context, review, sources):
    """created_at, then what `governance.Reviewed` shows: every detail's last fields, from its REVIEW columns
    and its SOURCE rows."""
    created_at, last_reviewed, reviewer_id, reviewer_name, reviewer_credentials, next_review_due = review
    approved = reviewer_id is not None
    return {
        "created_at": context.datetime(created_at),
        "last_reviewed": iso_date(last_reviewed),
        "reviewed_by": (
            {"name": reviewer_name, "credentials": reviewer_credentials}
            if approved and reviewer_name
            else None
        ),
        "next_review_due": iso_date(next_review_due),
        "review_state": ReviewState.REVIEWED.value if approved else ReviewState.NOT_REVIEWED.value,
        "sources": [
            {"title": title, "publisher": publisher, "url": url, "accessed": iso_date(accessed), "note": note}
            for title, publisher, url, accessed, note in sources
        ],
    }


def condition_fields(context, row):
    """A condition's CONDITION_FIELDS `row` as `serializers.ConditionSummary` and the topic's conditions
    begin."""
    slug, name, abbreviation, other, summary, where, how, worse, signs, updated = row
    return {
        "slug": slug,
        "url": context.url(Condition, slug),
        "name": name,
        "abbreviation": abbreviation,
        "other_names": strings(other),
        "summary": summary,
        "pain_locations": strings(where),
        "pain_character": strings(how),
        "aggravating_factors": strings(worse),
        "associated_signs": strings(signs),
        "updated_at": context.datetime(updated),
    }


def code(system, code, display, release, kind, match, *code_claim):
    """A CODE row as `serializers.CodeSerializer` shows it."""
    return {
        "system": system,
        "code": code,
        "display": display,
        "release": release,
        "kind": kind,
        "match": match,
        "claim": claim(*code_claim),
    }
