"""Reading the whole database for a text: what a purge must leave nowhere."""

import json

from django.apps import apps
from django.db import connection


def _holds(value, needles):
    text = json.dumps(value, ensure_ascii=False, default=str).lower()
    return any(needle.lower() in text for needle in needles)


def rows_holding(*needles):
    """Every row of every model holding one of ``needles`` (any case), as ``(table, pk)``.

    Read through the models, so that JSON is decoded and Greek found whatever the column stores.
    """
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for row in model._base_manager.values():
            if any(_holds(value, needles) for value in row.values()):
                found.add((model._meta.db_table, str(row[model._meta.pk.attname])))
    return sorted(found)


def tables_holding(*needles):
    """Every table with a row holding one of ``needles``, read raw: none is left unread."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            if any(_holds(str(value), needles) for row in cursor.fetchall() for value in row):
                found.add(table)
    return found
