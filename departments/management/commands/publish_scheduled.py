"""Publish the scheduled drafts whose time has come: run it every minute (README, docs/editing.md).

Safe when several nodes run it at the same minute: each draft is claimed under a row lock and
published once (departments/publishing.py). Examples for cron, a systemd timer and a Kubernetes
CronJob: deploy/scheduler/.

It prints each draft it published, and on standard error each one it sent back to its editors
(the item was published by someone else meanwhile, or it could not be published: the reason is
in the draft's history). One draft that fails never stops the others. ``-v 0`` leaves out
"nothing due", so a scheduler that mails or logs the output only reports publications.
"""

from django.core.management.base import BaseCommand

from departments.publishing import publish_due


class Command(BaseCommand):
    help = "Publish the scheduled drafts whose time has come (run every minute)."

    def handle(self, *args, verbosity=1, **options):
        published, refused = publish_due()
        for draft in published:
            self.stdout.write(f"published: {draft.object_label} (draft #{draft.pk})")
        for draft in refused:
            reason = draft.events.order_by("-at", "-id").values_list("comment", flat=True).first()
            self.stderr.write(f"not published: {draft.object_label} (draft #{draft.pk}): {reason}")
        if not published and not refused and verbosity >= 1:
            self.stdout.write("nothing due")
