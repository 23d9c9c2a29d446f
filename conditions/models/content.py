from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch

from conditions.models.base import Publishable, PublishableQuerySet, Status, list_indexes
from conditions.models.claims import Basis, ClaimOf, check_claim, claim_fields


def published(lookup, model, to_attr, order_by=()):
    """Prefetch of a relation that keeps only its published items, as a list named `to_attr`."""
    queryset = model.objects.published()
    return Prefetch(lookup, queryset=queryset.order_by(*order_by) if order_by else queryset, to_attr=to_attr)


class LinkedQuerySet(PublishableQuerySet):
    def for_detail(self):
        """Published items with the published conditions that link to them."""
        return super().for_detail().prefetch_related(published("conditions", Condition, "public_conditions"))


class TreeQuerySet(LinkedQuerySet):
    # The sources the items' own field claims cite (a treatment's category), read with the items.
    claim_sources = ()

    def for_list(self):
        return self.published().select_related("parent", *self.claim_sources)

    def for_detail(self):
        """As LinkedQuerySet.for_detail, plus the parent and the published parts."""
        return (
            super()
            .for_detail()
            .select_related("parent", *self.claim_sources)
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

    # The slug last: two parts may share a position and a name, and a document's bytes (and ETag) must not
    # depend on the order the database happens to return them in.
    sibling_order = ("position", "name", "slug")

    objects = TreeQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["name", "slug"]
        indexes = list_indexes("anat", ["name"], name="name")

    def __str__(self):
        return self.name


class Mechanism(Publishable):
    api_name = "mechanism"
    name = models.CharField(max_length=200)
    description = models.TextField()

    objects = LinkedQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["name", "slug"]
        indexes = list_indexes("mech", ["name"], name="name")

    def __str__(self):
        return self.name


class TreatmentQuerySet(TreeQuerySet):
    claim_sources = ("category_source", "order_of_care_source")

    def for_detail(self):
        """As a tree's, with the published structures it is given into or around, each link's source."""
        links = self.model._meta.get_field("anatomy_links").related_model
        return (
            super()
            .for_detail()
            .prefetch_related(
                Prefetch(
                    "anatomy_links",
                    queryset=links.objects.filter(
                        structure__status=Status.PUBLISHED, structure__is_live=True
                    ).select_related("structure", "source"),
                    to_attr="public_anatomy_links",
                )
            )
        )


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

    category_basis, category_source, category_quote = claim_fields("category")
    order_of_care_basis, order_of_care_source, order_of_care_quote = claim_fields("order of care")
    category_claim = ClaimOf("category")
    order_of_care_claim = ClaimOf("order_of_care")

    sibling_order = ("order_of_care", "name", "slug")  # the slug last: see AnatomicalStructure's
    # The structures it is given into or around, each a claim (conditions/models/links.py).
    owned_children = ("anatomy_links",)

    objects = TreatmentQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["name", "slug"]
        indexes = list_indexes("treat", ["name"], name="name")

    def __str__(self):
        return self.name

    @property
    def public_anatomy(self):
        """The published structures it is given into or around, as for_detail() prefetched them."""
        return [link.structure for link in self.public_anatomy_links]

    def clean(self):
        super().clean()
        clean_claims(self, "category", "order_of_care")


class RedFlagQuerySet(LinkedQuerySet):
    def with_professionals(self):
        return self.select_related(
            "urgency_source", "action_source", "professionals_source"
        ).prefetch_related("professionals")

    def for_list(self):
        return super().for_list().with_professionals()

    def for_detail(self):
        return super().for_detail().with_professionals()


def clean_claims(item, *names):
    """Check the claim behind each of the item's fields `names` (its basis, source and quote)."""
    errors = {}
    for name in names:
        source_id = getattr(item, f"{name}_source_id")
        errors |= check_claim(
            basis=getattr(item, f"{name}_basis"),
            source=getattr(item, f"{name}_source") if source_id else None,
            quote=getattr(item, f"{name}_quote"),
            quote_field=f"{name}_quote",
            source_field=f"{name}_source",
        )
    if errors:
        raise ValidationError(errors)


class AssessedUrgency(models.TextChoices):
    """The urgencies a clinical reviewer can set (the values API v1 and v2 were released with)."""

    EMERGENCY = "emergency", "Emergency: call emergency services now"
    URGENT = "urgent", "Urgent: be seen today"
    SOON = "soon", "Soon: book an appointment within days"
    ROUTINE = "routine", "Routine: mention at the next appointment"


class RedFlag(Publishable):
    api_name = "red-flag"

    class Urgency(models.TextChoices):
        NOT_ASSESSED = "not_assessed", "Not assessed: no clinical reviewer has set an urgency yet"
        EMERGENCY = "emergency", "Emergency: call emergency services now"
        URGENT = "urgent", "Urgent: be seen today"
        SOON = "soon", "Soon: book an appointment within days"
        ROUTINE = "routine", "Routine: mention at the next appointment"

    sign = models.CharField(max_length=300, help_text="The sign, as a patient would notice it.")
    applies_when = models.CharField(
        max_length=300,
        blank=True,
        help_text='The situation the source names it in, in its words (e.g. "If you are experiencing '
        "persistent buttock pain, especially if it's accompanied by any of the following\").",
    )
    urgency = models.CharField(
        max_length=12,
        choices=Urgency.choices,
        default=Urgency.NOT_ASSESSED,
        help_text="How soon to act. Only a clinical reviewer sets it; until then it is not assessed.",
    )
    urgency_basis, urgency_source, urgency_quote = claim_fields("urgency")
    urgency_claim = ClaimOf("urgency")
    action = models.CharField(max_length=300, help_text="What the person should do.")
    action_basis, action_source, action_quote = claim_fields("action")
    action_claim = ClaimOf("action")
    professionals = models.ManyToManyField("Professional", blank=True, related_name="red_flags")
    professionals_basis, professionals_source, professionals_quote = claim_fields("professionals to see")
    professionals_claim = ClaimOf("professionals")

    _history_m2m_fields = ["sources", "professionals"]

    objects = RedFlagQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["sign", "slug"]
        indexes = list_indexes("rflag", ["sign"], name="sign")

    def __str__(self):
        return self.sign

    @property
    def urgency_assessed(self):
        return self.urgency != self.Urgency.NOT_ASSESSED

    @property
    def assessed_urgency_claim(self):
        """Where the urgency comes from, once a clinical reviewer has set one; else None."""
        return self.urgency_claim if self.urgency_assessed else None

    def clean(self):
        super().clean()
        if not self.urgency_assessed and (self.urgency_basis == Basis.SOURCE or self.urgency_quote):
            raise ValidationError({"urgency_basis": "An urgency that is not assessed has no basis to cite."})
        clean_claims(self, "urgency", "action", "professionals")


def published_links(lookup, item_field, to_attr=None, order_by=None):
    """Prefetch of a condition's link rows whose item is published, with the item and the claim's source."""
    link_model = Condition._meta.get_field(lookup).related_model
    item_model = link_model._meta.get_field(item_field).related_model
    queryset = (
        link_model.objects.filter(
            **{f"{item_field}__is_live": True, f"{item_field}__status": Status.PUBLISHED}
        )
        .select_related(item_field, "source")
        .order_by(*(order_by or [f"{item_field}__{name}" for name in item_model._meta.ordering]))
    )
    return Prefetch(lookup, queryset=queryset, to_attr=to_attr or f"public_{lookup}")


def codes():
    """Prefetch of a condition's codes, with the source each cites (its code set) joined."""
    code_model = Condition._meta.get_field("codes").related_model
    return Prefetch("codes", queryset=code_model.objects.select_related("source"))


class ConditionQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.published().prefetch_related(codes())

    def for_detail(self):
        """Published conditions with every published item they link to, in a fixed number of queries."""
        # A topic's links are defined with topics (conditions/models/topic.py), which imports this module.
        topic_links = self.model._meta.get_field("topic_links").related_model

        return (
            super()
            .for_detail()
            .prefetch_related(
                codes(),
                published_links("mechanism_links", "mechanism"),
                published_links("anatomy_links", "structure"),
                published_links("treatment_links", "treatment"),
                published_links("red_flag_links", "red_flag"),
                published_links("relations", "other", order_by=["kind", "other__name", "other__slug"]),
                published_links(
                    "inverse_relations", "condition", order_by=["kind", "condition__name", "condition__slug"]
                ),
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
    # Each link is a row with its basis, quote and qualifier (conditions/models/links.py), edited beside the
    # condition; these fields read them as plain relations (filters, reverse look-ups).
    mechanisms = models.ManyToManyField(
        Mechanism, blank=True, related_name="conditions", through="ConditionMechanism"
    )
    anatomy = models.ManyToManyField(
        AnatomicalStructure, blank=True, related_name="conditions", through="ConditionAnatomy"
    )
    treatments = models.ManyToManyField(
        Treatment, blank=True, related_name="conditions", through="ConditionTreatment"
    )
    red_flags = models.ManyToManyField(
        RedFlag, blank=True, related_name="conditions", through="ConditionRedFlag"
    )

    objects = ConditionQuerySet.as_manager()
    owned_children = (
        "codes",
        "mechanism_links",
        "anatomy_links",
        "treatment_links",
        "red_flag_links",
        "relations",
    )
    _history_m2m_fields = ["sources"]

    class Meta(Publishable.Meta):
        ordering = ["name", "slug"]
        indexes = list_indexes("cond", ["name"], name="name")

    def __str__(self):
        return self.name

    # The items behind the links that for_detail() prefetched, in their order.
    @property
    def public_mechanisms(self):
        return [link.mechanism for link in self.public_mechanism_links]

    @property
    def public_anatomy(self):
        return [link.structure for link in self.public_anatomy_links]

    @property
    def public_treatments(self):
        return [link.treatment for link in self.public_treatment_links]

    @property
    def public_red_flags(self):
        return [link.red_flag for link in self.public_red_flag_links]

    @property
    def public_link_claims(self):
        """Every prefetched link to an item, with the name of the field that lists it."""
        lists = {
            "mechanisms": self.public_mechanism_links,
            "anatomy": self.public_anatomy_links,
            "treatments": self.public_treatment_links,
            "red_flags": self.public_red_flag_links,
        }
        return [(name, link) for name, links in lists.items() for link in links]

    @property
    def public_relation_views(self):
        """Every published relation of this condition, read from its side: (kind, other condition, claim)."""
        outgoing = [(link.kind, link.other, link) for link in self.public_relations]
        incoming = [(link.INVERSE[link.kind], link.condition, link) for link in self.public_inverse_relations]
        return outgoing + incoming

    @property
    def public_differentials(self):
        """The conditions to tell this one apart from, either way round, by name."""
        tell_apart = "tell_apart_from"
        others = {other.pk: other for kind, other, _ in self.public_relation_views if kind == tell_apart}
        return sorted(others.values(), key=lambda other: (other.name, other.slug))
