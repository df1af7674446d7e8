"""Drafts in the content admins' change forms (departments/publishing.py does the workflow).

"Save draft" validates the form and its inlines as usual, then writes nothing to the content
tables: the values become the object's open draft. Opening an object that has an open draft
shows the draft's values, with a notice saying where the draft stands. "Save and publish" (the
admin's own Save) publishes the form at once, as before, and closes the draft it was opened on.

How a draft save leaves Django's change view without saving: ``save_related`` (after a
``save_model`` that wrote nothing) raises ``_SaveAsDraft`` with the validated form and inline
formsets; the view's transaction is rolled back (nothing was written in it anyway) and the
draft is stored from them. A refused draft (someone else saved it meanwhile) renders the form
again with the editor's values and the refusal as its error.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent, DraftStatus
from departments.models import Competence, Department
from staff.draft_status import local_time, status_text
from staff.locking import DRAFT_VERSION_FIELD, LockedModelForm, is_revert

SAVE_DRAFT = "_save_draft"
SUBMIT_REVIEW = "_submit_review"
_UNSET = object()


def draft_action(request):
    """``SAVE_DRAFT`` or ``SUBMIT_REVIEW`` for a POST of those buttons, else None."""
    if request.method != "POST":
        return None
    for action in (SUBMIT_REVIEW, SAVE_DRAFT):
        if action in request.POST:
            return action
    return None


def find_open_draft(obj):
    """The object's open draft with what the notice shows, or None."""
    return (
        Draft.objects.open()
        .for_object(obj)
        .select_related("content_type", "created_by", "updated_by")
        .first()
    )


class _SaveAsDraft(Exception):
    """Raised out of the change view's transaction once the form and inlines are valid."""

    def __init__(self, form, formsets):
        super().__init__()
        self.form, self.formsets = form, formsets


class ContentForm(LockedModelForm):
    """The content form: the object's version, and the version of the draft it was opened on."""

    seen_draft_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Set per request by DraftEditingMixin.get_form.
    refusal = None  # a workflow refusal to show as the form's error
    closes_draft = False  # a "Save and publish" of the change form: publishes its draft too
    closing_draft = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        draft = getattr(instance, "_open_draft", _UNSET)
        if draft is _UNSET and is_revert(instance):
            # simple-history's revert form: saved as a draft, it continues the open one.
            draft = find_open_draft(instance)
        if draft not in (None, _UNSET):
            self.initial[DRAFT_VERSION_FIELD] = draft.version

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name != DRAFT_VERSION_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        if self.refusal:
            raise forms.ValidationError(self.refusal, code="draft")
        if self.closes_draft and self.instance.pk is not None:
            self._check_draft(cleaned_data.get(DRAFT_VERSION_FIELD))
        return cleaned_data

    def _check_draft(self, seen):
        """Publishing a form opened on a draft publishes that draft: refused if it moved on."""
        if seen is None:
            return  # opened on the published version: a draft started since stays open
        draft = Draft.objects.select_for_update().open().for_object(self.instance).first()
        if draft is None:
            return  # published (the version check caught it) or discarded meanwhile
        if draft.version != seen:
            raise forms.ValidationError(
                _(
                    "Someone else saved this draft after you opened it (%(user)s); nothing "
                    "was published. Open the item again to see their changes."
                )
                % {"user": draft.updated_by or _("someone")},
                code="draft_conflict",
            )
        self.closing_draft = draft


class DraftCompetenceFormSet(BaseInlineFormSet):
    """A department's competences as its open draft has them (shown on the change form only).

    Existing competences carry the draft's values, in the draft's order, without those it
    removes; competences it adds are extra rows filled in. A submitted formset is built from the
    published rows as usual, so that what differs from them is what gets published.
    """

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        self.draft = None
        if kwargs.get("data") is None and instance is not None:
            self.draft = getattr(instance, "_open_draft", None)
        if self.draft is not None:
            kwargs["initial"] = [
                {name: item[name] for name in snapshots.COMPETENCE_FIELDS}
                for item in self.draft.data.get("competences", ())
                if item["id"] is None
            ]
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        if self.draft is None:
            return super().get_queryset()
        if not hasattr(self, "_draft_rows"):
            published = {c.pk: c for c in super().get_queryset()}
            rows = []
            for item in self.draft.data.get("competences", ()):
                competence = published.get(item["id"])
                if competence is None:
                    continue  # new in the draft (an extra row), or deleted meanwhile
                for name in snapshots.COMPETENCE_FIELDS:
                    setattr(competence, name, item[name])
                rows.append(competence)
            self._draft_rows = rows
        return self._draft_rows


