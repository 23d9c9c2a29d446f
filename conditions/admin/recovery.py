"""History and recovery pages of every content admin: full-text history, the item's own rows' history,
revert to a version, and restoring deleted items, each as a draft."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from simple_history.template_utils import HistoricalRecordContextHelper

from conditions import history, row_history
from conditions.admin.forms import plain


class FullTextHistory:
    """History pages show each change in full: a reviewer reads what changed, not its first 100 characters."""

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=1_000_000_000
        )


class Recovery(FullTextHistory):
    """The deleted items' page, restore, the item's history with its rows', and revert. Mixed into
    PublishableAdmin, whose `_url` names its pages."""

    def deleted_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "records": history.deleted_versions(self.model),
            "can_restore": self.has_add_permission(request),
        }
        return TemplateResponse(request, "conditions/admin/deleted.html", context)

    def restore_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self.model.history.model, history_id=history_id)
        try:
            item = history.restore_version(record=record, by=request.user)
        except ValidationError as error:
            self.message_user(request, f"Not restored: {plain(error)}", messages.ERROR)
            return redirect(self._url("deleted"))
        self.message_user(request, f"{item} restored as a draft.", messages.SUCCESS)
        return redirect(self._url("change", item.pk))

    def history_view(self, request, object_id, extra_context=None):
        """The item's history, and below it the history of the rows it owns: each link (with its claim), each
        relation and code is a row of its own, with its own history, which the item's record does not hold."""
        pk = unquote(object_id)
        if not pk.isdigit():
            raise Http404(f"No {self.model._meta.verbose_name} has the id {pk!r}.")
        item = self.model._base_manager.filter(pk=pk).first()
        changes = row_history.link_changes(item) if item is not None else []
        return super().history_view(request, object_id, {"link_changes": changes, **(extra_context or {})})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert: the whole version (fields, links and ordered rows) comes back, as a draft."""
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            record = get_object_or_404(self.model.history.model, id=object_id, history_id=version_id)
            item = history.restore_version(record=record, by=request.user)
            self.message_user(request, f"{item} reverted to this version, as a draft.", messages.SUCCESS)
            return redirect(self._url("change", item.pk))
        return super().history_form_view(request, object_id, version_id, extra_context)
