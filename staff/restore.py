"""Recovering deleted content from its history: a department comes back with its competences."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from departments.models import Competence, Department

# A department's competences are deleted by the same cascade, moments before the department.
CASCADE_WINDOW = timedelta(minutes=1)


def deleted_records(model):
    """The last history record of each deleted object of ``model`` that is still deleted."""
    existing = model._base_manager.values("pk")
    records = model.history.filter(history_type="-").exclude(id__in=existing)
    latest = {}
    for record in records.order_by("-history_date", "-history_id").select_related("history_user"):
        latest.setdefault(record.id, record)
    return list(latest.values())


@transaction.atomic
def restore_deleted(record, user=None):
    """Recreate the deleted object of ``record`` (and a department's competences); return them."""
    restored = [_restore_one(record, user)]
    if isinstance(restored[0], Department):
        window_start = record.history_date - CASCADE_WINDOW
        for competence in deleted_records(Competence):
            if (
                competence.department_id == record.id
                and window_start <= competence.history_date <= record.history_date
            ):
                restored.append(_restore_one(competence, user))
    return restored


def _restore_one(record, user):
    # tests/staff/test_history.py checks that this keeps every language's text where it was
    # (modeltranslation's untranslated attribute could otherwise copy Greek into English).
    instance = record.instance
    instance._change_reason = _("Restored after deletion")
    if user is not None:
        instance._history_user = user
    instance.save(force_insert=True)
    return instance
