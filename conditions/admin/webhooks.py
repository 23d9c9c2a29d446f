"""Webhooks in the admin: subscriptions, and the outbox of deliveries with its dead letters.

Deliveries are read-only: the worker writes them. The one thing staff do to them is "Retry now".
"""

import secrets

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q

from conditions import outbox
from conditions.admin.base import ReadOnlyAdmin
from conditions.models import WebhookDelivery, WebhookSubscription

Event = WebhookSubscription.Event
State = WebhookDelivery.State
MIN_SECRET_LENGTH = 16


class WebhookSubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The events to send to this URL.",
    )

    class Meta:
        model = WebhookSubscription
        fields = ("name", "url", "events", "secret", "active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A strong secret to start with; share it with the app over a safe channel.
            self.fields["secret"].initial = secrets.token_urlsafe(32)

    def clean_secret(self):
        secret = self.cleaned_data["secret"]
        if len(secret) < MIN_SECRET_LENGTH:
            raise forms.ValidationError(
                f"Use at least {MIN_SECRET_LENGTH} characters: whoever guesses it can forge events."
            )
        return secret


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    list_display = ("name", "url", "event_list", "secret_hint", "active", "pending", "dead", "created_at")
    list_filter = ("active",)
    search_fields = ("name", "url")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_count=Count("deliveries", filter=Q(deliveries__state=State.PENDING)),
                dead_count=Count("deliveries", filter=Q(deliveries__state=State.DEAD)),
            )
        )

    @admin.display(description="events")
    def event_list(self, subscription):
        return ", ".join(subscription.events) or "—"

    @admin.display(description="secret")
    def secret_hint(self, subscription):
        """Enough to tell secrets apart, not enough to sign with."""
        return f"{subscription.secret[:4]}…" if len(subscription.secret) > 8 else "(too short)"

    @admin.display(description="pending", ordering="pending_count")
    def pending(self, subscription):
        return subscription.pending_count

    @admin.display(description="dead letters", ordering="dead_count")
    def dead(self, subscription):
        return subscription.dead_count


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "event",
        "subscription",
        "item",
        "state",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_error",
        "created_at",
    )
    list_filter = ("state", "event", "subscription")
    list_select_related = ("subscription", "change")
    search_fields = ("change__slug", "subscription__name", "last_error")
    date_hierarchy = "created_at"
    actions = ("retry_now",)

    @admin.display(description="item", ordering="change__slug")
    def item(self, delivery):
        return f"{delivery.change.item_type}/{delivery.change.slug}"

    def has_retry_permission(self, request):
        return request.user.has_perm("conditions.change_webhookdelivery")

    @admin.action(description="Retry now", permissions=["retry"])
    def retry_now(self, request, queryset):
        ids = outbox.rearm(queryset)
        skipped = queryset.count() - len(ids)
        message = f"{len(ids)} deliveries queued to be sent now."
        if skipped:
            message += f" {skipped} already delivered, left alone."
        self.message_user(request, message, messages.SUCCESS if ids else messages.WARNING)
