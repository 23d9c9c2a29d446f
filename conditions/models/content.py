from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch

from conditions.models.base import Publishable, PublishableQuerySet, Status, list_indexes


def published(lookup, model, to_attr, order_by=()):
    """Prefetch of a relation that keeps only its published items, as a list named `to_attr`."""
    queryset = model.objects.published()
    return Prefetch(lookup, queryset=queryset.order_by(*order_by) if order_by else queryset, to_attr=to_attr)


class LinkedQuerySet(PublishableQuerySet):
    def for_detail(self):
        """Published items with the published conditions that link to them."""
        return super().for_detail().prefetch_related(published("conditions", Condition, "public_conditions"))


class TreeQuerySet(LinkedQuerySet):
    def for_list(self):
        return self.published().select_related("parent")

    def for_detail(self):
        """As LinkedQuerySet.for_detail, plus the parent and the published parts."""
        return (
            super()
            .for_detail()
            .select_related("parent")
            .prefetch_related(published("parts", self.model, "public_parts", self.model.sibling_order))
        )


class HasParent:
    """For items in a tree (anatomy, treatments)."""

    @property
    def public_parent(self):
        """The parent, unless it is not published: the API never points at unpublished content."""
        parent = self.parent
        public = parent is not None and parent.is_live and parent.status == Status.PUBLISHED
        return parent if public else None


class AnatomicalStructure(HasParent, Publishable):
    api_name = "anatomy"
    name = models.CharField(max_length=200)
    description = models.TextField()
    function = models.TextField(blank=True, help_text="What the structure does, where the source says so.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text="The larger structure this one is part of (gluteus maximus → gluteal muscles).",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order among the parts of its parent.")

    sibling_order = ("position", "name")

    objects = TreeQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["name", "slug"]
        indexes = list_indexes("anat", ["name"])

    def __str__(self):
        return self.name


class Mechanism(Publishable):
    api_name = "mechanism"
    name = models.CharField(max_length=200)
    description = models.TextField()

    objects = LinkedQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["name", "slug"]
        indexes = list_indexes("mech", ["name"])

    def __str__(self):
        return self.name


class Treatment(HasParent, Publishable):
    api_name = "treatment"

    class Category(models.TextChoices):
        DIAGNOSTIC = "diagnostic", "Diagnostic"
        SELF_CARE = "self_care", "Self-care"
        MEDICATION = "medication", "Medication"
        REHABILITATION = "rehabilitation", "Rehabilitation"
        INTERVENTIONAL = "interventional", "Interventional"
        SURGICAL = "surgical", "Surgical"

    name = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.TextField()
    order_of_care = models.PositiveSmallIntegerField(
        default=0,
        # An explicit bound, or the published schema's maximum would depend on the database.
        validators=[MaxValueValidator(999)],
        help_text="Its place in the order of care among its siblings (1 comes first).",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text="The treatment this one is a part of (manual therapy → physical therapy).",
    )

    sibling_order = ("order_of_care", "name")

    objects = TreeQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["name", "slug"]
        indexes = list_indexes("treat", ["name"])

    def __str__(self):
        return self.name


class RedFlagQuerySet(LinkedQuerySet):
    def with_professionals(self):
        return self.prefetch_related("professionals")

    def for_list(self):
        return super().for_list().with_professionals()

    def for_detail(self):
        return super().for_detail().with_professionals()


class RedFlag(Publishable):
    api_name = "red-flag"

    class Urgency(models.TextChoices):
        EMERGENCY = "emergency", "Emergency: call emergency services now"
        URGENT = "urgent", "Urgent: be seen today"
        SOON = "soon", "Soon: book an appointment within days"
        ROUTINE = "routine", "Routine: mention at the next appointment"

    sign = models.CharField(max_length=300, help_text="The sign, as a patient would notice it.")
    urgency = models.CharField(max_length=12, choices=Urgency.choices)
    action = models.CharField(max_length=300, help_text="What the person should do.")
    professionals = models.ManyToManyField("Professional", blank=True, related_name="red_flags")

    _history_m2m_fields = ["sources", "professionals"]

    objects = RedFlagQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["sign", "slug"]
        indexes = list_indexes("rflag", ["sign"])

    def __str__(self):
        return self.sign


class ConditionQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.published().prefetch_related("codes")

    def for_detail(self):
        """Published conditions with every published item they link to, in a fixed number of queries."""
        # A topic's links are defined with topics (conditions/models/topic.py), which imports this module.
        topic_links = self.model._meta.get_field("topic_links").related_model

        return (
            super()
            .for_detail()
            .prefetch_related(
                "codes",
                published("mechanisms", Mechanism, "public_mechanisms"),
                published("anatomy", AnatomicalStructure, "public_anatomy"),
                published("treatments", Treatment, "public_treatments"),
                published("red_flags", RedFlag, "public_red_flags"),
                published("differentials", Condition, "public_differentials"),
                Prefetch(
                    "topic_links",
                    queryset=topic_links.objects.filter(
                        topic__status=Status.PUBLISHED, topic__is_live=True
                    ).select_related("topic"),
                    to_attr="public_topic_links",
                ),
            )
        )


class Condition(Publishable):
    api_name = "condition"
    name = models.CharField(max_length=200)
    abbreviation = models.CharField(max_length=20, blank=True)
    other_names = models.JSONField(default=list, blank=True, help_text="A list of other names, as strings.")
    summary = models.TextField()
    pain_locations = models.JSONField(
        default=list, blank=True, help_text="Where the pain is felt, as a list."
    )
    pain_character = models.JSONField(default=list, blank=True, help_text="What the pain is like, as a list.")
    aggravating_factors = models.JSONField(
        default=list, blank=True, help_text="What makes it worse, as a list."
    )
    associated_signs = models.JSONField(
        default=list, blank=True, help_text="Signs that come with it, as a list."
    )
    mechanisms = models.ManyToManyField(Mechanism, blank=True, related_name="conditions")
    anatomy = models.ManyToManyField(AnatomicalStructure, blank=True, related_name="conditions")
    treatments = models.ManyToManyField(Treatment, blank=True, related_name="conditions")
    red_flags = models.ManyToManyField(RedFlag, blank=True, related_name="conditions")
    differentials = models.ManyToManyField(
        "self", blank=True, symmetrical=True, help_text="Conditions to tell this one apart from."
    )

    objects = ConditionQuerySet.as_manager()
    owned_children = ("codes",)
    _history_m2m_fields = ["sources", "mechanisms", "anatomy", "treatments", "red_flags", "differentials"]

    class Meta(Publishable.Meta):
        ordering = ["name", "slug"]
        indexes = list_indexes("cond", ["name"])

    def __str__(self):
        return self.name
