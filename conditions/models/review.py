from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ReviewEvent(models.Model):
    """One step of an item's review: who did what to it, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        APPROVED = "approved", "Approved and published"
        SENT_BACK = "sent_back", "Sent back to the editor"
        UNPUBLISHED = "unpublished", "Unpublished"
        DELETED = "deleted", "Deleted"
        RESTORED = "restored", "Restored after deletion"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(max_length=120, help_text="Kept so the record reads well after a deletion.")
    action = models.CharField(max_length=16, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(blank=True)
    self_approved = models.BooleanField(
        default=False, help_text="Approved by the item's last editor, as REVIEW_ALLOW_SELF_APPROVAL allows."
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        permissions = [("publish_content", "Can approve and publish, send back, or unpublish content")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.slug} by {self.user}"
