"""API v1's topic detail as plain data, read with `values_list()` queries: the same document, byte for byte,
as `serializers.Topic` renders from model instances (tests/api/v1/test_topic_document.py proves it on the seed
and on generated topics), at a fraction of its time (issue 15 point 1).

Why: profiled, an uncached topic read spent ~40% of its time building model instances and prefetching them
and ~35% in DRF's per-field serializer machinery (bench/profile_render.py). Rows as tuples and dicts built
here skip both. The queries are those `Topic.objects.for_detail()` runs, one per list (the red flags'
professionals LEFT JOINed into theirs), none per item; once the topic's row is read, the lists are sent
together (`run_together`: one round trip on PostgreSQL).
`serializers.Topic` stays what the schema is generated from and what every other read renders: a field
added there must be added here too, or the document test fails.
"""

from conditions.models import (
    Professional,
    RedFlag,
    Source,
    Topic,
    TopicAnatomy,
    TopicCondition,
    TopicMechanism,
    TopicRedFlag,
    TopicTreatment,
)
from faq.models import Question
from hipcontent.api.prepared import PreparedQuery, run_together
from hipcontent.api.v1.document_context import Context
from hipcontent.api.v1.document_parts import (
    CLAIM,
    CONDITION_FIELDS,
    PARENT,
    PUBLISHED,
    REVIEW,
    SLUG,
    SOURCE,
    TOPIC_ID,
    claim,
    condition_fields,
    link,
    published,
    reviewed,
)

NOT_ASSESSED = RedFlag.Urgency.NOT_ASSESSED


TOPIC = (
    "id",
    "slug",
    "title",
    "category",
    "summary",
    "updated_at",
    "question",
    "short_answer",
    "overview_heading",
    "overview",
    "mechanisms_heading",
    "mechanisms_intro",
    "conditions_heading",
    "conditions_intro",
    "differentials_heading",
    "differentials_intro",
    "caution",
    "red_flags_heading",
    "red_flags_intro",
    "treatments_heading",
    "treatments_intro",
    "conclusion",
    "key_takeaways_heading",
    "faqs_heading",
    *REVIEW,
)


def links(model, item, *fields, own=(), order=()):
    """The prepared query of a topic's links to published items of one kind, in their order (then `order`),
    as rows: CLAIM's four columns, the link's `own` columns, then `fields` of the item."""
    columns = (*CLAIM, *own, *(f"{item}__{field}" for field in fields))
    return PreparedQuery(
        lambda topic_id: (
            model.objects.filter(topic_id=topic_id, **published(item))
            .order_by("position", "id", *order)
            .values_list(*columns)
        ),
        TOPIC_ID,
    )


TOPIC_ROW = PreparedQuery(
    lambda slug: Topic.objects.filter(slug=slug, **PUBLISHED).values_list(*TOPIC)[:1], SLUG
)
SOURCES = PreparedQuery(
    lambda topic_id: (
        Source.objects.filter(**{f"{Topic.sources.field.related_query_name()}__id": topic_id})
        .order_by(*Source._meta.ordering)
        .values_list(*SOURCE)
    ),
    TOPIC_ID,
)
KEY_TAKEAWAYS = PreparedQuery(
    lambda topic_id: (
        Topic.key_takeaways.rel.related_model.objects.filter(topic_id=topic_id)
        .order_by("position", "id")
        .values_list("text")
    ),
    TOPIC_ID,
    flat=True,
)
FAQS = PreparedQuery(
    lambda topic_id: (
        Question.objects.filter(topic_id=topic_id, **PUBLISHED)
        .order_by(*Question._meta.ordering)
        .values_list("slug", "question", "answer", "updated_at")
    ),
    TOPIC_ID,
)


def topic_document(request, slug):
    """The v1 detail of the published topic `slug`, as `serializers.Topic(...).data` has it; None if there
    is none."""
    found = TOPIC_ROW.rows(slug)
    if not found:
        return None
    t = dict(zip(TOPIC, found[0], strict=True))
    context = Context(request)
    # Every list at once: one round trip on PostgreSQL (hipcontent/api/prepared.py).
    queries = (SOURCES, KEY_TAKEAWAYS, ANATOMY, MECHANISMS, CONDITIONS, RED_FLAGS, TREATMENTS, FAQS)
    lists = dict(zip(queries, run_together([(query, (t["id"],)) for query in queries]), strict=True))
    return {
        "slug": t["slug"],
        "url": context.url(Topic, t["slug"]),
        "title": t["title"],
        "category": t["category"],
        "summary": t["summary"],
        "updated_at": context.datetime(t["updated_at"]),
        "short_answer": {"question": t["question"], "answer": t["short_answer"]},
        "anatomy": section(t["overview_heading"], t["overview"], anatomy(context, lists)),
        "mechanisms": section(t["mechanisms_heading"], t["mechanisms_intro"], mechanisms(context, lists)),
        **conditions(context, lists, t),
        "caution": t["caution"],
        "red_flags": section(t["red_flags_heading"], t["red_flags_intro"], red_flags(context, lists)),
        "treatments": section(t["treatments_heading"], t["treatments_intro"], treatments(context, lists)),
        "conclusion": t["conclusion"],
        "key_takeaways": {
            "heading": t["key_takeaways_heading"],
            "items": lists[KEY_TAKEAWAYS],
        },
        "faqs": {"heading": t["faqs_heading"], "items": faqs(context, lists)},
        **reviewed(context, [t[name] for name in REVIEW], lists[SOURCES]),
    }


