"""Copy each condition's links into the link rows that carry provenance; the old link tables go in 0011.

Links made before provenance existed say nothing about where they come from, so each is `editorial` until an
editor cites the passage it rests on (the seed's come back quoted with `load_seed --reset`). A differential
was stored both ways round; it becomes one `tell_apart_from` relation. Backwards, the links go back to the
old tables; relations of other kinds have no old table and are dropped.
"""

from django.db import migrations

LINKS = {
    "mechanisms": ("ConditionMechanism", "mechanism"),
    "anatomy": ("ConditionAnatomy", "structure"),
    "treatments": ("ConditionTreatment", "treatment"),
    "red_flags": ("ConditionRedFlag", "red_flag"),
}


def _old(Condition, name):
    field = Condition._meta.get_field(name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


def fill(apps, schema_editor):
    Condition = apps.get_model("conditions", "Condition")
    for name, (model_name, item_field) in LINKS.items():
        link_model = apps.get_model("conditions", model_name)
        through, source, target = _old(Condition, name)
        link_model.objects.bulk_create(
            link_model(condition_id=row[0], **{f"{item_field}_id": row[1]}, basis="editorial")
            for row in through.objects.values_list(f"{source}_id", f"{target}_id")
        )
    Relation = apps.get_model("conditions", "ConditionRelation")
    through, source, target = _old(Condition, "differentials")
    pairs = {tuple(sorted(row)) for row in through.objects.values_list(f"{source}_id", f"{target}_id")}
    Relation.objects.bulk_create(
        Relation(condition_id=a, other_id=b, kind="tell_apart_from", basis="editorial")
        for a, b in sorted(pairs)
        if a != b
    )


def empty(apps, schema_editor):
    Condition = apps.get_model("conditions", "Condition")
    for name, (model_name, item_field) in LINKS.items():
        link_model = apps.get_model("conditions", model_name)
        through, source, target = _old(Condition, name)
        through.objects.bulk_create(
            through(**{f"{source}_id": row[0], f"{target}_id": row[1]})
            for row in link_model.objects.values_list("condition_id", f"{item_field}_id")
        )
        link_model.objects.all().delete()
    Relation = apps.get_model("conditions", "ConditionRelation")
    through, source, target = _old(Condition, "differentials")
    pairs = Relation.objects.filter(kind="tell_apart_from").values_list("condition_id", "other_id")
    through.objects.bulk_create(
        through(**{f"{source}_id": x, f"{target}_id": y}) for a, b in pairs for x, y in ((a, b), (b, a))
    )
    Relation.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("conditions", "0009_provenance")]

    operations = [migrations.RunPython(fill, empty)]
