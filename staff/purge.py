"""Purging a text from the content's history (personal data published by mistake, say).

Deleting a text from the content takes it off the pages and the feed at once, but every history
record keeps it, and staff see it there (history, revert forms, conflict messages, drafts).
A superuser can remove it from every history record of the content models, in every language's
column, from the admin's log of actions, and from the drafts and their events
(staff/purge_drafts.py). Only history is changed: a text still on the site must be edited out
of the content first, and one that an open draft would publish out of the draft (the purge
refuses otherwise, or the next save or publication would record it again). Each purge is
recorded (who, when, how many records), never with the text.
"""

from dataclasses import dataclass
from html import unescape

from django.contrib.admin.models import LogEntry
from django.db import models, transaction
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _

from departments.models import Competence, Department, Directorate, ViberCommunity
from serving.generation import bump_content_generation
from staff import purge_drafts
from staff.models import HistoryPurge
from staff.redaction import pattern_of, redacted_columns

CONTENT_MODELS = (Directorate, Department, Competence, ViberCommunity)
# Shorter texts would match inside ordinary words all over the history.
MIN_LENGTH = 4
# simple-history's own bookkeeping columns, which never hold content.
BOOKKEEPING = {"history_type"}


def _text_columns(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField)) and field.name not in BOOKKEEPING
    ]


@dataclass(frozen=True)
class Counts:
    """How many records hold a text."""

    history: int  # history records of the content and admin log entries
    drafts: int  # drafts and draft events


def check_text(text):
    """Reasons the text cannot be purged (empty list when it can).

    A reason about a draft is HTML with links to where it is dealt with (``plain_text`` for a
    terminal).
    """
    text = (text or "").strip()
    if len(text) < MIN_LENGTH:
        return [
            _("Enter at least %(count)d characters: a shorter text is found in ordinary words.")
            % {"count": MIN_LENGTH}
        ]
    pattern = pattern_of(text)
    problems = []
    for model in CONTENT_MODELS:
        columns = _text_columns(model)
        for obj in model._base_manager.only("pk", *columns):
            if redacted_columns(obj, columns, pattern):
                problems.append(
                    _(
                        "The text is still published in %(kind)s “%(object)s”: "
                        "remove it there first, then purge the history."
                    )
                    % {"kind": model._meta.verbose_name, "object": obj}
                )
    problems.extend(
        purge_drafts.refusal(draft) for draft in purge_drafts.open_drafts_holding(pattern)
    )
    return problems


def plain_text(problems):
    """``check_text``'s reasons as one line of plain text."""
    return " ".join(
        unescape(strip_tags(problem)) if isinstance(problem, SafeData) else str(problem)
        for problem in problems
    )


def records_with(text):
    """How many records the purge of ``text`` would change, as ``Counts``."""
    pattern = pattern_of(text)
    return Counts(
        history=sum(1 for _match in _history_matches(pattern)),
        drafts=sum(1 for _match in purge_drafts.matches(pattern)),
    )


def _history_matches(pattern):
    for model in CONTENT_MODELS:
        history = model.history.model
        columns = _text_columns(history)
        for record in history._base_manager.only("pk", *columns).iterator():
            changes = redacted_columns(record, columns, pattern)
            if changes:
                yield history, record.pk, changes
    columns = ["object_repr", "change_message"]
    entries = LogEntry.objects.filter(content_type__app_label="departments").only("pk", *columns)
    for entry in entries.iterator():
        changes = redacted_columns(entry, columns, pattern)
        if changes:
            yield LogEntry, entry.pk, changes


def _replace(matches):
    """Write each match's changes; return how many records changed."""
    changed = 0
    for model, pk, changes in list(matches):
        # A queryset update: no signals, no new history record of the purge itself.
        model._base_manager.filter(pk=pk).update(**changes)
        changed += 1
    return changed


def purge_history_text(text, user, record=None):
    """Replace ``text`` (any case) in every history record and draft; return the HistoryPurge.

    Raises ValueError when ``check_text`` finds a reason not to. The content generation moves on
    after commit, so the cached feed, pages and API answers are built again.
    """
    problems = check_text(text)
    if problems:
        raise ValueError(plain_text(problems))
    pattern = pattern_of(text)
    with transaction.atomic():
        record = record or HistoryPurge()
        record.purged_by = user
        record.records = _replace(_history_matches(pattern))
        record.draft_records = _replace(purge_drafts.matches(pattern))
        record.save()
        bump_content_generation()
    return record
