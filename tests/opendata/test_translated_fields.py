"""The change feed reads which public fields are translated from modeltranslation's registry."""

import pytest
from django.conf import settings
from modeltranslation.translator import translator

from departments.models import Department
from opendata.changes import PUBLIC_FIELDS, public_columns
from tests.conftest import make_directorate
from tests.opendata.test_changes_feed import entries_of, texts


@pytest.mark.parametrize("model", list(PUBLIC_FIELDS), ids=lambda model: model.__name__)
def test_the_translated_public_fields_are_the_registered_ones(model):
    registered = translator.get_options_for_model(model).all_fields
    columns = public_columns(model)
    assert list(columns) == list(PUBLIC_FIELDS[model])
    for field, names in columns.items():
        if field in registered:
            assert names == [f"{field}_{code}" for code, _name in settings.LANGUAGES]
        else:
            assert names == [field]


def test_a_field_registered_for_translation_is_compared_in_every_language(monkeypatch):
    options = translator.get_options_for_model(Department)
    monkeypatch.setattr(options, "all_fields", {*options.all_fields, "email"})
    assert public_columns(Department)["email"] == [
        f"email_{code}" for code, _name in settings.LANGUAGES
    ]


def test_an_english_only_edit_of_a_translated_field_is_in_the_feed(client, db):
    directorate = make_directorate(legal_basis_el="Ν. 1/2020", legal_basis_en="Law 1/2020")
    directorate.legal_basis_en = "Law 1/2020, article 2"
    directorate.save()
    _, entries = entries_of(client, "en")
    assert texts(entries[0]) == (
        "Changed – Directorate: Directorate of Testing",
        "Changed: legal basis.",
    )
