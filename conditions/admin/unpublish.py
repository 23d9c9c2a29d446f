"""Unpublishing withdraws an item from every app at once: the admin asks first, on a page that says so and
names what links the item ("where used", also on each change page)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from conditions import workflow


class UnpublishConfirmation:
    """For PublishableAdmin: the confirmation page of the change page's Unpublish and of the bulk action."""

    @admin.action(description="Unpublish selected")
    def unpublish_selected(self, request, queryset):
        """First a page saying what unpublishing does and what links each item, then the unpublish."""
        if request.POST.get("post") != "yes":
            return self._unpublish_page(request, list(queryset))
        self._bulk(request, queryset, "unpublish", "unpublished")
        return None

    def _unpublish_page(self, request, items, original=None):
        context = {
            **self.admin_site.each_context(request),
            "title": "Unpublish: are you sure?",
            "opts": self.model._meta,
            "original": original,
            "entries": [{"item": item, "where_used": where_used(item)} for item in items],
        }
        return TemplateResponse(request, "conditions/admin/unpublish.html", context)

    def unpublish_view(self, request, object_id):
        """Unpublishing withdraws the item from every app at once: a page says so before it is done."""
        item = self.get_object(request, object_id)
        allowed = item is not None and self.has_change_permission(request, item)
        if not (allowed and workflow.can_publish(request.user)):
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("confirmed") == "yes":
            if self._transition(request, item, "unpublish", request.POST.get("comment", "")):
                item.refresh_from_db()
                message = f"{item}: unpublished; apps no longer receive it."
                self.message_user(request, message, messages.SUCCESS)
            return redirect(self._url("change", item.pk))
        if not workflow.is_live(item):
            self.message_user(request, f"{item}: apps do not receive it; there is nothing to unpublish.")
            return redirect(self._url("change", item.pk))
        return self._unpublish_page(request, [item], original=item)


def where_used(item):
    """The items that link `item`, each with its change page where the admin has one."""
    used = []
    for linker, name in workflow.linking_items(item):
        opts = linker._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[linker.pk])
        except NoReverseMatch:
            url = None
        used.append({"name": name, "url": url})
    return used
