import re

from django.core.exceptions import ValidationError
from django.db import models
from rest_framework_api_key.models import AbstractAPIKey

# A rate is a number of requests per period: "60/minute". The rate limiter (hipcontent/api/http/throttling.py)
# reads AppKey.rate and the API_*_RATE settings with parse_rate; system checks validate the settings.
PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_UNITS = {
    **PERIODS,
    **{"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400},
}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*([a-zA-Z]+)\s*$")


def parse_rate(rate):
    """ "60/minute" → (60, 60): the number of requests and the window in seconds. ValueError if malformed."""
    match = _RATE.match(rate or "")
    if match:
        unit = match[2].lower()
        if unit not in _UNITS and unit.endswith("s"):
            unit = unit[:-1]  # "minutes"
        if unit in _UNITS:
            return int(match[1]), _UNITS[unit]
    raise ValueError(
        f'{rate!r} is not a rate: write a number of requests per second, minute, hour or day, "60/minute".'
    )


def validate_rate(rate):
    """A form or model validator: a blank rate is allowed (the setting applies); a malformed one is not."""
    if rate and rate.strip():
        try:
            parse_rate(rate)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class AppKey(AbstractAPIKey):
    """An API key issued to one consuming app, with its own request rate. Revoke it in the admin."""

    app_name = models.CharField(max_length=200, help_text="The app this key was issued to.")
    contact = models.CharField(max_length=200, blank=True, help_text="Who to tell about changes and limits.")
    rate = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_rate],
        help_text='Requests this app may make, e.g. "600/minute"; blank means the API_KEY_RATE setting.',
    )

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "app API key"
        verbose_name_plural = "app API keys"


class WebhookSubscription(models.Model):
    """An app's request to be told, by a signed POST, when published content changes."""

    class Event(models.TextChoices):
        PUBLISHED = "content.published", "content.published"
        UPDATED = "content.updated", "content.updated"
        UNPUBLISHED = "content.unpublished", "content.unpublished"
        DELETED = "content.deleted", "content.deleted"

    name = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    events = models.JSONField(default=list, help_text="Which events to send: a list of the event names.")
    secret = models.CharField(max_length=200, help_text="Shared secret for the HMAC-SHA256 signature.")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    """One event to deliver to one subscription: the outbox row, written with the change it reports."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        DEAD = "dead", "Dead letter (gave up)"

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    change = models.ForeignKey("conditions.ChangeEvent", on_delete=models.PROTECT, related_name="deliveries")
    event = models.CharField(max_length=30, choices=WebhookSubscription.Event.choices)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.subscription} ({self.get_state_display()})"
