"""Open-data pages inside the language prefix: /<lang>/open-data/..."""

from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.OpenDataView.as_view(), name="index"),
    path("directory.csv", views.directory, name="directory"),
    path("changes.atom", views.changes_feed, name="changes"),
    path(
        "contacts/<slug:directorate_slug>/<slug:slug>.vcf",
        views.vcard,
        name="vcard",
    ),
]
