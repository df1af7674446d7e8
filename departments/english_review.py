"""English that may have fallen behind the Greek, and English that is missing.

Greek is the source language. When an editor changes a Greek text and leaves its English
counterpart as it was, the English is flagged (``english_review``) until someone updates or
confirms it, so that an outdated English page (a head who left years ago) is never left unnoticed.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from modeltranslation.translator import NotRegistered, translator

GREEK, ENGLISH = "el", "en"


def translated_fields(model):
    """The base names of the model's translated fields (``name``, ``text``, ...), in form order."""
    try:
        names = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return ()
    return tuple(field.name for field in model._meta.fields if field.name in names)


def flag_stale_english(obj):
    """Update ``obj.english_review`` from what changed since it was loaded (before a save).

    A field whose Greek changed while its (non-empty) English did not is flagged; a field whose
    English changed is unflagged, because the editor has just written it.
    """
    loaded = getattr(obj, "_loaded_values", None)
    if not loaded:
        return
    flags = set(obj.english_review or [])
    for name in translated_fields(type(obj)):
        greek, english = f"{name}_{GREEK}", f"{name}_{ENGLISH}"
        if greek not in loaded or english not in loaded:
            continue
        greek_changed = getattr(obj, greek) != loaded[greek]
        english_changed = getattr(obj, english) != loaded[english]
        if english_changed:
            flags.discard(name)
        elif greek_changed and getattr(obj, english):
            flags.add(name)
    obj.english_review = sorted(flags)


def lacking_english_q(model):
    """Objects with a Greek text whose English counterpart is empty."""
    conditions = [
        ~Q(**{f"{name}_{GREEK}": ""})
        & Q(**{f"{name}_{GREEK}__isnull": False})
        & (Q(**{f"{name}_{ENGLISH}": ""}) | Q(**{f"{name}_{ENGLISH}__isnull": True}))
        for name in translated_fields(model)
    ]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def needs_review_q():
    """Objects with at least one English text flagged for review."""
    return ~Q(english_review=[])


def lacking_english(obj):
    """The translated fields of ``obj`` that have Greek but no English."""
    return [
        name
        for name in translated_fields(type(obj))
        if getattr(obj, f"{name}_{GREEK}") and not getattr(obj, f"{name}_{ENGLISH}")
    ]
