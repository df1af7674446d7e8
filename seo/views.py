"""robots.txt, pointing crawlers at the sitemap.

It disallows nothing: pages that must stay out of search results (search, feedback, errors)
say so with ``noindex``, which a crawler only sees if it may fetch them; and the admin's path
(DJANGO_ADMIN_PATH) is not advertised here (its pages carry their own robots meta tag).
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from serving.origin import absolute


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow:",
        "",
        f"Sitemap: {absolute(reverse('seo:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
