"""Staff editing: both languages side by side (tabs), competences ordered inline, history."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from departments.models import Competence, Department, Directorate, ViberCommunity
from staff.admin import LockedInlineMixin, StaffContentAdminMixin


class ContentAdmin(StaffContentAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Translated content with its change history browsable and restorable per object.

    The staff mixin refuses saves based on an outdated version, flags English that fell behind
    the Greek, and lists deleted items for restoring.
    """

    readonly_fields = ("created_at", "updated_at")
    # A link typed without a scheme is https (Django 6's default; silences its 5.2 warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CompetenceInline(LockedInlineMixin, TranslationTabularInline):
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
class CompetenceAdmin(ContentAdmin):
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
