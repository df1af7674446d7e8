"""The drafts in the admin: the pending page, a draft's review page, its preview and diffs.

URL names (the contract the content admins link to):
- ``admin:departments_draft_changelist``: the pending page (every open draft);
- ``admin:departments_draft_review`` (draft id): the draft's diff and its workflow actions;
- ``admin:departments_draft_preview`` (draft id, language code): the draft as the public page;
- ``admin:departments_draft_history_diff`` (content type id, history id): a history entry
  against what is published.
"""

from django.contrib import admin
from django.http import Http404
from django.urls import path

from departments.drafts import Draft


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "history/<int:content_type_id>/<int:history_id>/diff/",
                self.admin_site.admin_view(self.history_diff_view),
                name="{}_{}_history_diff".format(*info),
            ),
            *super().get_urls(),
        ]

    def review_view(self, request, draft_id):
        raise Http404

    def preview_view(self, request, draft_id, language):
        raise Http404

    def history_diff_view(self, request, content_type_id, history_id):
        raise Http404
