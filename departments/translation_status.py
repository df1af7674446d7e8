"""The translation status of every translated field in every language other than Greek.

Greek is the source language. For each translated field (``name``, ``mission``, ...) and each
other language, a field is

- *translated*: the language's text is there and nothing changed in the Greek since;
- *missing*: the Greek is there and the language's text is empty;
- *outdated*: the Greek changed after the language's text was written.

A save that changes a Greek text flags every non-empty translation of that field that the same
save leaves alone (``outdated_translations``, a JSON object ``{"fr": ["mission", "name"]}``);
writing a translation clears its flag, and so does confirming it unchanged
(publishing.confirm_translation). So an outdated page (a head who left years ago) is never
left unnoticed in any language. A field whose Greek and translation are both empty has nothing
to translate: it has no status (None) and counts nowhere.

What staff have *reviewed* is the other half: ``unreviewed_languages`` lists the languages whose
translation of an object the Directorate has not yet reviewed (publishing.mark_reviewed).

The admin's filters and coverage page, the preview and the XLIFF export all read these.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Count, Q, TextField, Value
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import Contains
from modeltranslation.translator import NotRegistered, translator

GREEK, ENGLISH = "el", "en"
TRANSLATED, MISSING, OUTDATED = "translated", "missing", "outdated"
STATUSES = (TRANSLATED, MISSING, OUTDATED)
# The per-object state a list can be filtered on besides the three (the "reviewed" marking).
UNREVIEWED = "unreviewed"


def target_languages():
    """The languages translated from the Greek, in the settings' order (English first)."""
    return tuple(code for code in settings.MODELTRANSLATION_LANGUAGES if code != GREEK)


def translated_fields(model):
    """The base names of the model's translated fields (``name``, ``text``, ...), in form order."""
    try:
        names = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return ()
    return tuple(field.name for field in model._meta.fields if field.name in names)


# --- One object, in memory ----------------------------------------------------------------------


def field_status(obj, field, language, flags=None):
    """``"translated"``, ``"missing"`` or ``"outdated"``: ``field`` of ``obj`` in ``language``.

    None when there is nothing to translate (no Greek text and no translation). Read from the
    object as it is in memory: no query. ``flags`` replaces the stored ``outdated_translations``
    (``pending_outdated(obj)``: as publishing the values in memory would leave them).
    """
    greek = getattr(obj, f"{field}_{GREEK}")
    text = getattr(obj, f"{field}_{language}")
    if not text:
        return MISSING if greek else None
    flags = obj.outdated_translations if flags is None else flags
    return OUTDATED if field in (flags or {}).get(language, ()) else TRANSLATED


def statuses(obj, language, flags=None):
    """``{field: status}`` of every translated field of ``obj`` that has something to translate."""
    found = {
        name: field_status(obj, name, language, flags) for name in translated_fields(type(obj))
    }
    return {name: status for name, status in found.items() if status is not None}


def fields_with(obj, language, status, flags=None):
    """The translated fields of ``obj`` in ``status`` for ``language``, in form order."""
    return [name for name, found in statuses(obj, language, flags).items() if found == status]


def flag_outdated(obj):
    """Update ``obj.outdated_translations`` from what changed since it was loaded (before a save).

    A field whose Greek changed while its (non-empty) translation did not is flagged in that
    language; a field whose translation changed is unflagged, because it has just been written.
    """
    loaded = getattr(obj, "_loaded_values", None)
    if loaded:
        obj.outdated_translations = _flags_after_save(obj, loaded)


def pending_outdated(obj):
    """The flags ``obj`` would have if saved now with its values in memory (a draft applied).

    The object is left as it is: a preview or a change form shows what publishing would flag.
    """
    loaded = getattr(obj, "_loaded_values", None)
    return _flags_after_save(obj, loaded) if loaded else dict(obj.outdated_translations or {})


