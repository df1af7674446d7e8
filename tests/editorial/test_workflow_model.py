"""The editorial workflow keeps its promises whatever staff do (issue 20), tested on a model.

A Hypothesis state machine takes random sequences of every step (save a draft, edit it, maybe
on a version someone else has saved since, submit, approve, send back, schedule, unschedule,
rebase, discard, publish, restore an old version, purge a text, confirm a translation or mark
it reviewed, run the
scheduler with its clock moved on) by random users (two Editors, two Publishers, a view-only
user, a superuser) on the same two departments, with approval switched on and off, through the
entry points the admin uses: the core (departments/publishing.py), the review page's dispatcher
(staff/draft_actions.perform) and the purge (staff/purge.py). The model (workflow_spec.py)
predicts whether each step is done or refused; a refusal is an expected outcome, a disagreement
is a failure. After every step the database is checked against the model (workflow_checks.py).

CI runs a fixed, derandomised set of examples; ``WORKFLOW_MODEL_EXAMPLES=500`` runs more, each
time different (docs/testing.md).
"""

import copy
import os
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from departments import publishing
from departments.drafts import Draft
from departments.models import Department
from staff import draft_actions, purge
from staff.draft_status import ATHENS
from staff.groups import EDITORS, PUBLISHERS, ensure_content_groups
from tests.conftest import make_department, make_directorate
from tests.editorial import workflow_checks as checks
from tests.editorial import workflow_spec as spec

EXAMPLES = int(os.environ.get("WORKFLOW_MODEL_EXAMPLES") or 0)
SETTINGS = settings(
    max_examples=EXAMPLES or 25,
    stateful_step_count=25,
    deadline=None,
    # CI: the same examples every run, on SQLite and PostgreSQL; a larger run explores anew.
    derandomize=not EXAMPLES,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ROLES = {
    "editor1": spec.EDITOR,
    "editor2": spec.EDITOR,
    "publisher1": spec.PUBLISHER,
    "publisher2": spec.PUBLISHER,
    "viewer": spec.VIEWER,
    "superuser": spec.PUBLISHER,
}
USERS = st.sampled_from(sorted(ROLES))
DEPARTMENTS = st.sampled_from([0, 1])
# Where an edit writes its new text: a department's name or a competence's text, per language.
TARGETS = st.sampled_from(
    ["name_el", "name_en", "0:text_el", "0:text_en", "1:text_el", "1:text_en"]
)
# The draft version a form was rendered from: the current one, an older one, or none at all.
SEEN = st.sampled_from(["current", "current", "stale", "none"])
COMMENT = "Please check the English."
# The change form's buttons and what each does in the core.
SAVE_DRAFT, SUBMIT, SAVE_AND_PUBLISH = "save draft", "submit for approval", "save and publish"
BUTTONS = st.sampled_from([SAVE_DRAFT, SUBMIT, SAVE_AND_PUBLISH])


@transaction.atomic
def _save_and_submit(obj, data, user, seen_version):
    draft = publishing.save_draft(obj, data, user, seen_version=seen_version)
    return publishing.submit(draft, user, version=draft.version)


CHANGE_FORM = {
    SAVE_DRAFT: publishing.save_draft,
    SUBMIT: _save_and_submit,
    SAVE_AND_PUBLISH: publishing.save_and_publish,
}
REFUSALS = (publishing.WorkflowError, PermissionDenied, draft_actions.ActionError)


def _cast():
    """The staff and the two departments every example starts from."""
    ensure_content_groups()
    users = {}
    for name, role in ROLES.items():
        user = User.objects.create_user(
            name, is_staff=True, is_superuser=name == "superuser", first_name=name.title()
        )
        if role == spec.EDITOR:
            user.groups.add(Group.objects.get(name=EDITORS))
        elif role == spec.PUBLISHER and name != "superuser":
            user.groups.add(Group.objects.get(name=PUBLISHERS))
        elif role == spec.VIEWER:
            user.user_permissions.set(
                Permission.objects.filter(
                    content_type__app_label="departments", codename__startswith="view_"
                )
            )
        users[name] = User.objects.get(pk=user.pk)
    directorate = make_directorate()
    departments = [
        make_department(directorate, slug, order=number, competences=2).pk
        for number, slug in enumerate(["reception", "inclusion"], 1)
    ]
    return users, departments


class WorkflowMachine(RuleBasedStateMachine):
    """Staff at work on two departments; the model of what the site must show."""

    def __init__(self, users, departments, approval, outcomes):
        super().__init__()
        self.outcomes = outcomes  # every step's outcome over the whole run, by label

        # One transaction per example, rolled back at its end (Hypothesis' own Django TestCase
        # wraps @given examples, not a state machine's runs).
        self._transaction = transaction.atomic()
        self._transaction.__enter__()
        self._approval_setting = None
        self._set_approval(approval)
        self.users = users
        self.by_pk = {user.pk: user for user in users.values()}
        self.publishers = {u.pk for name, u in users.items() if ROLES[name] == spec.PUBLISHER}
        self.departments = departments
        self.public = [checks.public_content(pk) for pk in departments]
        self.latest = [None, None]  # each department's latest draft (open or not)
        self.publications = []
        self.checked = 0  # publications whose records were checked
        self.actor = None  # who took the last step
        self.written, self.purged = set(), set()
        self.clock = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)

    def teardown(self):
        if self._approval_setting is not None:
            self._approval_setting.disable()
        transaction.set_rollback(True)
        self._transaction.__exit__(None, None, None)

    # --- Helpers ---------------------------------------------------------------------------

    def _set_approval(self, required):
        if self._approval_setting is not None:
            self._approval_setting.disable()
        self._approval_setting = override_settings(EDITORIAL_APPROVAL_REQUIRED=required)
        self._approval_setting.enable()
        self.approval = required

    def _department(self, index):
        return Department._base_manager.get(pk=self.departments[index])

    def _open(self, index):
        draft = self.latest[index]
        return draft if draft is not None and draft.is_open else None

    def _outdated(self, index):
        draft = self.latest[index]
        return checks.published_versions(self.departments[index]) != draft.base

    def _seen(self, index, kind):
        draft = self._open(index)
        if kind == "none" or (draft is None and kind == "current"):
            return None
        if draft is None:  # the form showed a draft that was closed since
            return 1
        if kind == "current":
            return draft.version
        return draft.version - 1 if draft.version > 1 else draft.version + 1

    def _editable(self, index):
        """What an editor's form starts from: the open draft, or what is published."""
        draft = self._open(index)
        if draft is not None:
            return copy.deepcopy(Draft.objects.get(pk=draft.pk).data)
        return copy.deepcopy(publishing.snapshots.snapshot(self._department(index)))

    def _new_text(self, target):
        # Unique and delimited: no text is found inside another (the purge matches substrings).
        text = f"{'λέξη' if target.endswith('_el') else 'word'}#{len(self.written)}."
        self.written.add(text)
        return text

    def _edited(self, data, target):
        text = self._new_text(target)
        if ":" in target:
            position, name = target.split(":")
            data["competences"][int(position)][name] = text
        else:
            data["fields"][target] = text
        return data

    def _attempt(self, label, name, expected, call):
        """Take a step; check that it was done, or refused, as the model predicted."""
        self.actor = name
        try:
            result = call()
        except REFUSALS as error:
            self._record(f"{label}: refused")
            assert not expected, f"{label} was refused although the rules allow it: {error}"
            return None
        self._record(f"{label}: done")
        assert expected, f"{label} was done although the rules forbid it"
        return result if result is not None else True

    def _record(self, outcome):
        event(outcome)
        self.outcomes[outcome] += 1

    def _saved(self, index, draft_pk, data, user, base):
        draft = self._open(index)
        if draft is None:
            draft = spec.DraftModel(pk=draft_pk, data=data, base=base)
            self.latest[index] = draft
        else:
            assert draft.pk == draft_pk
            draft.version += 1
            draft.data = data
        draft.authors.add(user.pk)
        draft.back_to_draft()
        return draft

    def _published(self, index, draft, publisher, approver):
        before, after = self.public[index], spec.content(draft.data)
        self.public[index] = after
        draft.status = spec.PUBLISHED
        if approver is not None:
            draft.approved_by, draft.approved_version = approver, draft.version
        self.publications.append(
            spec.Publication(
                department=self.departments[index],
                draft=draft.pk,
                publisher=publisher,
                approver=approver,
                approval=self.approval,
                competences_changed=spec.changed_competences(before, after),
            )
        )
        # A purged text published again is back in the history, legitimately.
        self.purged = {text for text in self.purged if not spec.holds(after, text)}

    def _save(self, index, name, data, seen_version, button):
        """The change form (or the history's revert form): one of its three buttons."""
        self.actor = name
        user, obj = self.users[name], self._department(index)
        draft = self._open(index)
        base = checks.published_versions(self.departments[index])
        expected = spec.may_save(ROLES[name], draft, seen_version)
        if button == SAVE_AND_PUBLISH:
            if seen_version is None and spec.content(data) == self.public[index]:
                # A form that changed nothing opens no draft and publishes nothing.
                assert publishing.save_and_publish(obj, data, user) is None
                return
            # With approval on nobody publishes their own change; never over a newer publication.
            outdated = draft is not None and self._outdated(index)
            expected = expected and not self.approval and not outdated
        elif button == SUBMIT:
            expected = expected and self.approval
        saved = self._attempt(
            button, name, expected, lambda: CHANGE_FORM[button](obj, data, user, seen_version)
        )
        if saved:
            model = self._saved(index, saved.pk, data, user, base)
            if button == SAVE_AND_PUBLISH:
                self._published(index, model, user.pk, None)
            elif button == SUBMIT:
                model.status = spec.SUBMITTED

    # --- Steps -----------------------------------------------------------------------------

    @rule(approval=st.booleans())
    def switch_approval(self, approval):
        self._set_approval(approval)

    @rule(index=DEPARTMENTS, name=USERS, where=TARGETS, seen=SEEN, button=BUTTONS)
    def change_form(self, index, name, where, seen, button):
        """The department's change form, a new text in one field, one of its buttons pressed."""
        data = self._edited(self._editable(index), where)
        self._save(index, name, data, self._seen(index, seen), button)

    @rule(
        index=DEPARTMENTS,
        name=USERS,
        pick=st.integers(0, 50),
        seen=SEEN,
        button=BUTTONS,
    )
    def restore_old_version(self, index, name, pick, seen, button):
        """The history's revert form: an old version's fields, the competences as they are."""
        records = list(Department.history.filter(id=self.departments[index]).order_by("history_id"))
        record = records[pick % len(records)]
        data = publishing.snapshots.snapshot(record.instance, competences=[])
        data["competences"] = self._editable(index)["competences"]
        self._save(index, name, data, self._seen(index, seen), button)

    @precondition(lambda self: any(draft and draft.is_open for draft in self.latest))
    @rule(choice=st.data())
    def press_an_allowed_button(self, choice):
        """Someone whom the rules allow presses a button of the review page (the workflow's
        progress: the step Hypothesis tries most often)."""
        index, buttons = self._buttons(choice.draw(DEPARTMENTS, label="department"), allowed=True)
        if buttons:
            action, name = choice.draw(st.sampled_from(buttons), label="allowed button")
            minutes = choice.draw(st.integers(1, 180), label="minutes")
            self._press(index, action, name, self.latest[index].version, COMMENT, minutes)

    @precondition(lambda self: any(draft and draft.is_open for draft in self.latest))
    @rule(index=DEPARTMENTS, choice=st.data(), minutes=st.integers(1, 180))
    def press_a_forbidden_button(self, index, choice, minutes):
        """Staff who may edit press a button of the review page that the rules refuse them now
        (their own draft, a state it is not in, a newer publication)."""
        index, buttons = self._buttons(index, allowed=False)
        if buttons:
            action, name = choice.draw(st.sampled_from(buttons), label="forbidden button")
            self._press(index, action, name, self.latest[index].version, COMMENT, minutes)

    def _buttons(self, index, allowed):
        """The (action, user) pairs on an open draft that the rules allow, or refuse to staff who
        may edit, with approval as it is now."""
        if self._open(index) is None:
            index = 1 - index
        draft = self._open(index)
        outdated = self._outdated(index)
        actions = spec.APPROVAL_ON if self.approval else spec.APPROVAL_OFF
        buttons = [
            (action, name)
            for action in sorted(actions)
            for name in sorted(ROLES)
            if ROLES[name] in spec.EDITORS
            and allowed
            == spec.may_review(
                action,
                ROLES[name],
                self.users[name].pk,
                draft,
                draft.version,
                self.approval,
                outdated,
                COMMENT,
            )
        ]
        return index, buttons

    @precondition(lambda self: any(self.latest))
    @rule(
        index=DEPARTMENTS,
        action=st.sampled_from(spec.REVIEW_ACTIONS),
        name=USERS,
        stale=st.booleans(),
        comment=st.sampled_from([COMMENT, ""]),
        minutes=st.integers(1, 180),
    )
    def press_any_button(self, index, action, name, stale, comment, minutes):
        """Anyone presses any button of the review page, perhaps loaded before the draft's last
        change (or on a draft closed since)."""
        if self.latest[index] is None:
            index = 1 - index
        draft = self.latest[index]
        version = self._seen(index, "stale") if stale and draft.is_open else draft.version
        self._press(index, action, name, version, comment, minutes)

    def _press(self, index, action, name, version, comment, minutes):
        draft = self.latest[index]
        outdated = self._outdated(index)
        user = self.users[name]
        when = self.clock + timedelta(minutes=minutes)
        form = {
            "version": str(version),
            "publish_at": timezone.localtime(when, ATHENS).strftime("%Y-%m-%dT%H:%M"),
            "comment": comment,
        }
        expected = spec.may_review(
            action, ROLES[name], user.pk, draft, version, self.approval, outdated, comment
        )
        base = checks.published_versions(self.departments[index])
        done = self._attempt(
            f"review: {action}",
            name,
            expected,
            lambda: draft_actions.perform(user, Draft.objects.get(pk=draft.pk), action, form),
        )
        if not done:
            return
        if action in ("publish", "approve"):
            self._published(index, draft, user.pk, user.pk if self.approval else None)
        elif action == "submit":
            draft.status = spec.SUBMITTED
        elif action == "schedule":
            draft.status, draft.publish_at, draft.scheduled_by = spec.SCHEDULED, when, user.pk
            approver = user.pk if self.approval else None
            draft.approved_by = approver
            draft.approved_version = draft.version if approver else None
        elif action in ("send_back", "unschedule"):
            draft.back_to_draft()
        elif action == "discard":
            draft.status = spec.DISCARDED
        elif action == "rebase":
            draft.version += 1
            draft.base = base
            draft.back_to_draft()

    @rule(index=DEPARTMENTS, name=USERS, position=st.sampled_from([0, 1]), greek=st.booleans())
    def edit_a_competence(self, index, name, position, greek):
        """A competence's own change form (publishing.change_item)."""
        obj, user = self._department(index), self.users[name]
        target = f"{position}:text_{'el' if greek else 'en'}"
        saved_data = {}

        def change(data):
            saved_data.update(self._edited(data, target))
            return data

        base = checks.published_versions(self.departments[index])
        expected = ROLES[name] in spec.EDITORS and self._open(index) is None
        draft = self._attempt(
            "edit a competence", name, expected, lambda: publishing.change_item(obj, user, change)
        )
        if draft:
            model = self._saved(index, draft.pk, saved_data, user, base)
            if not self.approval:
                self._published(index, model, user.pk, None)

    @rule(
        name=USERS,
        selected=st.sampled_from([(0, 1), (0,), (1,)]),
        language=st.sampled_from(["en", "ar"]),
        review=st.booleans(),
    )
    def confirm_or_mark_reviewed(self, name, selected, language, review):
        """The lists' bulk actions on the selected departments: no public text changes."""
        user = self.users[name]
        queryset = Department.objects.filter(pk__in=[self.departments[i] for i in selected])
        if review:
            Department.objects.filter(pk__in=queryset).update(unreviewed_languages=[language])
            step, rules = publishing.mark_reviewed, spec.MARK_REVIEWED
        else:
            step, rules = publishing.confirm_translation, spec.CONFIRM_TRANSLATION
        expected = ROLES[name] in rules[self.approval]
        label = "mark reviewed" if review else "confirm a translation"
        self._attempt(label, name, expected, lambda: step(queryset, user, language))

    @rule(minutes=st.integers(0, 240))
    def the_scheduler_runs(self, minutes):
        """Time passes (the clock is the model's), then the scheduler runs."""
        self.clock += timedelta(minutes=minutes)
        self.actor = None
        due = {}  # draft pk: (department index, draft, whether the rules let it go live)
        for index, draft in enumerate(self.latest):
            scheduled = draft is not None and draft.status == spec.SCHEDULED
            if scheduled and draft.publish_at <= self.clock:
                goes = spec.scheduler_publishes(
                    draft, self.approval, self._outdated(index), self.publishers
                )
                due[draft.pk] = (index, draft, goes)
        published, refused = publishing.publish_due(now=self.clock)
        published = {d.pk for d in published}
        refused = {d.pk for d in refused}
        self.outcomes["scheduler: published"] += len(published)
        self.outcomes["scheduler: refused"] += len(refused)
        assert published | refused == set(due)
        for pk, (index, draft, goes) in due.items():
            assert (pk in published) == goes, f"scheduler on draft #{pk}: expected {goes}"
            if goes:
                approver = draft.approved_by if self.approval else None
                self._published(index, draft, draft.scheduled_by, approver)
            else:
                draft.back_to_draft()

    @precondition(lambda self: self.written)
    @rule(pick=st.integers(0, 1000))
    def purge_a_text(self, pick):
        """A superuser purges a text from the history (refused while it is published)."""
        self.actor = "superuser"
        text = sorted(self.written)[pick % len(self.written)]
        published = any(spec.holds(public, text) for public in self.public)
        held = any(spec.holds(spec.content(d.data), text) for d in self.latest if d and d.is_open)
        try:
            purge.purge_history_text(text, self.users["superuser"])
        except ValueError:
            self._record("purge: refused")
            assert published or held, f"the purge of {text!r} was refused"
            return
        self._record("purge: done")
        assert not published, f"{text!r} was purged while published"
        self.purged.add(text)

    # --- Invariants ------------------------------------------------------------------------

    @invariant()
    def the_public_content_is_the_last_publication(self):
        for index, department_pk in enumerate(self.departments):
            assert checks.public_content(department_pk) == self.public[index]

    @invariant()
    def the_drafts_are_as_the_model_expects(self):
        for index, department_pk in enumerate(self.departments):
            checks.assert_open_draft_is(department_pk, self._open(index))

    @invariant()
    def every_publication_is_approved_and_recorded(self):
        """Each new publication: with approval on, approved by another publisher; one history
        entry naming publisher and approver. (A published draft takes no further step.)"""
        for publication in self.publications[self.checked :]:
            if publication.approval:
                checks.assert_approved_by_another_publisher(publication, self.publishers)
            checks.assert_publication_recorded(publication, self.by_pk)
        self.checked = len(self.publications)
        checks.assert_no_other_publication(self.publications, self.by_pk)

    @invariant()
    def view_only_staff_changed_nothing(self):
        if self.actor == "viewer":
            checks.assert_changed_nothing(self.users["viewer"])

    @invariant()
    def a_purged_text_is_found_nowhere(self):
        if self.purged:
            assert checks.rows_holding(self.purged) == []


@pytest.mark.parametrize("approval", [False, True], ids=["approval off", "approval on"])
def test_the_workflow_keeps_its_promises_whatever_staff_do(db, approval):
    users, departments = _cast()
    outcomes = Counter()
    run_state_machine_as_test(
        lambda: WorkflowMachine(users, departments, approval, outcomes), settings=SETTINGS
    )
    # What the run did (shown with -s); it must have published something to prove anything.
    print(sorted(outcomes.items()))
    assert sum(n for outcome, n in outcomes.items() if "publish: done" in outcome)
