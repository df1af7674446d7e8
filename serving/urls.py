"""Probes outside the language prefix: orchestrators do not speak Greek or English."""

from django.urls import path

from serving import views

app_name = "serving"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
