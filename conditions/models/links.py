"""A condition's (and a treatment's) typed links, each a claim with its basis (conditions/models/claims.py).

The links are rows the condition owns (`Condition.owned_children`, `Treatment.owned_children`): approval
copies them onto the live item, pointing at live items, and a restored version brings back the rows it had,
provenance included.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from conditions.models.claims import Claim
from conditions.models.content import AnatomicalStructure, Condition, Mechanism, RedFlag, Treatment


class ConditionLink(Claim):
    """A link from a condition to one item it names, with why: the source's passage, or an editor's call."""

    item_field = ""  # the name of the foreign key to the item

    history = HistoricalRecords(inherit=True)

    class Meta(Claim.Meta):
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return f"{self.condition} → {getattr(self, self.item_field)}"

    @property
    def item(self):
        return getattr(self, self.item_field)


def unique(item_field, name, owner="condition"):
    return [models.UniqueConstraint(fields=[owner, item_field], name=name)]


class ConditionMechanism(ConditionLink):
    item_field = "mechanism"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="mechanism_links")
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT, related_name="condition_links")

    class Meta(ConditionLink.Meta):
        constraints = unique("mechanism", "unique_condition_mechanism")


class ConditionAnatomy(ConditionLink):
    item_field = "structure"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="anatomy_links")
    structure = models.ForeignKey(
        AnatomicalStructure, on_delete=models.PROTECT, related_name="condition_links"
    )

    class Meta(ConditionLink.Meta):
        constraints = unique("structure", "unique_condition_anatomy")
        verbose_name_plural = "condition anatomy"


class ConditionTreatment(ConditionLink):
    item_field = "treatment"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="treatment_links")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="condition_links")

    class Meta(ConditionLink.Meta):
        constraints = unique("treatment", "unique_condition_treatment")


class ConditionRedFlag(ConditionLink):
    item_field = "red_flag"
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="red_flag_links")
    red_flag = models.ForeignKey(RedFlag, on_delete=models.PROTECT, related_name="condition_links")

    class Meta(ConditionLink.Meta):
        constraints = unique("red_flag", "unique_condition_red_flag")


class ConditionRelation(Claim):
    """A typed relation between two conditions, read from `condition`'s side ("piriformis syndrome is a form
    of deep gluteal syndrome"). `to tell apart from` reads the same both ways, so it is stored once."""

    class Kind(models.TextChoices):
        FORM_OF = "is_a_form_of", "is a form of"
        LEADS_TO = "can_lead_to", "can lead to"
        CONTRIBUTES_TO = "can_contribute_to", "can contribute to"
        TELL_APART = "tell_apart_from", "to tell apart from"

    # How the relation reads from `other`'s side.
    INVERSE = {
        Kind.FORM_OF: "has_form",
        Kind.LEADS_TO: "can_result_from",
        Kind.CONTRIBUTES_TO: "can_be_contributed_to_by",
        Kind.TELL_APART: "tell_apart_from",
    }

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    other = models.ForeignKey(Condition, on_delete=models.PROTECT, related_name="inverse_relations")

    history = HistoricalRecords()

    class Meta(Claim.Meta):
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["condition", "kind", "other"], name="unique_condition_relation"),
            models.CheckConstraint(
                condition=~Q(condition=models.F("other")),
                name="condition_relation_not_to_itself",
                violation_error_message="A condition is not related to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.condition} {self.get_kind_display()} {self.other}"


class TreatmentAnatomy(Claim):
    """A structure a treatment is given into or around ("corticosteroid injections into the hip joint"), with
    the passage that says so."""

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="anatomy_links")
    structure = models.ForeignKey(
        AnatomicalStructure, on_delete=models.PROTECT, related_name="treatment_links"
    )

    history = HistoricalRecords()

    class Meta(Claim.Meta):
        ordering = ["id"]
        constraints = unique("structure", "unique_treatment_anatomy", owner="treatment")
        verbose_name = "structure it is given into or around"
        verbose_name_plural = "structures it is given into or around"

    def __str__(self):
        return f"{self.treatment} → {self.structure}"

    @property
    def item(self):
        return self.structure
