"""The drafts in the admin: the pending page, a draft's review page, its preview and diffs.

URL names (the contract the content admins link to):
- ``admin:departments_draft_changelist``: the pending page (every open draft);
- ``admin:departments_draft_review`` (draft id): the draft's diff and its workflow actions;
- ``admin:departments_draft_preview`` (draft id, language code): the draft as the public page;
- ``admin:departments_draft_history_diff`` (content type id, history id): a history entry
  against what is published.

The views stay thin: the rows, the diff, the actions and the preview's marks are built in
staff/draft_pending.py, staff/draft_diff.py, staff/draft_actions.py and staff/draft_preview.py.
"""

from contextlib import suppress
from datetime import datetime

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent
from departments.models import Competence, Department, Directorate, ViberCommunity
from staff import draft_actions, draft_diff
from staff.draft_pending import pending_rows
from staff.draft_preview import LANGUAGES, render_preview
from staff.draft_status import ATHENS, local_time, status_text, user_name

# The content whose history can be compared with what is published.
HISTORY_MODELS = (Directorate, Department, Competence, ViberCommunity)
# After these the draft is gone from the pending page; after the others it is still there.
BACK_TO_PENDING = {"publish", "approve", "schedule", "discard"}


def _may_edit_content(user):
    return any(publishing.can_edit(user, model) for model in HISTORY_MODELS)


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_active and (
            user.has_perm("departments.view_draft") or _may_edit_content(user)
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<int:draft_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="{}_{}_review".format(*info),
            ),
            path(
                "<int:draft_id>/preview/<str:language>/",
                # Its own Cache-Control (private, no-store), not the admin's never_cache one.
                self.admin_site.admin_view(self.preview_view, cacheable=True),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "history/<int:content_type_id>/<int:history_id>/diff/",
                self.admin_site.admin_view(self.history_diff_view),
                name="{}_{}_history_diff".format(*info),
            ),
            *super().get_urls(),
        ]

    def _context(self, request, title, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **context,
        }

    # --- The pending page -----------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = self._context(
            request,
            _("Drafts awaiting publication"),
            rows=pending_rows(Draft.objects.for_pending_page()),
            **(extra_context or {}),
        )
        return TemplateResponse(request, "admin/staff/drafts/pending.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A draft is read on its review page, not in a generic form of its JSON.
        if not str(object_id).isdigit():
            raise Http404
        return HttpResponseRedirect(reverse("admin:departments_draft_review", args=[object_id]))

    # --- The review page ------------------------------------------------------------------

    def _draft(self, request, draft_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(
            Draft.objects.select_related("content_type", "created_by", "updated_by"), pk=draft_id
        )

    def review_view(self, request, draft_id):
        draft = self._draft(request, draft_id)
        if request.method != "POST":
            return self._review(request, draft)
        action = request.POST.get("action", "")
        try:
            message = draft_actions.perform(request.user, draft, action, request.POST)
        except draft_actions.ActionError as error:
            return self._review(request, draft, error=str(error), status=400)
        except publishing.Conflict as error:
            draft.refresh_from_db()
            return self._review(
                request, draft, error=str(error), conflict=error.changes, status=409
            )
        except publishing.Stale as error:
            draft.refresh_from_db()
            return self._review(request, draft, error=str(error), stale=error.changes, status=409)
        except publishing.WorkflowError as error:
            draft.refresh_from_db()
            return self._review(request, draft, error=str(error), status=409)
        messages.success(request, message)
        if action in BACK_TO_PENDING:
            return HttpResponseRedirect(reverse("admin:departments_draft_changelist"))
        return HttpResponseRedirect(reverse("admin:departments_draft_review", args=[draft.pk]))

    def _review(self, request, draft, error=None, conflict=None, stale=None, status=200):
        model = draft.model
        published = snapshots.published_snapshot(draft)
        outdated = draft.is_open and snapshots.versions(published) != snapshots.versions(draft.base)
        # An open draft is compared with what is published; a closed one with what it started on.
        changes = snapshots.diff(model, published if draft.is_open else draft.base, draft.data)
        if conflict is None and outdated:
            conflict = snapshots.diff(model, draft.base, published)
        info = model._meta.app_label, model._meta.model_name
        context = self._context(
            request,
            _("Review the draft of “%(item)s”") % {"item": draft.object_label},
            draft=draft,
            kind=str(model._meta.verbose_name).capitalize(),
            status=status_text(draft),
            author=user_name(draft.created_by),
            edited_by=user_name(draft.updated_by),
            languages=draft_diff.language_names(changes),
            diff_rows=draft_diff.rows(changes),
            diff_caption=_("What the draft changes"),
            old_heading=_("Published"),
            new_heading=_("Draft"),
            no_changes_text=_("The draft is the same as the published version."),
            conflict_rows=None if conflict is None else draft_diff.rows(conflict),
            stale_rows=None if stale is None else draft_diff.rows(stale),
            stale_caption=_("What changed in the draft since you opened it"),
            opened_heading=_("When you opened it"),
            no_stale_text=_("Only the draft's version number changed."),
            conflict_caption=_("What was published meanwhile"),
            base_heading=_("When the draft was started"),
            published_heading=_("Published now"),
            no_conflict_text=_("Only the version number changed."),
            actions=draft_actions.available(request.user, draft, outdated),
            events=_events(draft),
            error=error,
            publish_at_value=_publish_at_value(request, draft),
            comment_value=request.POST.get("comment", "") if error else "",
            preview_el_url=reverse("admin:departments_draft_preview", args=[draft.pk, "el"]),
            preview_en_url=reverse("admin:departments_draft_preview", args=[draft.pk, "en"]),
            edit_url=(
                reverse("admin:{}_{}_change".format(*info), args=[draft.object_id])
                if published is not None
                else ""
            ),
        )
        return TemplateResponse(request, "admin/staff/drafts/review.html", context, status=status)

    # --- The preview ----------------------------------------------------------------------

    def preview_view(self, request, draft_id, language):
        if language not in LANGUAGES:
            raise Http404
        draft = self._draft(request, draft_id)
        try:
            return render_preview(request, draft, language)
        except ObjectDoesNotExist:
            # The item was deleted since: there is no page to show it on.
            raise Http404 from None

    # --- A history entry against what is published ----------------------------------------

    def history_diff_view(self, request, content_type_id, history_id):
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        if model not in HISTORY_MODELS:
            raise Http404
        opts = model._meta
        if not (
            request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
            or publishing.can_edit(request.user, model)
        ):
            raise PermissionDenied
        record = model.history.filter(history_id=history_id).select_related("history_user").first()
        if record is None:
            raise Http404
        published = snapshots.published_snapshot(model, record.id)
        changes = snapshots.diff(model, draft_diff.historical_snapshot(model, record), published)
        context = self._context(
            request,
            _("This version compared with the published one"),
            opts=opts,
            record=record,
            label=str(record.instance),
            who=user_name(record.history_user),
            languages=draft_diff.language_names(changes),
            published_exists=published is not None,
            history_url=(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.id])
                if published is not None
                else ""
            ),
            diff_rows=draft_diff.rows(changes),
            diff_caption=_("Differences between this version and the published one"),
            old_heading=_("This version"),
            new_heading=_("Published now"),
            no_changes_text=_("This version is the same as the published one."),
        )
        return TemplateResponse(request, "admin/staff/drafts/history_diff.html", context)


def _events(draft):
    events = []
    for event in draft.events.select_related("user"):
        comment = event.comment
        if event.action == DraftEvent.Action.SCHEDULED and comment:
            # Stored as an ISO time: shown as the editor reads times.
            with suppress(ValueError):
                when = local_time(datetime.fromisoformat(comment))
                comment = _("for %(time)s") % {"time": when}
        events.append(
            {
                "at": event.at,
                "who": user_name(event.user) if event.user_id else _("the system"),
                "what": event.get_action_display(),
                "comment": comment,
            }
        )
    return events


def _publish_at_value(request, draft):
    if request.method == "POST" and request.POST.get("publish_at"):
        return request.POST["publish_at"]
    if draft.publish_at:
        return timezone.localtime(draft.publish_at, ATHENS).strftime("%Y-%m-%dT%H:%M")
    return ""
