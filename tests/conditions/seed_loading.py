"""What the `load_seed` tests share: the rows the seed article makes, how to load it, count its rows (working
and live apart), read everything the API serves, and read the change events a load writes.

Each seed item is two rows: the working row editors edit, and the live row the API serves, which the loader
publishes from it. Editors' changes are made to working rows here, as in the admin.
"""

from io import StringIO

from django.core.management import call_command
from django.db.models import Q

from conditions.models import (
    AnatomicalStructure,
    ChangeEvent,
    Condition,
    ConditionAnatomy,
    ConditionCode,
    ConditionMechanism,
    ConditionRedFlag,
    ConditionRelation,
    ConditionTreatment,
    KeyTakeaway,
    Mechanism,
    Professional,
    Publishable,
    RedFlag,
    Source,
    Topic,
    TopicAnatomy,
    TopicCondition,
    TopicMechanism,
    TopicRedFlag,
    TopicTreatment,
    Treatment,
)
from conditions.models.base import Shared
from faq.models import Question
from tests.payloads import get_json, url, without_timestamps

SEED = "hip-pain-buttock-discomfort"

PUBLISHABLE = [AnatomicalStructure, Mechanism, Treatment, RedFlag, Condition, Topic, Question]

MODELS = [
    Professional,
    Source,
    *PUBLISHABLE,
    KeyTakeaway,
    TopicAnatomy,
    TopicMechanism,
    TopicCondition,
    TopicRedFlag,
    TopicTreatment,
    ConditionCode,
    ChangeEvent,
    RedFlag.professionals.through,
    ConditionMechanism,
    ConditionAnatomy,
    ConditionTreatment,
    ConditionRedFlag,
    ConditionRelation,
    Question.conditions.through,
    *(model.sources.through for model in PUBLISHABLE),
]


def both(n):
    """`n` rows in each copy: the working rows editors edit, and the live rows the API serves."""
    return {"working": n, "live": n}


# What the seed article makes, row by row. Professionals and sources: the row editors edit, and the approved
# copy live items cite (conditions/publishing.py approved_copy).
SEED_COUNTS = {
    "conditions.Professional": both(3),
    "conditions.Source": both(2),  # the article, and the ICD-10-CM code set
    "conditions.AnatomicalStructure": both(6),
    "conditions.Mechanism": both(4),
    "conditions.Treatment": both(10),
    "conditions.RedFlag": both(6),
    "conditions.Condition": both(10),
    "conditions.Topic": both(1),
    "faq.Question": both(5),
    "conditions.KeyTakeaway": both(5),
    "conditions.TopicAnatomy": both(6),
    "conditions.TopicMechanism": both(4),
    "conditions.TopicCondition": both(10),
    "conditions.TopicRedFlag": both(6),
    "conditions.TopicTreatment": both(10),
    "conditions.ConditionCode": both(3),  # hip osteoarthritis M16; GTPS M70.6 and M76.0
    # One per publish of an item (42 created) and per published item that shows it (86 updated: the
    # treatments linked to the hip pathologies and the relations between conditions show more items, and
    # the topic's publish updates the ten conditions, whose details list their topics).
    "conditions.ChangeEvent": 128,
    "conditions.RedFlag_professionals": both(18),  # 6 red flags x 3 professionals
    "conditions.ConditionMechanism": both(6),
    "conditions.ConditionAnatomy": both(9),
    # Surgery for OA, FAI and labral tears (quoted); diagnosis, pain management, physical therapy and
    # activity modification for the four hip pathologies (editorial).
    "conditions.ConditionTreatment": both(19),
    "conditions.ConditionRedFlag": both(0),
    # Each hip pathology: told apart from the 4 other causes, contributes to SI joint dysfunction
    # (editorial); FAI can lead to labral tears; DGS told apart from lumbar spine issues; piriformis
    # syndrome a form of DGS.
    "conditions.ConditionRelation": both(23),
    "faq.Question_conditions": both(8),
    # Every item cites the article; the two coded conditions cite the code set too.
    "conditions.AnatomicalStructure_sources": both(6),
    "conditions.Mechanism_sources": both(4),
    "conditions.Treatment_sources": both(10),
    "conditions.RedFlag_sources": both(6),
    "conditions.Condition_sources": both(12),
    "conditions.Topic_sources": both(1),
    "faq.Question_sources": both(5),
}
NO_ROWS = {label: 0 if isinstance(n, int) else both(0) for label, n in SEED_COUNTS.items()}
SEED_ITEMS = 45  # slugged working rows: professionals and the publishable items above

