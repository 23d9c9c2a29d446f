"""API v1's condition detail as plain data, read with `values_list()` queries: the same document, byte for
byte, as `serializers.Condition` renders from the model instances `Condition.objects.for_detail()` prefetches
(tests/api/v1/test_condition_document.py proves it on the seed and on generated conditions), at a fraction of
its time (issue 15 point 1: every detail page 5x its plain-DRF peer, bench/peer_conditions.py).

Why: profiled (bench/profile_render.py, seed), building the detail was ~90% of an uncached request's CPU,
most of it compiling the eleven QuerySets and building and prefetching model instances; DRF's fields took
the rest. As for the topic (documents.py): the queries are those `for_detail()` runs, one per list, compiled
once (PreparedQuery). Unlike the topic's, each list finds the condition by its slug (a JOIN on the unique
live slug) rather than by the id of its row: the row and the ten lists then go together (`run_together`: one
round trip on PostgreSQL, not two). An unknown slug costs the same round trip, its lists empty.
`serializers.Condition` stays what the schema is generated from and what v2+ render: a field added there must
be added here too, or the document test fails.
"""

from conditions.models import (
    Condition,
    ConditionAnatomy,
    ConditionCode,
    ConditionMechanism,
    ConditionRedFlag,
    ConditionRelation,
    ConditionTreatment,
    ReviewState,
    Source,
    Topic,
    TopicCondition,
)
from hipcontent.api.prepared import PreparedQuery, run_together
from hipcontent.api.v1.document_context import Context
from hipcontent.api.v1.documents import CLAIM, CONDITION_FIELDS, PUBLISHED, SLUG, claim, strings

CONDITION = (
    *CONDITION_FIELDS,
    "created_at",
    "last_reviewed",
    "reviewed_by_id",
    "reviewer_name",
    "reviewer_credentials",
    "next_review_due",
)
CONDITION_ROW = PreparedQuery(
    lambda slug: Condition.objects.filter(slug=slug, **PUBLISHED).values_list(*CONDITION)[:1], SLUG
)


def of_condition(path, slug):
    """Filters a list's rows to those of the published condition `slug`, reached through `path`."""
    return {f"{path}__slug": slug, **published(path)}


def published(prefix):
    return {f"{prefix}__{name}": value for name, value in PUBLISHED.items()}


SOURCES = PreparedQuery(
    lambda slug: (
        Source.objects.filter(**of_condition(Condition.sources.field.related_query_name(), slug))
        .order_by(*Source._meta.ordering)
        .values_list("title", "publisher", "url", "accessed", "note")
    ),
    SLUG,
)
# As serializers.CodeSerializer shows a code: its own fields, then its claim (the code set it cites).
CODES = PreparedQuery(
    lambda slug: (
        ConditionCode.objects.filter(**of_condition("condition", slug))
        .order_by(*ConditionCode._meta.ordering)
        .values_list("system", "code", "display", "release", "kind", "match", *CLAIM)
    ),
    SLUG,
)


def item_links(model, label="name"):
    """The prepared query of a condition's links of one kind to published items, in the items' order (as
    `published_links()` in conditions/models/content.py prefetches them), as rows: CLAIM's four columns, then
    the item's slug and `label`, the field its __str__ (the name `Link` shows) returns."""
    item = model.item_field
    item_model = model._meta.get_field(item).related_model
    return (
        item_model,
        PreparedQuery(
            lambda slug: (
                model.objects.filter(**of_condition("condition", slug), **published(item))
                .order_by(*(f"{item}__{name}" for name in item_model._meta.ordering))
                .values_list(*CLAIM, f"{item}__slug", f"{item}__{label}")
            ),
            SLUG,
        ),
    )


# The lists of linked items, in the document's order: field name → (item model, its prepared query).
LINKED = {
    "mechanisms": item_links(ConditionMechanism),
    "anatomy": item_links(ConditionAnatomy),
    "treatments": item_links(ConditionTreatment),
    "red_flags": item_links(ConditionRedFlag, "sign"),
}


def relations(mine, others):
    """The prepared query of the relations stored on the `mine` side of a condition to published conditions
    on the `others` side, ordered as for_detail() prefetches them: CLAIM's columns, the kind, the other's
    id, slug and name."""
    return PreparedQuery(
        lambda slug: (
            ConditionRelation.objects.filter(**of_condition(mine, slug), **published(others))
            .order_by("kind", f"{others}__name", f"{others}__slug")
            .values_list(*CLAIM, "kind", f"{others}__id", f"{others}__slug", f"{others}__name")
        ),
        SLUG,
    )


