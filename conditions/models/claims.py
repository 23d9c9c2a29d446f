"""Where each typed claim comes from: a passage quoted from a cited source, or an editor's structuring.

A link between items (a condition's treatment, a condition that is a form of another), a red flag's urgency, a
treatment's category or order and a condition's code are clinical claims: apps render them as facts. Each
says its basis. `source`: it rests on `quote`, which must occur word for word in the stored text of `source`.
`editorial`: an editor structured the content so (a `quote` may show the passage it was read from); a clinical
reviewer confirms it like any other edit.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


class Basis(models.TextChoices):
    SOURCE = "source", "Stated by the source (quoted)"
    EDITORIAL = "editorial", "Editorial: an editor's structuring, for a clinical reviewer to confirm"


def check_claim(*, basis, source, quote, quote_field="quote", source_field="source"):
    """The errors of one claim, by field name: a `source` claim quotes its cited source word for word."""
    errors = {}
    if basis == Basis.SOURCE:
        if source is None:
            errors[source_field] = "A claim stated by the source cites that source."
        if not quote:
            errors[quote_field] = "A claim stated by the source quotes the passage it rests on."
    if quote and source is not None and quote not in source.text:
        errors[quote_field] = (
            "The quote does not occur word for word in the stored text of the cited source."
            if source.text
            else "The cited source has no stored text to check the quote against: add its text first."
        )
    if quote and source is None and source_field not in errors:
        errors[source_field] = "A quote cites the source it is taken from."
    return errors


def claim_fields(name):
    """The basis, source and quote of the claim an item's field `name` makes (a category, an urgency)."""
    return (
        models.CharField(
            max_length=10,
            choices=Basis.choices,
            default=Basis.EDITORIAL,
            help_text=f"Whether the source states the {name} (quote it) or an editor chose it.",
        ),
        models.ForeignKey(
            "conditions.Source",
            null=True,
            blank=True,
            on_delete=models.PROTECT,
            related_name="+",
            help_text=f"The source that states the {name}.",
        ),
        models.TextField(
            blank=True, help_text=f"The passage of that source that states the {name}, verbatim."
        ),
    )


class Claim(models.Model):
    """A typed link (or row) that says its basis, the passage it rests on and its qualifier."""

    basis = models.CharField(
        max_length=10,
        choices=Basis.choices,
        default=Basis.EDITORIAL,
        help_text="Stated by the cited source (quote it), or an editor's structuring a reviewer confirms.",
    )
    source = models.ForeignKey(
        "conditions.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The source the quote is taken from.",
    )
    quote = models.TextField(blank=True, help_text="The passage the claim rests on, word for word.")
    qualifier = models.CharField(
        max_length=200,
        blank=True,
        help_text='When or how far it holds, in the source\'s words where it has them (e.g. "advanced").',
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        source = self.source if self.source_id else None
        if errors := check_claim(basis=self.basis, source=source, quote=self.quote):
            raise ValidationError(errors)


@dataclass(frozen=True)
class FieldClaim:
    """The claim behind one field of an item, in the shape of a link's (it has no qualifier)."""

    basis: str
    source: object
    quote: str
    qualifier: str = ""


class ClaimOf:
    """`item.category_claim`: the claim behind the item's field, from its claim_fields() columns."""

    def __init__(self, name):
        self.name = name

    def __get__(self, item, owner=None):
        if item is None:
            return self
        has_source = getattr(item, f"{self.name}_source_id") is not None
        return FieldClaim(
            basis=getattr(item, f"{self.name}_basis"),
            source=getattr(item, f"{self.name}_source") if has_source else None,
            quote=getattr(item, f"{self.name}_quote"),
        )
