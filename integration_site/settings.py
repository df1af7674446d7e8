"""Settings for the Directorate of Social Integration site.

One module for every environment: each value that differs between machines comes from an
environment variable, read once here, with a safe local default. Every variable is listed in
docs/configuration.md (a test keeps the two in step); .env.example is a production example.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from integration_site.env import env_bool, env_int, env_list, env_networks, env_str

# --- Core ---

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "For local development set DJANGO_DEBUG=true (make run does)."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

# The public origin (scheme and host) that absolute URLs are built from: canonical links,
# hreflang alternates, sitemaps. Never taken from the request's Host header.
SITE_ORIGIN = env_str("SITE_ORIGIN", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its admin integration applies.
    "modeltranslation",
    # The admin with the staff site (optional two-factor login), see staff/sites.py.
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

MIDDLEWARE = [
    # Times and counts every request; answers /metrics to requests that bypassed the proxy.
    "serving.metrics.MetricsMiddleware",
    # Probes first: orchestrators call them by the container's address, not an allowed host name.
    "serving.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "serving.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Logs, once a minute, X-Forwarded-For from a peer missing from DJANGO_TRUSTED_PROXIES.
    "serving.proxy_warning.UntrustedProxyMiddleware",
    # Cached pages are answered right after static files, before sessions, URL resolution and
    # the database.
    "serving.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the session), before CommonMiddleware (which may redirect).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Reads the two-factor verification from the session, so it needs the authenticated user.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
    # Innermost, so the page cache outside it sees whether a response used a nonce.
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "integration_site.urls"
WSGI_APPLICATION = "integration_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One JSON object per line on stdout (gunicorn's access log is JSON too: gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "serving.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Database ---

# SQLite by default so that a new machine needs no other service;
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/integration selects PostgreSQL (psycopg 3).
_database = dj_database_url.config(
    default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600),
    conn_health_checks=True,
)
# A database that does not answer must not hold a worker for minutes (PostgreSQL only).
if _database["ENGINE"] == "django.db.backends.postgresql":
    _database.setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )
DATABASES = {"default": _database}

# --- Cache ---

# The cache is shared by every process when REDIS_URL is set (production: several gunicorn
# containers); local memory otherwise, which is right for one development process. On Redis it
# fails soft (serving/cache.py): an unreachable Redis is a miss after at most the connect or
# socket timeout, and is not asked again for CACHE_RETRY_AFTER_MS, so an outage costs speed only.
REDIS_URL = env_str("REDIS_URL")
_cache_timeout = env_int("CACHE_TIMEOUT", 24 * 3600)
CACHES = {
    "default": (
        {
            "BACKEND": "serving.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "integration"),
            "TIMEOUT": _cache_timeout,
            "OPTIONS": {
                "socket_connect_timeout": env_int("CACHE_CONNECT_TIMEOUT_MS", 250) / 1000,
                "socket_timeout": env_int("CACHE_SOCKET_TIMEOUT_MS", 500) / 1000,
                "retry_after": env_int("CACHE_RETRY_AFTER_MS", 1000) / 1000,
            },
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "integration-site",
            "TIMEOUT": _cache_timeout,
        }
    )
}

# --- Internationalisation: Greek is the source language and the fallback for content ---

LANGUAGE_CODE = "el"
# Greek and English, then the languages most of the Directorate's readers read best: Arabic,
# Persian, French, Ukrainian and Albanian (docs/content.md says how to add another).
LANGUAGES = [
    ("el", _("Greek")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("fr", _("French")),
    ("uk", _("Ukrainian")),
    ("sq", _("Albanian")),
]
LOCALE_PATHS = [
    BASE_DIR / "locale",
    # Greek for django-simple-history's admin pages, which ship without it (after locale/, so
    # that makemessages keeps writing the site's own strings to locale/).
    BASE_DIR / "staff" / "third_party_locale",
]
TIME_ZONE = "Europe/Athens"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "el"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# Where a text has no translation yet: English pages show the Greek; the other languages show
# the English (our pivot translation, which more of their readers read than Greek), then the
# Greek. The page marks such a passage with its own ``lang`` and says it is not yet translated.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("el",),
    **{code: ("en", "el") for code, _name in LANGUAGES if code not in ("el", "en")},
}
# modeltranslation reads this unprefixed name; its default loads jQuery UI from a public CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static files ---

STATIC_URL = "static/"
# collectstatic's target, so the benchmark and the image can put it elsewhere.
STATIC_ROOT = env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Fingerprinted files never change: browsers may keep them for a year (whitenoise's default
# for them); anything else for an hour.
WHITENOISE_MAX_AGE = 3600

# --- Security: proxy, TLS, cookies, headers ---

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_TLS_PROXY", False) else None
)
# The addresses (or CIDR networks) the TLS proxy or load balancer connects from. Only a request
# from one of them has its X-Forwarded-For read, for the client's address that login throttling
# and the feedback limit count (serving/client_address.py). Empty: the TCP peer is the
# client, and no header anyone can send is believed.
TRUSTED_PROXIES = env_networks("DJANGO_TRUSTED_PROXIES")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
# The probes stay reachable over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
# includeSubDomains covers only the names under the site's own host name (*.<site host>), not
# its sibling hosts, so it is on by default; turn it off if such a name serves plain HTTP.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Asks browsers to ship the domain in their HSTS preload list: only with every subdomain on TLS.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie (forms carry the token), so it can be HttpOnly.
CSRF_COOKIE_HTTPONLY = True
# A form with an expired security token gets a page in the visitor's language, not Django's.
CSRF_FAILURE_VIEW = "serving.errors.csrf_failure"

# Nothing inline and nothing from other hosts. A nonce appears only on a page that asks for
# one (request.csp_nonce), and such a page is never stored in the shared page cache.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Staff login: admin path, passwords, sessions, throttling, two-factor ---

# The admin's URL path is configurable so that it is not where scanners look first.
ADMIN_PATH = env_str("DJANGO_ADMIN_PATH", "admin").strip("/") or "admin"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Only staff have sessions (the public pages set no cookie): a working day at most, and none
# left behind in a closed browser on a shared computer.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_HOURS", 8) * 3600
# Database sessions whose keys carry a MAC under SESSION_KEY_SECRET (serving/sessions.py): the page
# cache and nginx (the same secret in deploy/nginx.conf) dismiss a made-up session cookie without
# a lookup. Letters and digits only (nginx reads it inside a quoted string); empty: derived
# from the secret key, which nginx cannot know (it then treats every session cookie as junk).
SESSION_ENGINE = "serving.sessions"
SESSION_KEY_SECRET = env_str("DJANGO_SESSION_KEY_SECRET", "")
if not SESSION_KEY_SECRET.isalnum() and SESSION_KEY_SECRET:
    raise ImproperlyConfigured("DJANGO_SESSION_KEY_SECRET may hold only letters and digits.")
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)

# Lockout policy (staff/lockout.py), for AXES_COOLOFF_TIME hours: a user name with
# AXES_FAILURE_LIMIT failures from one address is locked out from that address only (nobody
# can lock a known user out from afar), and an address with STAFF_LOGIN_ADDRESS_FAILURE_LIMIT
# failures over any names is locked out altogether. Counts are in the database, shared by nodes.
AXES_HANDLER = "staff.lockout.LoginLockoutHandler"
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
STAFF_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = env_int("DJANGO_LOGIN_LOCKOUT_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/lockout.html"
# The client's address as the trusted proxy saw it, IPv6 per /64; never the proxy's own.
AXES_CLIENT_IP_CALLABLE = "serving.client_address.rate_limit_address"

# Every staff login needs a code from an authenticator app when this is on (staff/sites.py).
STAFF_2FA_REQUIRED = env_bool("DJANGO_STAFF_2FA_REQUIRED", default=False)
OTP_TOTP_ISSUER = env_str("DJANGO_OTP_ISSUER", "Integration site")

# Two-person rule (departments/publishing.py): when on, Editors submit drafts for approval and
# only a member of the Publishers group other than the author approves and publishes them.
EDITORIAL_APPROVAL_REQUIRED = env_bool("DJANGO_EDITORIAL_APPROVAL_REQUIRED", default=False)

# --- E-mail: the editorial workflow's notifications (staff/notifications.py) ---

# The console in development (messages are printed), SMTP otherwise; sent after each step
# commits, and a server that is down only costs a log line.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both.")
# Seconds a mail server may take: a dead one must not hold the editor's request for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Serving: the public page cache (serving/pagecache.py) ---

# Off only to measure what it saves.
SERVING_PAGE_CACHE = env_bool("SERVING_PAGE_CACHE", default=True)
# Names the running code in every cache key and ETag (serving/release.py), e.g. the image's git
# commit; empty: a digest of the code, templates and translations, computed at start.
SERVING_CODE_REVISION = env_str("SERVING_CODE_REVISION", "")
SERVING_PAGE_CACHE_TIMEOUT = env_int("SERVING_PAGE_CACHE_TIMEOUT", 24 * 3600)
# Each process also keeps the pages it served lately, of the current content version only, up to
# this many bytes (with Redis: a hit then costs one round trip, the content version's).
SERVING_RECENT_PAGES_BYTES = env_int("SERVING_RECENT_PAGES_MB", 32) * 1024 * 1024
# Each process reads the database's content generation at most this often (serving/generation.py),
# so a publication whose copy in the cache was lost shows within this delay.
SERVING_GENERATION_CHECK_MS = env_int("SERVING_GENERATION_CHECK_MS", 1000)
# Browsers and CDNs may reuse a page this many seconds without asking again.
SERVING_PAGE_MAX_AGE = env_int("SERVING_PAGE_MAX_AGE", 60)
SERVING_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# --- The apps' own settings ---

# The ministry, named as the top parent organisation in the pages' schema.org data.
SEO_MINISTRY_URL = env_str("SEO_MINISTRY_URL", "https://migration.gov.gr/")
# "Is this page useful?": at most FEEDBACK_RATE_LIMIT answers per address per window (seconds).
# The address is the client's as a trusted proxy saw it (DJANGO_TRUSTED_PROXIES), IPv6 per /64.
# The old FEEDBACK_ADDRESS_HEADER is not read; staff/checks.py warns where it is still set.
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 10)
FEEDBACK_RATE_WINDOW = env_int("FEEDBACK_RATE_WINDOW", 600)
