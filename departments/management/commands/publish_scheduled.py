"""Publish the scheduled drafts whose time has come: run it every minute (README, docs/scaling.md).

Safe when several nodes run it at the same minute: each draft is claimed under a row lock and
published once (departments/publishing.py).
"""

from django.core.management.base import BaseCommand

from departments.publishing import publish_due


class Command(BaseCommand):
    help = "Publish the scheduled drafts whose time has come (run every minute)."

    def handle(self, *args, **options):
        published, refused = publish_due()
        for draft in published:
            self.stdout.write(f"published: {draft.object_label} (draft #{draft.pk})")
        for draft in refused:
            self.stderr.write(
                f"not published, changed meanwhile: {draft.object_label} (draft #{draft.pk})"
            )
        if not published and not refused:
            self.stdout.write("nothing due")
