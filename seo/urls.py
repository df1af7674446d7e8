"""Language-neutral addresses crawlers expect at the root: /sitemap.xml and /robots.txt."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from seo import views
from seo.sitemaps import SITEMAPS

app_name = "seo"

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
