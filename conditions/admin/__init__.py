from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from conditions import models, shared, workflow
from conditions.admin.base import PublishableAdmin, ReadOnlyAdmin
from conditions.admin.inlines import LinkRowsInline, OrderedInline
from conditions.admin.recovery import FullTextHistory

CLAIM = ("basis", "source", "quote", "qualifier")


class KeyTakeawayInline(OrderedInline):
    model = models.KeyTakeaway
    fields = ("position", "text")


class TopicAnatomyInline(OrderedInline):
    model = models.TopicAnatomy
    fields = ("position", "structure", "label", *CLAIM)
    autocomplete_fields = ("structure",)


class TopicMechanismInline(OrderedInline):
    model = models.TopicMechanism
    fields = ("position", "mechanism", *CLAIM)
    autocomplete_fields = ("mechanism",)


class TopicConditionInline(OrderedInline):
    model = models.TopicCondition
    fields = ("position", "condition", "role", *CLAIM)
    autocomplete_fields = ("condition",)


class TopicRedFlagInline(OrderedInline):
    model = models.TopicRedFlag
    fields = ("position", "red_flag", *CLAIM)
    autocomplete_fields = ("red_flag",)


class TopicTreatmentInline(OrderedInline):
    model = models.TopicTreatment
    fields = ("position", "treatment", *CLAIM)
    autocomplete_fields = ("treatment",)


@admin.register(models.Topic)
class TopicAdmin(PublishableAdmin):
    list_display = ("title", "category")
    list_filter = ("status", "category")
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    # Rendering a topic as apps would see it, before and after, ran ~300 of the page's ~450 queries: its
    # change page links to the review page instead.
    review_diff_inline = False
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


class ClaimInline(LinkRowsInline, admin.TabularInline):
    """A condition's typed links, each with its basis and quote beside it (checked against the source)."""

    extra = 0
    autocomplete_fields = ("source",)


def link_inline(link_model, item_field):
    return type(
        f"{link_model.__name__}Inline",
        (ClaimInline,),
        {
            "model": link_model,
            "fields": (item_field, *CLAIM),
            "autocomplete_fields": (item_field, "source"),
        },
    )


class ConditionRelationInline(ClaimInline):
    model = models.ConditionRelation
    fk_name = "condition"
    fields = ("kind", "other", *CLAIM)
    autocomplete_fields = ("other", "source")
    verbose_name = "relation to another condition"


class ConditionCodeInline(ClaimInline):
    model = models.ConditionCode
    fields = ("position", "system", "code", "display", "release", "kind", "match", *CLAIM)


