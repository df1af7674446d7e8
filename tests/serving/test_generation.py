"""The content generation changes on each content save or delete: in the database in the same
transaction, in the cache's copy after commit."""

import pytest
from django.core.cache import cache

from departments.models import Competence
from serving.generation import CONTENT_GENERATION_KEY, content_generation
from tests.conftest import make_department, make_directorate


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_version_is_stable_without_changes(db):
    assert content_generation() == content_generation()


def test_save_starts_a_new_version_after_commit(db, django_capture_on_commit_callbacks):
    directorate = make_directorate()
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        directorate.name_en = "Renamed"
        directorate.save()
    assert content_generation() != before


def test_delete_starts_a_new_version(db, django_capture_on_commit_callbacks):
    department = make_department(make_directorate(), "alpha")
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        Competence.objects.filter(department=department).first().delete()
    assert content_generation() != before


def test_no_new_version_before_commit(db, django_capture_on_commit_callbacks):
    directorate = make_directorate()
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        directorate.save()
    assert content_generation() == before
    assert callbacks


def test_lost_key_is_initialised_from_the_database(db, django_capture_on_commit_callbacks):
    directorate = make_directorate()
    with django_capture_on_commit_callbacks(execute=True):
        directorate.save()
    first = content_generation()
    cache.delete(CONTENT_GENERATION_KEY)
    assert content_generation() == first
    assert str(cache.get(CONTENT_GENERATION_KEY)) == first


def test_the_database_holds_the_number_before_commit(db, django_capture_on_commit_callbacks):
    from serving.generation import stored_generation

    directorate = make_directorate()
    before = stored_generation()
    with django_capture_on_commit_callbacks(execute=False):
        directorate.save()
        assert stored_generation() == before + 1


def test_a_copy_that_missed_a_save_is_never_trusted(db, django_capture_on_commit_callbacks):
    """A save whose copy could not be raised (cache down at commit) is seen once it is back."""
    from serving.cache import HEALTH

    directorate = make_directorate()
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=False):
        directorate.name_en = "Saved while the cache was down"
        directorate.save()
    HEALTH.resync_needed = True  # what serving/cache.py records when Redis fails
    try:
        assert content_generation() != before
        assert str(cache.get(CONTENT_GENERATION_KEY)) == content_generation()
    finally:
        HEALTH.resync_needed = False


def test_the_copy_is_never_lowered(db):
    from serving.generation import _raise_shared_copy

    cache.set(CONTENT_GENERATION_KEY, 50, timeout=None)
    assert _raise_shared_copy(7) == 50
    assert content_generation() == "50"
