"""API v1's other details as plain data (mechanism, anatomy, red flag, treatment, FAQ), read with
`values_list()` queries: the same documents, byte for byte, as `serializers.Mechanism`, `Anatomy`, `RedFlag`,
`Treatment` and `Faq` render from the model instances `for_detail()` prefetches
(tests/api/v1/test_detail_documents.py proves it on the seed, on generated items and on the states linked
items can be in), in a fraction of their time (issue 15 point 1: every detail 5x faster than a plain
nested-ModelSerializer build of it, bench/peer_details.py).

Why: as for the topic (documents.py), the serializer path spent its time building model instances and
prefetching them, and in DRF's per-field machinery: a mechanism with two conditions took three times as long
to render as the whole topic read as plain data. The queries are those each `for_detail()` runs, one per list
and none per item (tests/api/v1/queries.py counts them), but each list is found by the item's slug rather
than by its id, so that the row and every list are sent together (`run_together`: one round trip on
PostgreSQL, where a read of the row first and then of its lists took two; ~0.2-0.7 ms less per detail).
The serializers stay what the schema is generated from: a field added there must be added here too, or the
document test fails.
"""

from conditions.models import (
    AnatomicalStructure,
    Condition,
    Mechanism,
    Professional,
    RedFlag,
    Topic,
    Treatment,
    TreatmentAnatomy,
)
from faq.models import Question
from hipcontent.api.prepared import PreparedQuery, run_together
from hipcontent.api.v1.document_context import Context
from hipcontent.api.v1.document_parts import (
    CLAIM,
    PARENT,
    PUBLISHED,
    REVIEW,
    SLUG,
    claim,
    link,
    of,
    reviewed,
    sources,
)


class Detail:
    """A kind's detail as plain data: its row (`columns`, then REVIEW) and its lists (its sources, then
    `lists`), each found by the item's slug, all sent at once."""

    def __init__(self, model, columns, *lists):
        row = PreparedQuery(
            lambda slug: model.objects.filter(slug=slug, **PUBLISHED).values_list(*columns, *REVIEW)[:1],
            SLUG,
        )
        self.queries = (row, sources(model), *lists)

    def read(self, slug):
        """(its own columns, its REVIEW columns, its sources, then each list's rows); None if no published
        item has the slug."""
        # The lists are found by the item's slug (a join more each: one live row has it, the constraint
        # `unique_live_slug` says so) rather than by its id once its row is read: one round trip for the
        # whole document rather than two.
        found, *rows = run_together([(query, (slug,)) for query in self.queries])
        if not found:
            return None
        own = found[0]
        return (own[: -len(REVIEW)], own[-len(REVIEW) :], *rows)


def conditions(lookup):
    """The published conditions that link to an item (`lookup`: the conditions' relation to its kind), as
    `LinkedQuerySet.for_detail()` prefetches them: in the conditions' order."""
    return PreparedQuery(
        lambda slug: (
            Condition.objects.filter(**of(lookup, slug), **PUBLISHED)
            .order_by(*Condition._meta.ordering)
            .values_list("slug", "name")
        ),
        SLUG,
    )


def parts(model):
    """The published parts of an item in a tree, in their order among siblings, as
    `TreeQuerySet.for_detail()` prefetches them."""
    return PreparedQuery(
        lambda slug: (
            model.objects.filter(**of("parent", slug), **PUBLISHED)
            .order_by(*model.sibling_order)
            .values_list("slug", "name")
        ),
        SLUG,
    )


def links(context, model, rows):
    """Links (`hipcontent.api.links.Link`) to the published items of `model` in `rows` of (slug, name)."""
    return [{"slug": slug, "name": name, "url": context.url(model, slug)} for slug, name in rows]


MECHANISM = Detail(Mechanism, ("slug", "name", "description", "updated_at"), conditions("mechanisms"))


def mechanism_document(request, slug):
    """The v1 detail of the published mechanism `slug`, as `serializers.Mechanism` has it; None if none."""
    found = MECHANISM.read(slug)
    if found is None:
        return None
    (slug, name, description, updated_at), review, sources, linked = found
    context = Context(request)
    return {
        "slug": slug,
        "url": context.url(Mechanism, slug),
        "name": name,
        "description": description,
        "updated_at": context.datetime(updated_at),
        "conditions": links(context, Condition, linked),
        **reviewed(context, review, sources),
    }


ANATOMY = Detail(
    AnatomicalStructure,
    ("slug", "name", "description", "function", "updated_at", *PARENT),
    parts(AnatomicalStructure),
    conditions("anatomy"),
)


