"""Empty the index once, so that ``migrate`` rebuilds it (search.signals.build_missing_index).

Issue 14 corrected seeded texts with a data migration, which sends no signal the index hears,
and heads' results now link to their contact on the directorate page: every entry is stale.
"""

from django.db import migrations


def empty_index(apps, schema_editor):
    apps.get_model("search", "SearchEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgresql_full_text"),
        ("departments", "0004_issue_14_text_fixes"),
    ]

    operations = [
        migrations.RunPython(empty_index, migrations.RunPython.noop),
    ]
