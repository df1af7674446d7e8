"""The workflow's rule table itself (departments/publishing.py: RULES), and its copy in the docs.

The table is the one place the rules live; these tests state what it must promise whatever it
grows into, check that ``may`` answers from it for every role, state and authorship, and that
docs/editing.md prints it as it is.
"""

import itertools
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import translation

from departments import publishing, snapshots
from departments.drafts import Draft, DraftStatus
from departments.models import Department

DOCS = Path(__file__).resolve().parents[2] / "docs" / "editing.md"
ROLE_NAMES = {
    publishing.VIEWER: "Viewer",
    publishing.EDITOR: "Editor",
    publishing.PUBLISHER: "Publisher",
}


def rules_markdown():
    """The rule table as docs/editing.md prints it, one table per approval setting."""
    lines = []
    translation.activate("en")
    for approval in (False, True):
        lines += [
            f"**Approval {'on' if approval else 'off'}**",
            "",
            "| Step | From | Who | Result |",
            "| --- | --- | --- | --- |",
        ]
        for step, rule in publishing.RULES[approval].items():
            states = ", ".join(
                s for s in ("new", "draft", "submitted", "scheduled") if s in rule.states
            )
            roles = ", ".join(
                ROLE_NAMES[r] for r in (publishing.EDITOR, publishing.PUBLISHER) if r in rule.roles
            )
            if rule.not_author:
                roles += " who never saved the draft"
            label = str(publishing.STEP_LABELS[step])
            lines.append(f"| {label} (`{step}`) | {states} | {roles} | {rule.result} |")
        lines.append("")
    translation.deactivate()
    return "\n".join(lines)


def test_docs_print_the_rule_table_as_it_is():
    assert rules_markdown() in DOCS.read_text(), (
        "docs/editing.md no longer prints publishing.RULES; replace its table with:\n\n"
        + rules_markdown()
    )


@pytest.mark.parametrize("approval", [False, True])
def test_viewers_take_no_step_and_closed_drafts_allow_none(approval):
    for step, rule in publishing.RULES[approval].items():
        assert publishing.VIEWER not in rule.roles, step
        assert not rule.states & {DraftStatus.PUBLISHED, DraftStatus.DISCARDED}, step


def test_with_approval_on_only_a_publisher_who_is_no_author_makes_anything_go_live():
    for step, rule in publishing.RULES[True].items():
        if rule.result in (DraftStatus.PUBLISHED, DraftStatus.SCHEDULED):
            assert rule.roles == {publishing.PUBLISHER} and rule.not_author, step
    assert publishing.PUBLISH not in publishing.RULES[True]  # no publishing without approval
    assert publishing.OBJECT_RULES[True][publishing.CONFIRM_TRANSLATION] == {publishing.PUBLISHER}
    assert publishing.OBJECT_RULES[True][publishing.MARK_REVIEWED] == {publishing.PUBLISHER}


def test_with_approval_on_only_a_submitted_draft_is_approved():
    assert publishing.RULES[True][publishing.APPROVE].states == {DraftStatus.SUBMITTED}


@pytest.mark.parametrize("approval", [False, True])
def test_a_change_of_content_always_leaves_a_draft(approval):
    for step in publishing.CONTENT_STEPS:
        assert publishing.RULES[approval][step].result == DraftStatus.DRAFT


@pytest.fixture
def people(db):
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_department"))
    editor = User.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_department"))
    publisher = User.objects.create_user("publisher", is_staff=True)
    publisher.user_permissions.add(
        Permission.objects.get(codename="change_department"),
        Permission.objects.get(codename="publish_draft"),
    )
    return {
        publishing.VIEWER: User.objects.get(pk=viewer.pk),
        publishing.EDITOR: User.objects.get(pk=editor.pk),
        publishing.PUBLISHER: User.objects.get(pk=publisher.pk),
    }


@pytest.mark.parametrize("approval", [False, True])
def test_may_answers_from_the_table_for_every_role_state_and_authorship(approval, people, settings):
    from tests.conftest import make_department, make_directorate

    settings.EDITORIAL_APPROVAL_REQUIRED = approval
    department = make_department(make_directorate(), "rules")
    author = User.objects.create_user("author", is_staff=True)
    states = (DraftStatus.DRAFT, DraftStatus.SUBMITTED, DraftStatus.SCHEDULED)
    drafts = {}
    for state in states:
        draft = Draft.objects.create(
            content_type_id=_content_type(Department),
            object_id=department.pk,
            data=snapshots.snapshot(department),
            base=snapshots.snapshot(department),
            status=state,
            created_by=author,
        )
        drafts[state] = draft
        Draft.objects.filter(pk=draft.pk).update(status=DraftStatus.DISCARDED)
    for (role, user), step, state in itertools.product(people.items(), publishing.STEPS, states):
        draft = drafts[state]
        draft.status = state
        rule = publishing.RULES[approval].get(step)
        expected = rule is not None and role in rule.roles and state in rule.states
        assert publishing.may(user, step, Department, draft) == expected, (role, step, state)
        if rule is not None and rule.not_author and expected:
            # The same user, as one of the draft's authors, is refused.
            draft.created_by = user
            assert not publishing.may(user, step, Department, draft), (role, step, state)
            draft.created_by = author


def _content_type(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk
