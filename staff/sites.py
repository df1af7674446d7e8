"""The admin site: two-factor authentication for every staff login when the setting is on."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice


def two_factor_required():
    return getattr(settings, "STAFF_2FA_REQUIRED", False)


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """User name, password and the code from the editor's authenticator app (TOTP), at once.

    No device choice: the code is checked against the user's authenticator.

    Every refusal is the same answer, whichever part was wrong: a different answer for a right
    password without a valid code would confirm a stolen password. For the same reason such a
    refusal counts as a failed login (django-axes), like a wrong password.
    """

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        **OTPAdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct user name and password for a staff account, and the "
            "current code from your authenticator app. If your account has no authenticator "
            "yet, ask an administrator to set one up."
        ),
    }

    def _chosen_device(self, user):
        # django-otp asks to pick a device; staff have one authenticator, so it is that one.
        return (
            super()._chosen_device(user)
            or TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        )

    def _update_form(self, user):
        # django-otp writes the right password back into the page for a second try and fills
        # the device list, which would tell a right password from a wrong one: neither.
        pass

    def clean(self):
        # A wrong password raises invalid_login here, after authenticate() has counted it.
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        try:
            self.clean_otp(self.get_user())
        except ValidationError:
            self.user_cache = None
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.cleaned_data.get("username")},
                request=self.request,
            )
            raise self.get_invalid_login_error() from None
        return self.cleaned_data


class StaffAdminSite(admin.AdminSite):
    """The two-factor setting is read per request, so that it can be switched without code
    changes. The home page links the translation coverage page (staff/translation_coverage.py)."""

    site_header = _("Directorate of Social Integration: content editing")
    site_title = _("Content editing")
    index_template = "admin/staff/index.html"

    def get_urls(self):
        from staff.translation_coverage import coverage_view

        return [
            path(
                "translations/",
                self.admin_view(lambda request: coverage_view(request, self)),
                name="translation_coverage",
            ),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        from staff.translation_coverage import may_view_coverage

        extra_context = {
            **(extra_context or {}),
            "can_view_coverage": may_view_coverage(request, self),
        }
        return super().index(request, extra_context)

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
