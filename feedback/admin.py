"""Staff read the answers; nobody edits them."""

from django.contrib import admin

from feedback.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "page", "language", "useful", "comment")
    list_filter = ("useful", "language", "created_at")
    search_fields = ("page", "comment")
    date_hierarchy = "created_at"
    readonly_fields = ("page", "language", "useful", "comment", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
