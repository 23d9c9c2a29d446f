"""The factories live in conditions/factories.py, where `manage.py scale_data` can import them too."""

from conditions.factories import *  # noqa: F403
from conditions.factories import FACTORIES, ROW_FIELDS, many_to_many, working_copy  # noqa: F401
from conditions.models import ConditionCode, ConditionRelation


def add_code(condition, code, *, position=0, system=ConditionCode.System.ICD10CM):
    """A code of `condition`, with a display of its own (tests only: a code's display is clinical data)."""
    return ConditionCode.objects.create(
        condition=condition, system=system, code=code, display=f"Title of {code}", position=position
    )


def link_n_of_each(condition, n):
    """`n` more of every kind of link a condition's detail shows: sources, mechanisms, anatomy, treatments,
    red flags, related conditions (stored on either side), topics and codes."""
    condition.sources.add(*SourceFactory.create_batch(n))  # noqa: F405
    condition.mechanisms.add(*MechanismFactory.create_batch(n))  # noqa: F405
    condition.anatomy.add(*AnatomicalStructureFactory.create_batch(n))  # noqa: F405
    condition.treatments.add(*TreatmentFactory.create_batch(n))  # noqa: F405
    condition.red_flags.add(*RedFlagFactory.create_batch(n))  # noqa: F405
    for index, other in enumerate(ConditionFactory.create_batch(n)):  # noqa: F405
        # Relations read from either side: stored on this condition, or on the other.
        ends = (condition, other) if index % 2 else (other, condition)
        ConditionRelation.objects.create(condition=ends[0], kind="tell_apart_from", other=ends[1])
    TopicConditionFactory.create_batch(n, condition=condition)  # noqa: F405
    start = condition.codes.count()
    for number in range(start, start + n):
        add_code(condition, f"M{number:02d}", position=number)
