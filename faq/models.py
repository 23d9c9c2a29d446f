from django.db import models
from django.db.models import Prefetch

from conditions.models import Condition, Publishable, PublishableQuerySet, Status, Topic
from conditions.models.base import list_indexes


class QuestionQuerySet(PublishableQuerySet):
    def for_detail(self):
        """Published questions with their topic and the published conditions they discuss."""
        return (
            super()
            .for_detail()
            .select_related("topic")
            .prefetch_related(
                Prefetch("conditions", queryset=Condition.objects.published(), to_attr="public_conditions")
            )
        )


class Question(Publishable):
    api_name = "faq"
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within its topic's FAQs.")
    question = models.CharField(max_length=300)
    answer = models.TextField()
    conditions = models.ManyToManyField(
        Condition, blank=True, related_name="questions", help_text="Conditions the answer discusses."
    )

    objects = QuestionQuerySet.as_manager()
    _history_m2m_fields = ["sources", "conditions"]

    class Meta(Publishable.Meta):
        ordering = ["position", "slug"]
        indexes = list_indexes("faq", ["position"], ["question"], name="question")
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question

    @property
    def public_topic(self):
        return self.topic if self.topic.is_live and self.topic.status == Status.PUBLISHED else None
