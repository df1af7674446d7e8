"""The admin site: two-factor authentication for every staff login when the setting is on."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice


def two_factor_required():
    return getattr(settings, "STAFF_2FA_REQUIRED", False)


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """User name, password and the code from the editor's authenticator app (TOTP), at once.

    No device choice: the code is checked against each of the user's devices.
    """

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": _("This code is not valid. Enter the current code from your app."),
        "n_failed_attempts": ngettext_lazy(
            "Codes are not accepted for a while after %(failure_count)d wrong code; "
            "try again soon.",
            "Codes are not accepted for a while after %(failure_count)d wrong codes; "
            "try again soon.",
            "failure_count",
        ),
        "verification_not_allowed": _("Codes are not accepted for a while; try again soon."),
    }

    def _chosen_device(self, user):
        # django-otp asks to pick a device; staff have one authenticator, so it is that one.
        return (
            super()._chosen_device(user)
            or TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        )

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
        return "admin/staff/login.html" if two_factor_required() else None

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not two_factor_required() or request.user.is_verified()
