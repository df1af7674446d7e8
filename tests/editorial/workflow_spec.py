"""The editorial workflow's promises, restated apart from departments/publishing.py.

The model-based test (test_workflow_model.py) predicts with these what each step must do and
compares the prediction with what the code did. They are written from issue 20 and
docs/editing.md, not read from ``publishing.RULES``, so that a change to the code's rules shows
up as a disagreement with this statement of them.
"""

from dataclasses import dataclass, field
from datetime import datetime

VIEWER, EDITOR, PUBLISHER = "viewer", "editor", "publisher"
EDITORS = frozenset({EDITOR, PUBLISHER})
PUBLISHERS = frozenset({PUBLISHER})

DRAFT, SUBMITTED, SCHEDULED = "draft", "submitted", "scheduled"
PUBLISHED, DISCARDED = "published", "discarded"
OPEN = frozenset({DRAFT, SUBMITTED, SCHEDULED})

# The review page's actions: (states it may be taken from, roles, refused to the draft's authors).
APPROVAL_OFF = {
    "publish": (OPEN, EDITORS, False),
    "schedule": (OPEN, EDITORS, False),
    "unschedule": (frozenset({SCHEDULED}), EDITORS, False),
    "discard": (OPEN, EDITORS, False),
    "rebase": (OPEN, EDITORS, False),
}
APPROVAL_ON = {
    "submit": (frozenset({DRAFT}), EDITORS, False),
    # "Publish now" is "Approve and publish" when approval is required.
    "approve": (frozenset({SUBMITTED}), PUBLISHERS, True),
    "publish": (frozenset({SUBMITTED}), PUBLISHERS, True),
    # Scheduling approves the draft for its time.
    "schedule": (frozenset({SUBMITTED, SCHEDULED}), PUBLISHERS, True),
    "send_back": (frozenset({SUBMITTED, SCHEDULED}), PUBLISHERS, True),
    "unschedule": (frozenset({SCHEDULED}), EDITORS, False),
    "discard": (OPEN, EDITORS, False),
    "rebase": (OPEN, EDITORS, False),
}
REVIEW_ACTIONS = tuple(sorted(APPROVAL_OFF.keys() | APPROVAL_ON.keys()))
# Steps on objects without a draft, from the lists: a translation confirmed as up to date, or
# marked reviewed by the Directorate. Neither changes a text.
CONFIRM_TRANSLATION = {False: EDITORS, True: PUBLISHERS}
MARK_REVIEWED = {False: EDITORS, True: PUBLISHERS}


@dataclass
class DraftModel:
    """What the model knows of one draft."""

    pk: int
    data: dict
    base: tuple  # the published versions it was started (or last rebased) on
    version: int = 1
    status: str = DRAFT
    authors: set = field(default_factory=set)  # everyone who saved it
    approved_by: int | None = None
    approved_version: int | None = None
    publish_at: datetime | None = None
    scheduled_by: int | None = None

    @property
    def is_open(self):
        return self.status in OPEN

    def back_to_draft(self):
        """Any change of content, a send-back, an unschedule: the approval is gone."""
        self.status = DRAFT
        self.publish_at = None
        self.approved_by = None
        self.approved_version = None


@dataclass(frozen=True)
class Publication:
    """One publication the model expects to find recorded."""

    department: int
    draft: int
    publisher: int | None  # None: nobody (never expected: the scheduler acts for a user)
    approver: int | None
    approval: bool  # approval was required when it was published
    competences_changed: frozenset  # ids of the competences whose text or order changed


def may_save(role, draft, seen_version):
    """A save names the draft version its form showed (None: the form showed no draft)."""
    if role not in EDITORS:
        return False
    if draft is None or not draft.is_open:
        return seen_version is None
    return seen_version == draft.version


def may_review(action, role, user, draft, version, approval, outdated, comment):
    """Whether the review page's ``action`` by ``user`` on ``draft`` (as of ``version``) is done."""
    rule = (APPROVAL_ON if approval else APPROVAL_OFF).get(action)
    if rule is None or not draft.is_open or version != draft.version:
        return False
    states, roles, not_author = rule
    if draft.status not in states or role not in roles:
        return False
    if not_author and user in draft.authors:
        return False
    if action == "send_back" and not comment.strip():
        return False
    # Nothing is published over a publication made after the draft was started.
    return not (action in ("publish", "approve") and outdated)


def scheduler_publishes(draft, approval, outdated, publishers):
    """Whether the scheduler publishes a due draft (otherwise it goes back to draft)."""
    if outdated:
        return False
    if not approval:
        return True
    return (
        draft.approved_version == draft.version
        and draft.approved_by in publishers
        and draft.approved_by not in draft.authors
    )


def content(data):
    """What the public sees of a snapshot: its fields and its competences, without versions."""
    competences = sorted(
        (c["id"] or 0, c["order"], c["text_el"], c["text_en"]) for c in data.get("competences", ())
    )
    return {"fields": dict(data["fields"]), "competences": competences}


def changed_competences(before, after):
    """The ids of the competences that differ between two ``content`` values."""
    return frozenset(
        item[0] for item in set(before["competences"]) ^ set(after["competences"]) if item[0]
    )


def texts(value):
    """Every string in a ``content`` value."""
    strings = [v for v in value["fields"].values() if isinstance(v, str)]
    for _id, _order, text_el, text_en in value["competences"]:
        strings += [text_el, text_en]
    return strings


def holds(value, text):
    """Whether a ``content`` value holds ``text`` anywhere, in any case (as the purge matches)."""
    return any(text.lower() in string.lower() for string in texts(value))
