"""API v1's topic detail as plain data, read with `values_list()` queries: the same document, byte for byte,
as `serializers.Topic` renders from model instances (tests/api/v1/test_topic_document.py proves it on the seed
and on generated topics), at a fraction of its time (issue 15 point 1).

Why: profiled, an uncached topic read spent ~40% of its time building model instances and prefetching them
and ~35% in DRF's per-field serializer machinery (bench/profile_render.py). Rows as tuples and dicts built
here skip both. The queries are those `Topic.objects.for_detail()` runs, one per list, none per item.
`serializers.Topic` stays what the schema is generated from and what every other read renders: a field
added there must be added here too, or the document test fails.
"""

import datetime as dt

from django.db.models import F
from django.utils import timezone
from rest_framework.fields import DateTimeField
from rest_framework.reverse import reverse

from conditions.models import (
    Professional,
    RedFlag,
    ReviewState,
    Source,
    Status,
    Topic,
    TopicAnatomy,
    TopicCondition,
    TopicMechanism,
    TopicRedFlag,
    TopicTreatment,
)
from faq.models import Question
from hipcontent.api.links import detail_route
from hipcontent.api.prepared import PreparedQuery

PUBLISHED = {"status": Status.PUBLISHED, "is_live": True}
# Placeholders the prepared queries are compiled with (hipcontent/api/prepared.py): no other parameter equals
# them (ids are positive).
SLUG, TOPIC_ID = "prepared-query-slug-placeholder", -918_273
NOT_ASSESSED = RedFlag.Urgency.NOT_ASSESSED
CLAIM = ("basis", "quote", "source__title", "qualifier")
PARENT = ("parent__slug", "parent__name", "parent__is_live", "parent__status")
# DRF's own conversion (time zone, ISO 8601 with "Z"): the dates must be the serializers' to the character.
_drf_datetime = DateTimeField().to_representation


def _datetime(value):
    # What DRF's conversion gives for a UTC time in the UTC time zone (the database's and the settings'), in
    # a tenth of its time; anything else is DRF's.
    if value.tzinfo is dt.UTC and timezone.get_current_timezone_name() == "UTC":
        return value.isoformat().replace("+00:00", "Z")
    return _drf_datetime(value)


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
    "created_at",
    "last_reviewed",
    "reviewed_by_id",
    "reviewer_name",
    "reviewer_credentials",
    "next_review_due",
)


class Urls:
    """Each collection's detail URL for this request: reversed once per collection, then filled per slug."""

    PLACEHOLDER = "slug-placeholder-0"

    def __init__(self, request):
        self.request, self.prefixes = request, {}

    def __call__(self, model, slug):
        found = self.prefixes.get(model)
        if found is None:
            url = reverse(detail_route(model), kwargs={"slug": self.PLACEHOLDER}, request=self.request)
            found = self.prefixes[model] = tuple(url.split(self.PLACEHOLDER, 1))
        return f"{found[0]}{slug}{found[1]}"


def claim(basis, quote, source_title, qualifier=""):
    return {"basis": basis, "quote": quote, "source_title": source_title, "qualifier": qualifier}


def link(urls, model, slug, name, is_live, status):
    """A parent as `Link` shows it: only when it is published."""
    if slug is None or not (is_live and status == Status.PUBLISHED):
        return None
    return {"slug": slug, "name": name, "url": urls(model, slug)}


def _date(value):
    return None if value is None else value.isoformat()


