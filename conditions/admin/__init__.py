from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from conditions import models
from conditions.admin.base import OrderedInline, PublishableAdmin, ReadOnlyAdmin


class KeyTakeawayInline(OrderedInline):
    model = models.KeyTakeaway
    fields = ("position", "text")


class TopicAnatomyInline(OrderedInline):
    model = models.TopicAnatomy
    fields = ("position", "structure", "label")
    autocomplete_fields = ("structure",)


class TopicMechanismInline(OrderedInline):
    model = models.TopicMechanism
    fields = ("position", "mechanism")
    autocomplete_fields = ("mechanism",)


class TopicConditionInline(OrderedInline):
    model = models.TopicCondition
    fields = ("position", "condition", "role")
    autocomplete_fields = ("condition",)


class TopicRedFlagInline(OrderedInline):
    model = models.TopicRedFlag
    fields = ("position", "red_flag")
    autocomplete_fields = ("red_flag",)


class TopicTreatmentInline(OrderedInline):
    model = models.TopicTreatment
    fields = ("position", "treatment")
    autocomplete_fields = ("treatment",)


@admin.register(models.Topic)
class TopicAdmin(PublishableAdmin):
    list_display = ("title", "category")
    list_filter = ("status", "category")
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "summary", "sources")}),
        ("Short answer", {"fields": ("question", "short_answer")}),
        ("Anatomy section", {"fields": ("overview_heading", "overview")}),
        ("Mechanisms section", {"fields": ("mechanisms_heading", "mechanisms_intro")}),
        ("Conditions section", {"fields": ("conditions_heading", "conditions_intro")}),
        ("Other causes section", {"fields": ("differentials_heading", "differentials_intro", "caution")}),
        ("Red flags section", {"fields": ("red_flags_heading", "red_flags_intro")}),
        ("Treatments section", {"fields": ("treatments_heading", "treatments_intro")}),
        ("Closing", {"fields": ("conclusion", "key_takeaways_heading", "faqs_heading")}),
    )
    inlines = (
        TopicAnatomyInline,
        TopicMechanismInline,
        TopicConditionInline,
        TopicRedFlagInline,
        TopicTreatmentInline,
        KeyTakeawayInline,
    )


@admin.register(models.Condition)
class ConditionAdmin(PublishableAdmin):
    list_display = ("name", "abbreviation")
    list_filter = ("status", "topic_links__role")
    search_fields = ("name", "abbreviation", "slug", "summary")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("mechanisms", "anatomy", "treatments", "red_flags", "differentials")
    fieldsets = (
        (None, {"fields": ("name", "slug", "abbreviation", "other_names", "summary", "sources")}),
        (
            "How it presents",
            {"fields": ("pain_locations", "pain_character", "aggravating_factors", "associated_signs")},
        ),
        ("Links", {"fields": ("mechanisms", "anatomy", "treatments", "red_flags", "differentials")}),
    )


@admin.register(models.AnatomicalStructure)
class AnatomicalStructureAdmin(PublishableAdmin):
    list_display = ("name", "parent", "position")
    list_select_related = ("parent",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)


@admin.register(models.Mechanism)
class MechanismAdmin(PublishableAdmin):
    list_display = ("name",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Treatment)
class TreatmentAdmin(PublishableAdmin):
    list_display = ("name", "category", "parent", "order_of_care")
    list_filter = ("status", "category")
    list_select_related = ("parent",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)


@admin.register(models.RedFlag)
class RedFlagAdmin(PublishableAdmin):
    list_display = ("sign", "urgency")
    list_filter = ("status", "urgency")
    search_fields = ("sign", "slug", "action")
    prepopulated_fields = {"slug": ("sign",)}
    filter_horizontal = ("professionals",)


@admin.register(models.Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ("title", "publisher", "url", "accessed")
    search_fields = ("title", "publisher", "url")


@admin.register(models.ReviewerProfile)
class ReviewerProfileAdmin(SimpleHistoryAdmin):
    list_display = ("display_name", "credentials", "user")
    search_fields = ("display_name", "user__username")
    autocomplete_fields = ("user",)


@admin.register(models.ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    """The review log: read-only, so the record of who approved what cannot be rewritten."""

    list_display = ("at", "action", "content_type", "slug", "user", "self_approved", "comment")
    list_filter = ("action", "self_approved", "content_type")
    search_fields = ("slug", "comment", "user__username")
    date_hierarchy = "at"


# Registered from their own modules, after the content admins they sit beside.
from conditions.admin import keys, webhooks  # noqa: E402, F401
