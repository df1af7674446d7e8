from django.urls import path

from accessibility import views

app_name = "accessibility"

urlpatterns = [
    path("accessibility/", views.StatementView.as_view(), name="statement"),
]