def section(heading, intro, items):
    return {"heading": heading, "intro": intro, "items": items}


ANATOMY = links(
    TopicAnatomy,
    "structure",
    "slug",
    "name",
    "description",
    "function",
    "updated_at",
    *PARENT,
    own=("label",),
)


def anatomy(context, lists):
    model = TopicAnatomy.structure.field.related_model
    return [
        {
            "slug": slug,
            "url": context.url(model, slug),
            "name": name,
            "description": description,
            "function": function,
            "parent": link(context, model, *parent),
            "updated_at": context.datetime(updated_at),
            "label": label or None,
            "topic_claim": claim(*row[:4]),
        }
        for row in lists[ANATOMY]
        for label, slug, name, description, function, updated_at, *parent in [row[4:]]
    ]


MECHANISMS = links(TopicMechanism, "mechanism", "slug", "name", "description", "updated_at")


def mechanisms(context, lists):
    model = TopicMechanism.mechanism.field.related_model
    rows = lists[MECHANISMS]
    return [
        {
            "slug": slug,
            "url": context.url(model, slug),
            "name": name,
            "description": description,
            "updated_at": context.datetime(updated_at),
            "topic_claim": claim(*topic_claim),
        }
        for (*topic_claim, slug, name, description, updated_at) in rows
    ]


CONDITIONS = links(TopicCondition, "condition", *CONDITION_FIELDS, own=("role",))


def conditions(context, lists, t):
    """The causes and the differentials: one query, split by role as the topic's properties split it."""
    found = {TopicCondition.Role.CAUSE: [], TopicCondition.Role.DIFFERENTIAL: []}
    for basis, quote, source_title, qualifier, role, *fields in lists[CONDITIONS]:
        items = found.get(role)
        if items is None:
            continue
        topic_claim = claim(basis, quote, source_title, qualifier)
        items.append({**condition_fields(context, fields), "role": role, "topic_claim": topic_claim})
    return {
        "conditions": section(
            t["conditions_heading"], t["conditions_intro"], found[TopicCondition.Role.CAUSE]
        ),
        "differentials": section(
            t["differentials_heading"], t["differentials_intro"], found[TopicCondition.Role.DIFFERENTIAL]
        ),
    }


RED_FLAG_FIELDS = (
    "slug",
    "sign",
    "urgency",
    "action",
    "updated_at",
    "applies_when",
    "urgency_basis",
    "urgency_quote",
    "urgency_source__title",
    "action_basis",
    "action_quote",
    "action_source__title",
    "professionals_basis",
    "professionals_quote",
    "professionals_source__title",
)
PROFESSIONAL = tuple(f"professionals__{name}" for name in ("slug", "name"))


# A row per professional of each linked red flag (one with NULLs when it has none), so the professionals come
# in the same query as their red flags: one round trip fewer than a second query would take (issue 15's ten).
RED_FLAGS = links(
    TopicRedFlag,
    "red_flag",
    *RED_FLAG_FIELDS,
    *PROFESSIONAL,
    own=("id",),
    order=tuple(f"red_flag__professionals__{name}" for name in Professional._meta.ordering),
)


def red_flags(context, lists):
    items, last_link = [], None
    for row in lists[RED_FLAGS]:
        topic_claim, link_id, (professional_slug, professional_name) = row[:4], row[4], row[-2:]
        slug, sign, urgency, action, updated_at, applies_when, *claims = row[5:-2]
        if link_id != last_link:
            last_link, assessed = link_id, urgency != NOT_ASSESSED
            items.append(
                {
                    "slug": slug,
                    "url": context.url(RedFlag, slug),
                    "sign": sign,
                    "urgency": urgency if assessed else "soon",
                    "action": action,
                    "professionals": [],
                    "updated_at": context.datetime(updated_at),
                    "urgency_assessed": assessed,
                    "urgency_claim": claim(*claims[0:3]) if assessed else None,
                    "applies_when": applies_when,
                    "action_claim": claim(*claims[3:6]),
                    "professionals_claim": claim(*claims[6:9]),
                    "topic_claim": claim(*topic_claim),
                }
            )
        if professional_slug is not None:
            items[-1]["professionals"].append({"slug": professional_slug, "name": professional_name})
    return items


TREATMENT_FIELDS = (
    "slug",
    "name",
    "category",
    "description",
    "order_of_care",
    "updated_at",
    "category_basis",
    "category_quote",
    "category_source__title",
    "order_of_care_basis",
    "order_of_care_quote",
    "order_of_care_source__title",
    *PARENT,
)


TREATMENTS = links(TopicTreatment, "treatment", *TREATMENT_FIELDS)


def treatments(context, lists):
    model = TopicTreatment.treatment.field.related_model
    return [
        {
            "slug": slug,
            "url": context.url(model, slug),
            "name": name,
            "category": category,
            "description": description,
            "order_of_care": order,
            "parent": link(context, model, *rest[6:10]),
            "updated_at": context.datetime(updated_at),
            "category_claim": claim(*rest[0:3]),
            "order_of_care_claim": claim(*rest[3:6]),
            "topic_claim": claim(*row[:4]),
        }
        for row in lists[TREATMENTS]
        for slug, name, category, description, order, updated_at, *rest in [row[4:]]
    ]


def faqs(context, lists):
    return [
        {
            "slug": slug,
            "url": context.url(Question, slug),
            "question": question,
            "answer": answer,
            "updated_at": context.datetime(updated_at),
        }
        for slug, question, answer, updated_at in lists[FAQS]
    ]
