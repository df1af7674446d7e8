"""Deployment checks for what only shows under load: a cache that is not shared, and session
keys that nginx cannot recognise."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """The content generation and the page cache must be shared by every process (REDIS_URL).

    With a per-process cache, each gunicorn worker keeps its own content generation, so after a
    save some workers go on serving the old page.
    """
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Error(
            f"The default cache ({backend}) is local to one process.",
            hint="Set REDIS_URL so that every worker and machine shares the content generation "
            "and the page cache (docs/scaling.md).",
            id="serving.E001",
        )
    ]


@register(Tags.security, deploy=True)
def session_key_secret_check(app_configs, **kwargs):
    """nginx tells a signed-in session from a made-up cookie only with the shared secret."""
    if settings.DEBUG or settings.SESSION_KEY_SECRET:
        return []
    return [
        Warning(
            "DJANGO_SESSION_KEY_SECRET is empty.",
            hint="Set it (letters and digits) here and as @SESSION_KEY_SECRET@ in nginx.conf: "
            "without it nginx answers signed-in staff from its micro-cache like anyone "
            "(serving/sessions.py, docs/serving.md).",
            id="serving.W001",
        )
    ]
