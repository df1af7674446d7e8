"""The Editors group and its permissions (content only; never users, groups or security)."""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
CONTENT_MODELS = ("directorate", "department", "competence", "vibercommunity")


def editor_codenames():
    for model in CONTENT_MODELS:
        for action in ("add", "change", "delete", "view"):
            yield f"{action}_{model}"
        yield f"view_historical{model}"


def ensure_editors_group(**kwargs):
    """Create the group if it is missing (after a database flush, in tests) and set its rights.

    The data migration creates it on a real database; this post_migrate handler keeps it
    present and exact afterwards.
    """
    permissions = Permission.objects.filter(
        content_type__app_label="departments", codename__in=list(editor_codenames())
    )
    group, _created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.set(permissions)
