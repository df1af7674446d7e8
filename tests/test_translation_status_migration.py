"""The stale-English flags of a database from before the translation status (english_review)
become its English flags (departments/0009), on the content and in its history."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from departments.models import Department

TARGET = ("departments", "0009_translation_status")


def _previous():
    """The departments migration 0009 follows (whatever number it has on main)."""
    graph = MigrationExecutor(connection).loader.graph
    return next(
        parent.key for parent in graph.node_map[TARGET].parents if parent.key[0] == TARGET[0]
    )


def _apps_at(node):
    return MigrationExecutor(connection).loader.project_state(node).apps


@pytest.fixture
def flagged_before(transactional_db):
    """A department whose English name was flagged for review, and a history record of it,
    stored before the migration; the head's name flagged although its English is empty."""
    previous = _previous()
    call_command("migrate", *previous, verbosity=0)
    apps = _apps_at(previous)
    directorate = apps.get_model("departments", "Directorate").objects.create(
        slug="old", name_el="Διεύθυνση", name_en="Directorate", mission_el="Αποστολή."
    )
    department = apps.get_model("departments", "Department").objects.create(
        directorate=directorate,
        slug="reception",
        name_el="Τμήμα Υποδοχής",
        name_en="Reception",
        head_name_el="Άννα",
        head_name_en="",
        english_review=["head_name", "name"],
    )
    fields = {
        field.attname: getattr(department, field.attname)
        for field in department._meta.concrete_fields
    }
    apps.get_model("departments", "HistoricalDepartment").objects.create(
        **fields, history_date=timezone.now(), history_type="~"
    )
    yield department.pk
    call_command("migrate", verbosity=0)  # every other test expects the current schema


def test_the_english_flags_become_english_outdated_translations(flagged_before):
    call_command("migrate", *TARGET, verbosity=0)
    department = Department.objects.get(pk=flagged_before)
    # The head's name has no English: it is missing, not outdated.
    assert department.outdated_translations == {"en": ["name"]}
    record = Department.history.get(id=flagged_before)
    assert record.outdated_translations == {"en": ["name"]}


def test_the_migration_is_reversible(flagged_before):
    call_command("migrate", *TARGET, verbosity=0)
    call_command("migrate", *_previous(), verbosity=0)
    apps = _apps_at(_previous())
    department = apps.get_model("departments", "Department").objects.get(pk=flagged_before)
    assert department.english_review == ["name"]
