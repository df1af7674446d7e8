"""The content admins' change forms, as views over the workflow core (departments/publishing.py).

Every save of a change form, draft or not, goes through a draft: the form and its inlines are
validated as usual, nothing is written by Django's own save, and the values are handed to the
core as a snapshot. "Save draft" and "Submit for approval" keep them as the object's open draft;
"Save and publish" (and history's "Revert") saves the draft and publishes it in one step, which
only the rules allow (with approval on, nobody publishes a change of their own). Opening an
object that has an open draft shows the draft's values, with a notice saying where it stands.

How a save leaves Django's change view without writing: ``save_related`` (after a
``save_model`` that wrote nothing) raises ``_SaveAsDraft`` with the validated form and inline
formsets; the view's transaction is rolled back (nothing was written in it anyway) and the
core is called with them. A refusal (someone else saved the draft meanwhile, say) renders the
form again with the editor's values and the refusal as its error.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from departments import publishing, snapshots
from departments.drafts import Draft, DraftStatus
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

    # Set per request by DraftEditingMixin.get_form: a workflow refusal to show as the error.
    refusal = None

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
        return cleaned_data


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
                snapshots.competence_values(item)
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
                for name, value in snapshots.competence_values(item, competence).items():
                    setattr(competence, name, value)
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


def _competence_formset(formsets):
    return next((f for f in formsets if f.model is Competence), None)


def _competences(formsets):
    """The competences the submitted inline holds, in display order (order, then position)."""
    formset = _competence_formset(formsets)
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


def _changes_onto_published(obj, form, formsets):
    """What a form opened on the published version changes, applied to what is published now.

    Only what the editor changed is taken from the form: a field or a competence someone else
    published after the form was opened, and that this editor left alone, keeps its new value
    (per-field and per-row optimistic locking, as staff/locking.py checks the rows changed).
    """
    current = type(obj)._base_manager.get(pk=obj.pk)
    data = snapshots.snapshot(current)
    for name in form.changed_data:
        try:
            attname = obj._meta.get_field(name).attname
        except FieldDoesNotExist:
            continue
        if attname in data["fields"]:
            data["fields"][attname] = getattr(obj, attname)
    formset = _competence_formset(formsets)
    if formset is None or "competences" not in data:
        return data
    changed, removed, added = {}, set(), []
    for position, row in enumerate(formset.forms):
        competence = row.instance
        if not getattr(row, "cleaned_data", None):
            continue
        if formset.can_delete and formset._should_delete_form(row):
            removed.add(competence.pk)
        elif competence.pk is None:
            added.append(
                (position, {"id": None, "version": None, **snapshots.competence_data(competence)})
            )
        elif row.has_changed():
            changed[competence.pk] = snapshots.competence_data(competence)
    items = [
        {**item, **changed.get(item["id"], {})}
        for item in data["competences"]
        if item["id"] not in removed
    ]
    items.extend(item for _position, item in added)
    data["competences"] = sorted(items, key=lambda item: item["order"] or 0)
    return data


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


class DraftEditingMixin:
    """For a content ModelAdmin: every change-form save handed to the workflow core, the open
    draft shown and announced, and only the buttons the rules allow."""

    change_form_template = "admin/staff/change_form.html"
    object_history_form_template = "admin/staff/object_history_form.html"
    form = ContentForm
    # False for content that is drafted with the object it belongs to (competences, in their
    # department's draft): its change form offers no draft (CompetenceEditingMixin).
    drafts = True

    # --- Who may do what (the rules are publishing.RULES; this only asks them) --------------

    def has_add_permission(self, request):
        return super().has_add_permission(request) and publishing.may_on_objects(
            request.user, publishing.CREATE, self.model
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and publishing.may_on_objects(
            request.user, publishing.DELETE, self.model
        )

    def _refuse_steps(self, request):
        """A POST the rules do not allow this user is refused before any form is read."""
        if request.method != "POST":
            return
        if draft_action(request):
            if not self.drafts or not publishing.may(
                request.user, publishing.SAVE, self.model, None
            ):
                raise PermissionDenied
        elif not publishing.may_save_and_publish(request.user, self.model):
            raise PermissionDenied

    # --- The change form -------------------------------------------------------------------

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "_draft_refusal", None)
        action = draft_action(request)
        if refusal or action:
            # A draft save writes no content row: the draft has its own lock.
            form = type(form.__name__, (form,), {"refusal": refusal, "check_version": not action})
        return form

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and self.drafts and getattr(request, "_show_draft", False):
            obj._open_draft = find_open_draft(obj)
            if obj._open_draft is not None:
                snapshots.apply_fields(obj, obj._open_draft.data)
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None or not self.drafts:
            if draft_action(request):
                raise PermissionDenied  # a new item has nothing published to draft against
            return super().changeform_view(request, object_id, form_url, extra_context)
        self._refuse_steps(request)
        if request.method == "GET":
            request._show_draft = True
        return self._saving_drafts(
            request,
            lambda: super(DraftEditingMixin, self).changeform_view(
                request, object_id, form_url, extra_context
            ),
        )

    def _saving_drafts(self, request, view):
        """``view()``; when it stopped at a valid save, the core called instead.

        ``view`` is called again (the form shown with the refusal) if the workflow refuses it.
        """
        try:
            return view()
        except _SaveAsDraft as valid:
            return self._store(request, valid, view)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.drafts:
            draft = getattr(obj, "_open_draft", _UNSET)
            if draft is _UNSET:
                draft = find_open_draft(obj)
            context.update(self._draft_context(request, obj, draft))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _draft_context(self, request, obj, draft):
        user, model = request.user, self.model
        can_save = self.has_change_permission(request, obj) and publishing.may(
            user, publishing.SAVE, model, draft
        )
        return {
            "draft_notice": draft_notice(draft) if draft is not None else None,
            "draft_buttons": can_save,
            "can_publish_directly": can_save and publishing.may_save_and_publish(user, model),
            "can_submit_review": can_save
            and publishing.SUBMIT in publishing.RULES[publishing.approval_required()],
        }

    def save_model(self, request, obj, form, change):
        if change and self.drafts:
            if getattr(request, "_history_form", False):
                raise _SaveAsDraft(form, [])
            return  # handed to the core once the inlines are validated too (save_related)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change and self.drafts:
            raise _SaveAsDraft(form, formsets)
        super().save_related(request, form, formsets, change)

    def _store(self, request, valid, render_again):
        """Hand the validated form to the core: a draft saved (and submitted), or published."""
        obj = valid.form.instance
        action = draft_action(request)
        history = getattr(request, "_history_form", False)
        seen = valid.form.cleaned_data.get(DRAFT_VERSION_FIELD)
        if seen is None and not history:
            data = _changes_onto_published(obj, valid.form, valid.formsets)
        else:
            # A draft (it has its own lock) or an old version: the form is the whole state.
            data = snapshots.snapshot(obj, competences=_competences(valid.formsets))
        if history and isinstance(obj, Department):
            # The history holds the department's fields only: its competences stay as the
            # open draft has them, or as published.
            current = find_open_draft(obj)
            if current is not None:
                data["competences"] = current.data.get("competences", [])
        user = request.user
        try:
            with transaction.atomic():
                if action is None:
                    publishing.save_and_publish(obj, data, user, seen_version=seen)
                else:
                    draft = publishing.save_draft(obj, data, user, seen_version=seen)
                    if action == SUBMIT_REVIEW:
                        draft = publishing.submit(draft, user, version=draft.version)
        except publishing.WorkflowError as error:
            request._draft_refusal = str(error)
            return render_again()
        if action is None:
            return self._published(request, type(obj)._base_manager.get(pk=obj.pk), history)
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
        return HttpResponseRedirect(self._change_url(obj))

    def _change_url(self, obj):
        info = self.opts.app_label, self.opts.model_name
        return reverse("admin:{}_{}_change".format(*info), args=[obj.pk])

    def _published(self, request, obj, history):
        if not history:
            return self.response_change(request, obj)
        self.message_user(request, _("“%(item)s” is published from its history.") % {"item": obj})
        return HttpResponseRedirect(self._change_url(obj))

    # --- Restoring an old version ------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._history_form = True
        self._refuse_steps(request)
        can_save = self.has_change_permission(request) and publishing.may(
            request.user, publishing.SAVE, self.model, None
        )
        extra_context = {
            **(extra_context or {}),
            "draft_buttons": can_save and self.drafts,
            "can_publish_directly": can_save
            and publishing.may_save_and_publish(request.user, self.model),
        }
        return self._saving_drafts(
            request,
            lambda: super(DraftEditingMixin, self).history_form_view(
                request, object_id, version_id, extra_context
            ),
        )


class CompetenceEditingMixin:
    """A competence's own change form: its save is a change to its department, through the core.

    With approval off it is published at once (like the department's own Save and publish);
    with approval on nobody publishes their own change, so competences are edited in their
    department's draft and this form is read-only. Refused while the department has an open
    draft: that draft is where its competences are being edited.
    """

    drafts = False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and publishing.may_save_and_publish(
            request.user, self.model
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and publishing.may_save_and_publish(
            request.user, self.model
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and publishing.may_save_and_publish(
            request.user, self.model
        )

    def get_form(self, request, obj=None, **kwargs):
        return type(
            "CompetenceForm",
            (super().get_form(request, obj, **kwargs),),
            {"clean": _refuse_beside_department_draft},
        )

    def save_model(self, request, obj, form, change):
        values = {name: getattr(obj, name) for name in snapshots.COMPETENCE_FIELDS}

        def edit(data):
            items = data["competences"]
            if change:
                for item in items:
                    if item["id"] == obj.pk:
                        item.update(values)
            else:
                items.append({"id": None, "version": None, **values})
            items.sort(key=lambda item: item["order"] or 0)
            return data

        publishing.change_item(obj.department, request.user, edit)
        if not change:
            obj.pk = Competence.objects.filter(department=obj.department).latest("pk").pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        self.delete_queryset(request, type(obj).objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        for competence in queryset.select_related("department"):
            publishing.change_item(
                competence.department,
                request.user,
                lambda data, pk=competence.pk: {
                    **data,
                    "competences": [c for c in data["competences"] if c["id"] != pk],
                },
            )


def _refuse_beside_department_draft(form):
    """The competence form's clean(): refused while its department has an open draft."""
    cleaned_data = super(type(form), form).clean()
    department = cleaned_data.get("department") or getattr(form.instance, "department", None)
    if department is not None:
        # Locked (the admin's transaction) so that no draft starts before the save.
        Department._base_manager.select_for_update().filter(pk=department.pk).first()
        draft = find_open_draft(department)
        if draft is not None:
            raise forms.ValidationError(
                _(
                    "“%(item)s” has an open draft: change its competences in that draft "
                    "(the department's form), or discard it first."
                )
                % {"item": department},
                code="department_draft",
            )
    return cleaned_data
