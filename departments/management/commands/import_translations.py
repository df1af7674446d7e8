from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from departments.translation_import import import_translations
from departments.xliff import XliffError


class Command(BaseCommand):
    help = (
        "Import a translated XLIFF 1.2 file as drafts, one per object, saved by USERNAME through "
        "the editorial workflow. The whole file is checked first: on any error nothing is "
        "written. Units whose Greek changed since the export are refused (docs/translations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The XLIFF file.")
        parser.add_argument(
            "--user", required=True, help="The staff member the drafts are saved by."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the new drafts at once (only where the rules let USERNAME publish).",
        )

    def handle(self, *args, file, user, publish=False, **options):
        author = get_user_model()._default_manager.filter(username=user).first()
        if author is None:
            raise CommandError(f"No user named {user!r}.")
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            report = import_translations(data, author, publish=publish)
        except XliffError as error:
            raise CommandError(f"{file}: {error} Nothing was imported.") from error
        summary, *details = report.lines()
        self.stdout.write(self.style.SUCCESS(summary))
        for line in details:
            self.stdout.write(line)
