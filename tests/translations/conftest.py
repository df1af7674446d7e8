"""Fixtures for the translators' round trip: staff, a small directorate, the XLIFF helpers."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import translation

from departments import translation_units, xliff
from tests.conftest import make_department, make_directorate, make_viber_community
from tests.editorial.conftest import editor, publisher  # noqa: F401 (fixtures)
from tests.editorial.conftest import logged_in_client as client_of  # noqa: F401


@pytest.fixture(autouse=True)
def _english():
    """Messages and reports in English, the msgids the tests read (staff see them in Greek)."""
    with translation.override("en"):
        yield


@pytest.fixture
def content(db):
    directorate = make_directorate(slug="social-integration")
    department = make_department(directorate, "reception", competences=2)
    make_viber_community()
    return department


@pytest.fixture
def second_publisher(db):
    """Another publisher: approves what the first one imported."""
    user = User.objects.create_user("second", password="pw-second-1", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    user.user_permissions.add(Permission.objects.get(codename="publish_draft"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def viewer(db):
    user = User.objects.create_user("viewer", password="pw-viewer-1", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_department"))
    return User.objects.get(pk=user.pk)


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
