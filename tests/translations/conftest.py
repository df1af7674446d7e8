"""Fixtures for the translators' round trip: staff, a small directorate, the XLIFF helpers."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from departments import translation_units, xliff
from tests.conftest import make_department, make_directorate, make_viber_community


@pytest.fixture
def content(db):
    directorate = make_directorate(slug="social-integration")
    department = make_department(directorate, "reception", competences=2)
    make_viber_community()
    return department


def _staff(name, publisher=False):
    user = User.objects.create_user(name, password=f"pw-{name}-1", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    if publisher:
        user.user_permissions.add(Permission.objects.get(codename="publish_draft"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def editor(db):
    return _staff("editor")


@pytest.fixture
def publisher(db):
    return _staff("publisher", publisher=True)


@pytest.fixture
def second_publisher(db):
    return _staff("second", publisher=True)


@pytest.fixture
def viewer(db):
    user = User.objects.create_user("viewer", password="pw-viewer-1", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_department"))
    return User.objects.get(pk=user.pk)


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def exported(language, **options):
    """The XLIFF export of the current content, as bytes."""
    return xliff.write(translation_units.selected_units(language, **options), language)


def with_targets(document, targets):
    """The document with the targets of the given units set ({unit id: text})."""
    store = xliff.Xliff12File.parsestring(document)
    for unit in store.getunits():
        unit_id = unit.xmlelement.get("id")
        if unit_id in targets:
            unit.target = targets[unit_id]
    return bytes(store)
