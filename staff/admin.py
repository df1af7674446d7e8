"""Staff editing, registered here so the content app does not depend on the staff app above it.

The content admins: every language in its tab, competences ordered inline, history,
with what staff/content_admin.py adds. Then the purge of a text from the history.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from departments.models import Competence, Department, Directorate, ViberCommunity
from staff.content_admin import LockedInlineMixin, StaffContentAdminMixin
from staff.content_drafts import CompetenceEditingMixin, DraftEditingMixin, DraftInlineMixin
from staff.models import HistoryPurge
from staff.purge import check_text, purge_history_text, records_with
from staff.translation_admin import TranslationInlineMixin, TranslationStatusAdminMixin


class ContentAdmin(
    DraftEditingMixin,
    TranslationStatusAdminMixin,
    StaffContentAdminMixin,
    SimpleHistoryAdmin,
    TabbedTranslationAdmin,
):
    """Translated content with its change history browsable and restorable per object.

    The draft mixin saves changes as drafts and publishes them (staff/content_drafts.py); the
    translation mixin shows each translation's status and confirms or marks it reviewed
    (staff/translation_admin.py); the staff mixin refuses saves based on an outdated version
    and lists deleted items for restoring. The language tabs are modeltranslation's, in the
    settings' order: Greek, English, then the others.
    """

    readonly_fields = ("created_at", "updated_at")
    # Each history entry links to its comparison with what is published (staff/draft_admin.py).
    object_history_list_template = "admin/staff/drafts/object_history_list.html"
    # A link typed without a scheme is https (Django 6's default; silences its 5.2 warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CompetenceInline(
    DraftInlineMixin, TranslationInlineMixin, LockedInlineMixin, TranslationTabularInline
):
    model = Competence
    fields = ("order", "text")
    extra = 1
    ordering = ("order", "id")


@admin.register(Directorate)
class DirectorateAdmin(ContentAdmin):
    list_display = ("name", "head_name", "parent_unit", "updated_at")
    search_fields = ("name", "head_name", "mission")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Department)
class DepartmentAdmin(ContentAdmin):
    list_display = ("name", "directorate", "order", "head_name", "email", "updated_at")
    list_filter = ("directorate",)
    search_fields = ("name", "head_name", "email", "competences__text")
    inlines = [CompetenceInline]


@admin.register(Competence)
class CompetenceAdmin(CompetenceEditingMixin, ContentAdmin):
    list_display = ("__str__", "department", "order", "updated_at")
    list_filter = ("department",)
    search_fields = ("text",)
    ordering = ("department", "order", "id")


@admin.register(ViberCommunity)
class ViberCommunityAdmin(ContentAdmin):
    list_display = ("title", "link", "updated_at")

    def view_on_site(self, obj):
        # The block has no page of its own; it is shown on the home page.
        return reverse("departments:home")


# --- Purging a text from the history (superusers only) -------------------------------------


class HistoryPurgeForm(forms.ModelForm):
    text = forms.CharField(
        label=_("Text to remove from the history"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Every history record of directorates, departments, competences and the Viber block "
            "that holds this text (in any language, any case), every draft and every draft "
            "event gets “[…]” in its place. Remove the text from the content itself and from "
            "open drafts first. The text is not stored anywhere."
        ),
    )

    class Meta:
        model = HistoryPurge
        fields = []

    def clean_text(self):
        text = self.cleaned_data["text"]
        problems = check_text(text)
        if problems:
            raise forms.ValidationError(problems)
        return text


@admin.register(HistoryPurge)
class HistoryPurgeAdmin(admin.ModelAdmin):
    """The record of purges, and the form that makes one. Superusers only, never Editors.

    The form's first button only counts the records holding the text, so that the superuser
    sees what the purge will change before anything is changed.
    """

    form = HistoryPurgeForm
    # Not admin/staff/change_list.html, which Django would pick for this app: that one is the
    # content admins' list (with "Deleted items").
    change_list_template = "admin/change_list.html"
    list_display = ("purged_at", "purged_by", "records", "draft_records")
    shown = ["purged_at", "purged_by", "records", "draft_records"]

    def get_fields(self, request, obj=None):
        return ["text"] if obj is None else self.shown

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.shown

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": gettext("Purge a text from the history"),
            # The purge is one step: there is nothing to add next or to go on editing.
            "show_save_and_add_another": False,
            "show_save_and_continue": False,
        }
        if request.method == "POST" and "_count" in request.POST:
            return self._count_view(request, form_url, extra_context)
        return super().add_view(request, form_url, extra_context)

    def _count_view(self, request, form_url, extra_context):
        """The form again, with how many records hold the text; nothing is changed."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = self.get_form(request)(request.POST)
        counts = records_with(form.cleaned_data["text"]) if form.is_valid() else None
        admin_form = helpers.AdminForm(
            form, list(self.get_fieldsets(request)), {}, model_admin=self
        )
        context = {
            **self.admin_site.each_context(request),
            "adminform": admin_form,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "purge_counts": counts,
            **extra_context,
        }
        return self.render_change_form(request, context, add=True, form_url=form_url)

    def save_model(self, request, obj, form, change):
        purge_history_text(form.cleaned_data["text"], request.user, record=obj)
        message = ngettext(
            "The text is removed from %(count)d history record.",
            "The text is removed from %(count)d history records.",
            obj.records,
        ) % {"count": obj.records}
        if obj.draft_records:
            message += " " + ngettext(
                "It is also removed from %(count)d draft record (drafts and their events).",
                "It is also removed from %(count)d draft records (drafts and their events).",
                obj.draft_records,
            ) % {"count": obj.draft_records}
        self.message_user(request, message, messages.SUCCESS)

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(reverse("admin:staff_historypurge_changelist"))


# The drafts' pages (pending, review, preview, diffs), the staff's own preferences (with the
# user admin that shows them) and the translation files page are registered in their own modules.
from staff import draft_admin, preference_admin, translation_files  # noqa: E402, F401
