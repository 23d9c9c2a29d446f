"""factory_boy factories for every model. Items are published by default and have unique slugs.

Publishable items are built as the API sees them: live rows (`is_live=True`), linked to live rows. Pass
`working=True` for the row editors edit, which the API never reads (see conditions/publishing.py).

Deterministic text (no Faker) so ordering by name is stable on SQLite and PostgreSQL alike; numbers are
zero-padded so "Item 0010" sorts after "Item 0009" under every collation.

Each publishable factory has `draft` and `in_review` traits: `ConditionFactory(draft=True)`.
Many-to-many links are given as lists: `ConditionFactory(mechanisms=[m1, m2], sources=[s1])`.
`working_copy(live, name=...)` adds the working row of a live item, as approval leaves it.
"""

import factory
from factory.django import DjangoModelFactory

from conditions import models
from faq.models import Question


def many_to_many(name):
    """A post-generation declaration that sets the many-to-many `name` from a list passed at build time."""

    def set_items(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).set(extracted)

    set_items.__name__ = name
    return factory.post_generation(set_items)


def _stamp(attribute):
    """The review stamp approval writes: the reviewer's profile as it is when the item is made."""

    def stamped(item):
        profile = getattr(item.reviewed_by, "reviewer_profile", None) if item.reviewed_by else None
        return getattr(profile, attribute) if profile else ""

    return factory.LazyAttribute(stamped)


class PublishableFactory(DjangoModelFactory):
    status = models.Status.PUBLISHED
    is_live = True
    reviewed_by = None
    reviewer_name = _stamp("display_name")
    reviewer_credentials = _stamp("credentials")
    sources = many_to_many("sources")

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=models.Status.DRAFT)
        in_review = factory.Trait(status=models.Status.IN_REVIEW)
        working = factory.Trait(is_live=False, status=models.Status.DRAFT)


class SourceFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Source {n:04d}")
    publisher = factory.Sequence(lambda n: f"Publisher {n:04d}")
    url = factory.Sequence(lambda n: f"https://example.org/sources/{n:04d}")
    accessed = None
    note = ""

    class Meta:
        model = models.Source


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n:04d}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")

    class Meta:
        model = "auth.User"


class ReviewerProfileFactory(DjangoModelFactory):
    """A clinical reviewer's public name; `ReviewerProfileFactory().user` is who `reviewed_by` points at."""

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Dr Reviewer {n:04d}")
    credentials = "PT, DPT"

    class Meta:
        model = models.ReviewerProfile


class ProfessionalFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"professional-{n:04d}")
    name = factory.Sequence(lambda n: f"Professional {n:04d}")

    class Meta:
        model = models.Professional


class AnatomicalStructureFactory(PublishableFactory):
    slug = factory.Sequence(lambda n: f"structure-{n:04d}")
    name = factory.Sequence(lambda n: f"Structure {n:04d}")
    description = factory.LazyAttribute(lambda o: f"What {o.name} is.")
    function = ""
    parent = None
    position = 0

    class Meta:
        model = models.AnatomicalStructure


class MechanismFactory(PublishableFactory):
    slug = factory.Sequence(lambda n: f"mechanism-{n:04d}")
    name = factory.Sequence(lambda n: f"Mechanism {n:04d}")
    description = factory.LazyAttribute(lambda o: f"How {o.name} works.")

    class Meta:
        model = models.Mechanism


class TreatmentFactory(PublishableFactory):
    slug = factory.Sequence(lambda n: f"treatment-{n:04d}")
    name = factory.Sequence(lambda n: f"Treatment {n:04d}")
    category = models.Treatment.Category.REHABILITATION
    description = factory.LazyAttribute(lambda o: f"What {o.name} involves.")
    order_of_care = 0
    parent = None

    class Meta:
        model = models.Treatment


class RedFlagFactory(PublishableFactory):
    slug = factory.Sequence(lambda n: f"red-flag-{n:04d}")
    sign = factory.Sequence(lambda n: f"Sign {n:04d}.")
    urgency = models.RedFlag.Urgency.SOON
    action = "See a healthcare professional."
    professionals = many_to_many("professionals")

    class Meta:
        model = models.RedFlag


class ConditionFactory(PublishableFactory):
    slug = factory.Sequence(lambda n: f"condition-{n:04d}")
    name = factory.Sequence(lambda n: f"Condition {n:04d}")
    abbreviation = ""
    other_names = factory.LazyFunction(list)
    summary = factory.LazyAttribute(lambda o: f"What {o.name} is.")
    pain_locations = factory.LazyFunction(list)
    pain_character = factory.LazyFunction(list)
    aggravating_factors = factory.LazyFunction(list)
    associated_signs = factory.LazyFunction(list)
    mechanisms = many_to_many("mechanisms")
    anatomy = many_to_many("anatomy")
    treatments = many_to_many("treatments")
    red_flags = many_to_many("red_flags")

    @factory.post_generation
    def differentials(obj, create, extracted, **kwargs):
        """Conditions to tell it apart from, as `tell_apart_from` relations (editorial)."""
        if create and extracted:
            kind = models.ConditionRelation.Kind.TELL_APART
            obj.relations.all().delete()
            models.ConditionRelation.objects.bulk_create(
                models.ConditionRelation(condition=obj, kind=kind, other=other) for other in extracted
            )

    class Meta:
        model = models.Condition


