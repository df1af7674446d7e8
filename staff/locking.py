"""Optimistic locking for admin forms: a save based on an outdated version is refused.

Each form carries the version of the object it was opened on (a hidden field). On save, the row
is read again under ``SELECT ... FOR UPDATE`` (inside the admin's transaction, so two saves of the
same object are serialised on PostgreSQL); if its version moved on, the form is invalid and the
editor is told what changed meanwhile, by whom, and how to reapply their own changes.
"""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models, router
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.models import SIMPLE_HISTORY_REVERSE_ATTR_NAME

# The form field holding the version the editor opened (the model's own ``version`` field is not
# editable, and Django forbids listing non-editable model fields in a ModelForm).
VERSION_FIELD = "seen_version"
# The version of the object's open draft the form was opened on (staff/content_drafts.py).
DRAFT_VERSION_FIELD = "seen_draft_version"


def is_revert(instance):
    """True for an instance rebuilt from a history record (simple-history's revert form)."""
    return getattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None


def current_version(instance, lock=False):
    """The version now in the database (None if the row is gone), locked for this transaction."""
    model = type(instance)
    queryset = model._base_manager.filter(pk=instance.pk)
    if lock and connections[router.db_for_write(model)].in_atomic_block:
        queryset = queryset.select_for_update()
    return queryset.values_list("version", flat=True).first()


def _shown(value):
    text = "" if value in (None, "") else str(value)
    return f"“{text[:120]}{'…' if len(text) > 120 else ''}”"


def changes_since(instance, seen_version):
    """Lines describing who changed the object after ``seen_version`` and how."""
    history = instance.history.order_by("-history_date", "-history_id")
    latest = history.first()
    seen = history.filter(version=seen_version).first()
    if latest is None:
        return []
    who = latest.history_user or _("someone")
    when = formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
    lines = [_("Changed meanwhile by %(user)s (%(when)s):") % {"user": who, "when": when}]
    if seen is not None and seen.pk != latest.pk:
        for change in latest.diff_against(seen, excluded_fields=["version", "updated_at"]).changes:
            label = instance._meta.get_field(change.field).verbose_name
            lines.append(f"{label}: {_shown(change.old)} → {_shown(change.new)}")
    return lines


class OptimisticLockFormMixin:
    """A ModelForm mixin: hidden version field, checked against the database in clean()."""

    # Off for a draft save: it writes no content row, and the draft has its own lock
    # (departments.publishing.save_draft checks the draft version the editor opened).
    check_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk is not None and not instance._state.adding:
            # A revert form shows an old version's values but is based on the current row.
            revert = is_revert(instance)
            version = current_version(instance) if revert else instance.version
            self.initial[VERSION_FIELD] = version

    @property
    def changed_data(self):
        if getattr(self, "_untouched", False):
            return []
        return [name for name in super().changed_data if name != VERSION_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        revert = is_revert(instance)
        if not self.check_version:
            return cleaned_data
        if instance.pk is None or (instance._state.adding and not revert):
            return cleaned_data
        # Unchanged rows are not saved (staff/content_admin.py), so they cannot overwrite anything.
        if not revert and not self.has_changed():
            return cleaned_data
        seen = cleaned_data.get(VERSION_FIELD)
        current = current_version(instance, lock=True)
        if current is None:
            raise forms.ValidationError(
                _(
                    "Someone deleted this %(object)s after you opened it, so your changes were "
                    "not saved. It can be restored from the list of deleted items."
                )
                % {"object": instance._meta.verbose_name},
                code="deleted",
            )
        if seen != current:
            if not revert and self._submitted_as_seen(instance, seen):
                # The editor left this object as they saw it; someone else changed it since.
                # It is simply not saved (neither overwritten nor reported as a conflict).
                self._untouched = True
                return cleaned_data
            raise forms.ValidationError(self._conflict_messages(instance, seen), code="conflict")
        instance.version = current
        return cleaned_data

    def _submitted_as_seen(self, instance, seen):
        """Whether every submitted value equals the version the editor opened."""
        if self.cleaned_data.get("DELETE"):
            return False
        record = instance.history.filter(version=seen).order_by("-history_date").first()
        if record is None:
            return False
        for name, value in self.cleaned_data.items():
            try:
                field = instance._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            # Primary and foreign keys come back as model instances.
            submitted = value.pk if isinstance(value, models.Model) else value
            stored = getattr(record, field.attname, submitted)
            # A translation column nobody has written yet holds NULL; its form field gives "".
            if submitted != stored and {submitted, stored} != {"", None}:
                return False
        return True

    def _conflict_messages(self, instance, seen):
        try:
            url = reverse(
                f"admin:{instance._meta.app_label}_{instance._meta.model_name}_change",
                args=[instance.pk],
            )
        except NoReverseMatch:
            url = ""
        return [
            _(
                "Your changes to “%(object)s” were not saved: someone else saved it after you "
                "opened it, and saving now would overwrite their work."
            )
            % {"object": instance},
            *changes_since(instance, seen),
            _(
                "To reapply your changes: open the current version (%(url)s) in a new tab, enter "
                "your changes there again and save. What you typed is still in the form below."
            )
            % {"url": url},
        ]


class LockedModelForm(OptimisticLockFormMixin, forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
