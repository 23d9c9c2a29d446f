"""The two editorial roles, as groups: Editors write and submit; Clinical reviewers also approve and publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "conditions": [
        "topic",
        "keytakeaway",
        "topicanatomy",
        "topicmechanism",
        "topiccondition",
        "topicredflag",
        "topictreatment",
        "condition",
        "anatomicalstructure",
        "mechanism",
        "treatment",
        "redflag",
        "professional",
        "source",
    ],
    "faq": ["question"],
}
EDITORS = "Editors"
REVIEWERS = "Clinical reviewers"


def editor_codenames():
    for app_label, models in CONTENT.items():
        for model in models:
            for action in ("view", "add", "change", "delete"):
                yield app_label, f"{action}_{model}"
    yield "conditions", "view_reviewevent"


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def ensure_roles(Group, Permission):
    """Create or refresh the two groups; also used by tests after a transactional test emptied the tables."""

    def permissions(pairs):
        return [
            Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in pairs
        ]

    editor_permissions = permissions(editor_codenames())
    Group.objects.get_or_create(name=EDITORS)[0].permissions.set(editor_permissions)
    reviewer_permissions = editor_permissions + permissions(
        [
            ("conditions", "publish_content"),
            ("conditions", "add_reviewerprofile"),
            ("conditions", "change_reviewerprofile"),
            ("conditions", "view_reviewerprofile"),
        ]
    )
    Group.objects.get_or_create(name=REVIEWERS)[0].permissions.set(reviewer_permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0001_initial"),
        ("faq", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
