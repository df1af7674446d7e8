"""Deployment checks for what only shows under load: a cache that is not shared."""

from django.conf import settings
from django.core.checks import Error, Tags, register

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