def added_competences(obj):
    draft = getattr(obj, "_open_draft", None) if obj is not None else None
    if draft is None:
        return 0
    return sum(1 for item in draft.data.get("competences", ()) if item["id"] is None)


class DraftInlineMixin:
    """An inline whose rows are saved as part of a draft, and shown from the open draft."""

    formset = DraftCompetenceFormSet

    def get_extra(self, request, obj=None, **kwargs):
        return super().get_extra(request, obj, **kwargs) + added_competences(obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if draft_action(request):
            # The rows' own versions are not checked: a draft writes no row.
            formset.form = type(formset.form.__name__, (formset.form,), {"check_version": False})
        return formset


def _competences(formsets):
    """The competences the submitted inline holds, in display order (order, then position)."""
    formset = next((f for f in formsets if f.model is Competence), None)
    if formset is None:
        return None
    rows = []
    for position, form in enumerate(formset.forms):
        if not getattr(form, "cleaned_data", None):
            continue  # an extra row left empty
        if formset.can_delete and formset._should_delete_form(form):
            continue
        rows.append((form.instance.order or 0, position, form.instance))
    return [competence for _order, _position, competence in sorted(rows, key=lambda r: r[:2])]


def draft_links(draft):
    return {
        "preview_el": reverse("admin:departments_draft_preview", args=[draft.pk, "el"]),
        "preview_en": reverse("admin:departments_draft_preview", args=[draft.pk, "en"]),
        "review": reverse("admin:departments_draft_review", args=[draft.pk]),
        "pending": reverse("admin:departments_draft_changelist"),
    }


def draft_notice(draft):
    """What the change form says about the object's open draft."""
    return {
        "draft": draft,
        "status": status_text(draft),
        "author": draft.created_by or _("someone"),
        "updated_by": draft.updated_by or _("someone"),
        "updated_at": local_time(draft.updated_at),
        "sent_back": draft.status == DraftStatus.DRAFT and bool(draft.review_comment),
        "outdated": publishing.is_outdated(draft),
        **draft_links(draft),
    }


def close_draft(draft, obj, user):
    """The draft a form was opened on, published through that form: removals and the record."""
    reason = _("Published from draft #%(id)d") % {"id": draft.pk}
    if isinstance(obj, Department):
        # The form does not show competences the draft removes; removing them is its change.
        kept = {item["id"] for item in draft.data.get("competences", ())}
        removed = {item["id"] for item in draft.base.get("competences", ())} - kept
        for competence in Competence.objects.filter(department=obj, pk__in=removed):
            competence._change_reason = reason
            competence._history_user = user
            competence.delete()
    draft.status = DraftStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.published_by = user
    draft.save()
    DraftEvent.objects.create(
        draft=draft, action=DraftEvent.Action.PUBLISHED, user=user, data=snapshots.snapshot(obj)
    )


def _refuse_rival_draft(obj):
    """A form opened with no draft must not overwrite a draft someone started since.

    (publishing.save_draft continues an open draft when told no version was seen.) The live row
    is locked first, as save_draft does, so two first drafts of one object are serialised.
    """
    type(obj)._base_manager.select_for_update().filter(pk=obj.pk).first()
    draft = find_open_draft(obj)
    if draft is not None:
        raise publishing.WorkflowError(
            _(
                "Someone else started a draft of this item after you opened it (%(user)s); your "
                "changes were not saved. Open the item again to continue their draft."
            )
            % {"user": draft.updated_by or _("someone")}
        )


class DraftEditingMixin:
    """For a content ModelAdmin: "Save draft", "Submit for approval", the draft shown and
    announced on the change form, and "Save and publish" only for those who may publish."""

    change_form_template = "admin/staff/change_form.html"
    object_history_form_template = "admin/staff/object_history_form.html"
    form = ContentForm
    # False for content that is drafted with the object it belongs to (competences, in their
    # department's draft): its own change form publishes, and offers no draft.
    drafts = True

    # --- Who may do what -------------------------------------------------------------------

    def _publisher_only(self, request):
        """With approval required, what publishes at once is for publishers only."""
        return publishing.approval_required() and not publishing.is_publisher(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self._publisher_only(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._publisher_only(request)

    def get_actions(self, request):
        # Confirming the English saves the items at once: with approval on, publishers only.
        actions = super().get_actions(request)
        if self._publisher_only(request):
            actions.pop("confirm_english", None)
        return actions

    def _refuse_direct_publishing(self, request):
        if draft_action(request) and not self.drafts:
            raise PermissionDenied
        publishes = request.method == "POST" and not draft_action(request)
        if publishes and not publishing.can_publish_directly(request.user, self.model):
            raise PermissionDenied

    # --- The change form -------------------------------------------------------------------

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        change = kwargs.get("change", False)
        refusal = getattr(request, "_draft_refusal", None)
        action = draft_action(request)
        closes = (
            self.drafts
            and change
            and request.method == "POST"
            and not action
            and not getattr(request, "_history_form", False)
        )
        if refusal or action or closes:
            attrs = {"refusal": refusal, "closes_draft": closes, "check_version": not action}
            form = type(form.__name__, (form,), attrs)
        return form

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and self.drafts and getattr(request, "_show_draft", False):
            obj._open_draft = find_open_draft(obj)
            if obj._open_draft is not None:
                snapshots.apply_fields(obj, obj._open_draft.data)
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None:
            if draft_action(request):
                raise PermissionDenied  # a new item has nothing published to draft against
            return super().changeform_view(request, object_id, form_url, extra_context)
        self._refuse_direct_publishing(request)
        if request.method == "GET":
            request._show_draft = True
        return self._saving_drafts(
            request,
            lambda: super(DraftEditingMixin, self).changeform_view(
                request, object_id, form_url, extra_context
            ),
        )

    def _saving_drafts(self, request, view):
        """``view()``; when it stopped at a valid draft save, the draft stored instead.

        ``view`` is called again (the form shown with the refusal) if the workflow refuses it.
        """
        try:
            return view()
        except _SaveAsDraft as valid:
            return self._store_draft(request, valid, view)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.drafts:
            draft = getattr(obj, "_open_draft", _UNSET)
            if draft is _UNSET:
                draft = find_open_draft(obj)
            context.update(self._draft_context(request, obj, draft))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _draft_context(self, request, obj, draft):
        can_change = self.has_change_permission(request, obj) and self.drafts
        return {
            "draft_notice": draft_notice(draft) if draft is not None else None,
            "draft_buttons": can_change,
            "can_publish_directly": can_change
            and publishing.can_publish_directly(request.user, self.model),
            "can_submit_review": can_change and publishing.approval_required(),
        }

    def save_model(self, request, obj, form, change):
        if draft_action(request):
            if getattr(request, "_history_form", False):
                raise _SaveAsDraft(form, [])
            return  # the draft is stored once the inlines are validated too (save_related)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if draft_action(request):
            raise _SaveAsDraft(form, formsets)
        super().save_related(request, form, formsets, change)
        draft = getattr(form, "closing_draft", None)
        if draft is not None:
            close_draft(draft, form.instance, request.user)

    def _store_draft(self, request, valid, render_again):
        obj = valid.form.instance
        action = draft_action(request)
        data = snapshots.snapshot(obj, competences=_competences(valid.formsets))
        if getattr(request, "_history_form", False) and isinstance(obj, Department):
            # The history holds the department's fields only: its competences stay as the
            # open draft has them, or as published.
            current = find_open_draft(obj)
            if current is not None:
                data["competences"] = current.data.get("competences", [])
        seen = valid.form.cleaned_data.get(DRAFT_VERSION_FIELD)
        try:
            with transaction.atomic():
                if seen is None:
                    _refuse_rival_draft(obj)
                draft = publishing.save_draft(obj, data, request.user, seen_version=seen)
                if action == SUBMIT_REVIEW:
                    draft = publishing.submit(draft, request.user)
        except publishing.WorkflowError as error:
            request._draft_refusal = str(error)
            return render_again()
        links = draft_links(draft)
        message = (
            _("The draft of “%(item)s” is submitted for approval; the public site is unchanged.")
            if action == SUBMIT_REVIEW
            else _("The draft of “%(item)s” is saved; the public site is unchanged.")
        ) % {"item": obj}
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
                message,
                links["preview_el"],
                _("Preview in Greek"),
                links["preview_en"],
                _("Preview in English"),
                links["review"],
                _("Review and publish"),
            ),
            messages.SUCCESS,
        )
        info = self.opts.app_label, self.opts.model_name
        return HttpResponseRedirect(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))

    # --- Restoring an old version ------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._history_form = True
        self._refuse_direct_publishing(request)
        can_change = self.has_change_permission(request) and self.drafts
        extra_context = {
            **(extra_context or {}),
            "draft_buttons": can_change,
            "can_publish_directly": can_change
            and publishing.can_publish_directly(request.user, self.model),
        }
        return self._saving_drafts(
            request,
            lambda: super(DraftEditingMixin, self).history_form_view(
                request, object_id, version_id, extra_context
            ),
        )
