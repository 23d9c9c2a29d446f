"""The change form every content admin uses: it refuses a save made against an older version."""

from django import forms
from django.core.exceptions import ValidationError

from conditions import versions


def plain(error):
    """An error as one sentence an editor can act on."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class VersionedForm(forms.ModelForm):
    """A change form that carries the version of the item it was opened at (conditions/versions.py).

    Saving it after someone else saved the item is refused, naming what they changed; the typing stays on
    the page. Saving again then means "keep mine": the form now carries the version it was shown against.
    Inline rows are covered too: the admin saves the item with them, so any save moves its version.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            self.initial["seen_version"] = versions.version_of(self.instance)

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name != "seen_version"]

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.instance.pk is None or seen is None:
            return cleaned
        # A workflow button submits this form too (PublishableAdmin.response_change): say which step stopped.
        step = self.data.get("_transition")
        doing = {"approve": "approved", "submit": "submitted"}.get(step, "saved")
        try:
            versions.require_unchanged(self.instance, seen, doing=doing)
        except ValidationError as error:
            self.data = self.data.copy()
            self.data[self.add_prefix("seen_version")] = versions.version_of(self.instance)
            if step == "approve":
                raise ValidationError(f"{plain(error)} Reload the page to read it.", code="stale") from None
            raise ValidationError(
                f"{plain(error)} Your changes are still below: save again to keep them over that version, "
                "or reload the page to start from it.",
                code="stale",
            ) from None
        # Checked once the page is known to show the current version: its differences are then typing.
        if step == "approve" and self.changed_data:
            raise ValidationError(
                "Not approved: approval publishes the saved version you read, and does not save edits. "
                "Save your edits first (another clinical reviewer then approves them), or reload the page.",
                code="edited",
            )
        return cleaned
