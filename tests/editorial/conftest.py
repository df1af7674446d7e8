"""Fixtures for the editorial workflow: an editor, a publisher, a department with a draft."""

import pytest
from django.contrib.auth.models import Group, Permission, User

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