def links(model, item, *fields, own=()):
    """The prepared query of a topic's links to published items of one kind, in their order, as rows: CLAIM's
    four columns, the link's `own` columns, then `fields` of the item."""
    published = {f"{item}__{name}": value for name, value in PUBLISHED.items()}
    columns = (*CLAIM, *own, *(f"{item}__{field}" for field in fields))
    return PreparedQuery(
        lambda topic_id: (
            model.objects.filter(topic_id=topic_id, **published)
            .order_by("position", "id")
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
        .values_list("title", "publisher", "url", "accessed", "note")
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
    topic_id, urls = t["id"], Urls(request)
    reviewed = t["reviewed_by_id"] is not None
    return {
        "slug": t["slug"],
        "url": urls(Topic, t["slug"]),
        "title": t["title"],
        "category": t["category"],
        "summary": t["summary"],
        "updated_at": _datetime(t["updated_at"]),
        "short_answer": {"question": t["question"], "answer": t["short_answer"]},
        "anatomy": section(t["overview_heading"], t["overview"], anatomy(urls, topic_id)),
        "mechanisms": section(t["mechanisms_heading"], t["mechanisms_intro"], mechanisms(urls, topic_id)),
        **conditions(urls, topic_id, t),
        "caution": t["caution"],
        "red_flags": section(t["red_flags_heading"], t["red_flags_intro"], red_flags(urls, topic_id)),
        "treatments": section(t["treatments_heading"], t["treatments_intro"], treatments(urls, topic_id)),
        "conclusion": t["conclusion"],
        "key_takeaways": {
            "heading": t["key_takeaways_heading"],
            "items": KEY_TAKEAWAYS.rows(topic_id),
        },
        "faqs": {"heading": t["faqs_heading"], "items": faqs(urls, topic_id)},
        "created_at": _datetime(t["created_at"]),
        "last_reviewed": _date(t["last_reviewed"]),
        "reviewed_by": (
            {"name": t["reviewer_name"], "credentials": t["reviewer_credentials"]}
            if reviewed and t["reviewer_name"]
            else None
        ),
        "next_review_due": _date(t["next_review_due"]),
        "review_state": ReviewState.REVIEWED.value if reviewed else ReviewState.NOT_REVIEWED.value,
        "sources": [
            {"title": title, "publisher": publisher, "url": url, "accessed": _date(accessed), "note": note}
            for title, publisher, url, accessed, note in SOURCES.rows(topic_id)
        ],
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


def anatomy(urls, topic_id):
    model = TopicAnatomy.structure.field.related_model
    return [
        {
            "slug": slug,
            "url": urls(model, slug),
            "name": name,
            "description": description,
            "function": function,
            "parent": link(urls, model, *parent),
            "updated_at": _datetime(updated_at),
            "label": label or None,
            "topic_claim": claim(*row[:4]),
        }
        for row in ANATOMY.rows(topic_id)
        for label, slug, name, description, function, updated_at, *parent in [row[4:]]
    ]


MECHANISMS = links(TopicMechanism, "mechanism", "slug", "name", "description", "updated_at")


def mechanisms(urls, topic_id):
    model = TopicMechanism.mechanism.field.related_model
    rows = MECHANISMS.rows(topic_id)
    return [
        {
            "slug": slug,
            "url": urls(model, slug),
            "name": name,
            "description": description,
            "updated_at": _datetime(updated_at),
            "topic_claim": claim(*topic_claim),
        }
        for (*topic_claim, slug, name, description, updated_at) in rows
    ]


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


CONDITIONS = links(TopicCondition, "condition", *CONDITION_FIELDS, own=("role",))


def conditions(urls, topic_id, t):
    """The causes and the differentials: one query, split by role as the topic's properties split it."""
    model = TopicCondition.condition.field.related_model
    rows = CONDITIONS.rows(topic_id)
    found = {TopicCondition.Role.CAUSE: [], TopicCondition.Role.DIFFERENTIAL: []}
    for (
        *topic_claim,
        role,
        slug,
        name,
        abbreviation,
        other,
        summary,
        where,
        how,
        worse,
        signs,
        updated,
    ) in rows:
        items = found.get(role)
        if items is None:
            continue
        items.append(
            {
                "slug": slug,
                "url": urls(model, slug),
                "name": name,
                "abbreviation": abbreviation,
                "other_names": _strings(other),
                "summary": summary,
                "pain_locations": _strings(where),
                "pain_character": _strings(how),
                "aggravating_factors": _strings(worse),
                "associated_signs": _strings(signs),
                "updated_at": _datetime(updated),
                "role": role,
                "topic_claim": claim(*topic_claim),
            }
        )
    return {
        "conditions": section(
            t["conditions_heading"], t["conditions_intro"], found[TopicCondition.Role.CAUSE]
        ),
        "differentials": section(
            t["differentials_heading"], t["differentials_intro"], found[TopicCondition.Role.DIFFERENTIAL]
        ),
    }


def _strings(values):
    # StringList: a list of CharField children, each str() of its value.
    return [str(value) for value in values]


RED_FLAG_FIELDS = (
    "id",
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


RED_FLAGS = links(TopicRedFlag, "red_flag", *RED_FLAG_FIELDS)
# The professionals of the topic's published red flags, each with the red flag's id.
PROFESSIONALS = PreparedQuery(
    lambda topic_id: (
        Professional.objects.filter(
            red_flags__topic_links__topic_id=topic_id,
            **{f"red_flags__{name}": value for name, value in PUBLISHED.items()},
        )
        .annotate(flag=F("red_flags"))
        .order_by(*Professional._meta.ordering)
        .values_list("flag", "slug", "name")
    ),
    TOPIC_ID,
)


def red_flags(urls, topic_id):
    rows = RED_FLAGS.rows(topic_id)
    professionals = {}
    if rows:
        for flag, slug, name in PROFESSIONALS.rows(topic_id):
            professionals.setdefault(flag, []).append({"slug": slug, "name": name})
    items = []
    for row in rows:
        topic_claim, (flag, slug, sign, urgency, action, updated_at, applies_when, *claims) = row[:4], row[4:]
        assessed = urgency != NOT_ASSESSED
        items.append(
            {
                "slug": slug,
                "url": urls(RedFlag, slug),
                "sign": sign,
                "urgency": urgency if assessed else "soon",
                "action": action,
                "professionals": professionals.get(flag, []),
                "updated_at": _datetime(updated_at),
                "urgency_assessed": assessed,
                "urgency_claim": claim(*claims[0:3]) if assessed else None,
                "applies_when": applies_when,
                "action_claim": claim(*claims[3:6]),
                "professionals_claim": claim(*claims[6:9]),
                "topic_claim": claim(*topic_claim),
            }
        )
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


def treatments(urls, topic_id):
    model = TopicTreatment.treatment.field.related_model
    return [
        {
            "slug": slug,
            "url": urls(model, slug),
            "name": name,
            "category": category,
            "description": description,
            "order_of_care": order,
            "parent": link(urls, model, *rest[6:10]),
            "updated_at": _datetime(updated_at),
            "category_claim": claim(*rest[0:3]),
            "order_of_care_claim": claim(*rest[3:6]),
            "topic_claim": claim(*row[:4]),
        }
        for row in TREATMENTS.rows(topic_id)
        for slug, name, category, description, order, updated_at, *rest in [row[4:]]
    ]


def faqs(urls, topic_id):
    return [
        {
            "slug": slug,
            "url": urls(Question, slug),
            "question": question,
            "answer": answer,
            "updated_at": _datetime(updated_at),
        }
        for slug, question, answer, updated_at in FAQS.rows(topic_id)
    ]