OUTGOING = relations("condition", "other")
INCOMING = relations("other", "condition")
TOPICS = PreparedQuery(
    lambda slug: (
        TopicCondition.objects.filter(**of_condition("condition", slug), **published("topic"))
        .order_by(*TopicCondition._meta.ordering)
        .values_list("topic__slug", "topic__title", "role")
    ),
    SLUG,
)
LISTS = (
    CONDITION_ROW,
    SOURCES,
    CODES,
    *(query for _model, query in LINKED.values()),
    OUTGOING,
    INCOMING,
    TOPICS,
)


def condition_document(request, slug):
    """The v1 detail of the published condition `slug`, as `serializers.Condition(...).data` has it; None if
    there is none."""
    # The row and every list at once: one round trip on PostgreSQL (hipcontent/api/prepared.py). An unknown
    # slug's lists are empty, and cost no more round trip than its row.
    lists = dict(zip(LISTS, run_together([(query, (slug,)) for query in LISTS]), strict=True))
    found = lists[CONDITION_ROW]
    if not found:
        return None
    (
        slug,
        name,
        abbreviation,
        other,
        summary,
        where,
        how,
        worse,
        signs,
        updated_at,
        created_at,
        last_reviewed,
        reviewed_by_id,
        reviewer_name,
        reviewer_credentials,
        next_review_due,
    ) = found[0]
    context = Context(request)
    linked = {field: _links(context, model, lists[query]) for field, (model, query) in LINKED.items()}
    # Each relation read from this condition's side: those stored on it, then those stored on the other.
    views = [(row[4], row[5:], row[:4]) for row in lists[OUTGOING]]
    views += [(ConditionRelation.INVERSE[row[4]], row[5:], row[:4]) for row in lists[INCOMING]]
    reviewed = reviewed_by_id is not None
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
        "updated_at": context.datetime(updated_at),
        "codes": [
            {
                "system": system,
                "code": code,
                "display": display,
                "release": release,
                "kind": kind,
                "match": match,
                "claim": claim(*code_claim),
            }
            for system, code, display, release, kind, match, *code_claim in lists[CODES]
        ],
        **{field: [item for _claim, item in links] for field, links in linked.items()},
        "differentials": _differentials(context, views),
        "topics": [
            {"slug": topic_slug, "name": title, "url": context.url(Topic, topic_slug), "role": role}
            for topic_slug, title, role in lists[TOPICS]
        ],
        "created_at": context.datetime(created_at),
        "last_reviewed": _date(last_reviewed),
        "reviewed_by": (
            {"name": reviewer_name, "credentials": reviewer_credentials}
            if reviewed and reviewer_name
            else None
        ),
        "next_review_due": _date(next_review_due),
        "review_state": ReviewState.REVIEWED.value if reviewed else ReviewState.NOT_REVIEWED.value,
        "sources": [
            {"title": title, "publisher": publisher, "url": url, "accessed": _date(accessed), "note": note}
            for title, publisher, url, accessed, note in lists[SOURCES]
        ],
        "link_claims": [
            {**claim(*link_claim), "field": field, "item": item}
            for field, links in linked.items()
            for link_claim, item in links
        ],
        "relations": [
            {**claim(*row), "relation": kind, "condition": _condition(context, other)}
            for kind, other, row in views
        ],
    }


def _links(context, model, rows):
    """(claim columns, the item as `Link` shows it) of each row of an item_links() query."""
    return [
        (row[:4], {"slug": slug, "name": name, "url": context.url(model, slug)})
        for row in rows
        for slug, name in [row[4:]]
    ]


def _condition(context, other):
    _id, slug, name = other
    return {"slug": slug, "name": name, "url": context.url(Condition, slug)}


def _differentials(context, views):
    """The conditions it is to be told apart from, either way round, once each, by name then slug (in
    Python, as `Condition.public_differentials` sorts them: not the database's collation)."""
    tell_apart = ConditionRelation.Kind.TELL_APART
    others = {other[0]: other for kind, other, _row in views if kind == tell_apart}
    ordered = sorted(others.values(), key=lambda other: (other[2], other[1]))
    return [_condition(context, other) for other in ordered]


def _date(value):
    return None if value is None else value.isoformat()
