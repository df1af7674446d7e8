"""Restore a dump made by backup_database over the database (`make restore FILE=…`), then give the
content a new generation and clear the shared cache, so every node serves the restored content."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from serving.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup (pg_dump custom format) over the database, then refresh every cache."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a dump written by backup_database (make backup)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="do not ask for confirmation",
        )  # fmt: skip

    def handle(self, *args, file, interactive=True, **options):
        name = connection.settings_dict["NAME"]
        if interactive and sys.stdin.isatty():
            answer = input(f"Replace everything in the database {name} with {file}? [yes/no] ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            number = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {file} into {name}; content generation now {number}")
