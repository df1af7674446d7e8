"""Shared fixtures: small hand-made content, the real seed, and test-friendly settings."""

import pytest

from departments.models import Competence, Department, Directorate, Gender, ViberCommunity
from departments.seeding import load_seed


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seeded(db):
    """The real seed content, as a new installation gets it."""
    load_seed()
    return Directorate.objects.get(slug="social-integration")


def make_directorate(slug="test-directorate", **fields):
    values = {
        "name_el": "Διεύθυνση Δοκιμών",
        "name_en": "Directorate of Testing",
        "mission_el": "Αποστολή της Διεύθυνσης Δοκιμών.",
        "mission_en": "Mission of the Directorate of Testing.",
        "head_name_el": "Μαρία Παπαδοπούλου",
        "head_name_en": "Maria Papadopoulou",
        "head_gender": Gender.FEMALE,
    }
    values.update(fields)
    return Directorate.objects.create(slug=slug, **values)


def make_department(directorate, slug, order=1, competences=2, **fields):
    values = {
        "name_el": f"Τμήμα {slug}",
        "name_en": f"Department {slug}",
        "head_name_el": "Γιώργος Νικολάου",
        "head_name_en": "Giorgos Nikolaou",
        "head_gender": Gender.MALE,
        "email": f"{slug}@example.gov.gr",
    }
    values.update(fields)
    department = Department.objects.create(
        directorate=directorate, slug=slug, order=order, **values
    )
    for number in range(1, competences + 1):
        Competence.objects.create(
            department=department,
            order=number,
            text_el=f"Αρμοδιότητα {number} του {slug}",
            text_en=f"Competence {number} of {slug}",
        )
    return department


def make_viber_community():
    return ViberCommunity.objects.create(
        title_el="Κοινότητα Viber",
        title_en="Viber community",
        text_el="Κείμενο.",
        text_en="Text.",
        link="https://example.org/viber",
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: tests' saves never commit, so the content generation
    would not change between tests and one test's cached page would leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _no_stray_database_sessions(django_db_setup, django_db_blocker):
    """Close the test database's other sessions before it is dropped (PostgreSQL).

    A connection that a finished thread left open (a live server's, a two-node test's) would
    otherwise make the drop fail with "being accessed by other users" and leave the database
    behind. This fixture depends on ``django_db_setup``, so it is torn down before the drop.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _generation_checked_now(monkeypatch):
    """Each process reads the database's content generation once a second (serving/generation.py).
    In the tests that clock stands still, the check counted as just made, so query counts never
    depend on how long a test took; tests of the check put a clock of their own in its place."""
    from serving.generation import DATABASE_CHECK

    monkeypatch.setattr(DATABASE_CHECK, "clock", lambda: 0.0)
    DATABASE_CHECK.done_now()
