"""API v1's condition list page as plain data, read with `values_list()` queries: the same results, byte for
byte, as `serializers.ConditionSummary(page, many=True)` renders from model instances
(tests/api/v1/test_condition_list_document.py proves it for every filter, order, search and page), at a
fraction of its time (issue 15: the uncached list at scale).

Why: the seed has 10 conditions, a list at 64,000 items a full page of 20, and the page's rendering was
what grew with it: under cProfile, DRF's serializers took 21 ms of an uncached list request's 54 at scale
(11 of 57 at seed size), building model instances and prefetching their codes most of the rest of the
page's share. Rows as tuples and dicts built here skip both. The list's filters, search, ordering and paging
stay the view's and its paginator's (the page arrives as their QuerySet); the queries are those
`Condition.objects.for_list()` runs: the page, then its codes. `serializers.ConditionSummary` stays what the
schema is generated from: a field added there must be added here too, or the test fails.
"""

from conditions.models import Condition, ConditionCode
from hipcontent.api.v1.document_context import Context
from hipcontent.api.v1.documents import CONDITION_FIELDS, claim, strings

# The columns a summary reads are those a topic reads of its conditions, and the id its codes are found by.
SUMMARY = ("id", *CONDITION_FIELDS)
CODE = (
    "condition_id",
    "system",
    "code",
    "display",
    "release",
    "kind",
    "match",
    "basis",
    "quote",
    "source__title",
    "qualifier",
)


def condition_summaries(request, conditions):
    """The v1 list results of `conditions` (a page: the list's QuerySet, filtered, ordered and sliced), as
    `serializers.ConditionSummary(conditions, many=True).data` has them."""
    rows = list(conditions.prefetch_related(None).values_list(*SUMMARY))
    codes = _codes([row[0] for row in rows])
    context = Context(request)
    return [
        {
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
            "codes": codes.get(condition_id, []),
        }
        for condition_id, slug, name, abbreviation, other, summary, where, how, worse, signs, updated in rows
    ]


def _codes(condition_ids):
    """Each condition's codes in the order the list's prefetch reads them (conditions/models/content.py
    `codes()`), as `serializers.CodeSerializer` shows them."""
    found = {}
    if not condition_ids:
        return found
    codes = ConditionCode.objects.filter(condition_id__in=condition_ids)
    ordered = codes.order_by(*ConditionCode._meta.ordering).values_list(*CODE)
    for condition_id, system, code, display, release, kind, match, *code_claim in ordered:
        found.setdefault(condition_id, []).append(
            {
                "system": system,
                "code": code,
                "display": display,
                "release": release,
                "kind": kind,
                "match": match,
                "claim": claim(*code_claim),
            }
        )
    return found
