"""URL wiring: language-prefixed public pages, the admin, and the language-neutral root."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from departments.views import root_redirect

urlpatterns = [
    # "/" sends visitors to their language (Accept-Language, Greek by default).
    path("", root_redirect, name="root"),
    # The open-data API is language-neutral (?lang=el|en|all), so it sits outside the prefix.
    path("api/", include("opendata.api_urls")),
    # Probes for orchestrators, outside the language prefix and the sitemap.
    path("", include("serving.urls")),
    path("", include("seo.urls")),
]

urlpatterns += i18n_patterns(
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    # Before the departments' catch-all "<slug>/".
    path("search/", include("search.urls")),
    # Before the departments' catch-all "<slug>/", which would take "open-data/".
    path("open-data/", include("opendata.urls")),
    # Before departments.urls, whose "<slug>/" would otherwise take these addresses.
    path("", include("accessibility.urls")),
    path("", include("feedback.urls")),
    path("", include("departments.urls")),
    prefix_default_language=True,
)

handler400 = "serving.errors.bad_request"
handler403 = "serving.errors.permission_denied"
handler404 = "serving.errors.page_not_found"
# A database outage answers 503 in the visitor's language (serving/views.py).
handler500 = "serving.views.server_error"
