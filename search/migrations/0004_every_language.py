"""Search in every language of the site; the index rebuilt with issue 21's texts.

PostgreSQL (nothing else here runs on other databases):
- ``search_french`` and ``search_arabic`` join ``search_greek`` and ``search_english`` (0002):
  a copy of PostgreSQL's configuration for the language, ``unaccent`` before its stemmer;
- ``search_config(language)`` names the configuration of a language code: one of those four,
  else ``simple`` (no stemmer: Persian, Ukrainian, Albanian, and any language added later);
- each entry's ``document`` is built from its ``normalised`` copy (search/normalise.py: one
  normalisation for the index and the query, Arabic/Persian letter forms included), title
  weighted A and body B, in the configuration of the language the text is in
  (``text_language``: a text shown untranslated keeps its own language's stemming).

Everywhere: the index is emptied, so that ``migrate`` rebuilds it
(search.signals.build_missing_index) with the new normalisation and the texts
departments/0008 corrected, which no save signal reported.
"""

import importlib

from django.db import migrations

CONFIGURATIONS = {
    "search_french": ("french", "french_stem"),
    "search_arabic": ("arabic", "arabic_stem"),
}

CONFIG_FUNCTION = """
CREATE OR REPLACE FUNCTION search_config(language text) RETURNS regconfig AS $$
    SELECT CASE language
        WHEN 'el' THEN 'search_greek'::regconfig
        WHEN 'en' THEN 'search_english'::regconfig
        WHEN 'fr' THEN 'search_french'::regconfig
        WHEN 'ar' THEN 'search_arabic'::regconfig
        ELSE 'simple'::regconfig
    END
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE
"""

# ``normalised`` is the title, a newline, then the body (search/indexing.py; neither holds a
# newline of its own).
DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION search_entry_document() RETURNS trigger AS $$
DECLARE
    config regconfig := search_config(NEW.text_language);
    text_start integer := strpos(NEW.normalised, E'\\n');
BEGIN
    NEW.document :=
        setweight(to_tsvector(config, split_part(NEW.normalised, E'\\n', 1)), 'A')
        || setweight(to_tsvector(config, substr(NEW.normalised, text_start + 1)), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""

DOCUMENT_TRIGGER = """
CREATE TRIGGER search_entry_document
BEFORE INSERT OR UPDATE OF normalised, text_language ON search_searchentry
FOR EACH ROW EXECUTE FUNCTION search_entry_document()
"""


def _create_configurations(schema_editor):
    for name, (source, stemmer) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name} CASCADE")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )


def forwards(apps, schema_editor):
    apps.get_model("search", "SearchEntry").objects.all().delete()
    if schema_editor.connection.vendor != "postgresql":
        return
    _create_configurations(schema_editor)
    schema_editor.execute(CONFIG_FUNCTION)
    schema_editor.execute(DOCUMENT_FUNCTION)
    schema_editor.execute("DROP TRIGGER IF EXISTS search_entry_document ON search_searchentry")
    schema_editor.execute(DOCUMENT_TRIGGER)


def backwards(apps, schema_editor):
    # The entries stay (an empty index would be rebuilt after ``migrate`` by the code of now,
    # whatever schema the content is migrated back to); PostgreSQL's documents go back to 0002.
    if schema_editor.connection.vendor != "postgresql":
        return
    before = importlib.import_module("search.migrations.0002_postgresql_full_text")
    schema_editor.execute(before.DOCUMENT_FUNCTION)
    schema_editor.execute("DROP TRIGGER IF EXISTS search_entry_document ON search_searchentry")
    schema_editor.execute(before.DOCUMENT_TRIGGER)
    schema_editor.execute("UPDATE search_searchentry SET title = title")
    schema_editor.execute("DROP FUNCTION IF EXISTS search_config(text)")
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_rebuild_for_issue_14"),
        ("departments", "0008_issue_21_text_fixes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
