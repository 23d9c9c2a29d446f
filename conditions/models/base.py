from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Items the public API may show: published ones only."""
        return self.filter(status=Status.PUBLISHED)

    def for_list(self):
        """Published items with what their list entry shows; models that link more override it."""
        return self.published()


class Publishable(models.Model):
    """What every item the API publishes has: a public identifier, a status and timestamps."""

    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The public identifier in API URLs. Changing it breaks apps that stored it.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True


class Professional(models.Model):
    """A kind of healthcare professional a red flag sends people to."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
