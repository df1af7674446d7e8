"""Remove a text from every history record of the content and from the drafts, e.g. personal
data published by mistake. See staff/purge.py; the admin has the same under "Purges of text
from the history"."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff.purge import check_text, plain_text, purge_history_text, records_with
from staff.redaction import REDACTED


class Command(BaseCommand):
    help = (
        "Replace a text (any case) with “[…]” in every history record of directorates, "
        "departments, competences and the Viber block, in every language, in the admin's log, "
        "and in the drafts and their events. The text must already be gone from the content "
        "and from what open drafts would publish. Read from standard input when not given, "
        "so it stays out of the shell history."
    )

    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", help="The text to remove (default: stdin).")
        parser.add_argument(
            "--user",
            required=True,
            help="User name of the superuser carrying out the purge (it is recorded).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the records holding the text."
        )

    def handle(self, *args, text=None, user, dry_run=False, **options):
        if text is None:
            text = options.get("stdin", sys.stdin).readline().rstrip("\n")
        superuser = get_user_model().objects.filter(username=user, is_superuser=True).first()
        if superuser is None:
            raise CommandError(f"No superuser named {user!r}: only superusers purge history.")
        problems = check_text(text)
        if problems:
            raise CommandError(plain_text(problems))
        if dry_run:
            counts = records_with(text)
            self.stdout.write(
                f"{counts.history} history record(s) and {counts.drafts} draft record(s) "
                "hold the text; nothing changed."
            )
            return
        record = purge_history_text(text, superuser)
        self.stdout.write(
            f"Replaced the text with {REDACTED} in {record.records} history record(s) and "
            f"{record.draft_records} draft record(s); purge recorded as #{record.pk}."
        )
