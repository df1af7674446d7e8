from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.submit, name="submit"),
    path("feedback/thanks/", views.thanks, name="thanks"),
]
