"""Fixtures for the editorial workflow: an editor, a publisher, a department with a draft."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from tests.conftest import make_department, make_directorate


@pytest.fixture
def department(db):
    return make_department(make_directorate(), "reception", competences=3)


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Editors")
    user.groups.add(group)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def publisher(db):
    user = User.objects.create_user("publisher", password="pw-publisher-1", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Editors")
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="publish_draft"))
    return User.objects.get(pk=user.pk)


def logged_in_client(user):
    """A test client with ``user`` logged in."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    """A browser session of the editor, logged in."""
    return logged_in_client(editor)


@pytest.fixture
def publisher_client(publisher):
    """A browser session of the publisher, logged in."""
    return logged_in_client(publisher)
