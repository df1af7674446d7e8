"""sitemap.xml: every public page in every language, with hreflang alternates and x-default.

SITEMAPS below is the one list of what the sitemap holds. To add another app's pages, either
add a URL name to STATIC_PAGES (a page without a model) or write a ``OriginSitemap`` subclass
whose ``items()`` returns objects with ``get_absolute_url`` and add it to SITEMAPS.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from departments.models import Department, Directorate
from seo.timestamps import last_updated
from serving.origin import origin_parts


class OriginSitemap(Sitemap):
    """A sitemap in every language, with absolute URLs from SITE_ORIGIN (not the Host header)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return origin_parts()[0]

    def get_domain(self, site=None):
        return origin_parts()[1]


class StaticPagesSitemap(OriginSitemap):
    """Pages that have a URL name and no model behind them."""

    def items(self):
        return STATIC_PAGES

    def location(self, item):
        return reverse(item)


class DirectorateSitemap(OriginSitemap):
    def items(self):
        return Directorate.objects.for_page()

    def lastmod(self, item):
        return last_updated(item)


class DepartmentSitemap(OriginSitemap):
    def items(self):
        return Department.objects.for_page().select_related("directorate")

    def lastmod(self, item):
        return last_updated(item)


STATIC_PAGES = [
    "departments:home",
    "accessibility:statement",
    "opendata:index",
]

SITEMAPS = {
    "pages": StaticPagesSitemap,
    "directorates": DirectorateSitemap,
    "departments": DepartmentSitemap,
}
