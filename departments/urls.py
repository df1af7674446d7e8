from django.urls import path

from departments import views

app_name = "departments"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<slug:slug>/", views.DirectorateDetailView.as_view(), name="directorate"),
    path(
        "<slug:directorate_slug>/<slug:slug>/",
        views.DepartmentDetailView.as_view(),
        name="department",
    ),
]
