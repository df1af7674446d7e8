"""What a translator translates: one unit per translated field of each content object.

A unit is a field of one object (a directorate's mission, a competence's text) in one target
language: the Greek source, the current translation, the English pivot and a context a person
can read. Its id, ``<app_label>.<model_name>.<pk>.<field>`` (``departments.competence.12.text``),
is stable within a database: the XLIFF round trip (departments/xliff.py) relies on it.

Competences are edited in their department's draft (departments/publishing.py), so a
competence's unit belongs to its department when an import groups changes into drafts.
"""

from dataclasses import dataclass

from django.utils import translation

from departments.models import Competence, Department, Directorate, ViberCommunity
from departments.translation_status import translated_fields

SOURCE_LANGUAGE = "el"
PIVOT_LANGUAGE = "en"
# In the order an export lists them: the page's order, top to bottom.
MODELS = (Directorate, Department, Competence, ViberCommunity)
MODELS_BY_NAME = {model._meta.model_name: model for model in MODELS}


@dataclass(frozen=True)
class Unit:
    """One translated field of one object, as an export writes it."""

    id: str
    resname: str  # short, readable, stable across databases (slugs, not ids)
    context: str  # where the text appears, in English, for the translator
    source: str  # the Greek
    target: str  # the current translation ("" if none)
    english: str  # the pivot translation ("" if none)


def unit_id(obj, field):
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}.{obj.pk}.{field}"


@dataclass(frozen=True)
class UnitKey:
    """What a unit id names: a model, a primary key and a translated field."""

    model: type
    pk: int
    field: str


def parse_unit_id(text):
    """The UnitKey a unit id names, or None when it names no translated field of our content."""
    parts = (text or "").split(".")
    if len(parts) != 4 or parts[0] != "departments":
        return None
    model = MODELS_BY_NAME.get(parts[1])
    if model is None or parts[3] not in translated_fields(model) or not parts[2].isdigit():
        return None
    return UnitKey(model, int(parts[2]), parts[3])


def value(obj, field, language):
    """The field's text in ``language`` on ``obj`` ("" for none)."""
    return getattr(obj, f"{field}_{language}", None) or ""


def _label(obj):
    return value(obj, "name", PIVOT_LANGUAGE) or value(obj, "name", SOURCE_LANGUAGE)


def where(obj, field):
    """(resname, context) of one field of ``obj``: where the text appears on the site."""
    model = type(obj)
    with translation.override(PIVOT_LANGUAGE):
        field_label = str(model._meta.get_field(field).verbose_name)
        if isinstance(obj, Directorate):
            return (
                f"directorate/{obj.slug}/{field}",
                f"Directorate “{_label(obj)}”: {field_label}",
            )
        if isinstance(obj, Department):
            return (
                f"department/{obj.slug}/{field}",
                f"Department “{_label(obj)}”: {field_label}",
            )
        if isinstance(obj, Competence):
            department = obj.department
            return (
                f"department/{department.slug}/competence-{obj.order}/{field}",
                f"Department “{_label(department)}”, competence {obj.order}: {field_label}",
            )
        return (f"viber-community/{field}", f"Viber community block: {field_label}")


def objects():
    """Every content object, in page order, with what their context needs (four queries)."""
    yield from Directorate.objects.order_by("order", "id")
    yield from Department.objects.select_related("directorate").order_by(
        "directorate__order", "directorate_id", "order", "id"
    )
    yield from Competence.objects.select_related("department__directorate").order_by(
        "department__directorate__order",
        "department__directorate_id",
        "department__order",
        "department_id",
        "order",
        "id",
    )
    yield from ViberCommunity.objects.order_by("id")


def units(language, keep=None):
    """Every unit for ``language`` whose Greek is not empty, in page order.

    ``keep(obj, field)`` filters them (only the missing translations, only the outdated ones).
    """
    for obj in objects():
        for field in translated_fields(type(obj)):
            source = value(obj, field, SOURCE_LANGUAGE)
            if not source or (keep is not None and not keep(obj, field)):
                continue
            resname, context = where(obj, field)
            yield Unit(
                id=unit_id(obj, field),
                resname=resname,
                context=context,
                source=source,
                target=value(obj, field, language),
                english=value(obj, field, PIVOT_LANGUAGE),
            )


def selected_units(language, missing=False, outdated=False):
    """The units an export writes: all, or only the missing and/or the outdated translations.

    "Outdated" (the Greek changed after the translation was written) is the translation
    status's answer (departments/translation_status.py); with both, a unit that is either.
    """
    if not (missing or outdated):
        return list(units(language))
    status_of = _field_status() if outdated else None

    def keep(obj, field):
        if missing and not value(obj, field, language):
            return True
        return bool(outdated and status_of(obj, field, language) == "outdated")

    return list(units(language, keep))


def _field_status():
    try:
        from departments.translation_status import field_status
    except ImportError as error:  # the translation status is not installed yet
        raise NotImplementedError(
            "--outdated needs departments/translation_status.py (the translation status)"
        ) from error
    return field_status
