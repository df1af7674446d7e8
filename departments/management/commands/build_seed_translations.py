import json
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from departments import translation_status, translation_units, xliff
from departments.seed_translations import DEFAULT_TRANSLATIONS_DIR


class Command(BaseCommand):
    help = (
        "Build fixtures/translations/LANG.xlf, the seed's translations, from an export of this "
        "database's content and a JSON object {Greek text: translation}. Run it on a database "
        "holding the seed as loaded (docs/translations.md); rerun it when the JSON changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("language", help="The target language's code.")
        parser.add_argument("--content", required=True, help="The JSON of translations.")
        parser.add_argument("--output", help="Default: fixtures/translations/LANG.xlf.")

    def handle(self, *args, language, content, output=None, **options):
        if language not in translation_status.target_languages():
            raise CommandError(f"{language} is not a language the site translates into.")
        try:
            texts = json.loads(Path(content).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {content}: {error}") from error
        if not isinstance(texts, dict):
            raise CommandError(f"{content} must hold one JSON object {{Greek: translation}}.")
        units, missing = [], []
        for unit in translation_units.units(language):
            text = texts.get(unit.source) or texts.get(unit.source.strip())
            if text:
                units.append(replace(unit, target=text))
            else:
                missing.append(unit.resname)
        path = Path(output) if output else DEFAULT_TRANSLATIONS_DIR / f"{language}.xlf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(xliff.write(units, language))
        self.stdout.write(f"{len(units)} units written to {path}; {len(missing)} without one.")
        for resname in missing:
            self.stderr.write(f"No {language} translation for {resname}")
