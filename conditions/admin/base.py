"""What every content admin shares: working rows only, the review workflow and preview; history and recovery
are in recovery.py, the versioned change form in forms.py."""

import datetime
import json

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from conditions import preview, review_diff, versions, workflow
from conditions.admin.fields import LinesField
from conditions.admin.forms import VersionedForm, plain
from conditions.admin.recovery import Recovery
from conditions.admin.unpublish import UnpublishConfirmation, where_used
from conditions.models import Publishable, ReviewEvent
from conditions.models.base import Shared

TRANSITIONS = {
    "submit": workflow.submit_for_review,
    "approve": workflow.approve,
    "send_back": workflow.send_back,
    "unpublish": workflow.unpublish,
}


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody may rewrite (the review log, webhook deliveries): list and read only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WorkingRowsOnly:
    """Link pickers offer the rows editors edit, never the live or approved copies the API reads."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if issubclass(db_field.related_model, (Publishable, Shared)):
            kwargs["queryset"] = db_field.related_model.objects.working()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if issubclass(db_field.related_model, (Publishable, Shared)):
            kwargs["queryset"] = db_field.related_model.objects.working()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review due"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return (("overdue", "Overdue"), ("30days", "Due within 30 days"))

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=today)
        if self.value() == "30days":
            return queryset.filter(
                next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(30)
            )
        return queryset


@admin.display(description="served by the API", boolean=True)
def served(item):
    return workflow.is_live(item)


class PublishableAdmin(UnpublishConfirmation, Recovery, WorkingRowsOnly, SimpleHistoryAdmin):
    """Editors edit working rows; status changes only through the workflow buttons and actions."""

    form = VersionedForm
    change_form_template = "conditions/admin/change_form.html"
    change_list_template = "conditions/admin/change_list.html"
    object_history_template = "conditions/admin/object_history.html"
    list_filter = ("status",)
    list_per_page = 50
    save_on_top = True
    # The change page shows the reviewer what approval would change beside the buttons; where rendering both
    # versions of the item costs too much for a page that loads on every edit, it links to the review page.
    review_diff_inline = True
    # JSON lists of strings, edited one item per line (conditions/admin/fields.py).
    line_list_fields = ()
    review_fields = ("status", "last_reviewed", "reviewer", "next_review_due", "created_at", "updated_at")
    actions = ("submit_selected", "approve_selected", "unpublish_selected")

    def get_queryset(self, request):
        return super().get_queryset(request).working()

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), ReviewDueFilter)

    def get_list_display(self, request):
        return (*super().get_list_display(request), "status", served, "next_review_due", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.review_fields)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.line_list_fields:
            help_text = f"{db_field.help_text} One per line.".strip()
            return db_field.formfield(form_class=LinesField, help_text=help_text, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        fieldsets[0][1]["fields"] = [f for f in fieldsets[0][1]["fields"] if f not in self.review_fields]
        return [*fieldsets, ("Review", {"fields": self.review_fields})]

    def get_autocomplete_fields(self, request):
        return (*super().get_autocomplete_fields(request), "sources")

    @admin.display(description="reviewed by")
    def reviewer(self, item):
        stamp = item.review_stamp
        return f"{stamp['display_name']}, {stamp['credentials']}" if stamp else "—"

    # ---- saving and deleting

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed() and request.POST.get("_transition"):
            # A workflow button on an untouched form: saving would make a new version of the same content,
            # and an approval is bound to the version the page showed.
            return
        super().save_model(request, obj, form, change)
        if form.has_changed():
            workflow.record_edit(item=obj, by=request.user)

    def response_change(self, request, obj):
        """A workflow button submits the change form: the typing is saved (or refused as stale, before
        anything is saved), then the step is taken on what was just saved."""
        name = request.POST.get("_transition")
        if not name:
            return super().response_change(request, obj)
        if name == "unpublish":
            return redirect(self._url("unpublish", obj.pk))  # what was typed is saved; unpublishing is asked
        bound = {"seen": request.POST.get("seen_version", "")} if name == "approve" else {}
        if name not in TRANSITIONS:
            self.message_user(request, f"Unknown step {name!r}.", messages.ERROR)
        elif self._transition(request, obj, name, request.POST.get("workflow_comment", ""), **bound):
            obj.refresh_from_db()
            self.message_user(request, f"{obj}: now {obj.get_status_display().lower()}.", messages.SUCCESS)
        return redirect(self._url("change", obj.pk))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            workflow.record_edit(item=form.instance, by=request.user)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_publish(request.user) or not workflow.is_live(obj))

    def delete_view(self, request, object_id, extra_context=None):
        # Refused before the confirmation page: the admin's own page would promise the deletion.
        item = self.get_object(request, object_id)
        if item is None or not self.has_delete_permission(request, item):
            return super().delete_view(request, object_id, extra_context)  # Django's answer: 404 or 403
        if linkers := workflow.inbound_links(item):
            message = f"{item} is still linked from {', '.join(linkers)}. Remove those links first."
            self.message_user(request, message, messages.ERROR)
            return redirect(self._url("change", item.pk))
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            delete_selected, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_unlinked_only(delete_selected), name, description)
        return actions

    def delete_model(self, request, obj):
        workflow.delete(item=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            try:
                with transaction.atomic():
                    workflow.delete(item=item, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"Not deleted: {plain(error)}", messages.ERROR)

    # ---- workflow

    def _transition(self, request, item, name, comment="", **bound):
        try:
            TRANSITIONS[name](item=item, by=request.user, comment=comment, **bound)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, f"{item}: {plain(error)}", messages.ERROR)
            return False
        return True

    def _bulk(self, request, queryset, name, done):
        count = sum(self._transition(request, item, name) for item in queryset)
        if count:
            self.message_user(request, f"{count} {done}.", messages.SUCCESS)

    @admin.action(description="Submit selected for review")
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit", "submitted for review")

    @admin.action(description="Approve and publish selected")
    def approve_selected(self, request, queryset):
        """Bound to versions like a single approval: first a page with what each item would publish, then
        each item approved only as that page showed it."""
        in_review = queryset.filter(status="in_review")
        for item in queryset.exclude(status="in_review"):
            self.message_user(request, f"{item}: only an item in review can be approved.", messages.ERROR)
        if request.POST.get("post") != "yes":
            entries = [
                {
                    "item": item,
                    "changes": review_diff.changes(item, request),
                    "version": versions.version_of(item),
                    "is_live": workflow.is_live(item),
                }
                for item in in_review
            ]
            if not entries:
                return None
            context = {
                **self.admin_site.each_context(request),
                "title": "Approve and publish what you read",
                "opts": self.model._meta,
                "entries": entries,
            }
            return TemplateResponse(request, "conditions/admin/approve_selected.html", context)
        done = 0
        for item in in_review:
            seen = request.POST.get(f"version-{item.pk}", "")
            if not seen.isdigit():
                message = f"{item}: not approved, as no version of it was read."
                self.message_user(request, message, messages.ERROR)
                continue
            done += self._transition(request, item, "approve", seen=seen)
        if done:
            self.message_user(request, f"{done} approved and published.", messages.SUCCESS)
        return None

    def workflow_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = self.get_object(request, object_id)
        if item is None or not self.has_change_permission(request, item):
            raise PermissionDenied
        name = request.POST.get("transition", "")
        if name == "unpublish":
            return redirect(self._url("unpublish", item.pk))  # asked first, on its own page
        # Approval publishes only what the reviewer read: the version their page showed.
        bound = {"seen": request.POST.get("version", "")} if name == "approve" else {}
        if name not in TRANSITIONS:
            self.message_user(request, f"Unknown step {name!r}.", messages.ERROR)
        elif bound and not bound["seen"].isdigit():
            message = f"{item}: not approved: the request does not say which version you read. Reload it."
            self.message_user(request, message, messages.ERROR)
        elif self._transition(request, item, name, request.POST.get("comment", ""), **bound):
            item.refresh_from_db()
            self.message_user(request, f"{item}: now {item.get_status_display().lower()}.", messages.SUCCESS)
        return redirect(self._url("change", item.pk))

    # ---- preview

    def preview_view(self, request, object_id):
        """The exact API v1 JSON that approving the item now would publish."""
        item = self.get_object(request, object_id)
        if item is None:
            raise PermissionDenied
        body = preview.preview(item, request)
        return HttpResponse(json.dumps(body, indent=2, ensure_ascii=False), content_type="application/json")

    def review_view(self, request, object_id):
        """What approving the item would change for apps, in full, with the approve and send-back buttons."""
        item = self.get_object(request, object_id)
        if item is None or not self.has_view_permission(request, item):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review {item}",
            "opts": self.model._meta,
            "original": item,
            "changes": review_diff.changes(item, request),
            "workflow": _workflow_context(request, item),
        }
        return TemplateResponse(request, "conditions/admin/review.html", context)

    # ---- urls

    def _url(self, name, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/workflow/", wrap(self.workflow_view), name=f"{prefix}_workflow"),
            path("<path:object_id>/preview/", wrap(self.preview_view), name=f"{prefix}_preview"),
            path("<path:object_id>/review/", wrap(self.review_view), name=f"{prefix}_review"),
            path("<path:object_id>/unpublish/", wrap(self.unpublish_view), name=f"{prefix}_unpublish"),
            path("deleted/", wrap(self.deleted_view), name=f"{prefix}_deleted"),
            path("deleted/<int:history_id>/restore/", wrap(self.restore_view), name=f"{prefix}_restore"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        if item is not None:
            context = _workflow_context(request, item)
            extra_context = {
                "workflow": context,
                # The reviewer reads what approval would publish beside the buttons that publish it.
                "changes": review_diff.changes(item, request)
                if context["can_review"] and request.method == "GET" and self.review_diff_inline
                else None,
                "review_log": _review_log(item),
                "where_used": where_used(item),
                **(extra_context or {}),
            }
        return super().change_view(request, object_id, form_url, extra_context)


def _unlinked_only(delete_selected):
    """Django's bulk delete, for the selected items nothing links to; the others are named and kept."""

    def action(modeladmin, request, queryset):
        linked = {item.pk: workflow.inbound_links(item) for item in queryset}
        for item in queryset.filter(pk__in=[pk for pk, linkers in linked.items() if linkers]):
            linkers = ", ".join(linked[item.pk])
            modeladmin.message_user(
                request,
                f"Not deleted: {item} is still linked from {linkers}. Remove those links first.",
                messages.ERROR,
            )
        unlinked = queryset.filter(pk__in=[pk for pk, linkers in linked.items() if not linkers])
        return delete_selected(modeladmin, request, unlinked) if unlinked.exists() else None

    return action


def _workflow_context(request, item):
    reviewer = workflow.can_publish(request.user)
    status = item.status
    own_edit = item.last_edited_by_id == request.user.pk
    return {
        "can_submit": status == "draft",
        "can_review": reviewer and status == "in_review",
        "can_approve": reviewer
        and status == "in_review"
        and (not own_edit or workflow.may_approve_own_edit()),
        "own_edit": own_edit,
        "can_unpublish": reviewer and workflow.is_live(item),
        "is_live": workflow.is_live(item),
        "version": versions.version_of(item),
    }


def _review_log(item):
    content_type = ContentType.objects.get_for_model(item)
    return ReviewEvent.objects.filter(content_type=content_type, object_id=item.pk).select_related("user")