def _flags_after_save(obj, loaded):
    flags = {code: set(names) for code, names in (obj.outdated_translations or {}).items()}
    for name in translated_fields(type(obj)):
        greek = f"{name}_{GREEK}"
        if greek not in loaded:
            continue
        greek_changed = getattr(obj, greek) != loaded[greek]
        for language in target_languages():
            column = f"{name}_{language}"
            if column not in loaded:
                continue
            if getattr(obj, column) != loaded[column]:
                flags.get(language, set()).discard(name)
            elif greek_changed and getattr(obj, column):
                flags.setdefault(language, set()).add(name)
    return {code: sorted(names) for code, names in sorted(flags.items()) if names}


def without_language(flags, language):
    """The flags with ``language``'s removed (a confirmation)."""
    return {code: names for code, names in (flags or {}).items() if code != language}


# --- Querysets ----------------------------------------------------------------------------------


def _filled(column):
    return ~Q(**{column: ""}) & Q(**{f"{column}__isnull": False})


def _listed(json_value, name):
    """Whether the JSON list ``json_value`` (an expression) holds the identifier ``name``.

    Compared on the list's JSON text (``["mission", "name"]``): SQLite has no JSON containment
    lookup, and the lists hold only field names and language codes, which JSON never escapes.
    """
    # Coalesced: a language with no flags (a missing key) is "not listed", not NULL, so that
    # the negation (``~outdated_q``) holds for it too.
    text = Coalesce(Cast(json_value, TextField()), Value(""), output_field=TextField())
    return Q(Contains(text, f'"{name}"'))


def _flagged(field, language):
    return _listed(KeyTransform(language, "outdated_translations"), field)


def field_q(model, field, language, status):
    """Objects of ``model`` whose ``field`` is in ``status`` for ``language``."""
    greek, text = _filled(f"{field}_{GREEK}"), _filled(f"{field}_{language}")
    if status == MISSING:
        return greek & ~text
    if status == OUTDATED:
        return text & _flagged(field, language)
    if status == TRANSLATED:
        return text & ~_flagged(field, language)
    raise ValueError(f"Unknown translation status: {status!r}")


def missing_q(model, language):
    """Objects of ``model`` with at least one field missing in ``language``."""
    return _any(model, language, MISSING)


def outdated_q(model, language):
    """Objects of ``model`` with at least one field outdated in ``language``."""
    return _any(model, language, OUTDATED)


def complete_q(model, language):
    """Objects of ``model`` with every field translated (nothing missing or outdated)."""
    return ~missing_q(model, language) & ~outdated_q(model, language)


def unreviewed_q(language):
    """Objects whose ``language`` translation the Directorate has not yet reviewed."""
    return _listed("unreviewed_languages", language)


def _any(model, language, status):
    conditions = [field_q(model, name, language, status) for name in translated_fields(model)]
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def status_q(model, language, status):
    """The list filters' choices: ``missing``, ``outdated``, ``translated`` (complete) or
    ``unreviewed``, as a Q."""
    if status == MISSING:
        return missing_q(model, language)
    if status == OUTDATED:
        return outdated_q(model, language)
    if status == TRANSLATED:
        return complete_q(model, language)
    if status == UNREVIEWED:
        return unreviewed_q(language)
    raise ValueError(f"Unknown translation status: {status!r}")


# --- Coverage -----------------------------------------------------------------------------------


def coverage(queryset, languages=None):
    """``{language: {"translated": n, "missing": n, "outdated": n, "unreviewed": n}}``.

    The first three count fields (one object's field in one language counts once), the last
    objects not yet reviewed. One query per model, whatever the number of objects and languages.
    """
    languages = tuple(languages or target_languages())
    model = queryset.model
    counts = {}
    for language in languages:
        for name in translated_fields(model):
            for status in STATUSES:
                counts[f"{status}_{name}_{language}"] = Count(
                    "pk", filter=field_q(model, name, language, status)
                )
        counts[f"{UNREVIEWED}_{language}"] = Count("pk", filter=unreviewed_q(language))
    totals = queryset.order_by().aggregate(**counts)
    return {
        language: {
            **{
                status: sum(
                    totals[f"{status}_{name}_{language}"] for name in translated_fields(model)
                )
                for status in STATUSES
            },
            UNREVIEWED: totals[f"{UNREVIEWED}_{language}"],
        }
        for language in languages
    }
