"""Form fields that fit how editors write the content."""

from django import forms


class LinesField(forms.CharField):
    """A list of strings (other names, pain locations, …) edited one item per line, not as JSON.

    Each line is one item, its surrounding spaces dropped; empty lines are dropped, so an empty box is an
    empty list. A list shows as its items, one per line, and comes back as the same list.
    """

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        # The JSONField this replaces passes its encoder and decoder: a list of strings needs neither.
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(item).strip() for item in value if str(item).strip()]
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        for line in value:
            super().run_validators(line)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return self.to_python(initial if initial is not None else []) != self.to_python(data)
