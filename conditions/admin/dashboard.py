"""The review dashboard: what waits for a reviewer, what is overdue or due for review soon, and for the
signed-in editor, what was sent back to them and their drafts."""

import datetime

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from conditions.models import Publishable, ReviewEvent, Status

DUE_SOON_DAYS = 30


def _rows(queryset):
    for item in queryset:
        opts = item._meta
        yield {
            "item": item,
            "kind": opts.verbose_name,
            "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
            "review_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[item.pk]),
        }


def _mine(model, user):
    """`user`'s drafts of `model` (they made the last edit), each with the last review step taken on it and
    that step's comment: a draft whose last step is "sent back" waits for them to act on the comment."""
    last_step = ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk")
    ).order_by("-at", "-id")
    return (
        model.objects.working()
        .filter(status=Status.DRAFT, last_edited_by=user)
        .annotate(
            last_step=Subquery(last_step.values("action")[:1]),
            last_comment=Subquery(last_step.values("comment")[:1]),
        )
        .order_by("-updated_at")
    )


def _content_models(request):
    """The content models this user may view in the admin."""
    for model, model_admin in admin.site._registry.items():
        if issubclass(model, Publishable) and model_admin.has_view_permission(request):
            yield model


def review_dashboard(request):
    models = list(_content_models(request))
    if not models:
        raise PermissionDenied
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    waiting, overdue, due_soon, sent_back, drafts = [], [], [], [], []
    for model in models:
        for row in _rows(_mine(model, request.user)):
            (sent_back if row["item"].last_step == ReviewEvent.Action.SENT_BACK else drafts).append(row)
        working = model.objects.working()
        waiting += _rows(working.filter(status=Status.IN_REVIEW).order_by("updated_at"))
        overdue += _rows(working.filter(next_review_due__lt=today).order_by("next_review_due"))
        due_soon += _rows(working.filter(next_review_due__range=(today, soon)).order_by("next_review_due"))
    context = {
        **admin.site.each_context(request),
        "title": "Review dashboard",
        "sent_back": sent_back,
        "drafts": drafts,
        "waiting": waiting,
        "overdue": overdue,
        "due_soon": due_soon,
        "due_soon_days": DUE_SOON_DAYS,
        "recent": ReviewEvent.objects.select_related("user", "content_type")[:20],
    }
    return TemplateResponse(request, "conditions/admin/dashboard.html", context)
