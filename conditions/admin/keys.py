"""App API keys in the admin: issue one (the full key is shown once, on creation), list them, revoke them.

The key itself is never stored, only its hash: an app that loses its key gets a new one and the old one is
revoked. Revoking cannot be undone (the library refuses to un-revoke).
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import ngettext
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from conditions.models import AppKey

# The library registers its own generic APIKey model, which this API never reads: hide it, so nobody issues
# a key there that every request would reject.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


class AppKeyForm(forms.ModelForm):
    class Meta:
        model = AppKey
        fields = ("app_name", "name", "contact", "rate", "expiry_date", "revoked")
        labels = {"name": "Key name"}
        help_texts = {
            "name": "To tell this app's keys apart, e.g. “production”. Blank means the app name.",
            "expiry_date": "Blank means the key never expires.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "name" in self.fields:
            self.fields["name"].required = False

    def clean_rate(self):
        # The model field validates the rate (conditions/models/integrations.py); kept without spaces.
        return self.cleaned_data["rate"].strip()

    def clean(self):
        cleaned = super().clean()
        if "name" in self.fields and not cleaned.get("name") and cleaned.get("app_name"):
            cleaned["name"] = cleaned["app_name"][:50]
        return cleaned


@admin.register(AppKey)
class AppKeyAdmin(APIKeyModelAdmin):
    form = AppKeyForm
    list_display = ("app_name", "prefix", "rate", "revoked", "created", "expiry_date")
    list_filter = ("revoked", "created")
    search_fields = ("app_name",)
    actions = ("revoke",)

    def get_readonly_fields(self, request, obj=None):
        fields = (*super().get_readonly_fields(request, obj), "created")
        if obj is not None and obj.revoked:
            fields = (*fields, "app_name", "rate")
        return fields

    @admin.action(description="Revoke the selected keys (cannot be undone)", permissions=["change"])
    def revoke(self, request, queryset):
        revoked = queryset.filter(revoked=False).update(revoked=True)
        self.message_user(
            request,
            ngettext("Revoked %d key.", "Revoked %d keys.", revoked) % revoked,
            messages.SUCCESS,
        )
