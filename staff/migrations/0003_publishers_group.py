"""The Publishers group (Editors' rights, plus approving and publishing drafts), and the drafts'
pending page for both groups.

Like 0001, permissions are created here first: Django otherwise creates them only after all
migrations have run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"
CONTENT_MODELS = ("directorate", "department", "competence", "vibercommunity")
DRAFT_VIEWING = ("view_draft", "view_draftevent")


def editor_codenames():
    for model in CONTENT_MODELS:
        for action in ("add", "change", "delete", "view"):
            yield f"{action}_{model}"
        yield f"view_historical{model}"
    yield from DRAFT_VIEWING


def publisher_codenames():
    yield from editor_codenames()
    yield "publish_draft"


def _set(apps, name, wanted):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=name)
    permissions = Permission.objects.filter(
        content_type__app_label="departments", codename__in=wanted
    )
    missing = set(wanted) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Permissions missing for the {name} group: {sorted(missing)}")
    group.permissions.set(permissions)


def create_publishers(apps, schema_editor):
    app_config = apps.get_app_config("departments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    _set(apps, EDITORS, list(editor_codenames()))
    _set(apps, PUBLISHERS, list(publisher_codenames()))


def remove_publishers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=PUBLISHERS).delete()
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *editors.permissions.filter(
                content_type__app_label="departments", codename__in=DRAFT_VIEWING
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_history_purge"),
        ("departments", "0005_drafts"),
    ]

    operations = [migrations.RunPython(create_publishers, remove_publishers)]
