from django.db import models
from django.db.models import Value
from django.db.models.functions import Replace, Upper
from simple_history.models import HistoricalRecords

from conditions.models.claims import Claim


class ChangeEvent(models.Model):
    """One change to what the API serves, in order: the changes feed and webhooks are read from these.

    Written in the same transaction as the change itself (conditions/publishing.py), so an event exists if and
    only if the change does. Its id is the feed's cursor and the content revision behind ETags.
    """

    class Kind(models.TextChoices):
        CREATED = "created", "Created (first published)"
        UPDATED = "updated", "Updated"
        UNPUBLISHED = "unpublished", "Unpublished"
        DELETED = "deleted", "Deleted"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    item_type = models.CharField(max_length=20, help_text="The collection: topic, condition, faq...")
    slug = models.SlugField(max_length=120)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # An item's own revision (its newest event): its few events, found by collection and slug.
            models.Index(fields=["item_type", "slug"]),
            # A collection's revision: its newest event, read from the end of this index.
            models.Index(fields=["item_type", "id"], name="changeevent_type_newest"),
        ]

    def __str__(self):
        return f"{self.id} {self.kind} {self.item_type}/{self.slug}"


class ConditionCode(Claim):
    """A coded identifier of a condition in a public code set, with where it was taken from.

    A code is a claim like a link: its basis says whether the source names it (articles rarely do) or an
    editor chose it from the code set, which the condition cites as a source, by its release.
    """

    class System(models.TextChoices):
        ICD10CM = "icd10cm", "ICD-10-CM"
        SNOMEDCT = "snomedct", "SNOMED CT"

    class Kind(models.TextChoices):
        BILLABLE = "billable", "Billable: a valid code to report"
        CATEGORY = "category", "Category header: not billable; the codes under it are more specific"

    class Match(models.TextChoices):
        EXACT = "exact", "Exact: the code is the condition as the source names it"
        BROADER = "broader", "Broader: the code covers the condition and more"
        COMPONENT = "component", "Component: the code is one of the conditions it encompasses"

    condition = models.ForeignKey("conditions.Condition", on_delete=models.CASCADE, related_name="codes")
    system = models.CharField(max_length=10, choices=System.choices)
    code = models.CharField(max_length=20, help_text="As the code set writes it, e.g. M16 or M70.6.")
    # The code without dots, upper case: ICD-10-CM codes nest by prefix (M16 ⊃ M16.1 ⊃ M16.11) on this key.
    code_key = models.GeneratedField(
        expression=Upper(Replace("code", Value("."), Value(""))),
        output_field=models.CharField(max_length=20),
        db_persist=True,
    )
    display = models.CharField(max_length=300, help_text="The code set's own title for the code.")
    release = models.CharField(
        max_length=40, blank=True, help_text='The code set\'s release it was checked against, e.g. "FY2026".'
    )
    kind = models.CharField(
        max_length=10, choices=Kind.choices, blank=True, help_text="Billable, or a category header."
    )
    match = models.CharField(
        max_length=10, choices=Match.choices, blank=True, help_text="How the code matches the condition."
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta(Claim.Meta):
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["condition", "system", "code"], name="unique_condition_code"),
        ]
        indexes = [models.Index(fields=["system", "code_key"])]

    def __str__(self):
        return f"{self.get_system_display()} {self.code} {self.display}"
