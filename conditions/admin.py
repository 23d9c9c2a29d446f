from django.contrib import admin

from conditions import models


class PublishableAdmin(admin.ModelAdmin):
    """What every content list shows: status and freshness, filterable, newest edits easy to find."""

    list_filter = ("status",)
    readonly_fields = ("created_at", "updated_at")
    list_per_page = 50
    save_on_top = True

    def get_list_display(self, request):
        return (*super().get_list_display(request), "status", "updated_at")


class OrderedInline(admin.TabularInline):
    extra = 0
    min_num = 0
    ordering = ("position",)


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
        (None, {"fields": ("title", "slug", "status", "category", "summary")}),
        ("Short answer", {"fields": ("question", "short_answer")}),
        ("Anatomy section", {"fields": ("overview_heading", "overview")}),
        ("Mechanisms section", {"fields": ("mechanisms_heading", "mechanisms_intro")}),
        ("Conditions section", {"fields": ("conditions_heading", "conditions_intro")}),
        ("Other causes section", {"fields": ("differentials_heading", "differentials_intro", "caution")}),
        ("Red flags section", {"fields": ("red_flags_heading", "red_flags_intro")}),
        ("Treatments section", {"fields": ("treatments_heading", "treatments_intro")}),
        ("Closing", {"fields": ("conclusion", "key_takeaways_heading", "faqs_heading")}),
        ("Timestamps", {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
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
        (None, {"fields": ("name", "slug", "status", "abbreviation", "other_names", "summary")}),
        (
            "How it presents",
            {"fields": ("pain_locations", "pain_character", "aggravating_factors", "associated_signs")},
        ),
        ("Links", {"fields": ("mechanisms", "anatomy", "treatments", "red_flags", "differentials")}),
        ("Timestamps", {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
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
