"""Staff users and a helper that submits an admin form the way a browser would."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from tests.conftest import make_department, make_directorate

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The production hasher is slow on purpose; these tests log in many times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        "eleni", "eleni@example.gov.gr", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def other_editor_client(db):
    user = get_user_model().objects.create_user(
        "nikos", "nikos@example.gov.gr", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    other = Client()
    other.force_login(user)
    return other


@pytest.fixture
def publisher(db):
    """A member of the Publishers group: approves and publishes others' drafts."""
    user = get_user_model().objects.create_user(
        "maria", "maria@example.gov.gr", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Publishers"))
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.gov.gr", PASSWORD)


@pytest.fixture
def admin_client(superuser):
    """A browser session of a superuser, logged in."""
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def department(db):
    return make_department(make_directorate(), "reception", competences=3)
