"""The order of the middleware and the apps is part of how the site behaves: pin it."""

from django.conf import settings


def test_middleware_runs_in_this_order():
    assert settings.MIDDLEWARE == [
        "serving.metrics.MetricsMiddleware",
        "serving.middleware.ProbeMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "serving.middleware.PermissionsPolicyMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "serving.proxy_warning.UntrustedProxyMiddleware",
        "serving.middleware.PageCacheMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django_otp.middleware.OTPMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "simple_history.middleware.HistoryRequestMiddleware",
        "axes.middleware.AxesMiddleware",
        "csp.middleware.CSPMiddleware",
    ]


def test_installed_apps_in_this_order():
    assert settings.INSTALLED_APPS == [
        "modeltranslation",
        "staff.apps.StaffAdminConfig",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
        "simple_history",
        "departments",
        "staff",
        "search",
        "opendata",
        "csp",
        "serving",
        "django.contrib.sitemaps",
        "seo",
        "accessibility",
        "feedback",
        "django_otp",
        "django_otp.plugins.otp_totp",
        "axes",
    ]


def test_translations_of_the_site_come_before_third_party_ones():
    assert [path.name for path in settings.LOCALE_PATHS] == ["locale", "third_party_locale"]
