from django.db import models
from django.db.models import Prefetch
from simple_history.models import HistoricalRecords

from conditions.models.base import Publishable, PublishableQuerySet, Status, list_indexes
from conditions.models.claims import Claim
from conditions.models.content import AnatomicalStructure, Condition, Mechanism, RedFlag, Treatment


def published_links(lookup, link_model, item_field, *related):
    """Prefetch a topic's ordered links whose item is published, with the item (and `related`) joined."""
    queryset = link_model.objects.filter(
        **{f"{item_field}__status": Status.PUBLISHED, f"{item_field}__is_live": True}
    ).select_related(item_field, "source", *related)
    return Prefetch(lookup, queryset=queryset, to_attr=f"public_{lookup}")


class TopicQuerySet(PublishableQuerySet):
    def for_detail(self):
        """Published topics with their whole article: every published linked item, in order."""
        # FAQs are the faq app's, which builds on this one: reach them by their relation, not by an import.
        questions = self.model._meta.get_field("questions").related_model

        return (
            super()
            .for_detail()
            .prefetch_related(
                published_links("anatomy_links", TopicAnatomy, "structure", "structure__parent"),
                published_links("mechanism_links", TopicMechanism, "mechanism"),
                published_links("condition_links", TopicCondition, "condition"),
                published_links(
                    "red_flag_links",
                    TopicRedFlag,
                    "red_flag",
                    "red_flag__urgency_source",
                    "red_flag__action_source",
                    "red_flag__professionals_source",
                ),
                "public_red_flag_links__red_flag__professionals",
                published_links(
                    "treatment_links",
                    TopicTreatment,
                    "treatment",
                    "treatment__parent",
                    "treatment__category_source",
                    "treatment__order_of_care_source",
                ),
                "key_takeaways",
                Prefetch("questions", queryset=questions.objects.published(), to_attr="public_questions"),
            )
        )


class Topic(Publishable):
    """An article: its own prose, plus ordered links to the typed items it discusses."""

    api_name = "topic"

    title = models.CharField(max_length=200)
    category = models.CharField(max_length=100, help_text='For example "Musculoskeletal Health".')
    summary = models.TextField(help_text="The lead paragraph.")
    question = models.CharField(max_length=200, help_text="The question the short answer answers.")
    short_answer = models.TextField()
    overview_heading = models.CharField(max_length=200)
    overview = models.TextField(help_text="Introduces the anatomy section.")
    mechanisms_heading = models.CharField(max_length=200)
    mechanisms_intro = models.TextField(blank=True)
    conditions_heading = models.CharField(
        max_length=200, help_text="Heading over the conditions that cause it."
    )
    conditions_intro = models.TextField(blank=True)
    differentials_heading = models.CharField(
        max_length=200, help_text="Heading over the other causes to tell apart."
    )
    differentials_intro = models.TextField(blank=True)
    caution = models.TextField(help_text="The caution shown after the causes (self-diagnosis).")
    red_flags_heading = models.CharField(max_length=200)
    red_flags_intro = models.TextField(blank=True)
    treatments_heading = models.CharField(max_length=200)
    treatments_intro = models.TextField(blank=True)
    conclusion = models.TextField()
    key_takeaways_heading = models.CharField(max_length=200, default="Key Takeaways")
    faqs_heading = models.CharField(max_length=200, default="Frequently Asked Questions")

    objects = TopicQuerySet.as_manager()
    owned_children = (
        "key_takeaways",
        "anatomy_links",
        "mechanism_links",
        "condition_links",
        "red_flag_links",
        "treatment_links",
    )

    class Meta(Publishable.Meta):
        ordering = ["title", "slug"]
        indexes = list_indexes("topic", ["title"], name="title")

    def __str__(self):
        return self.title

    # The items behind the links that for_detail() prefetched, in their order, each knowing its link (whose
    # claim says where the topic names it).
    @property
    def public_mechanisms(self):
        return [link.linked_item for link in self.public_mechanism_links]

    @property
    def public_red_flags(self):
        return [link.linked_item for link in self.public_red_flag_links]

    @property
    def public_treatments(self):
        return [link.linked_item for link in self.public_treatment_links]

    @property
    def key_takeaway_texts(self):
        return [takeaway.text for takeaway in self.key_takeaways.all()]

    @property
    def public_cause_links(self):
        return [link for link in self.public_condition_links if link.role == TopicCondition.Role.CAUSE]

    @property
    def public_differential_links(self):
        return [link for link in self.public_condition_links if link.role == TopicCondition.Role.DIFFERENTIAL]


class KeyTakeaway(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="key_takeaways")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:60]


class TopicLink(Claim):
    """An ordered link from a topic to one item it discusses (in a role), with the passage that names it."""

    item_field = ""  # the name of the foreign key to the item
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(inherit=True)

    class Meta(Claim.Meta):
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.position}. {getattr(self, self.item_field)}"

    @property
    def linked_item(self):
        """The item, carrying this link as `topic_link` for what a topic shows of it."""
        item = getattr(self, self.item_field)
        item.topic_link = self
        return item


class TopicAnatomy(TopicLink):
    item_field = "structure"
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="anatomy_links")
    structure = models.ForeignKey(AnatomicalStructure, on_delete=models.PROTECT, related_name="topic_links")
    label = models.CharField(
        max_length=200, blank=True, help_text="Heading to show instead of the structure's name in this topic."
    )

    class Meta(TopicLink.Meta):
        constraints = [models.UniqueConstraint(fields=["topic", "structure"], name="unique_topic_anatomy")]
        verbose_name_plural = "topic anatomy"


class TopicMechanism(TopicLink):
    item_field = "mechanism"
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="mechanism_links")
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="topic_links")

    class Meta(TopicLink.Meta):
        constraints = [models.UniqueConstraint(fields=["topic", "mechanism"], name="unique_topic_mechanism")]


class TopicCondition(TopicLink):
    item_field = "condition"

    class Role(models.TextChoices):
        CAUSE = "cause", "A cause this topic is about"
        DIFFERENTIAL = "differential", "Another cause to tell apart"

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="condition_links")
    condition = models.ForeignKey(Condition, on_delete=models.PROTECT, related_name="topic_links")
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta(TopicLink.Meta):
        constraints = [models.UniqueConstraint(fields=["topic", "condition"], name="unique_topic_condition")]


class TopicRedFlag(TopicLink):
    item_field = "red_flag"
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="red_flag_links")
    red_flag = models.ForeignKey(RedFlag, on_delete=models.PROTECT, related_name="topic_links")

    class Meta(TopicLink.Meta):
        constraints = [models.UniqueConstraint(fields=["topic", "red_flag"], name="unique_topic_red_flag")]


class TopicTreatment(TopicLink):
    item_field = "treatment"
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="treatment_links")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="topic_links")

    class Meta(TopicLink.Meta):
        constraints = [models.UniqueConstraint(fields=["topic", "treatment"], name="unique_topic_treatment")]
