"""URL wiring: language-prefixed public pages, the admin, and the language-neutral root."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from integration_site import views

urlpatterns = [
    # "/" sends visitors to their language (Accept-Language, Greek by default).
    path("", views.root_redirect, name="root"),
    path("", include("seo.urls")),
]

urlpatterns += i18n_patterns(
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    # Before departments.urls, whose "<slug>/" would otherwise take these addresses.
    path("", include("accessibility.urls")),
    path("", include("feedback.urls")),
    path("", include("departments.urls")),
    prefix_default_language=True,
)

handler400 = "integration_site.views.bad_request"
handler403 = "integration_site.views.permission_denied"
handler404 = "integration_site.views.page_not_found"
handler500 = "integration_site.views.server_error"