class TopicFactory(PublishableFactory):
    slug = factory.Sequence(lambda n: f"topic-{n:04d}")
    title = factory.Sequence(lambda n: f"Topic {n:04d}")
    category = "Musculoskeletal Health"
    summary = factory.LazyAttribute(lambda o: f"The lead paragraph of {o.title}.")
    question = factory.LazyAttribute(lambda o: f"What is {o.title}?")
    short_answer = "The short answer."
    overview_heading = "Overview"
    overview = "The overview."
    mechanisms_heading = "Mechanisms"
    mechanisms_intro = "How it happens:"
    conditions_heading = "Causes"
    conditions_intro = "What causes it:"
    differentials_heading = "Other causes"
    differentials_intro = "What else it could be:"
    caution = "Do not diagnose yourself."
    red_flags_heading = "When to seek help"
    red_flags_intro = "See someone if:"
    treatments_heading = "Treatment"
    treatments_intro = "What helps:"
    conclusion = "The conclusion."
    key_takeaways_heading = "Key Takeaways"
    faqs_heading = "Frequently Asked Questions"

    class Meta:
        model = models.Topic


class KeyTakeawayFactory(DjangoModelFactory):
    topic = factory.SubFactory(TopicFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Takeaway {n:04d}.")

    class Meta:
        model = models.KeyTakeaway


class TopicLinkFactory(DjangoModelFactory):
    topic = factory.SubFactory(TopicFactory)
    position = factory.Sequence(lambda n: n)

    class Meta:
        abstract = True


class TopicAnatomyFactory(TopicLinkFactory):
    structure = factory.SubFactory(AnatomicalStructureFactory)
    label = ""

    class Meta:
        model = models.TopicAnatomy


class TopicMechanismFactory(TopicLinkFactory):
    mechanism = factory.SubFactory(MechanismFactory)

    class Meta:
        model = models.TopicMechanism


class TopicConditionFactory(TopicLinkFactory):
    condition = factory.SubFactory(ConditionFactory)
    role = models.TopicCondition.Role.CAUSE

    class Meta:
        model = models.TopicCondition


class TopicRedFlagFactory(TopicLinkFactory):
    red_flag = factory.SubFactory(RedFlagFactory)

    class Meta:
        model = models.TopicRedFlag


class TopicTreatmentFactory(TopicLinkFactory):
    treatment = factory.SubFactory(TreatmentFactory)

    class Meta:
        model = models.TopicTreatment


class QuestionFactory(PublishableFactory):
    slug = factory.Sequence(lambda n: f"question-{n:04d}")
    topic = factory.SubFactory(TopicFactory)
    position = factory.Sequence(lambda n: n)
    question = factory.Sequence(lambda n: f"Question {n:04d}?")
    answer = factory.LazyAttribute(lambda o: f"The answer to {o.question}")
    conditions = many_to_many("conditions")

    class Meta:
        model = Question


# Fields that say which row an item is, rather than what it says.
ROW_FIELDS = {"id", "is_live", "working_copy", "status", "created_at", "updated_at"}


def working_copy(live, **fields):
    """Add the working row of the live item `live`: its content with `fields` changed, status published.

    That is the state approval leaves an item in, before an editor changes it again: both rows published,
    with one slug, and the live row pointing at the working one. A foreign key to another item (a parent,
    a question's topic) goes to that item's own working row, as in the admin; many-to-many links are not
    copied: pass them as lists of working rows (`mechanisms=[...]`).
    """
    model = type(live)
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in ROW_FIELDS or field.name in fields:
            continue
        value = getattr(live, field.name)
        if field.is_relation and issubclass(field.related_model, models.Publishable) and value is not None:
            assert value.working_copy is not None, f"give {value} a working copy first, or pass {field.name}"
            value = value.working_copy
        values[field.name] = value
    working = FACTORIES[model](**{**values, "is_live": False, "status": models.Status.PUBLISHED, **fields})
    live.working_copy = working
    model.objects.filter(pk=live.pk).update(working_copy=working)
    return working


FACTORIES = {
    models.AnatomicalStructure: AnatomicalStructureFactory,
    models.Mechanism: MechanismFactory,
    models.Treatment: TreatmentFactory,
    models.RedFlag: RedFlagFactory,
    models.Condition: ConditionFactory,
    models.Topic: TopicFactory,
    Question: QuestionFactory,
}
