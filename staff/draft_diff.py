"""What a draft (or an old version) changes, as rows for the diff table, words marked.

The changes come from departments.snapshots.diff; this module only shapes them for the page:
the language's name, and the old and new texts with the words that differ wrapped in
``<del>`` and ``<ins>`` so that a one-word fix in a long paragraph is found at a glance.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from departments import snapshots
from departments.models import Competence, Department

# Words and the spaces between them, kept apart so that the marks fall on whole words.
_TOKENS = re.compile(r"\s+|[^\s]+")

KIND_LABELS = {
    "changed": _("changed"),
    "added": _("added"),
    "removed": _("removed"),
    "moved": _("moved"),
}


@dataclass(frozen=True)
class DiffRow:
    label: str
    language: str  # the language's name, "" for a field with no language
    language_code: str
    kind: str
    old: str  # safe HTML
    new: str  # safe HTML


def _marked(tokens, tag):
    # The tokens are escaped already.
    return format_html("<{}>{}</{}>", tag, mark_safe("".join(tokens)), tag)  # noqa: S308


def word_diff(old, new):
    """``old`` and ``new`` as safe HTML, the words only one of them has in <del> / <ins>."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, i1, i2, j1, j2 in _merged(matcher.get_opcodes(), before):
        removed = [conditional_escape(t) for t in before[i1:i2]]
        added = [conditional_escape(t) for t in after[j1:j2]]
        if operation == "equal":
            old_parts.extend(removed)
            new_parts.extend(added)
            continue
        if removed:
            old_parts.append(_marked(removed, "del"))
        if added:
            new_parts.append(_marked(added, "ins"))
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))  # noqa: S308


def _merged(opcodes, before):
    """The opcodes, a lone space kept between two changed stretches counted as changed too.

    Otherwise "Old name" → "New title" reads as two separate changes around a kept space.
    """
    result = []
    for index, (operation, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < index < len(opcodes) - 1 and not "".join(before[i1:i2]).strip()
        if operation == "equal" and between_changes:
            operation = "replace"
        if result and operation != "equal" and result[-1][0] != "equal":
            _previous, p1, _p2, q1, _q2 = result.pop()
            result.append(("replace", p1, i2, q1, j2))
        else:
            result.append((operation, i1, i2, j1, j2))
    return result


def rows(changes):
    """The diff table's rows for ``changes`` (departments.snapshots.Change), in their order."""
    result = []
    for change in changes:
        old, new = word_diff(change.old, change.new)
        language = snapshots.LANGUAGE_NAMES.get(change.language, "")
        result.append(
            DiffRow(
                label=change.label,
                language=str(language),
                language_code=change.language,
                kind=str(KIND_LABELS.get(change.kind, change.kind)),
                old=old,
                new=new,
            )
        )
    return result


def language_names(changes):
    """The languages the changes touch, by name: "Greek, English"."""
    return ", ".join(
        str(snapshots.LANGUAGE_NAMES[code]) for code in snapshots.languages_touched(changes)
    )


# --- A history entry as a snapshot ----------------------------------------------------------


def historical_snapshot(model, record):
    """The snapshot of ``record`` (a simple-history entry of a ``model`` object).

    A department's entry gets the competences as they were at the entry's time (their own
    history), so that comparing it with today does not report every competence as removed.
    """
    data = {
        "version": getattr(record, "version", None),
        "fields": {name: getattr(record, name) for name in snapshots.content_fields(model)},
    }
    if model is Department:
        data["competences"] = _competences_as_of(record.id, record.history_date)
    return data


def _competences_as_of(department_id, when):
    latest = {}
    entries = Competence.history.filter(
        department_id=department_id, history_date__lte=when
    ).order_by("history_date", "history_id")
    for entry in entries:
        latest[entry.id] = entry
    alive = [entry for entry in latest.values() if entry.history_type != "-"]
    alive.sort(key=lambda entry: (entry.order, entry.id))
    return [
        {
            "id": entry.id,
            "version": entry.version,
            **{name: getattr(entry, name) for name in snapshots.COMPETENCE_FIELDS},
        }
        for entry in alive
    ]
