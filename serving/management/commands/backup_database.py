"""Dump the database to a file (`make backup`): pg_dump's custom format, one consistent snapshot."""

from django.core.management.base import BaseCommand, CommandError

from serving.backups import BackupError, default_path, dump


class Command(BaseCommand):
    help = "Write a consistent dump of the database (PostgreSQL) to backups/<UTC time>.dump."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the file to write (default: backups/<UTC time>.dump)")

    def handle(self, *args, output=None, **options):
        try:
            path = dump(output or default_path())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backup written: {path} ({path.stat().st_size:,} bytes)")
