from django.db import models
from django.db.models import Value
from django.db.models.functions import Replace, Upper
from simple_history.models import HistoricalRecords


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
        indexes = [models.Index(fields=["item_type", "slug"])]

    def __str__(self):
        return f"{self.id} {self.kind} {self.item_type}/{self.slug}"


class ConditionCode(models.Model):
    """A coded identifier of a condition in a public code set, with where it was taken from."""

    class System(models.TextChoices):
        ICD10CM = "icd10cm", "ICD-10-CM"
        SNOMEDCT = "snomedct", "SNOMED CT"

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
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["condition", "system", "code"], name="unique_condition_code"),
        ]
        indexes = [models.Index(fields=["system", "code_key"])]

    def __str__(self):
        return f"{self.get_system_display()} {self.code} {self.display}"
