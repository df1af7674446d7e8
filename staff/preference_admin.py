"""Staff preferences in the admin: each staff member edits their own ("Notification
preferences" on the admin's home page); superusers edit anyone's in the user admin."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from staff.models import StaffPreference


@admin.register(StaffPreference)
class StaffPreferenceAdmin(admin.ModelAdmin):
    """Only one's own preferences, whatever one's permissions: the list opens them."""

    fields = ("language",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.user_id == request.user.pk
        )

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def changelist_view(self, request, extra_context=None):
        if not self.has_module_permission(request):
            return super().changelist_view(request, extra_context)
        own, _created = StaffPreference.objects.get_or_create(user=request.user)
        return HttpResponseRedirect(reverse("admin:staff_staffpreference_change", args=[own.pk]))

    def response_change(self, request, obj):
        # Back to the admin's home page: there is no list of one's own preferences to go to.
        self.message_user(request, _("Your preferences are saved."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:index"))


class StaffPreferenceInline(admin.StackedInline):
    model = StaffPreference
    can_delete = False
    max_num = 1


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with the user's preferences below (superusers by default)."""

    inlines = [*UserAdmin.inlines, StaffPreferenceInline]
