"""The drafts workflow's events as operators' metrics (serving/metrics.py): publications,
and the scheduler's failures and conflicts, counted once each recorded event commits."""

from django.db import transaction
from django.db.models.signals import post_save

from departments.drafts import DraftEvent
from serving.metrics import count_workflow_event

COUNTED = {DraftEvent.Action.PUBLISHED, DraftEvent.Action.FAILED, DraftEvent.Action.CONFLICT}


def count_event(sender, instance, created, **kwargs):
    if created and instance.action in COUNTED:
        action = str(instance.action)
        transaction.on_commit(lambda: count_workflow_event(action))


def connect_workflow_metrics():
    post_save.connect(count_event, sender=DraftEvent, dispatch_uid="workflow_metrics")
