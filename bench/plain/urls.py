from django.urls import path

from bench.plain import views

urlpatterns = [path("<slug:slug>/", views.directorate), path("healthz", views.healthz)]
