from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    default = True
    name = "staff"
    verbose_name = _("Staff editing")

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from departments.drafts import DraftEvent
        from staff import checks  # noqa: F401 (registers the client-address checks)
        from staff.groups import ensure_content_groups
        from staff.notifications import on_draft_event

        # After the auth and departments apps have created their permissions.
        post_migrate.connect(
            ensure_content_groups, sender=self, dispatch_uid="staff-content-groups"
        )
        # Each workflow step's e-mail, after its transaction commits (staff/notifications.py).
        post_save.connect(on_draft_event, sender=DraftEvent, dispatch_uid="staff-notifications")


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by the site that can require two-factor authentication."""

    default = False
    default_site = "staff.sites.StaffAdminSite"
