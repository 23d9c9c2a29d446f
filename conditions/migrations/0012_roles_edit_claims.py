"""Editors and clinical reviewers edit a condition's links, relations and codes, now rows of their own.

The admin shows an inline only to people with permissions on its model, so the roles of 0002 get them for
the link rows added in 0009 (and for codes, which became editable beside the condition with their claims).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CLAIM_ROWS = [
    "conditionmechanism",
    "conditionanatomy",
    "conditiontreatment",
    "conditionredflag",
    "conditionrelation",
    "conditioncode",
]
ROLES = ["Editors", "Clinical reviewers"]


def codenames():
    return [f"{action}_{model}" for model in CLAIM_ROWS for action in ("view", "add", "change", "delete")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    ensure_claim_permissions(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def ensure_claim_permissions(Group, Permission):
    """Give both roles the claim rows' permissions; also used by tests that rebuild the roles."""
    permissions = Permission.objects.filter(content_type__app_label="conditions", codename__in=codenames())
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="conditions", codename__in=codenames())
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("conditions", "0011_condition_links_through"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, revoke)]
