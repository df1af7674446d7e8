"""The content version changes on each content save or delete, after commit, in the cache."""

import pytest
from django.core.cache import cache

from departments.models import Competence
from departments.versioning import CONTENT_VERSION_KEY, content_version
from tests.conftest import make_department, make_directorate


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_version_is_stable_without_changes(db):
    assert content_version() == content_version()


def test_save_starts_a_new_version_after_commit(db, django_capture_on_commit_callbacks):
    directorate = make_directorate()
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        directorate.name_en = "Renamed"
        directorate.save()
    assert content_version() != before


def test_delete_starts_a_new_version(db, django_capture_on_commit_callbacks):
    department = make_department(make_directorate(), "alpha")
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        Competence.objects.filter(department=department).first().delete()
    assert content_version() != before


def test_no_new_version_before_commit(db, django_capture_on_commit_callbacks):
    directorate = make_directorate()
    before = content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        directorate.save()
    assert content_version() == before
    assert callbacks


def test_lost_key_gets_a_new_shared_token(db):
    first = content_version()
    cache.delete(CONTENT_VERSION_KEY)
    second = content_version()
    assert second and second != first
    assert cache.get(CONTENT_VERSION_KEY) == second
