from django.core.management.base import BaseCommand

from departments.seeding import load_seed


class Command(BaseCommand):
    help = (
        "Load the seed content from fixtures/seed/. Idempotent: creates what is missing and "
        "never overwrites or recreates content that staff have edited or deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", help="A seed file or folder (default: fixtures/seed/).")

    def handle(self, *args, path=None, **options):
        report = load_seed(path)
        self.stdout.write(self.style.SUCCESS(f"Seed applied: {report.summary()}."))
