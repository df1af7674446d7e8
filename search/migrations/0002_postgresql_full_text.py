"""PostgreSQL only: unaccent, the search configurations, the document trigger, a GIN index.

On any other database this migration does nothing (SQLite matches the normalised column).
``search_greek`` and ``search_english`` copy PostgreSQL's ``greek`` and ``english`` and put
``unaccent`` before the stemmer. A trigger writes each entry's ``document`` (title weighted A,
body weighted B) in its language's configuration, so ranking reads a stored tsvector instead of
parsing every matching row again.
"""

from django.db import migrations

CONFIGURATIONS = {
    "search_greek": ("greek", "greek_stem"),
    "search_english": ("english", "english_stem"),
}
INDEX_NAME = "search_entry_document_gin"

DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION search_entry_document() RETURNS trigger AS $$
DECLARE
    config regconfig := CASE NEW.language
        WHEN 'el' THEN 'search_greek'::regconfig
        WHEN 'en' THEN 'search_english'::regconfig
        ELSE 'simple'::regconfig
    END;
BEGIN
    NEW.document :=
        setweight(to_tsvector(config, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(NEW.body, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""

DOCUMENT_TRIGGER = """
CREATE TRIGGER search_entry_document
BEFORE INSERT OR UPDATE OF title, body, language ON search_searchentry
FOR EACH ROW EXECUTE FUNCTION search_entry_document()
"""

CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON search_searchentry USING gin (document)"
DROP_INDEX = f"DROP INDEX IF EXISTS {INDEX_NAME}"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (source, stemmer) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name} CASCADE")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        # unaccent first: κοινωνικής, ΚΟΙΝΩΝΙΚΗΣ and κοινωνικησ reach the stemmer alike.
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )
    schema_editor.execute(DOCUMENT_FUNCTION)
    schema_editor.execute("DROP TRIGGER IF EXISTS search_entry_document ON search_searchentry")
    schema_editor.execute(DOCUMENT_TRIGGER)
    # Entries written before this migration (none on a new site) get their document now.
    schema_editor.execute("UPDATE search_searchentry SET title = title")
    schema_editor.execute(CREATE_INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP_INDEX)
    schema_editor.execute("DROP TRIGGER IF EXISTS search_entry_document ON search_searchentry")
    schema_editor.execute("DROP FUNCTION IF EXISTS search_entry_document()")
    schema_editor.execute("UPDATE search_searchentry SET document = NULL")
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
