"""robots.txt, pointing crawlers at the sitemap and away from the admin and the form endpoint."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.http import require_GET

from seo.origin import absolute


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: /{code}/{settings.ADMIN_PATH}/" for code, _name in settings.LANGUAGES),
        *(f"Disallow: {_feedback_path(code)}" for code, _name in settings.LANGUAGES),
        "",
        f"Sitemap: {absolute(reverse('seo:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _feedback_path(language):
    with override(language):
        return reverse("feedback:submit")
