"""API v1's condition detail as plain data, read with `values_list()` queries: the same document, byte for
byte, as `serializers.Condition` renders from the model instances `Condition.objects.for_detail()` prefetches
(tests/api/v1/test_condition_document.py proves it on the seed and on generated conditions), at a fraction of
its time (issue 15 point 1: every detail page 5x its plain-DRF peer, bench/peer_conditions.py).

Why: profiled (bench/profile_render.py, seed), building the detail was ~90% of an uncached request's CPU,
most of it compiling the eleven QuerySets and building and prefetching model instances; DRF's fields took
the rest. As for the topic (documents.py): the rows are those `for_detail()` reads, compiled once
(PreparedQuery). Unlike the topic's, each list finds the condition by its slug (a JOIN on the unique live
slug) rather than by the id of its row, so the row and the lists go together (`run_together`: one round trip
on PostgreSQL, not two; an unknown slug costs the same round trip, its lists empty). And the four lists of
linked items are one UNION ALL statement, the relations stored on either side another: each statement in a
pipeline cost ~0.1 ms of CPU in the client (psycopg, Django's cursor): 6 where the prefetches run 10.
`serializers.Condition` stays what the schema is generated from and what v2+ render: a field added there must
be added here too, or the document test fails.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, Value

from conditions.models import (
    Condition,
    ConditionAnatomy,
    ConditionCode,
    ConditionMechanism,
    ConditionRedFlag,
    ConditionRelation,
    ConditionTreatment,
    Topic,
    TopicCondition,
)
from hipcontent.api.prepared import PreparedQuery, run_together
from hipcontent.api.v1.document_context import Context
from hipcontent.api.v1.document_parts import (
    CLAIM,
    CODE,
    CONDITION_FIELDS,
    PUBLISHED,
    REVIEW,
    SLUG,
    claim,
    code,
    condition_fields,
    of,
    published,
    reviewed,
    sources,
)

CONDITION = (*CONDITION_FIELDS, *REVIEW)
CONDITION_ROW = PreparedQuery(
    lambda slug: Condition.objects.filter(slug=slug, **PUBLISHED).values_list(*CONDITION)[:1], SLUG
)


SOURCES = sources(Condition)
CODES = PreparedQuery(
    lambda slug: (
        ConditionCode.objects.filter(**of("condition", slug))
        .order_by(*ConditionCode._meta.ordering)
        .values_list(*CODE)
    ),
    SLUG,
)


# The lists of linked items, in the document's order: field name → (link model, the item's field its __str__
# returns: the name `Link` shows). Each item model is ordered by that field, then its slug (the order
# `published_links()` in conditions/models/content.py prefetches them in), which LINKS sorts by.
LINKED = {
    "mechanisms": (ConditionMechanism, "name"),
    "anatomy": (ConditionAnatomy, "name"),
    "treatments": (ConditionTreatment, "name"),
    "red_flags": (ConditionRedFlag, "sign"),
}


def item_model(model):
    return model._meta.get_field(model.item_field).related_model


if any(item_model(model)._meta.ordering != [label, "slug"] for model, label in LINKED.values()):
    raise ImproperlyConfigured("An item's ordering changed: LINKS must sort its links as for_detail() does.")


def linked_items(slug):
    """A condition's links to published items of the four kinds, one statement (UNION ALL) rather than four:
    each row the number of its list in LINKED, CLAIM's four columns, the item's name and slug; by list, then
    in the items' order."""
    kinds = [
        model.objects.filter(**of("condition", slug), **published(model.item_field))
        .annotate(
            list=Value(number),
            item_label=F(f"{model.item_field}__{label}"),
            item_slug=F(f"{model.item_field}__slug"),
        )
        .order_by()
        .values_list("list", *CLAIM, "item_label", "item_slug")
        for number, (model, label) in enumerate(LINKED.values())
    ]
    return kinds[0].union(*kinds[1:], all=True).order_by("list", "item_label", "item_slug")


LINKS = PreparedQuery(linked_items, SLUG)


def relations(slug):
    """A condition's relations to published conditions, stored on its side (0) or on the other's (1), one
    statement (UNION ALL): each row its side, CLAIM's columns, the kind as stored, the other's id, slug and
    name; ordered as for_detail() prefetches each side, its own side first."""
    sides = [
        ConditionRelation.objects.filter(**of(mine, slug), **published(others))
        .annotate(
            side=Value(side),
            relative_id=F(f"{others}__id"),
            relative_slug=F(f"{others}__slug"),
            relative_name=F(f"{others}__name"),
        )
        .order_by()
        .values_list("side", *CLAIM, "kind", "relative_id", "relative_slug", "relative_name")
        for side, (mine, others) in enumerate([("condition", "other"), ("other", "condition")])
    ]
    return sides[0].union(sides[1], all=True).order_by("side", "kind", "relative_name", "relative_slug")


RELATIONS = PreparedQuery(relations, SLUG)
TOPICS = PreparedQuery(
    lambda slug: (
        TopicCondition.objects.filter(**of("condition", slug), **published("topic"))
        .order_by(*TopicCondition._meta.ordering)
        .values_list("topic__slug", "topic__title", "role")
    ),
    SLUG,
)
LISTS = (
    CONDITION_ROW,
    SOURCES,
    CODES,
    LINKS,
    RELATIONS,
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
    own = found[0]
    context = Context(request)
    linked = _links(context, lists[LINKS])
    # Each relation read from this condition's side: (kind, the other condition, the claim's columns).
    views = [
        (ConditionRelation.INVERSE[kind] if side else kind, other, row)
        for side, *row, kind, other_id, other_slug, other_name in lists[RELATIONS]
        for other in [(other_id, other_slug, other_name)]
    ]
    return {
        **condition_fields(context, own[: len(CONDITION_FIELDS)]),
        "codes": [code(*code_row) for code_row in lists[CODES]],
        **{field: [item for _claim, item in links] for field, links in linked.items()},
        "differentials": _differentials(context, views),
        "topics": [
            {"slug": topic_slug, "name": title, "url": context.url(Topic, topic_slug), "role": role}
            for topic_slug, title, role in lists[TOPICS]
        ],
        **reviewed(context, own[len(CONDITION_FIELDS) :], lists[SOURCES]),
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


def _links(context, rows):
    """Each list of LINKED: (claim columns, the item as `Link` shows it) of each of its rows in LINKS."""
    found = {field: [] for field in LINKED}
    fields = list(LINKED)
    models = [item_model(model) for model, _label in LINKED.values()]
    for number, *link_claim, name, slug in rows:
        item = {"slug": slug, "name": name, "url": context.url(models[number], slug)}
        found[fields[number]].append((link_claim, item))
    return found


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
