"""Inline rows of links on a content item's change page, read in a fixed number of queries."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet

from conditions.admin.base import WorkingRowsOnly


class RowAutocompleteSelect(AutocompleteSelect):
    """An autocomplete of an inline row that labels its selected item from the row, read with it
    (LinkRowsInline.get_queryset), instead of looking the item up again: a query less per row."""

    selected_object = None  # set per form by LinkRowsFormSet

    def optgroups(self, name, value, attr=None):
        item = self.selected_object
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if item is None or selected != {str(item.pk)}:  # a bound form naming another item: look it up
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(item)
        options.append(self.create_option(name, item.pk, label, True, len(options)))
        return [(None, options, 0)]


class LinkRowsFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside RelatedFieldWidgetWrapper
            if isinstance(widget, RowAutocompleteSelect):
                relation = form.instance._meta.get_field(name)
                if relation.is_cached(form.instance):
                    widget.selected_object = getattr(form.instance, name)
        return form


class LinkRowsInline(WorkingRowsOnly):
    """Inline rows of links, each naming the item it links and the source it cites.

    A page of them costs a query per row and per select unless told otherwise: the rows are read with the
    rows they name (their titles), and a plain select's choices (the working sources) are read once per form
    rather than once per row, as every row and the empty "add another" row offer the same ones.
    """

    formset = LinkRowsFormSet

    def get_queryset(self, request):
        related = [field.name for field in self.model._meta.concrete_fields if field.many_to_one]
        return super().get_queryset(request).select_related(*related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        autocompleted = db_field.name in self.get_autocomplete_fields(request)
        if autocompleted and "widget" not in kwargs:
            kwargs["widget"] = RowAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and not autocompleted:
            # Validation still reads the queryset; only the rendered options are read once.
            formfield.choices = list(iter(formfield.choices))  # iter: no COUNT first
        return formfield


class OrderedInline(LinkRowsInline, admin.TabularInline):
    extra = 0
    ordering = ("position",)
