"""Whatever staff did with drafts before, a purge is either refused, changing nothing, because
the text is still published or an open draft would publish it, or it leaves the text nowhere in
the database while every open draft still holds what it would publish (a Hypothesis state
machine over the workflow's steps)."""

import itertools
import json
from contextlib import suppress

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent, DraftStatus
from departments.models import Competence, Department
from staff.purge import purge_history_text
from tests.conftest import make_department, make_directorate

SECRET = "Κρυφή Οδός 13"
FIELDS = ("name_el", "head_name_en", "competence")


def _holds(value, text):
    return text.lower() in json.dumps(value, ensure_ascii=False, default=str).lower()


def _stored(department):
    """Every row about ``department`` that a purge may change: its drafts, their events and
    its history (each example has its own department, so the rows stay few)."""
    drafts = Draft.objects.for_object(department)
    return [
        list(rows.order_by("pk").values())
        for rows in (
            drafts,
            DraftEvent.objects.filter(draft__in=drafts),
            Department.history.filter(id=department.pk),
            Competence.history.filter(department_id=department.pk),
        )
    ]


def _machine(editor, publisher, superuser):
    directorate = make_directorate(slug="purge-invariants")
    examples = itertools.count()

    class DraftsThenPurge(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            number = next(examples)
            # Each example has its own text, so what earlier examples left never counts.
            self.secret = f"{SECRET}-{number:03d}"
            self.department = make_department(directorate, f"d{number}", order=number)

        def _open(self):
            return publishing.open_draft(self.department)

        def _text(self, secret, upper):
            text = self.secret.upper() if upper else self.secret
            return f"Τιμή ({text})" if secret else "Τιμή"

        @rule(field=st.sampled_from(FIELDS), secret=st.booleans(), upper=st.booleans())
        def save(self, field, secret, upper):
            draft = self._open()
            data = draft.data if draft else snapshots.snapshot(self.department)
            if field == "competence":
                data["competences"][0]["text_el"] = self._text(secret, upper)
            else:
                data["fields"][field] = self._text(secret, upper)
            seen = draft.version if draft else None  # the form continues the open draft
            publishing.save_draft(self.department, data, editor, seen_version=seen)

        @rule()
        def submit(self):
            draft = self._open()
            if publishing.approval_required() and draft and draft.status == DraftStatus.DRAFT:
                publishing.submit(draft, editor)

        @rule(secret=st.booleans())
        def send_back(self, secret):
            draft = self._open()
            if publishing.approval_required() and draft and draft.status == DraftStatus.SUBMITTED:
                publishing.send_back(draft, publisher, f"Please check: {self._text(secret, False)}")

        @rule()
        def publish(self):
            draft = self._open()
            # A conflict (published meanwhile) is refused as a whole: nothing is written.
            if draft:
                with suppress(publishing.WorkflowError):
                    publishing.publish(draft, publisher)

        @rule()
        def discard(self):
            draft = self._open()
            if draft:
                publishing.discard(draft, editor)

        @rule(secret=st.booleans())
        def change_published_directly(self, secret):
            # As a restore or a delete-and-restore does: a history record, no draft.
            self.department.refresh_from_db()
            self.department.head_name_en = self._text(secret, False)
            self.department.save()

        # After every step, so that every state the steps reach is purged once.
        @invariant()
        def purge(self):
            self.department.refresh_from_db()
            published = _holds(snapshots.snapshot(self.department), self.secret)
            draft = self._open()
            open_before = None if draft is None else (draft.pk, draft.data)
            in_open_draft = draft is not None and _holds(draft.data, self.secret)
            before = _stored(self.department)

            try:
                purge_history_text(self.secret, superuser)
            except ValueError:
                refused = True
            else:
                refused = False

            assert refused == (published or in_open_draft)
            after = _stored(self.department)
            if refused:
                assert after == before
            else:
                assert not _holds(after, self.secret)
                draft = self._open()
                assert (None if draft is None else (draft.pk, draft.data)) == open_before

    return DraftsThenPurge


@pytest.mark.parametrize("approval", [False, True], ids=["publish-directly", "with-approval"])
def test_a_purge_is_refused_unchanged_or_leaves_the_text_nowhere(
    approval, settings, editor, publisher, superuser
):
    settings.EDITORIAL_APPROVAL_REQUIRED = approval
    run_state_machine_as_test(
        _machine(editor, publisher, superuser),
        settings=hypothesis_settings(
            max_examples=20,
            stateful_step_count=10,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
