"""Public pages: the site's home, a directorate, a department, and "/" sending visitors to it."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers
from django.views.generic import DetailView, ListView

from departments.models import Department, Directorate, shown_languages_only
from serving.pagecache import cache_public_page


@method_decorator(cache_public_page, name="dispatch")
class HomeView(ListView):
    """The list of directorates, each with its departments."""

    template_name = "departments/home.html"
    context_object_name = "directorates"

    def get_queryset(self):
        return Directorate.objects.for_page(shown_only=True)


@method_decorator(cache_public_page, name="dispatch")
class DirectorateDetailView(DetailView):
    # The directorate alone: its departments are fetched by the stored fragments that show them,
    # and only when one has to be built (Directorate.load_page_relations).
    context_object_name = "directorate"

    def get_queryset(self):
        return shown_languages_only(Directorate.objects.all())


@method_decorator(cache_public_page, name="dispatch")
class DepartmentDetailView(DetailView):
    context_object_name = "department"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Department.objects.for_page(shown_only=True).select_related("directorate"),
            directorate__slug=self.kwargs["directorate_slug"],
            slug=self.kwargs["slug"],
        )


@vary_on_headers("Accept-Language")
def root_redirect(request):
    """Redirect ``/`` to the home page in the visitor's preferred language."""
    language = translation.get_language_from_request(request, check_path=False)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return HttpResponseRedirect(reverse("departments:home"))
