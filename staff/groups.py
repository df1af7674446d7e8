"""The Editors and Publishers groups and their permissions (content only; never users, groups
or security).

Editors change the content and see the drafts; Publishers also approve and publish drafts
(departments.publish_draft), which matters when EDITORIAL_APPROVAL_REQUIRED is on.
"""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
PUBLISHERS = "Publishers"
CONTENT_MODELS = ("directorate", "department", "competence", "vibercommunity")
DRAFT_VIEWING = ("view_draft", "view_draftevent")
PUBLISHING = ("publish_draft",)


def editor_codenames():
    for model in CONTENT_MODELS:
        for action in ("add", "change", "delete", "view"):
            yield f"{action}_{model}"
        yield f"view_historical{model}"
    yield from DRAFT_VIEWING


def publisher_codenames():
    yield from editor_codenames()
    yield from PUBLISHING


GROUPS = {EDITORS: editor_codenames, PUBLISHERS: publisher_codenames}


def ensure_content_groups(**kwargs):
    """Create the groups if they are missing (after a database flush, in tests) and set their
    rights. The data migrations create them on a real database; this post_migrate handler keeps
    them present and exact afterwards."""
    for name, codenames in GROUPS.items():
        permissions = Permission.objects.filter(
            content_type__app_label="departments", codename__in=list(codenames())
        )
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


# The name it had when there was one group (tests/browser call it).
ensure_editors_group = ensure_content_groups
