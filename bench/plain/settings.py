"""The "floor" for issue 15's render-speed comparison: the least Django can do for the page.

One view (bench/plain/views.py) reads the site's own tables through the site's models, with
the same prefetching, and renders one flat template holding the directorate page's visible
content. No middleware, no sessions, no i18n machinery beyond activating Greek, no cache:
what any Django site pays to show this content. Persistent connections (CONN_MAX_AGE).
Not a site feature: only bench/render.py serves it, against its scratch database.
"""

from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "bench-plain-only-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.plain.urls"
WSGI_APPLICATION = "bench.plain.wsgi.application"
# The site's models need these to load (translated fields, history, the user FK of history).
INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "simple_history",
    "departments",
]
MIDDLEWARE = []
DATABASES = {"default": dj_database_url.config(conn_max_age=600, conn_health_checks=True)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "el"
# The site's languages and fallbacks (integration_site/settings.py): the same translated
# columns of the same tables (seven per text), which a Django site showing this content in these
# languages reads by default. The site's public pages read fewer: only the languages a page
# shows (departments.models.shown_languages_only), one of their own savings.
LANGUAGES = [(code, code) for code in ("el", "en", "ar", "fa", "fr", "uk", "sq")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "el"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("el",),
    **{code: ("en", "el") for code, _name in LANGUAGES if code not in ("el", "en")},
}
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Athens"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Cached loader, as in production (Django's default when DEBUG is false).
            "context_processors": [],
        },
    }
]
LOGGING_CONFIG = None
