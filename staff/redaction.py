"""Replacing a text wherever it is stored: in text columns and inside JSON documents.

The purge (staff/purge.py for the history, staff/purge_drafts.py for the drafts) finds a text
in any case and puts ``REDACTED`` in its place, leaving everything around it as it was.
"""

import re

# What replaces the text, in every language.
REDACTED = "[…]"


def pattern_of(text):
    """The text as a case-insensitive pattern (the text is matched literally)."""
    return re.compile(re.escape(text.strip()), re.IGNORECASE)


def redacted_columns(obj, columns, pattern):
    """The columns of ``obj`` holding the text, with it replaced."""
    changes = {}
    for column in columns:
        value = getattr(obj, column)
        if isinstance(value, str) and pattern.search(value):
            changes[column] = pattern.sub(REDACTED, value)
    return changes


def redacted_json(value, pattern):
    """``value`` (decoded JSON) with the text replaced in every string; keys and shape kept.

    Keys are the content's field names, never content, so only values are touched.
    """
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [redacted_json(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: redacted_json(item, pattern) for key, item in value.items()}
    return value
