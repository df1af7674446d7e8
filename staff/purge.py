"""Purging a text from the content's history (personal data published by mistake, say).

Deleting a text from the content takes it off the pages and the feed at once, but every history
record keeps it, and staff see it there (history, revert forms, conflict messages). A superuser
can remove it from every history record of the content models, in every language's column,
and from the admin's log of actions. Only history is changed: a text still on the site must be
edited out of the content first (the purge refuses otherwise, or the next save would record it
again). Each purge is recorded (who, when, how many records), never with the text.
"""

import re

from django.contrib.admin.models import LogEntry
from django.db import models, transaction
from django.utils.translation import gettext as _

from departments.models import Competence, Department, Directorate, ViberCommunity
from serving.generation import bump_content_generation
from staff.models import HistoryPurge

CONTENT_MODELS = (Directorate, Department, Competence, ViberCommunity)
# What replaces the text, in every language.
REDACTED = "[…]"
# Shorter texts would match inside ordinary words all over the history.
MIN_LENGTH = 4
# simple-history's own bookkeeping columns, which never hold content.
BOOKKEEPING = {"history_type"}


def _pattern(text):
    return re.compile(re.escape(text), re.IGNORECASE)


def _text_columns(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField)) and field.name not in BOOKKEEPING
    ]


def _redacted(obj, columns, pattern):
    """The columns of ``obj`` holding the text, with it replaced."""
    changes = {}
    for column in columns:
        value = getattr(obj, column)
        if isinstance(value, str) and pattern.search(value):
            changes[column] = pattern.sub(REDACTED, value)
    return changes


def check_text(text):
    """Reasons the text cannot be purged (empty list when it can)."""
    text = (text or "").strip()
    if len(text) < MIN_LENGTH:
        return [
            _("Enter at least %(count)d characters: a shorter text is found in ordinary words.")
            % {"count": MIN_LENGTH}
        ]
    pattern = _pattern(text)
    problems = []
    for model in CONTENT_MODELS:
        columns = _text_columns(model)
        for obj in model._base_manager.only("pk", *columns):
            if _redacted(obj, columns, pattern):
                problems.append(
                    _(
                        "The text is still published in %(kind)s “%(object)s”: "
                        "remove it there first, then purge the history."
                    )
                    % {"kind": model._meta.verbose_name, "object": obj}
                )
    return problems


def history_records_with(text):
    """How many history records (and admin log entries) hold the text."""
    pattern = _pattern(text.strip())
    return sum(1 for _model, _pk, _changes in _matches(pattern))


def _matches(pattern):
    for model in CONTENT_MODELS:
        history = model.history.model
        columns = _text_columns(history)
        for record in history._base_manager.only("pk", *columns).iterator():
            changes = _redacted(record, columns, pattern)
            if changes:
                yield history, record.pk, changes
    columns = ["object_repr", "change_message"]
    entries = LogEntry.objects.filter(content_type__app_label="departments").only("pk", *columns)
    for entry in entries.iterator():
        changes = _redacted(entry, columns, pattern)
        if changes:
            yield LogEntry, entry.pk, changes


def purge_history_text(text, user, record=None):
    """Replace ``text`` (any case) in every history record; return the saved HistoryPurge.

    Raises ValueError when ``check_text`` finds a reason not to. The content generation moves on
    after commit, so the cached feed, pages and API answers are built again.
    """
    problems = check_text(text)
    if problems:
        raise ValueError(" ".join(problems))
    pattern = _pattern(text.strip())
    with transaction.atomic():
        changed = 0
        for model, pk, changes in list(_matches(pattern)):
            # A queryset update: no signals, no new history record of the purge itself.
            model._base_manager.filter(pk=pk).update(**changes)
            changed += 1
        record = record or HistoryPurge()
        record.purged_by = user
        record.records = changed
        record.save()
        bump_content_generation()
    return record