def anatomy_document(request, slug):
    """The v1 detail of the published structure `slug`, as `serializers.Anatomy` has it; None if none."""
    found = ANATOMY.read(slug)
    if found is None:
        return None
    (slug, name, description, function, updated_at, *parent), review, sources, its_parts, linked = found
    context = Context(request)
    return {
        "slug": slug,
        "url": context.url(AnatomicalStructure, slug),
        "name": name,
        "description": description,
        "function": function,
        "parent": link(context, AnatomicalStructure, *parent),
        "updated_at": context.datetime(updated_at),
        "parts": links(context, AnatomicalStructure, its_parts),
        "conditions": links(context, Condition, linked),
        **reviewed(context, review, sources),
    }


def field_claim(name):
    """The columns of the claim behind an item's field `name` (`claims.ClaimOf`): basis, quote, source."""
    return (f"{name}_basis", f"{name}_quote", f"{name}_source__title")


RED_FLAG = Detail(
    RedFlag,
    (
        *("slug", "sign", "urgency", "action", "updated_at", "applies_when"),
        *field_claim("urgency"),
        *field_claim("action"),
        *field_claim("professionals"),
    ),
    conditions("red_flags"),
    PreparedQuery(
        lambda slug: (
            Professional.objects.filter(**of("red_flags", slug))
            .order_by(*Professional._meta.ordering)
            .values_list("slug", "name")
        ),
        SLUG,
    ),
)


def red_flag_document(request, slug):
    """The v1 detail of the published red flag `slug`, as `serializers.RedFlag` has it; None if none."""
    found = RED_FLAG.read(slug)
    if found is None:
        return None
    (slug, sign, urgency, action, updated_at, applies_when, *claims), review, sources, linked, people = found
    context = Context(request)
    # An urgency no clinician has assessed is served as v1 was released with (serializers.RELEASED_URGENCIES).
    assessed = urgency != RedFlag.Urgency.NOT_ASSESSED
    return {
        "slug": slug,
        "url": context.url(RedFlag, slug),
        "sign": sign,
        "urgency": urgency if assessed else "soon",
        "action": action,
        "professionals": [{"slug": who, "name": name} for who, name in people],
        "updated_at": context.datetime(updated_at),
        "urgency_assessed": assessed,
        "urgency_claim": claim(*claims[0:3]) if assessed else None,
        "applies_when": applies_when,
        "action_claim": claim(*claims[3:6]),
        "professionals_claim": claim(*claims[6:9]),
        "conditions": links(context, Condition, linked),
        **reviewed(context, review, sources),
    }


TREATMENT = Detail(
    Treatment,
    (
        *("slug", "name", "category", "description", "order_of_care", "updated_at", *PARENT),
        *field_claim("category"),
        *field_claim("order_of_care"),
    ),
    parts(Treatment),
    conditions("treatments"),
    # The structures it is given into or around, each link's claim: as `TreatmentQuerySet.for_detail()`.
    PreparedQuery(
        lambda slug: (
            TreatmentAnatomy.objects.filter(
                **of("treatment", slug), **{f"structure__{name}": value for name, value in PUBLISHED.items()}
            )
            .order_by(*TreatmentAnatomy._meta.ordering)
            .values_list(*CLAIM, "structure__slug", "structure__name")
        ),
        SLUG,
    ),
)


def treatment_document(request, slug):
    """The v1 detail of the published treatment `slug`, as `serializers.Treatment` has it; None if none."""
    found = TREATMENT.read(slug)
    if found is None:
        return None
    own, review, sources, its_parts, linked, anatomy = found
    slug, name, category, description, order, updated_at = own[:6]
    parent, claims = own[6:10], own[10:]
    context = Context(request)
    structures = links(context, AnatomicalStructure, [row[4:] for row in anatomy])
    return {
        "slug": slug,
        "url": context.url(Treatment, slug),
        "name": name,
        "category": category,
        "description": description,
        "order_of_care": order,
        "parent": link(context, Treatment, *parent),
        "updated_at": context.datetime(updated_at),
        "category_claim": claim(*claims[0:3]),
        "order_of_care_claim": claim(*claims[3:6]),
        "parts": links(context, Treatment, its_parts),
        "conditions": links(context, Condition, linked),
        **reviewed(context, review, sources),
        "anatomy": structures,
        "anatomy_claims": [
            {**claim(*row[:4]), "structure": structure}
            for row, structure in zip(anatomy, structures, strict=True)
        ],
    }


FAQ = Detail(
    Question,
    (
        *("slug", "question", "answer", "updated_at"),
        *("topic__slug", "topic__title", "topic__is_live", "topic__status"),
    ),
    conditions("questions"),
)


def faq_document(request, slug):
    """The v1 detail of the published question `slug`, as `serializers.Faq` has it; None if none."""
    found = FAQ.read(slug)
    if found is None:
        return None
    (slug, question, answer, updated_at, *topic), review, sources, linked = found
    context = Context(request)
    return {
        "slug": slug,
        "url": context.url(Question, slug),
        "question": question,
        "answer": answer,
        "updated_at": context.datetime(updated_at),
        "topic": link(context, Topic, *topic),
        "conditions": links(context, Condition, linked),
        **reviewed(context, review, sources),
    }
