"""The admin site: two-factor authentication for every staff login when the setting is on."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm


def two_factor_required():
    return getattr(settings, "STAFF_2FA_REQUIRED", False)


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """Password, then a code from the editor's authenticator app (TOTP)."""

    def clean_otp(self, user):
        if user is not None and not any(devices_for_user(user, confirmed=True)):
            raise ValidationError(
                _(
                    "Two-factor authentication is required for staff, and this account has no "
                    "authenticator yet. Ask an administrator to set one up "
                    "(manage.py add_totp_device)."
                ),
                code="no_device",
            )
        super().clean_otp(user)


class StaffAdminSite(admin.AdminSite):
    """The setting is read per request, so that it can be switched without code changes."""

    site_header = _("Directorate of Social Integration: content editing")
    site_title = _("Content editing")

    @property
    def login_form(self):
        return TwoFactorLoginForm if two_factor_required() else AdminAuthenticationForm

    @property
    def login_template(self):
        return "otp/admin111/login.html" if two_factor_required() else None

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not two_factor_required() or request.user.is_verified()
