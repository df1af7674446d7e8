"""The editable state of a content object as plain data, and what two states differ in.

A snapshot is what a draft stores (departments/drafts.py) and what publishing writes back:

    {"version": 7,
     "fields": {"name_el": "...", "name_en": "...", "email": "...", "directorate_id": 1, ...},
     "competences": [{"id": 12, "version": 3, "order": 1, "text_el": "...", "text_en": "..."},
                     {"id": null, "version": null, "order": 2, ...}]}   # departments only

Every language has its own column (``name_el``, ``name_en``, ``name_ar``, ...), so a snapshot
holds every language, a competence's text too (a draft saved before a language was added lacks
its key: ``competence_values`` keeps the published text). Competences are listed in display
order; ``id`` null is a competence the draft adds, and a published competence missing from the
list is one the draft removes.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings

from departments.english_review import ENGLISH, GREEK, translated_fields
from departments.models import Competence, Department


@cache
def content_fields(model):
    """The attribute names a snapshot keeps for ``model``: every editable column, per language."""
    translated = set(translated_fields(model))
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in translated
    )


# Every language's text: a draft that carries only some would drop the others when published.
COMPETENCE_FIELDS = ("order", *(f"text_{code}" for code in settings.MODELTRANSLATION_LANGUAGES))


def _values(obj, names):
    return {name: getattr(obj, name) for name in names}


def _competence(competence):
    return {
        "id": competence.pk,
        "version": competence.version if competence.pk else None,
        **competence_data(competence),
    }


def competence_data(competence):
    """The editable values of a competence (its order and text in each language)."""
    return _values(competence, COMPETENCE_FIELDS)


def competence_values(item, competence=None):
    """A snapshot item's value for each of ``COMPETENCE_FIELDS``.

    A language the item lacks (a draft saved before the language was added) keeps the
    competence's published text (None for a competence the draft adds): never erased.
    """
    return {
        name: item[name] if name in item else getattr(competence, name, None)
        for name in COMPETENCE_FIELDS
    }


def snapshot(obj, competences=None):
    """The snapshot of ``obj`` as it is in memory (published, or with a form's values applied).

    ``competences`` (a department's, in display order) default to the published ones.
    """
    data = {"version": obj.version, "fields": _values(obj, content_fields(type(obj)))}
    if isinstance(obj, Department):
        if competences is None:
            competences = Competence.objects.filter(department=obj).order_by("order", "id")
        data["competences"] = [_competence(competence) for competence in competences]
    return data


def published_snapshot(draft_or_model, object_id=None):
    """The snapshot of what is published now for a draft's object (None if it was deleted)."""
    if object_id is None:
        obj = draft_or_model.published_object()
    else:
        obj = draft_or_model._base_manager.filter(pk=object_id).first()
    return None if obj is None else snapshot(obj)


def versions(data):
    """What identifies a published state: the object's and each competence's version."""
    if data is None:
        return None
    return (
        data["version"],
        tuple((c["id"], c["version"]) for c in data.get("competences", ())),
    )


# --- Building objects from a snapshot -------------------------------------------------------


def apply_fields(obj, data):
    """Set the snapshot's field values on ``obj`` (in memory)."""
    for name, value in data["fields"].items():
        setattr(obj, name, value)
    return obj


def competences_of(department, data):
    """The snapshot's competences as unsaved Competence objects, in order (for a preview)."""
    published = {c.pk: c for c in Competence.objects.filter(department=department)}
    result = []
    for item in data.get("competences", ()):
        competence = published.get(item["id"]) or Competence(department=department)
        for name, value in competence_values(item, published.get(item["id"])).items():
            setattr(competence, name, value)
        competence.department = department
        result.append(competence)
    return result


# --- What differs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field in one language (or one competence) that differs between two snapshots."""

    label: str
    language: str  # "el", "en" or "" for a field with no language
    old: str
    new: str
    field: str  # the attribute name, or "competence:<position>"
    kind: str = "changed"  # "changed", "added", "removed", "moved"


# Every content language, Greek first: a draft may change any of them (an imported translation).
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


def _label_and_language(model, attname):
    for language in LANGUAGES:
        suffix = f"_{language}"
        if attname.endswith(suffix):
            base = attname.removesuffix(suffix)
            if base in translated_fields(model):
                return model._meta.get_field(base).verbose_name, language
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    return field.verbose_name, ""


def _text(value):
    return "" if value is None else str(value)


def diff(model, old, new):
    """The changes from snapshot ``old`` to snapshot ``new`` of a ``model`` object, in form order.

    Either may be None (nothing on that side). Competences are matched by id: a changed text is
    reported per language, an added or removed competence once with both languages.
    """
    old_fields = (old or {}).get("fields", {})
    new_fields = (new or {}).get("fields", {})
    changes = []
    for name in content_fields(model):
        before, after = old_fields.get(name), new_fields.get(name)
        if _text(before) != _text(after):
            label, language = _label_and_language(model, name)
            changes.append(Change(str(label), language, _text(before), _text(after), name))
    if model is Department:
        changes.extend(_competence_changes(old or {}, new or {}))
    return changes


def _competence_changes(old, new):
    label = str(Competence._meta.verbose_name).capitalize()
    before = {c["id"]: (position, c) for position, c in enumerate(old.get("competences", ()), 1)}
    after_ids = set()
    changes = []
    for position, item in enumerate(new.get("competences", ()), 1):
        numbered = f"{label} {position}"
        field = f"competence:{position}"
        if item["id"] is not None:
            after_ids.add(item["id"])
        if item["id"] is None or item["id"] not in before:
            for language in LANGUAGES:
                text = _text(item.get(f"text_{language}"))
                if text or language in (GREEK, ENGLISH):
                    changes.append(Change(numbered, language, "", text, field, "added"))
            continue
        old_position, previous = before[item["id"]]
        for language in LANGUAGES:
            name = f"text_{language}"
            if name not in item or name not in previous:
                continue  # a draft saved before the language existed leaves its text alone
            was, now = _text(previous[name]), _text(item[name])
            if was != now:
                changes.append(Change(numbered, language, was, now, field))
        if old_position != position:
            changes.append(Change(numbered, "", str(old_position), str(position), field, "moved"))
    for item_id, (position, previous) in before.items():
        if item_id not in after_ids:
            numbered = f"{label} {position}"
            for language in LANGUAGES:
                text = _text(previous.get(f"text_{language}"))
                if not text and language not in (GREEK, ENGLISH):
                    continue
                changes.append(
                    Change(numbered, language, text, "", f"removed:{item_id}", "removed")
                )
    return changes


LANGUAGE_NAMES = dict(settings.LANGUAGES)


def languages_touched(changes):
    """The languages the changes touch, in the site's order (a field with no language counts as
    Greek and English)."""
    touched = set()
    for change in changes:
        touched.update([change.language] if change.language else [GREEK, ENGLISH])
    return [language for language in LANGUAGES if language in touched]
