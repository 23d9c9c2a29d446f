"""A page of a long list reads its rows in index order, whatever the list is sorted by, instead of sorting
every published row (the benchmark's condition list at 10,000 conditions did: docs/benchmarks.md)."""

import re

import pytest
from django.db import connection

from conditions import models
from faq.models import Question
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: query plans are the point (set DATABASE_URL to run it)",
)

# (model, its factory, the field `ordering=name` sorts by)
COLLECTIONS = [
    (models.Topic, factories.TopicFactory, "title"),
    (models.Condition, factories.ConditionFactory, "name"),
    (models.Mechanism, factories.MechanismFactory, "name"),
    (models.AnatomicalStructure, factories.AnatomicalStructureFactory, "name"),
    (models.RedFlag, factories.RedFlagFactory, "sign"),
    (models.Treatment, factories.TreatmentFactory, "name"),
    (Question, factories.QuestionFactory, "question"),
]


def fill(model, factory, n):
    extra = {"topic": factories.TopicFactory()} if model is Question else {}
    live = factory.build_batch(n, **extra)
    working = [factory.build(working=True, slug=item.slug, **extra) for item in live]
    model.objects.bulk_create(live + working)
    with connection.cursor() as cursor:
        cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def orderings(name_field):
    """Every ordering a list accepts, as OrderingFilter turns it into fields (the slug last)."""
    aliases = {"name": name_field}
    for param in ["name", "-name", "updated_at", "-updated_at"]:
        field = aliases.get(param.lstrip("-"), param.lstrip("-"))
        yield param, [("-" if param.startswith("-") else "") + field, "slug"]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name_field"), COLLECTIONS, ids=[c[2] for c in COLLECTIONS])
def test_every_list_order_is_read_from_an_index(model, factory, name_field):
    fill(model, factory, 1500)
    default = list(model._meta.ordering)
    for param, fields in [("default", default), *orderings(name_field)]:
        plan = model.objects.for_list().order_by(*fields)[:20].explain()
        assert re.search(r"Index Scan( Backward)? using \w+", plan), (param, plan)
        # Descending lists keep the slug ascending, as ties are broken the same way in every order: an
        # incremental sort of the rows sharing one name, never a sort of the whole table.
        full_sorts = [line for line in plan.splitlines() if re.match(r"\s*(->\s+)?Sort\s+\(", line)]
        assert not full_sorts, (param, plan)
