from django.core.management.base import BaseCommand, CommandError

from departments import translation_status, translation_units, xliff


class Command(BaseCommand):
    help = (
        "Write an XLIFF 1.2 file for translators: one unit per translated field of every "
        "directorate, department, competence and the Viber block; source the Greek, target the "
        "current translation in LANG, the English in a note (docs/translations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, help="The target language's code.")
        parser.add_argument("--output", help="The file to write (default: standard output).")
        parser.add_argument(
            "--missing", action="store_true", help="Only the fields with no translation."
        )
        parser.add_argument(
            "--outdated",
            action="store_true",
            help="Only the fields whose Greek changed since their translation was written.",
        )

    def handle(self, *args, language, output=None, missing=False, outdated=False, **options):
        languages = translation_status.target_languages()
        if language not in languages:
            raise CommandError(
                f"--language must be one of {', '.join(languages)} (Greek is the source)."
            )
        try:
            units = translation_units.selected_units(language, missing, outdated)
        except NotImplementedError as error:
            raise CommandError(str(error)) from error
        document = xliff.write(units, language)
        if output:
            with open(output, "wb") as file:
                file.write(document)
            self.stderr.write(f"{len(units)} units written to {output}.")
        else:
            self.stdout.write(document.decode("utf-8"), ending="")