COLLECTIONS = ["topics", "conditions", "mechanisms", "anatomy", "red-flags", "treatments", "faqs"]


def load(*args, **options):
    """Run the command; return what it wrote."""
    out = StringIO()
    call_command("load_seed", *args, stdout=out, **options)
    return out.getvalue()


def item_links(model):
    """The foreign keys by which a row of `model` belongs to, or links to, a publishable item.

    Not `working_copy`: the one link between the copies, from each live row to its working row.
    """
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and issubclass(field.related_model, Publishable) and field.name != "working_copy"
    ]


def counts():
    """Rows of each model; of working and live rows apart wherever an item has both.

    Also checks the two copies never mix: no working row links to a live row, nor the other way round.
    """
    result = {}
    for model in MODELS:
        label = model._meta.label
        links = item_links(model)
        if issubclass(model, Publishable):
            for name in [*links, *shared_links(model)]:
                mixed = model.objects.filter(is_live=True, **{f"{name}__is_live": False}).count()
                mixed += model.objects.filter(is_live=False, **{f"{name}__is_live": True}).count()
                assert mixed == 0, f"{label}.{name} links working and live rows"
            result[label] = {
                "working": model.objects.working().count(),
                "live": model.objects.filter(is_live=True).count(),
            }
        elif links:
            working = model.objects.filter(**{f"{name}__is_live": False for name in links}).count()
            live = model.objects.filter(**{f"{name}__is_live": True for name in links}).count()
            assert working + live == model.objects.count(), f"{label} links working and live rows"
            result[label] = {"working": working, "live": live}
        elif issubclass(model, Shared):
            approved = model.objects.filter(is_live=True).count()
            result[label] = {"working": model.objects.working().count(), "live": approved}
        else:
            result[label] = model.objects.count()
    return result


def shared_links(model):
    """The fields by which an item cites a source or professional: a live item cites approved copies only."""
    return [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and issubclass(field.related_model, Shared)
    ]


def everything_served(api):
    """Every list and detail payload the API serves, timestamps dropped, by URL."""
    served = {}
    for collection in COLLECTIONS:
        listed = get_json(api, url(collection) + "?page_size=100")
        served[url(collection)] = without_timestamps(listed)
        for item in listed["results"]:
            served[item["url"]] = without_timestamps(get_json(api, item["url"]))
    return served


def events_since(last_id):
    """The change events written after the event `last_id`, in order, as (kind, type, slug)."""
    return list(ChangeEvent.objects.filter(id__gt=last_id).values_list("kind", "item_type", "slug"))


def live_items():
    """(type, slug) of every live row, sorted: how the changes feed names an item."""
    return sorted(
        (model.api_name, slug)
        for model in PUBLISHABLE
        for slug in model.objects.filter(is_live=True).values_list("slug", flat=True)
    )


def last_event_id():
    return ChangeEvent.objects.order_by("id").values_list("id", flat=True).last() or 0


def working(model, slug):
    """The row editors edit."""
    return model.objects.working().get(slug=slug)


def live(model, slug):
    """The row the API serves."""
    return model.objects.get(is_live=True, slug=slug)


def relations(one, other):
    """The relations between two conditions, either way round."""
    return ConditionRelation.objects.filter(Q(condition=one, other=other) | Q(condition=other, other=one))


def condition(slug):
    return working(Condition, slug)
