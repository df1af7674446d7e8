"""The Editors group: edit the site's content and see its history, nothing else.

No permission on users, groups, login attempts or two-factor devices: superusers administer
people and security. Permissions are created here first, because Django otherwise creates them
only after all migrations have run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
CONTENT_MODELS = ("directorate", "department", "competence", "vibercommunity")


def codenames():
    for model in CONTENT_MODELS:
        for action in ("add", "change", "delete", "view"):
            yield f"{action}_{model}"
        yield f"view_historical{model}"


def create_editors(apps, schema_editor):
    app_config = apps.get_app_config("departments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    wanted = list(codenames())
    permissions = Permission.objects.filter(
        content_type__app_label="departments", codename__in=wanted
    )
    missing = set(wanted) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Permissions missing for the Editors group: {sorted(missing)}")
    group.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("departments", "0002_versions_and_english_review"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
