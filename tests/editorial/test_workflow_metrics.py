"""The drafts workflow's events as operators' metrics (departments/workflow_metrics.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client import REGISTRY

from departments import publishing, snapshots


def events(action):
    return REGISTRY.get_sample_value("workflow_draft_events_total", {"action": action}) or 0.0


def draft_of(department, editor, **changes):
    data = snapshots.snapshot(department)
    data["fields"].update(changes)
    return publishing.save_draft(department, data, editor)


def test_a_publication_is_counted_once_it_commits(
    department, editor, django_capture_on_commit_callbacks
):
    before = events("published")
    draft = draft_of(department, editor, name_en="Counted")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft, editor)
    assert events("published") == before + 1
    assert events("saved") == 0


def test_a_refused_publication_is_counted_as_a_conflict(
    department, editor, django_capture_on_commit_callbacks
):
    before = events("conflict")
    draft = draft_of(department, editor, name_en="Mine")
    department.name_en = "Theirs"
    department.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(publishing.Conflict):
        publishing.publish(draft, editor)
    assert events("conflict") == before + 1


def test_a_scheduled_draft_the_scheduler_cannot_publish_is_counted(
    department, editor, django_capture_on_commit_callbacks
):
    before = events("conflict")
    draft = draft_of(department, editor, name_en="Later")
    publishing.schedule(draft, editor, timezone.now() + timedelta(minutes=5))
    department.name_en = "Changed meanwhile"
    department.save()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_due(timezone.now() + timedelta(minutes=6))
    assert events("conflict") == before + 1
