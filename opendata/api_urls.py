"""/api/: version 1 of the open-data API, and a JSON 404 for every other address below it."""

from django.urls import path, re_path

from opendata import api

app_name = "opendata_api"

urlpatterns = [
    path("v1/openapi.json", api.openapi, name="openapi"),
    path("v1/directorates", api.directorate_list, name="directorates"),
    path("v1/directorates/<slug:slug>", api.directorate_detail, name="directorate"),
    path("v1/departments", api.department_list, name="departments"),
    path("v1/departments/<int:pk>", api.department_detail, name="department"),
    # [\s\S], not ".": a path may contain an encoded newline, and it must get JSON too.
    re_path(r"^(?P<rest>[\s\S]*)$", api.not_found, name="not-found"),
]
