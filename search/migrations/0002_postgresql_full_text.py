"""PostgreSQL only: unaccent, the search_greek/search_english configurations, GIN indexes.

On any other database this migration does nothing (SQLite matches the normalised column).
Each index is partial (one language) and its expression is exactly backends.search_vector(),
so that the planner uses it for the searches that backends.py makes.
"""

from django.db import migrations

CONFIGURATIONS = {
    "search_greek": ("greek", "greek_stem"),
    "search_english": ("english", "english_stem"),
}
INDEXES = {"el": "search_greek", "en": "search_english"}


def index_name(language):
    return f"search_entry_{language}_fts"


def gin_index(language):
    from django.contrib.postgres.indexes import GinIndex
    from django.db.models import Q

    from search.backends import search_vector

    return GinIndex(
        search_vector(INDEXES[language]),
        condition=Q(language=language),
        name=index_name(language),
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (source, stemmer) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name} CASCADE")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        # unaccent first, so that the stemmer sees the word without accents (κοινωνικής and
        # ΚΟΙΝΩΝΙΚΗΣ and κοινωνικησ give one lexeme).
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )
    model = apps.get_model("search", "SearchEntry")
    for language in INDEXES:
        schema_editor.add_index(model, gin_index(language))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(language)}")
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