@admin.register(models.Condition)
class ConditionAdmin(PublishableAdmin):
    list_display = ("name", "abbreviation")
    list_filter = ("status", "topic_links__role")
    search_fields = ("name", "abbreviation", "slug", "summary")
    prepopulated_fields = {"slug": ("name",)}
    line_list_fields = (
        "other_names",
        "pain_locations",
        "pain_character",
        "aggravating_factors",
        "associated_signs",
    )
    fieldsets = (
        (None, {"fields": ("name", "slug", "abbreviation", "other_names", "summary", "sources")}),
        (
            "How it presents",
            {"fields": ("pain_locations", "pain_character", "aggravating_factors", "associated_signs")},
        ),
    )
    inlines = (
        link_inline(models.ConditionMechanism, "mechanism"),
        link_inline(models.ConditionAnatomy, "structure"),
        link_inline(models.ConditionTreatment, "treatment"),
        link_inline(models.ConditionRedFlag, "red_flag"),
        ConditionRelationInline,
        ConditionCodeInline,
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
    autocomplete_fields = ("parent", "category_source", "order_of_care_source")
    inlines = (link_inline(models.TreatmentAnatomy, "structure"),)
    fieldsets = (
        (None, {"fields": ("name", "slug", "parent", "description", "sources")}),
        ("Category", {"fields": ("category", "category_basis", "category_source", "category_quote")}),
        (
            "Order of care",
            {
                "fields": (
                    "order_of_care",
                    "order_of_care_basis",
                    "order_of_care_source",
                    "order_of_care_quote",
                )
            },
        ),
    )


URGENCY_FIELDS = ("urgency", "urgency_basis", "urgency_source", "urgency_quote")


@admin.register(models.RedFlag)
class RedFlagAdmin(PublishableAdmin):
    list_display = ("sign", "urgency")
    list_filter = ("status", "urgency")
    search_fields = ("sign", "slug", "action")
    prepopulated_fields = {"slug": ("sign",)}
    filter_horizontal = ("professionals",)
    autocomplete_fields = ("urgency_source", "action_source", "professionals_source")
    fieldsets = (
        (None, {"fields": ("sign", "slug", "applies_when", "action", "professionals", "sources")}),
        (
            "Where the action and the professionals come from",
            {
                "fields": (
                    "action_basis",
                    "action_source",
                    "action_quote",
                    "professionals_basis",
                    "professionals_source",
                    "professionals_quote",
                )
            },
        ),
        ("Urgency (set by a clinical reviewer)", {"fields": URGENCY_FIELDS}),
    )

    def get_readonly_fields(self, request, obj=None):
        # How urgent a sign is is a clinical judgement: editors see it, clinical reviewers set it.
        readonly = super().get_readonly_fields(request, obj)
        return readonly if workflow.can_publish(request.user) else (*readonly, *URGENCY_FIELDS)


class SharedAdmin(FullTextHistory, SimpleHistoryAdmin):
    """Sources and professionals: editors edit the working row; apps see it once each citing item is
    approved again (conditions/shared.py), so a save names the items it sent back to draft."""

    def get_queryset(self, request):
        return super().get_queryset(request).working()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.has_changed():
            items = shared.record_edit(row=obj, by=request.user)
            if items:
                names = ", ".join(f"{item._meta.verbose_name} {item}" for item in items)
                self.message_user(
                    request,
                    f"Apps still see the approved {obj._meta.verbose_name}. These items cite it and are "
                    f"drafts again, to be submitted for review: {names}.",
                    messages.WARNING,
                )


@admin.register(models.Professional)
class ProfessionalAdmin(SharedAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug")


@admin.register(models.Source)
class SourceAdmin(SharedAdmin):
    list_display = ("title", "publisher", "url", "accessed")
    search_fields = ("title", "publisher", "url")
    fields = ("title", "publisher", "url", "accessed", "note", "text")


@admin.register(models.ReviewerProfile)
class ReviewerProfileAdmin(SimpleHistoryAdmin):
    """How a reviewer is named on the items they approve. A reviewer sees and edits only their own;
    published items keep the name they were approved under (the review stamp)."""

    list_display = ("display_name", "credentials", "user")
    search_fields = ("display_name", "user__username")
    autocomplete_fields = ("user",)

    def get_queryset(self, request):
        profiles = super().get_queryset(request)
        return profiles if request.user.is_superuser else profiles.filter(user=request.user)

    def get_autocomplete_fields(self, request):
        return self.autocomplete_fields if request.user.is_superuser else ()

    def get_readonly_fields(self, request, obj=None):
        return () if request.user.is_superuser else ("user",)

    def has_add_permission(self, request):
        has_one = models.ReviewerProfile.objects.filter(user=request.user).exists()
        own = request.user.is_superuser or not has_one
        return own and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        own = obj is None or request.user.is_superuser or obj.user_id == request.user.pk
        return own and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        own = obj is None or request.user.is_superuser or obj.user_id == request.user.pk
        return own and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.user = request.user  # a reviewer's profile is their own
        super().save_model(request, obj, form, change)


@admin.register(models.ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    """The review log: read-only, so the record of who approved what cannot be rewritten."""

    list_display = ("at", "action", "content_type", "slug", "user", "self_approved", "comment")
    list_filter = ("action", "self_approved", "content_type")
    search_fields = ("slug", "comment", "user__username")
    date_hierarchy = "at"


# Registered from their own modules, after the content admins they sit beside.
from conditions.admin import keys, webhooks  # noqa: E402, F401
