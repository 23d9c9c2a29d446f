from django.contrib import admin

from conditions.admin import PublishableAdmin
from faq.models import Question


@admin.register(Question)
class QuestionAdmin(PublishableAdmin):
    list_display = ("question", "topic", "position")
    list_filter = ("status", "topic")
    list_select_related = ("topic",)
    search_fields = ("question", "slug", "answer")
    prepopulated_fields = {"slug": ("question",)}
    autocomplete_fields = ("topic", "conditions")
    fields = ("question", "slug", "topic", "position", "answer", "conditions", "sources")
