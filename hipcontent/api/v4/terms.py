"""The hc: terms v4 uses: v3's, less the two that cannot say "not assessed" (hc:urgency holds `soon` until an
urgency is assessed, and hc:urgencyAssessed exists only to warn of that), plus hc:assessedUrgency in their
place. A term means the same in every version (hipcontent/api/vocabulary.py): v4 mints a new name rather than
give hc:urgency a new meaning (docs/urgency-not-assessed.md)."""

from hipcontent.api.v3.terms import INDEX_TERMS
from hipcontent.api.v3.terms import TERMS as V3_TERMS
from hipcontent.api.vocabulary import Term

__all__ = ["INDEX_TERMS", "TERMS"]

# The five values are the model's (conditions.models.RedFlag.Urgency), in the words of its labels.
ASSESSED_URGENCY = Term(
    "How soon to act on a red flag, exactly as a clinical reviewer set it: `not_assessed` (no clinical "
    "reviewer has set an urgency yet: show that it is not assessed, never an urgency), `emergency` (call "
    "emergency services now), `urgent` (be seen today), `soon` (book an appointment within days), `routine` "
    "(mention at the next appointment). Never holds a value nobody set; where it comes from is "
    "hc:urgencyClaim.",
    ("schema:MedicalSignOrSymptom",),
    "xsd:string",
)
REPLACED = ("urgency", "urgencyAssessed")

TERMS = {}
for name, term in V3_TERMS.items():
    if name == REPLACED[0]:
        TERMS["assessedUrgency"] = ASSESSED_URGENCY  # where hc:urgency was, so the vocabulary reads alike
    elif name not in REPLACED:
        TERMS[name] = term
