"""A file that cannot be imported whole gets a clear error and changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from departments.drafts import Draft, DraftEvent
from departments.models import Department
from departments.translation_import import import_translations
from departments.translation_units import unit_id
from departments.xliff import XliffError
from tests.translations.conftest import exported, with_targets

pytestmark = pytest.mark.django_db


def _state():
    """What an import could change: drafts, their events, the published rows' versions."""
    return (
        Draft.objects.count(),
        DraftEvent.objects.count(),
        list(Department.objects.values_list("pk", "version", "name_ar")),
    )


def _import_refused(document, user, match):
    before = _state()
    with pytest.raises(XliffError, match=match):
        import_translations(document, user)
    assert _state() == before


def test_malformed_xml_is_refused(content, editor):
    document = with_targets(exported("ar"), {unit_id(content, "name"): "قسم"})
    _import_refused(document[:-40], editor, "not well-formed XML")


def test_a_file_that_is_not_xliff_is_refused(content, editor):
    _import_refused(b"<html><body>Not a translation</body></html>", editor, "not an XLIFF 1.2")


def test_xliff_2_is_refused(content, editor):
    document = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>'
    _import_refused(document, editor, "not an XLIFF 1.2")


def test_an_empty_file_is_refused(content, editor):
    _import_refused(b"  ", editor, "empty")


def test_a_language_the_site_does_not_translate_into_is_refused(content, editor):
    document = exported("ar").replace(b'target-language="ar"', b'target-language="de"')
    _import_refused(document, editor, "target language de")


def test_greek_as_the_target_is_refused(content, editor):
    document = exported("ar").replace(b'target-language="ar"', b'target-language="el"')
    _import_refused(document, editor, "target language el")


def test_another_source_language_is_refused(content, editor):
    document = exported("ar").replace(b'source-language="el"', b'source-language="en"')
    _import_refused(document, editor, "source language must be Greek")


def test_an_unknown_id_refuses_the_whole_file(content, editor):
    document = with_targets(exported("ar"), {unit_id(content, "name"): "قسم"})
    document = document.replace(
        f'id="{unit_id(content, "head_name")}"'.encode(), b'id="departments.department.999.name"'
    )
    _import_refused(document, editor, r"Unknown unit ids.*department\.999")


def test_an_id_of_a_field_that_is_not_translated_is_unknown(content, editor):
    document = exported("ar").replace(
        f'id="{unit_id(content, "name")}"'.encode(),
        f'id="departments.department.{content.pk}.email"'.encode(),
    )
    _import_refused(document, editor, "Unknown unit ids")


def test_a_file_declaring_entities_is_refused_unexpanded(content, editor):
    document = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
        b'<file original="x" source-language="el" target-language="ar" datatype="plaintext">'
        b'<body><trans-unit id="departments.department.%d.name"><source>a</source>'
        b"<target>&e;</target></trans-unit></body></file></xliff>" % content.pk
    )
    _import_refused(document, editor, "declares a document type")


def test_the_command_exits_with_the_error_and_writes_nothing(content, editor, tmp_path):
    path = tmp_path / "broken.xlf"
    path.write_bytes(b"<xliff")
    before = _state()
    with pytest.raises(CommandError, match=r"not well-formed XML.*Nothing was imported"):
        call_command("import_translations", str(path), user="editor")
    assert _state() == before


def test_the_command_names_an_unknown_user(content, tmp_path):
    path = tmp_path / "ar.xlf"
    path.write_bytes(exported("ar"))
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("import_translations", str(path), user="nobody")
